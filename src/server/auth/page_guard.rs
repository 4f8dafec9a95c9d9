//! Staff pages answer anonymous visitors with a redirect to /login, and the client's
//! portal pages with one to /portal/login, before any rendering: no page is ever
//! rendered for nobody.
use super::identity::load_staff;
use super::client::from_session;
use super::SESSION_STAFF;
use crate::server::AppState;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

/// True for paths that only signed-in staff may open.
fn is_staff_page(path: &str) -> bool {
    path == "/"
        || ["/matters", "/clients", "/settings"]
            .iter()
            .any(|p| path == *p || path.starts_with(&format!("{p}/")))
}

/// True for the portal pages only a signed-in client may open.
fn is_client_page(path: &str) -> bool {
    path == "/portal"
        || path == "/portal/contact"
        || path == "/portal/tickets"
        || path.starts_with("/portal/m/")
        || path.starts_with("/portal/tickets/")
}

/// Middleware: redirects to /login when a staff page is asked for without a live session.
pub async fn staff_pages(State(state): State<AppState>, session: Session, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if is_client_page(path) {
        // The same check the portal's server fns make (and a dead session ends).
        let ok = from_session(&state.db, &session).await.is_ok();
        return if ok { next.run(req).await } else { Redirect::to("/portal/login").into_response() };
    }
    if !is_staff_page(path) {
        return next.run(req).await;
    }
    let id: Option<String> = session.get(SESSION_STAFF).await.ok().flatten();
    let active = match id {
        Some(id) => matches!(load_staff(&state.db, &id).await, Ok(Some(_))),
        None => false,
    };
    if active { next.run(req).await } else { Redirect::to("/login").into_response() }
}

#[cfg(test)]
mod tests {
    #[test]
    fn staff_pages() {
        for p in ["/", "/matters", "/matters/abc", "/clients/new", "/settings/staff"] {
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
