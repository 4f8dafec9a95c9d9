//! The address of the person behind a request, for rate limits. Behind a reverse
//! proxy every request comes from the proxy, so the forwarding headers it adds are
//! believed, but only when the peer is one of `PORTICO_TRUSTED_PROXIES` (addresses or
//! networks, comma-separated; none by default): anyone else could write them.
use ipnet::IpNet;
use std::net::IpAddr;

/// The trusted proxies of a setting like `"10.0.0.1, 172.16.0.0/12"`; unreadable
/// entries are an error naming them.
pub fn parse_trusted(setting: &str) -> Result<Vec<IpNet>, String> {
    setting
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.parse::<IpNet>().or_else(|_| s.parse::<IpAddr>().map(IpNet::from)).map_err(|_| format!("not an address or network: {s:?}")))
        .collect()
}

/// The client's address: `peer` itself, unless `peer` is a trusted proxy; then the
/// nearest address in `Forwarded` (`for=`) or else `X-Forwarded-For` that is not a
/// trusted proxy, read from the right (the left part is the client's to write).
pub fn resolve(peer: IpAddr, headers: &axum::http::HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|n| n.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let chain = forwarded_chain(headers);
    let mut last = peer;
    for ip in chain.into_iter().rev() {
        if !is_trusted(&ip) {
            return ip;
        }
        last = ip;
    }
    last
}

/// Addresses of the forwarding headers, left (client) to right (nearest proxy).
fn forwarded_chain(headers: &axum::http::HeaderMap) -> Vec<IpAddr> {
    let all = |name: &str| headers.get_all(name).iter().filter_map(|v| v.to_str().ok()).collect::<Vec<_>>().join(",");
    let forwarded = all("forwarded");
    if !forwarded.is_empty() {
        return forwarded
            .split(',')
            .filter_map(|elem| elem.split(';').find_map(|p| p.trim().strip_prefix("for=").or_else(|| p.trim().strip_prefix("For="))))
            .filter_map(|v| parse_node(v.trim_matches('"')))
            .collect();
    }
    all("x-forwarded-for").split(',').filter_map(|v| parse_node(v.trim())).collect()
}

/// `192.0.2.1`, `192.0.2.1:8080`, `[2001:db8::1]:443` or `2001:db8::1`.
fn parse_node(v: &str) -> Option<IpAddr> {
    if let Ok(ip) = v.parse() {
        return Some(ip);
    }
    if let Some(rest) = v.strip_prefix('[') {
        return rest.split(']').next()?.parse().ok();
    }
    v.rsplit_once(':').and_then(|(h, _)| h.parse().ok())
}

/// The calling client's address inside a server fn (None outside a request).
pub async fn current() -> Option<IpAddr> {
    let peer = leptos_axum::extract::<axum::extract::ConnectInfo<std::net::SocketAddr>>().await.ok()?.0.ip();
    let headers = leptos_axum::extract::<axum::http::HeaderMap>().await.ok()?;
    let trusted = crate::server::state().ok().map(|s| s.trusted_proxies.clone()).unwrap_or_default();
    Some(resolve(peer, &headers, &trusted))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderMap;

    fn h(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut m = HeaderMap::new();
        for (k, v) in pairs {
            m.append(axum::http::HeaderName::from_bytes(k.as_bytes()).unwrap(), v.parse().unwrap());
        }
        m
    }

    #[test]
    fn forwarding_headers_count_only_from_trusted_proxies() {
        let proxy: IpAddr = "10.0.0.5".parse().unwrap();
        let trusted = parse_trusted("10.0.0.0/24, ::1").unwrap();
        let xff = h(&[("x-forwarded-for", "203.0.113.9, 198.51.100.7")]);
        // Not behind a trusted proxy: the header is the caller's own words.
        assert_eq!(resolve("198.51.100.1".parse().unwrap(), &xff, &trusted), "198.51.100.1".parse::<IpAddr>().unwrap());
        // Behind one: the nearest untrusted address, not the (forgeable) leftmost.
        assert_eq!(resolve(proxy, &xff, &trusted), "198.51.100.7".parse::<IpAddr>().unwrap());
        let two = h(&[("x-forwarded-for", "203.0.113.9, 10.0.0.7")]);
        assert_eq!(resolve(proxy, &two, &trusted), "203.0.113.9".parse::<IpAddr>().unwrap());
        let fwd = h(&[("forwarded", "for=192.0.2.60;proto=http;by=10.0.0.5, for=\"[2001:db8::17]:4711\"")]);
        assert_eq!(resolve(proxy, &fwd, &trusted), "2001:db8::17".parse::<IpAddr>().unwrap());
        assert_eq!(resolve(proxy, &HeaderMap::new(), &trusted), proxy);
        assert_eq!(resolve(proxy, &xff, &[]), proxy, "nothing trusted by default");
        assert!(parse_trusted("10.0.0.1, nonsense").is_err());
        assert_eq!(parse_trusted("").unwrap(), vec![]);
    }
}
