//! Refuses cross-site requests that change data: browsers say where a request comes
//! from in `Sec-Fetch-Site`; older ones only in `Origin`.
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Middleware: lets a non-GET request through only when it is same-origin.
pub async fn same_origin_only(req: Request<Body>, next: Next) -> Response {
    if req.method() == Method::GET || req.method() == Method::HEAD || is_same_origin(&req) {
        next.run(req).await
    } else {
        tracing::warn!(path = %req.uri().path(), "cross-site request refused");
        (StatusCode::FORBIDDEN, "cross-site request refused").into_response()
    }
}

fn is_same_origin(req: &Request<Body>) -> bool {
    let h = req.headers();
    if let Some(site) = h.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return site == "same-origin" || site == "none";
    }
    match h.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        // Not a browser (or a very old one): nothing to forge a cookie with.
        None => true,
        Some(origin) => {
            let host = h.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("");
            let origin_host = origin.split("://").nth(1).unwrap_or("");
            !host.is_empty() && origin_host == host
        }
    }
}
