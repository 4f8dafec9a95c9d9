//! Staff pages answer anonymous visitors with a redirect to /login, and the client's
//! portal pages with one to /portal/login, before any rendering: no page is ever
//! rendered for nobody.
use super::caller::{Caller, CallerSlot};
use crate::server::AppState;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;

/// Pages anyone may open (sign-in, setup, password links, the offline page). Every
/// other route of the app is a staff or a client page: `tests/api/auth.rs` walks the
/// route table and fails for a route in none of the three lists.
pub const PUBLIC_PAGES: &[&str] = &["/login", "/setup", "/portal/login", "/portal/forgot", "/portal/password/", "/portal/link-invalid", "/portal/offline"];

/// True for the pages that need someone signed in (staff or client).
pub fn is_guarded_page(path: &str) -> bool {
    is_client_page(path) || is_staff_page(path)
}

/// True for paths that only signed-in staff may open.
pub fn is_staff_page(path: &str) -> bool {
    path == "/"
        || ["/matters", "/clients", "/settings", "/tickets", "/preview"]
            .iter()
            .any(|p| path == *p || path.starts_with(&format!("{p}/")))
}

/// True for the portal pages only a signed-in client may open.
pub fn is_client_page(path: &str) -> bool {
    path == "/portal"
        || path == "/portal/contact"
        || path == "/portal/tickets"
        || path.starts_with("/portal/m/")
        || path.starts_with("/portal/tickets/")
}

/// Middleware: redirects to /login when a staff page is asked for without a live
/// session (and to /portal/login for client pages). The caller it resolves is the
/// one the page's server fns use: resolved once per request.
pub async fn staff_pages(State(state): State<AppState>, Extension(slot): Extension<CallerSlot>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let (client_page, staff_page) = (is_client_page(path), is_staff_page(path));
    if !client_page && !staff_page {
        return next.run(req).await;
    }
    let caller = slot.get(&state).await;
    match (caller, client_page) {
        (Ok(Caller::Client(_)), true) | (Ok(Caller::Staff(_)), false) => next.run(req).await,
        (Err(_), _) => axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        (_, true) => Redirect::to("/portal/login").into_response(),
        (_, false) => Redirect::to("/login").into_response(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn staff_pages() {
        for p in ["/", "/matters", "/matters/abc", "/clients/new", "/settings/staff", "/tickets", "/tickets/x", "/preview/c/m/x"] {
            assert!(super::is_staff_page(p), "{p}");
        }
        for p in ["/login", "/setup", "/api/login", "/pkg/portico.js", "/mattersx", "/favicon.svg", "/portal"] {
            assert!(!super::is_staff_page(p), "{p}");
        }
    }

    #[test]
    fn client_pages() {
        for p in ["/portal", "/portal/m/abc", "/portal/contact", "/portal/tickets", "/portal/tickets/x"] {
            assert!(super::is_client_page(p), "{p}");
        }
        for p in ["/portal/login", "/portal/forgot", "/portal/password/x", "/portal/link-invalid", "/l/x", "/"] {
            assert!(!super::is_client_page(p), "{p}");
        }
    }
}
