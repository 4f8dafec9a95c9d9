//! Staff pages answer anonymous visitors with a redirect to /login before any
//! rendering, so no page is ever rendered for nobody.
use super::identity::load_staff;
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

/// Middleware: redirects to /login when a staff page is asked for without a live session.
pub async fn staff_pages(State(state): State<AppState>, session: Session, req: Request, next: Next) -> Response {
    if !is_staff_page(req.uri().path()) {
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
        for p in ["/login", "/setup", "/api/login", "/pkg/portico.js", "/mattersx", "/favicon.svg"] {
            assert!(!super::is_staff_page(p), "{p}");
        }
    }
}
