//! Offline reading of the client's portal: the service worker and its page script,
//! and the marks that tell the worker what it may keep.
//!
//! - `GET /portal/sw.js`: the worker, scoped to `/portal` (`Service-Worker-Allowed`),
//!   revalidated on every check (`no-cache`) so a new build reaches phones at once.
//! - `GET /portal/offline.js`: the page side (banner, offline links, drafts cleared
//!   at sign-out), also `no-cache`.
//! - `X-Portico-Offline: keep` on a signed-in client's own portal pages (200 HTML):
//!   the only answers the worker saves. Staff pages and a staff preview never get
//!   it, and are outside the worker's scope anyway.
//!   A shared matter's page names its new-ticket page in `X-Portico-Offline-Also`,
//!   kept with it so a ticket can be started offline.
//! - `X-Portico-Offline: clear` on the portal's sign-in pages: the worker deletes
//!   every saved page (signed out, session gone, another client on this device).
//! - `/portal/offline` (the page shown for a page never saved) says its language
//!   in `Content-Language`, so the worker can keep it in the client's.
use super::AppState;
use super::auth::caller::{Caller, CallerSlot};
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Where the worker is served.
pub const WORKER_PATH: &str = "/portal/sw.js";
/// Where the page script is served.
pub const SCRIPT_PATH: &str = "/portal/offline.js";
/// The page shown offline for a page never saved.
pub const OFFLINE_PAGE: &str = "/portal/offline";
/// The header that tells the worker what to do with an answer.
pub const MARK: HeaderName = HeaderName::from_static("x-portico-offline");
/// On a kept page: another page to keep with it (if not kept already).
pub const ALSO: HeaderName = HeaderName::from_static("x-portico-offline-also");

const WORKER: &str = include_str!("sw.js");
const SCRIPT: &str = include_str!("offline.js");

fn script(body: &'static str, scope: bool) -> Response {
    let mut r = ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")], body)
        .into_response();
    if scope {
        r.headers_mut().insert("service-worker-allowed", HeaderValue::from_static("/portal"));
    }
    r
}

/// The service worker.
pub async fn worker() -> Response {
    script(WORKER, true)
}

/// The page script.
pub async fn page_script() -> Response {
    script(SCRIPT, false)
}

/// True for the portal's sign-in pages (public, where a client arrives signed out).
pub fn is_sign_in_page(path: &str) -> bool {
    matches!(path, "/portal/login" | "/portal/forgot" | "/portal/link-invalid") || path.starts_with("/portal/password/")
}

/// Middleware: marks what the worker may keep (a client's own portal pages) and
/// where it must forget (sign-in pages); names the offline page's language.
pub async fn mark(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let client_page = super::auth::page_guard::is_client_page(&path);
    let slot = req.extensions().get::<CallerSlot>().cloned();
    let locale = (path == OFFLINE_PAGE).then(|| super::locale::locale_from_headers(req.headers()));
    let mut resp = next.run(req).await;
    let html = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if client_page && html && resp.status() == StatusCode::OK {
        // The page guard has resolved the caller already: no query here.
        if let Some(slot) = slot {
            if let Ok(Caller::Client(_)) = slot.get(&state).await {
                resp.headers_mut().insert(MARK, HeaderValue::from_static("keep"));
                if let Some(also) = kept_with(&path).and_then(|p| HeaderValue::from_str(&p).ok()) {
                    resp.headers_mut().insert(ALSO, also);
                }
            }
        }
    } else if is_sign_in_page(&path) {
        resp.headers_mut().insert(MARK, HeaderValue::from_static("clear"));
    } else if let Some(l) = locale {
        let tag = HeaderValue::from_static(leptos_i18n::Locale::as_str(l));
        resp.headers_mut().insert(header::CONTENT_LANGUAGE, tag);
    }
    resp
}

/// The header that makes a browser delete what the site stored.
pub const CLEAR_SITE_DATA: HeaderName = HeaderName::from_static("clear-site-data");
/// Its value for the worker, its saved pages and the drafts (not cookies, not the
/// HTTP cache of immutable assets).
pub const CLEAR_STORAGE: &str = "\"storage\"";

/// On the current server fn's answer: `Clear-Site-Data: "storage"` (a client signing out).
pub fn clear_site_data() {
    if let Some(r) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        r.insert_header(CLEAR_SITE_DATA, HeaderValue::from_static(CLEAR_STORAGE));
    }
}

/// For a shared matter's page, the page the worker keeps with it: its new-ticket
/// form, so a ticket can be started offline.
pub fn kept_with(path: &str) -> Option<String> {
    let id = path.strip_prefix("/portal/m/")?;
    (!id.is_empty() && !id.contains('/')).then(|| format!("/portal/m/{id}/new-ticket"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_new_ticket_form_is_kept_with_its_matter() {
        assert_eq!(super::kept_with("/portal/m/abc").as_deref(), Some("/portal/m/abc/new-ticket"));
        for p in ["/portal/m/", "/portal/m/abc/new-ticket", "/portal/tickets", "/portal"] {
            assert_eq!(super::kept_with(p), None, "{p}");
        }
    }

    #[test]
    fn sign_in_pages() {
        for p in ["/portal/login", "/portal/forgot", "/portal/link-invalid", "/portal/password/abc"] {
            assert!(super::is_sign_in_page(p), "{p}");
        }
        for p in ["/portal", "/portal/m/x", "/login", "/portal/offline", "/portal/loginx"] {
            assert!(!super::is_sign_in_page(p), "{p}");
        }
    }
}
