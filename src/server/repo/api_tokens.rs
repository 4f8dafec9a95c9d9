//! A workspace's API tokens (the import endpoint's credentials). Admins make and
//! revoke them; the secret is returned once and only its SHA-256 is stored.
use crate::model::fields::required_text;
use crate::model::import::{ApiToken, NewApiToken, TOKEN_NAME_MAX, TOKENS_MAX};
use crate::model::AppError;
use crate::server::auth::Admin;
use crate::server::auth::tokens::{hash_of, new_secret};
use crate::server::db::{Db, new_id, now_ms};

/// What every token starts with, so that it is recognisable (secret scanners, logs).
pub const PREFIX: &str = "portico_";

type Row = (String, String, String, Option<String>, i64, Option<i64>, Option<i64>);

/// The workspace's tokens, newest first (revoked ones too).
pub async fn list(db: &Db, admin: &Admin) -> Result<Vec<ApiToken>, AppError> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT t.id, t.name, t.hint, s.name, t.created_at, t.last_used_at, t.revoked_at FROM api_tokens t \
         LEFT JOIN staff s ON s.id = t.created_by WHERE t.workspace_id = $1 ORDER BY t.created_at DESC, t.id DESC",
    )
    .bind(admin.staff().workspace_id())
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, hint, created_by, created_at, last_used_at, revoked_at)| ApiToken {
            id,
            name,
            hint,
            created_by,
            created_at,
            last_used_at,
            revoked_at,
        })
        .collect())
}

/// Makes a token named `name`; its secret is in the answer and nowhere else.
pub async fn create(db: &Db, admin: &Admin, name: &str) -> Result<NewApiToken, AppError> {
    let name = required_text("name", name, TOKEN_NAME_MAX)?;
    let staff = admin.staff();
    let mut tx = db.begin().await?;
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM api_tokens WHERE workspace_id = $1 AND revoked_at IS NULL")
        .bind(staff.workspace_id())
        .fetch_one(&mut *tx)
        .await?;
    if n >= TOKENS_MAX {
        return Err(AppError::invalid("name", "too_many"));
    }
    let (secret, hash) = new_secret();
    let id = new_id();
    sqlx::query(
        "INSERT INTO api_tokens (id, workspace_id, name, token_hash, hint, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(staff.workspace_id())
    .bind(&name)
    .bind(&hash)
    .bind(&secret[secret.len() - 4..])
    .bind(staff.id())
    .bind(now_ms())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(NewApiToken { id, secret: format!("{PREFIX}{secret}") })
}

/// Revokes token `id` of the admin's workspace (at once: the next request with it
/// is refused). Revoking a revoked token changes nothing.
pub async fn revoke(db: &Db, admin: &Admin, id: &str) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let found: Option<(Option<i64>,)> = sqlx::query_as("SELECT revoked_at FROM api_tokens WHERE id = $1 AND workspace_id = $2")
        .bind(id)
        .bind(admin.staff().workspace_id())
        .fetch_optional(&mut *tx)
        .await?;
    match found {
        None => return Err(AppError::NotFound),
        Some((Some(_),)) => return Ok(()),
        Some((None,)) => {}
    }
    sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2").bind(now_ms()).bind(id).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(())
}

/// The workspace a presented token belongs to, if it is one of ours and not revoked;
/// notes when it was last used.
pub async fn workspace_of(db: &Db, presented: &str) -> Result<Option<String>, AppError> {
    let Some(hash) = presented.strip_prefix(PREFIX).and_then(hash_of) else {
        return Ok(None);
    };
    let found: Option<(String, String)> =
        sqlx::query_as("SELECT id, workspace_id FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL")
            .bind(&hash)
            .fetch_optional(&db.pool)
            .await?;
    let Some((id, workspace_id)) = found else { return Ok(None) };
    sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2").bind(now_ms()).bind(&id).execute(&db.pool).await?;
    Ok(Some(workspace_id))
}
