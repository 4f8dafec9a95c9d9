//! Login attempt limits per account and per client address (governor's GCRA).
//! In memory: with several instances each keeps its own count.
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::IpAddr;
use std::num::NonZeroU32;

/// The two limiters login checks before it looks at a password.
#[derive(Debug)]
pub struct LoginLimiter {
    by_account: DefaultKeyedRateLimiter<String>,
    by_address: DefaultKeyedRateLimiter<IpAddr>,
}

impl LoginLimiter {
    /// Allows `per_account` and `per_address` attempts a minute (bursts of that size).
    pub fn new(per_account: u32, per_address: u32) -> Self {
        let q = |n: u32| Quota::per_minute(NonZeroU32::new(n.max(1)).expect("non-zero"));
        LoginLimiter {
            by_account: RateLimiter::keyed(q(per_account)),
            by_address: RateLimiter::keyed(q(per_address)),
        }
    }

    /// Counts one attempt; false when either limit is exhausted.
    pub fn check(&self, account: &str, address: Option<IpAddr>) -> bool {
        let addr_ok = address.map(|a| self.by_address.check_key(&a).is_ok()).unwrap_or(true);
        let account_ok = self.by_account.check_key(&account.to_string()).is_ok();
        addr_ok && account_ok
    }

    /// Forgets keys whose limits have fully recovered (called periodically).
    pub fn sweep(&self) {
        self.by_account.retain_recent();
        self.by_address.retain_recent();
    }
}

#[cfg(test)]
mod tests {
    use super::LoginLimiter;
    use std::net::{IpAddr, Ipv4Addr};

    #[test]
    fn per_account_and_per_address() {
        let l = LoginLimiter::new(2, 3);
        let a = Some(IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1)));
        let b = Some(IpAddr::V4(Ipv4Addr::new(10, 0, 0, 2)));
        assert!(l.check("ana@x.example", a));
        assert!(l.check("ana@x.example", b));
        // Third try on the account is refused, from any address.
        assert!(!l.check("ana@x.example", b));
        // Address a has used 1 of 3; two other accounts fit, a fourth attempt does not.
        assert!(l.check("bia@x.example", a));
        assert!(l.check("caio@x.example", a));
        assert!(!l.check("davi@x.example", a));
        // Another address is unaffected.
        assert!(l.check("davi@x.example", b));
    }
}
