//! The callers. A `Staff` can only be made here, from a live session of an active
//! staff member; repositories take it and scope every query by its workspace.
use super::SESSION_STAFF;
use crate::model::people::Role;
use crate::model::AppError;
use crate::server::db::Db;
use tower_sessions::Session;

/// A signed-in, active staff member of one workspace.
#[derive(Debug, Clone)]
pub struct Staff {
    id: String,
    workspace_id: String,
    role: Role,
}

impl Staff {
    /// The staff member's id.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// The workspace every query of this caller is scoped to.
    pub fn workspace_id(&self) -> &str {
        &self.workspace_id
    }
    /// True for workspace admins.
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }
}

/// A signed-in workspace admin.
#[derive(Debug, Clone)]
pub struct Admin(Staff);

impl Admin {
    /// The admin as a staff member.
    pub fn staff(&self) -> &Staff {
        &self.0
    }
}

/// Loads the active staff member with id `staff_id`.
pub async fn load_staff(db: &Db, staff_id: &str) -> Result<Option<Staff>, AppError> {
    let row: Option<(String, String, String)> =
        sqlx::query_as("SELECT id, workspace_id, role FROM staff WHERE id = $1 AND active = 1")
            .bind(staff_id)
            .fetch_optional(&db.pool)
            .await?;
    Ok(row.map(|(id, workspace_id, role)| Staff {
        id,
        workspace_id,
        role: Role::parse(&role).unwrap_or(Role::Member),
    }))
}

/// The current request's session.
pub async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>()
        .await
        .map_err(|e| crate::server::internal("session layer missing", e))
}

/// The calling staff member, or `Unauthorized` (resolved once per request).
pub async fn require_staff() -> Result<Staff, AppError> {
    match super::caller::current().await? {
        super::caller::Caller::Staff(s) => Ok(s),
        _ => Err(AppError::Unauthorized),
    }
}

/// The calling workspace admin; a member gets `NotFound` (admin pages do not exist for them).
pub async fn require_admin() -> Result<Admin, AppError> {
    let s = require_staff().await?;
    if s.is_admin() { Ok(Admin(s)) } else { Err(AppError::NotFound) }
}

/// Signs `staff_id` in on this session, with a fresh session id (ending any client sign-in).
pub async fn sign_in(session: &Session, staff_id: &str) -> Result<(), AppError> {
    super::client::sign_in(session, SESSION_STAFF, staff_id.to_string()).await
}

/// The demo seed acts as the workspace's first admin.
pub(crate) fn admin_for_seed(staff: Staff) -> Admin {
    Admin(staff)
}
