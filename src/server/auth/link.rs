//! Opening a secret link (`/l/{token}`): the token is exchanged for a session and
//! the browser lands on `/portal`, a URL without the token. Dead links land on a
//! page that says to ask the firm for a new one.
use super::client::{load_link, sign_in};
use super::tokens::hash_of;
use super::SESSION_CLIENT_LINK;
use crate::server::AppState;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

/// GET /l/{token}
pub async fn open(State(state): State<AppState>, session: Session, Path(token): Path<String>) -> Response {
    let to = match hash_of(&token) {
        Some(hash) => match load_link(&state.db, &hash).await {
            Ok(Some(_)) => match sign_in(&session, SESSION_CLIENT_LINK, hash).await {
                Ok(()) => "/portal",
                Err(_) => "/portal/link-invalid",
            },
            _ => "/portal/link-invalid",
        },
        None => "/portal/link-invalid",
    };
    ([(header::CACHE_CONTROL, "no-store")], Redirect::to(to)).into_response()
}
