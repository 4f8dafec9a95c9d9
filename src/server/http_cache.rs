//! How long browsers and proxies may keep each answer (`Cache-Control`).
//!
//! - Hashed assets (`/pkg/portico.<hash>.wasm`, made by cargo-leptos `hash-files`):
//!   `public, max-age=31536000, immutable`. A new build has new names.
//! - Other files of the site (favicon, unhashed pkg files of a dev build):
//!   `public, max-age=3600` for public assets, `no-cache` under /pkg.
//! - Everything else (HTML pages, server fn answers, redirects, errors): `no-store`.
//!   Pages hold a client's or a firm's data: never kept by shared caches or on disk.
//!
//! An answer that already says how it may be cached (downloads) keeps its header.
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;

/// Cache-Control of hashed, never-changing assets.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Cache-Control of pages and data.
pub const NO_STORE: &str = "no-store";

/// True for a cargo-leptos hashed asset name: `/pkg/<name>.<hash>.<ext>`, the hash
/// being at least 16 characters of URL-safe base64.
pub fn is_hashed_asset(path: &str) -> bool {
    let Some(file) = path.strip_prefix("/pkg/") else { return false };
    if file.contains('/') {
        return false;
    }
    let parts: Vec<&str> = file.split('.').collect();
    parts.len() >= 3 && {
        let hash = parts[parts.len() - 2];
        hash.len() >= 16 && hash.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    }
}

/// True for a static file name (an extension other than .html), outside the app's routes.
fn is_static_file(path: &str) -> bool {
    if path.starts_with("/api/") || path.starts_with("/files/") {
        return false;
    }
    let last = path.rsplit('/').next().unwrap_or("");
    matches!(last.rsplit_once('.'), Some((stem, ext)) if !stem.is_empty() && ext != "html")
}

/// The Cache-Control value for an answer to `path` with `status` and `content_type`.
pub fn policy(path: &str, status: StatusCode, content_type: &str) -> &'static str {
    let ok = status.is_success() || status == StatusCode::NOT_MODIFIED;
    if !ok || content_type.starts_with("text/html") {
        NO_STORE
    } else if is_hashed_asset(path) {
        IMMUTABLE
    } else if path.starts_with("/pkg/") {
        "no-cache"
    } else if is_static_file(path) {
        "public, max-age=3600"
    } else {
        NO_STORE
    }
}

/// Middleware: sets Cache-Control on every answer that has none.
pub async fn cache_control(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let mut resp = next.run(req).await;
    if !resp.headers().contains_key(header::CACHE_CONTROL) {
        let ct = resp.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
        let value = policy(&path, resp.status(), ct);
        resp.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names() {
        assert!(is_hashed_asset("/pkg/portico.JrV3aQx9b0Yc2dE4fG5hIw.wasm"));
        assert!(is_hashed_asset("/pkg/portico.JrV3aQx9b0Yc2dE4fG5h_w.js"));
        for p in ["/pkg/portico.wasm", "/pkg/portico.css", "/favicon.svg", "/pkg/a/b.JrV3aQx9b0Yc2dE4fG5hIw.js", "/portal/m/JrV3aQx9b0Yc2dE4fG5hIw.x"] {
            assert!(!is_hashed_asset(p), "{p}");
        }
    }

    #[test]
    fn pages_and_data_are_never_stored() {
        assert_eq!(policy("/portal/m/abc", StatusCode::OK, "text/html; charset=utf-8"), NO_STORE);
        assert_eq!(policy("/api/portal_matter", StatusCode::OK, "application/json"), NO_STORE);
        assert_eq!(policy("/pkg/portico.JrV3aQx9b0Yc2dE4fG5hIw.wasm", StatusCode::NOT_FOUND, "text/plain"), NO_STORE);
        assert_eq!(policy("/matters", StatusCode::FOUND, ""), NO_STORE);
        assert_eq!(policy("/pkg/portico.JrV3aQx9b0Yc2dE4fG5hIw.wasm", StatusCode::OK, "application/wasm"), IMMUTABLE);
        assert_eq!(policy("/favicon.svg", StatusCode::OK, "image/svg+xml"), "public, max-age=3600");
        assert_eq!(policy("/pkg/portico.css", StatusCode::OK, "text/css"), "no-cache");
    }
}
