//! Who sent this request, resolved from the session at most once per request.
//!
//! A middleware puts an empty [`CallerSlot`] into every request; the first code that
//! asks (page guard, file route, server fn, or any resource rendered on the server
//! for that page) resolves the caller from the session and the database, and every
//! later question in the same request gets the same answer without a query. A new
//! request resolves again, so deactivating staff, removing a grant or rotating a link
//! acts on the very next request.
use super::client::{self, PortalClient};
use super::identity::{self, Staff};
use super::{SESSION_CLIENT_EMAIL, SESSION_CLIENT_LINK, SESSION_STAFF};
use crate::model::AppError;
use crate::server::{AppState, internal};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use std::sync::Arc;
use tokio::sync::Mutex;
use tower_sessions::Session;

/// The caller of one request.
#[derive(Debug, Clone)]
pub enum Caller {
    /// Nobody signed in (or the access behind the session is gone).
    Anonymous,
    /// An active staff member.
    Staff(Staff),
    /// A client with live access (password account or secret link).
    Client(PortalClient),
}

/// The request's caller, filled on first use. Cloned handles share one answer.
#[derive(Clone)]
pub struct CallerSlot {
    session: Session,
    resolved: Arc<Mutex<Option<Caller>>>,
}

impl CallerSlot {
    /// The caller, resolving it on the first call of this request.
    pub async fn get(&self, state: &AppState) -> Result<Caller, AppError> {
        let mut slot = self.resolved.lock().await;
        if let Some(c) = slot.as_ref() {
            return Ok(c.clone());
        }
        let caller = resolve(state, &self.session).await?;
        *slot = Some(caller.clone());
        Ok(caller)
    }

    /// Forgets the answer (after signing in or out within this request).
    pub async fn forget(&self) {
        *self.resolved.lock().await = None;
    }
}

/// Middleware: gives every request an empty caller slot (nothing is read yet).
pub async fn provide_slot(session: Session, mut req: Request, next: Next) -> Response {
    req.extensions_mut().insert(CallerSlot { session, resolved: Arc::new(Mutex::new(None)) });
    next.run(req).await
}

/// Reads the session and loads who it belongs to; a session whose access is gone
/// is ended. Counted in `state.metrics.caller_resolutions`.
async fn resolve(state: &AppState, session: &Session) -> Result<Caller, AppError> {
    state.metrics.caller_resolutions.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let read = |key: &'static str| {
        let s = session.clone();
        async move { s.get::<String>(key).await.map_err(|e| internal("session read", e)) }
    };
    let found = if let Some(id) = read(SESSION_STAFF).await? {
        identity::load_staff(&state.db, &id).await?.map(Caller::Staff)
    } else if let Some(email) = read(SESSION_CLIENT_EMAIL).await? {
        client::load_account(&state.db, &email).await?.map(Caller::Client)
    } else if let Some(hash) = read(SESSION_CLIENT_LINK).await? {
        client::load_link(&state.db, &hash).await?.map(Caller::Client)
    } else {
        return Ok(Caller::Anonymous);
    };
    match found {
        Some(c) => Ok(c),
        None => {
            // Deactivated, access removed, link rotated or expired: the session dies.
            let _ = session.flush().await;
            Ok(Caller::Anonymous)
        }
    }
}

/// The slot of the current request (server fns and server-side rendering).
pub async fn slot() -> Result<CallerSlot, AppError> {
    leptos_axum::extract::<axum::Extension<CallerSlot>>()
        .await
        .map(|e| e.0)
        .map_err(|e| internal("caller slot missing", e))
}

/// Forgets who the current request's caller is (after signing in or out), when the
/// request runs in Leptos (a server fn or a page). A plain axum handler has no
/// Leptos context, reads no caller after signing in, and answers with a redirect.
pub async fn forget_current() {
    if let Ok(slot) = leptos_axum::extract::<axum::Extension<CallerSlot>>().await {
        slot.0.forget().await;
    }
}

/// The caller of the current request (server fns and server-side rendering).
pub async fn current() -> Result<Caller, AppError> {
    let st = crate::server::state()?;
    slot().await?.get(&st).await
}
