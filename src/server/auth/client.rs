//! The portal's caller: a client signed in with a password (every firm where their
//! email has account access), a client who opened a secret link (that one client
//! record), or staff previewing one of their clients (read-only). Re-checked on
//! every request, so removing access, rotating or expiring a link acts at once.
use super::identity::Staff;
use super::{SESSION_CLIENT_EMAIL, SESSION_CLIENT_LINK, SESSION_STAFF};
use crate::model::sharing::AccessType;
use crate::model::AppError;
use crate::server::db::{Db, now_ms};
use crate::server::{internal, state};
use crate::server::repo::visibility::CallerCovered;
use std::sync::Arc;
use tokio::sync::OnceCell;
use tower_sessions::Session;

/// One client record (one firm) the caller acts as.
#[derive(Debug, Clone)]
pub struct ClientRecord {
    pub id: String,
    pub workspace_id: String,
    pub name: String,
}

/// A portal caller.
#[derive(Debug, Clone)]
pub struct PortalClient {
    email: String,
    via: AccessType,
    records: Vec<ClientRecord>,
    /// The staff member previewing, if any.
    preview: Option<Staff>,
    /// What this caller may see, computed at most once per request.
    covered: Arc<OnceCell<CallerCovered>>,
}

impl PortalClient {
    /// The client's email.
    pub fn email(&self) -> &str {
        &self.email
    }
    /// How the client came in.
    pub fn via(&self) -> AccessType {
        self.via
    }
    /// The client records (one per firm) whose grants apply.
    pub fn records(&self) -> &[ClientRecord] {
        &self.records
    }
    /// True when staff are previewing: nothing is logged or changed.
    pub fn is_preview(&self) -> bool {
        self.preview.is_some()
    }
    /// The staff member previewing (they see only what they may see themselves).
    pub fn previewer(&self) -> Option<&Staff> {
        self.preview.as_ref()
    }
    /// The cell that keeps what this caller may see for the rest of the request
    /// (filled by `repo::visibility::covered_for`, the one place that decides it).
    pub fn covered_cell(&self) -> &OnceCell<CallerCovered> {
        &self.covered
    }
}

type RecordRow = (String, String, String);

fn records(rows: Vec<RecordRow>) -> Vec<ClientRecord> {
    rows.into_iter().map(|(id, workspace_id, name)| ClientRecord { id, workspace_id, name }).collect()
}

/// The client signed in with a password as `email`, if that still gives access.
pub async fn load_account(db: &Db, email: &str) -> Result<Option<PortalClient>, AppError> {
    let rows: Vec<RecordRow> = sqlx::query_as(
        "SELECT c.id, c.workspace_id, c.name FROM clients c \
         WHERE c.email = $1 AND c.access_type = 'account' \
           AND EXISTS (SELECT 1 FROM client_logins l WHERE l.email = c.email) ORDER BY c.created_at",
    )
    .bind(email)
    .fetch_all(&db.pool)
    .await?;
    if rows.is_empty() {
        return Ok(None);
    }
    Ok(Some(PortalClient { email: email.to_string(), via: AccessType::Account, records: records(rows), preview: None, covered: Default::default() }))
}

/// The client whose live, unexpired secret link has hash `link_hash`.
pub async fn load_link(db: &Db, link_hash: &str) -> Result<Option<PortalClient>, AppError> {
    let row: Option<(String, String, String, String)> = sqlx::query_as(
        "SELECT id, workspace_id, name, email FROM clients WHERE link_hash = $1 AND access_type = 'link' \
         AND (link_expires_at IS NULL OR link_expires_at > $2)",
    )
    .bind(link_hash)
    .bind(now_ms())
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(|(id, workspace_id, name, email)| PortalClient {
        email,
        via: AccessType::Link,
        records: vec![ClientRecord { id, workspace_id, name }],
        preview: None,
        covered: Default::default(),
    }))
}

/// The signed-in client of this request, or `Unauthorized` (resolved once per
/// request; a session whose access is gone has been ended).
pub async fn require_client() -> Result<PortalClient, AppError> {
    match super::caller::current().await? {
        super::caller::Caller::Client(c) => Ok(c),
        _ => Err(AppError::Unauthorized),
    }
}

/// Staff previewing client `client_id` of their workspace: the same caller type the
/// portal code takes, for that one record, marked read-only.
pub async fn preview(db: &Db, staff: &Staff, client_id: &str) -> Result<PortalClient, AppError> {
    let row: Option<(String, String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT id, workspace_id, name, email, access_type FROM clients WHERE id = $1 AND workspace_id = $2",
    )
    .bind(client_id)
    .bind(staff.workspace_id())
    .fetch_optional(&db.pool)
    .await?;
    let (id, workspace_id, name, email, access) = row.ok_or(AppError::NotFound)?;
    Ok(PortalClient {
        email,
        via: access.as_deref().and_then(AccessType::parse).unwrap_or(AccessType::Account),
        records: vec![ClientRecord { id, workspace_id, name }],
        preview: Some(staff.clone()),
        covered: Default::default(),
    })
}

/// The portal's caller: with `preview_of`, staff previewing that client; otherwise
/// the signed-in client.
pub async fn portal_caller(preview_of: Option<String>) -> Result<PortalClient, AppError> {
    match preview_of.filter(|p| !p.is_empty()) {
        Some(client_id) => {
            let staff = super::require_staff().await?;
            preview(&state()?.db, &staff, &client_id).await
        }
        None => require_client().await,
    }
}

/// Starts a fresh client session (any staff or other client sign-in on it ends).
pub async fn sign_in(session: &Session, key: &'static str, value: String) -> Result<(), AppError> {
    session.cycle_id().await.map_err(|e| internal("session cycle", e))?;
    for k in [SESSION_STAFF, SESSION_CLIENT_EMAIL, SESSION_CLIENT_LINK] {
        let _ = session.remove::<String>(k).await.map_err(|e| internal("session write", e))?;
    }
    session.insert(key, value).await.map_err(|e| internal("session write", e))?;
    super::caller::forget_current().await;
    Ok(())
}

/// Ends `session` (staff or client); true when it was a client's (account or secret
/// link, live or not), whose browser should then forget what it kept of the portal.
pub async fn sign_out(session: &Session) -> Result<bool, AppError> {
    let mut client = false;
    for key in [SESSION_CLIENT_EMAIL, SESSION_CLIENT_LINK] {
        client |= matches!(session.get::<String>(key).await, Ok(Some(_)));
    }
    session.flush().await.map_err(|e| internal("session flush", e))?;
    Ok(client)
}
