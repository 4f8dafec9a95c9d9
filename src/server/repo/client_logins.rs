//! Client passwords and the single-use tokens that set them (invitation, reset).
use crate::model::fields::new_password;
use crate::model::portal::TokenInfo;
use crate::model::AppError;
use crate::server::auth::{password, tokens};
use crate::server::db::{Db, Tx, now_ms};

/// How long an invitation link works.
pub const INVITE_TTL_MS: i64 = 7 * 24 * 3600 * 1000;
/// How long a password reset link works.
pub const RESET_TTL_MS: i64 = 2 * 3600 * 1000;

/// Issues a single-use token for `email`; returns the secret for the mail.
pub async fn issue(tx: &mut Tx, purpose: &str, email: &str, ttl_ms: i64) -> Result<String, AppError> {
    let (secret, hash) = tokens::new_secret();
    let now = now_ms();
    sqlx::query(
        "INSERT INTO client_tokens (hash, purpose, email, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(hash)
    .bind(purpose)
    .bind(email)
    .bind(now + ttl_ms)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(secret)
}

/// True when `email` has set a portal password.
pub async fn has_login<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(exec: E, email: &str) -> Result<bool, AppError> {
    let hit: Option<(String,)> =
        sqlx::query_as("SELECT email FROM client_logins WHERE email = $1").bind(email).fetch_optional(exec).await?;
    Ok(hit.is_some())
}

/// The stored password hash of `email`, for sign-in.
pub async fn password_hash(db: &Db, email: &str) -> Result<Option<String>, AppError> {
    let row: Option<(String,)> = sqlx::query_as("SELECT password_hash FROM client_logins WHERE email = $1")
        .bind(email)
        .fetch_optional(&db.pool)
        .await?;
    Ok(row.map(|r| r.0))
}

/// What a live (unused, unexpired) token is for; `NotFound` otherwise. Spends nothing.
pub async fn token_info(db: &Db, secret: &str) -> Result<TokenInfo, AppError> {
    let hash = tokens::hash_of(secret).ok_or(AppError::NotFound)?;
    let row: Option<(String, String)> = sqlx::query_as(
        "SELECT purpose, email FROM client_tokens WHERE hash = $1 AND used_at IS NULL AND expires_at > $2",
    )
    .bind(hash)
    .bind(now_ms())
    .fetch_optional(&db.pool)
    .await?;
    let (purpose, email) = row.ok_or(AppError::NotFound)?;
    Ok(TokenInfo { purpose, email })
}

/// Spends the token and sets the password of its email; returns the email.
pub async fn set_password(db: &Db, secret: &str, new: &str) -> Result<String, AppError> {
    let new = new_password("password", new)?;
    let hash = tokens::hash_of(secret).ok_or(AppError::NotFound)?;
    // An unknown, used or expired link costs one lookup, never a hash.
    let live: Option<(String,)> = sqlx::query_as("SELECT email FROM client_tokens WHERE hash = $1 AND used_at IS NULL AND expires_at > $2")
        .bind(&hash)
        .bind(now_ms())
        .fetch_optional(&db.pool)
        .await?;
    let (email,) = live.ok_or(AppError::NotFound)?;
    let password_hash = password::hash(new).await?;
    let mut tx = db.begin().await?;
    let now = now_ms();
    // Spent only if still live (another request may have spent it meanwhile).
    let spent = sqlx::query("UPDATE client_tokens SET used_at = $1 WHERE hash = $2 AND used_at IS NULL AND expires_at > $1")
        .bind(now)
        .bind(&hash)
        .execute(&mut *tx)
        .await?;
    if spent.rows_affected() != 1 {
        return Err(AppError::NotFound);
    }
    sqlx::query(
        "INSERT INTO client_logins (email, password_hash, created_at, updated_at) VALUES ($1, $2, $3, $3) \
         ON CONFLICT (email) DO UPDATE SET password_hash = excluded.password_hash, updated_at = excluded.updated_at",
    )
    .bind(&email)
    .bind(password_hash)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(email)
}

/// True when `email` is a client with account access somewhere (may reset a password).
pub async fn has_account_access(db: &Db, email: &str) -> Result<bool, AppError> {
    let hit: Option<(String,)> =
        sqlx::query_as("SELECT id FROM clients WHERE email = $1 AND access_type = 'account' LIMIT 1")
            .bind(email)
            .fetch_optional(&db.pool)
            .await?;
    Ok(hit.is_some())
}

/// Sets a password directly (the demo seed only; real clients use a token).
pub(crate) async fn set_password_for_seed(db: &Db, email: &str, password: &str) -> Result<(), AppError> {
    let hash = password::hash(password.to_string()).await?;
    let now = now_ms();
    sqlx::query("INSERT INTO client_logins (email, password_hash, created_at, updated_at) VALUES ($1, $2, $3, $3)")
        .bind(email)
        .bind(hash)
        .bind(now)
        .execute(&db.pool)
        .await?;
    Ok(())
}
