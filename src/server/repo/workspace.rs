//! Workspaces (firms) and their first admin.
use crate::model::fields::{Email, TITLE_MAX, new_password, required_text};
use crate::model::AppError;
use crate::server::auth::password;
use crate::server::db::{Db, is_unique_violation, new_id, now_ms};

/// What a new workspace needs.
#[derive(Debug, Clone)]
pub struct NewWorkspace {
    pub workspace_name: String,
    pub admin_name: String,
    pub admin_email: String,
    pub admin_password: String,
}

/// The ids of a workspace just made.
#[derive(Debug, Clone)]
pub struct CreatedWorkspace {
    pub workspace_id: String,
    pub admin_id: String,
}

/// True when no workspace exists yet (first run).
pub async fn is_empty<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(db: E) -> Result<bool, AppError> {
    let hit: Option<(String,)> = sqlx::query_as("SELECT id FROM workspaces LIMIT 1").fetch_optional(db).await?;
    Ok(hit.is_none())
}

/// The workspace with id `key`, or else the one named exactly `key` (for the
/// command line); two workspaces of that name: a conflict (use the id).
pub async fn find(db: &Db, key: &str) -> Result<Option<String>, AppError> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT id FROM workspaces WHERE id = $1 OR name = $1 ORDER BY CASE WHEN id = $1 THEN 0 ELSE 1 END")
        .bind(key.trim())
        .fetch_all(&db.pool)
        .await?;
    match rows.as_slice() {
        [] => Ok(None),
        [(id,)] => Ok(Some(id.clone())),
        [(id, ), ..] if id == key.trim() => Ok(Some(id.clone())),
        _ => Err(AppError::conflict("workspace", "name_taken")),
    }
}

/// Creates a workspace and its first admin. With `only_if_first`, refuses (NotFound)
/// when any workspace exists, checked inside the write transaction.
pub async fn create(db: &Db, input: NewWorkspace, only_if_first: bool) -> Result<CreatedWorkspace, AppError> {
    let ws_name = required_text("workspace_name", &input.workspace_name, TITLE_MAX)?;
    let admin_name = required_text("name", &input.admin_name, TITLE_MAX)?;
    let email = Email::parse("email", &input.admin_email)?;
    let pw = new_password("password", &input.admin_password)?;
    // Check first (without the cost of a hash), hash, then check again in the write.
    if only_if_first && !is_empty(&db.pool).await? {
        return Err(AppError::NotFound);
    }
    let hash = password::hash(pw).await?;
    let mut tx = db.begin().await?;
    if only_if_first && !is_empty(&mut *tx).await? {
        return Err(AppError::NotFound);
    }
    let ws = new_id();
    let admin = new_id();
    let now = now_ms();
    sqlx::query("INSERT INTO workspaces (id, name, created_at) VALUES ($1, $2, $3)")
        .bind(&ws)
        .bind(&ws_name)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO staff (id, workspace_id, email, name, password_hash, role, active, created_at) \
         VALUES ($1, $2, $3, $4, $5, 'admin', 1, $6)",
    )
    .bind(&admin)
    .bind(&ws)
    .bind(email.as_str())
    .bind(&admin_name)
    .bind(&hash)
    .bind(now)
    .execute(&mut *tx)
    .await
    .map_err(|e| if is_unique_violation(&e) { AppError::conflict("email", "email_taken") } else { e.into() })?;
    super::glossary::give_starter(&mut tx, &ws).await?;
    tx.commit().await?;
    Ok(CreatedWorkspace { workspace_id: ws, admin_id: admin })
}
