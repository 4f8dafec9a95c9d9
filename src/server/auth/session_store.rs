//! tower-sessions store over our own database (either backend). Only a SHA-256 of
//! the session id is stored, so a database leak does not hand out live sessions.
use crate::server::db::{Db, now_ms};
use async_trait::async_trait;
use sha2::{Digest, Sha256};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};

/// Sessions in the `sessions` table.
/// A session ends after this long without use (`Expiry::OnInactivity`).
pub const SESSION_TTL_MS: i64 = 7 * 24 * 3_600_000;
/// A session in use is saved again (moving its end and the cookie's) at most this often.
pub const SLIDE_EVERY_MS: i64 = 3_600_000;
/// Set by `load` on a session last saved over `SLIDE_EVERY_MS` ago; `slide` removes it.
const STALE_KEY: &str = "_stale";

/// Middleware inside the session layer: tower-sessions saves only modified sessions,
/// so on its own `OnInactivity` would end every session 7 days after sign-in. A
/// session `load` marked stale is modified here (its marker removed, its expiry set
/// again), so it is saved with a new end date and its cookie sent with a new Max-Age.
pub async fn slide(session: tower_sessions::Session, req: axum::extract::Request, next: axum::middleware::Next) -> axum::response::Response {
    // Only where the session is read anyway (pages that need one, server fns), so an
    // asset request costs no session lookup.
    let path = req.uri().path();
    let reads_session = super::page_guard::is_guarded_page(path) || path.starts_with("/api/");
    if reads_session && matches!(session.get::<bool>(STALE_KEY).await, Ok(Some(true))) {
        let _ = session.remove::<bool>(STALE_KEY).await;
        session.set_expiry(Some(tower_sessions::Expiry::OnInactivity(tower_sessions::cookie::time::Duration::milliseconds(SESSION_TTL_MS))));
    }
    next.run(req).await
}

#[derive(Debug, Clone)]
pub struct DbSessionStore {
    db: Db,
}

impl DbSessionStore {
    /// A store over `db`.
    pub fn new(db: Db) -> Self {
        DbSessionStore { db }
    }

    /// Deletes expired sessions; returns how many.
    pub async fn delete_expired(&self) -> Result<u64, sqlx::Error> {
        let r = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(now_ms())
            .execute(&self.db.pool)
            .await?;
        Ok(r.rows_affected())
    }
}

/// Hex SHA-256 of a secret token.
pub fn token_hash(secret: &str) -> String {
    let d = Sha256::digest(secret.as_bytes());
    d.iter().map(|b| format!("{b:02x}")).collect()
}

fn backend(e: impl std::fmt::Display) -> session_store::Error {
    session_store::Error::Backend(e.to_string())
}

/// Whose session `r` is, from what sign-in wrote into it.
fn subject(r: &Record) -> Option<String> {
    if let Some(id) = r.data.get(super::SESSION_STAFF).and_then(|v| v.as_str()) {
        return Some(format!("staff:{id}"));
    }
    r.data.get(super::SESSION_CLIENT_EMAIL).and_then(|v| v.as_str()).map(|e| format!("client:{e}"))
}

/// The subject of a staff member's sessions.
pub fn staff_subject(staff_id: &str) -> String {
    format!("staff:{staff_id}")
}

/// The subject of a client account's sessions.
pub fn client_subject(email: &str) -> String {
    format!("client:{email}")
}

/// Ends every session of `subject` except `keep` (the caller's own).
pub async fn end_sessions(db: &Db, subject: &str, keep: Option<Id>) -> Result<u64, crate::model::AppError> {
    let keep = keep.map(|id| token_hash(&id.to_string())).unwrap_or_default();
    let r = sqlx::query("DELETE FROM sessions WHERE subject = $1 AND id_hash <> $2")
        .bind(subject)
        .bind(keep)
        .execute(&db.pool)
        .await?;
    Ok(r.rows_affected())
}

fn expiry_ms(r: &Record) -> i64 {
    (r.expiry_date.unix_timestamp_nanos() / 1_000_000) as i64
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        let data = serde_json::to_string(&record.data).map_err(|e| session_store::Error::Encode(e.to_string()))?;
        loop {
            let r = sqlx::query(
                "INSERT INTO sessions (id_hash, data, expires_at, subject) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (id_hash) DO NOTHING",
            )
            .bind(token_hash(&record.id.to_string()))
            .bind(&data)
            .bind(expiry_ms(record))
            .bind(subject(record))
            .execute(&self.db.pool)
            .await
            .map_err(backend)?;
            if r.rows_affected() == 1 {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let data = serde_json::to_string(&record.data).map_err(|e| session_store::Error::Encode(e.to_string()))?;
        sqlx::query(
            "INSERT INTO sessions (id_hash, data, expires_at, subject) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (id_hash) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at, subject = excluded.subject",
        )
        .bind(token_hash(&record.id.to_string()))
        .bind(data)
        .bind(expiry_ms(record))
        .bind(subject(record))
        .execute(&self.db.pool)
        .await
        .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let row: Option<(String, i64)> =
            sqlx::query_as("SELECT data, expires_at FROM sessions WHERE id_hash = $1 AND expires_at > $2")
                .bind(token_hash(&id.to_string()))
                .bind(now_ms())
                .fetch_optional(&self.db.pool)
                .await
                .map_err(backend)?;
        let Some((data, expires_at)) = row else { return Ok(None) };
        let mut data: std::collections::HashMap<String, serde_json::Value> =
            serde_json::from_str(&data).map_err(|e| session_store::Error::Decode(e.to_string()))?;
        if expires_at < now_ms() + SESSION_TTL_MS - SLIDE_EVERY_MS {
            data.insert(STALE_KEY.to_string(), serde_json::Value::Bool(true));
        }
        let expiry_date = time::OffsetDateTime::from_unix_timestamp_nanos(expires_at as i128 * 1_000_000)
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        Ok(Some(Record { id: *id, data, expiry_date }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
            .bind(token_hash(&id.to_string()))
            .execute(&self.db.pool)
            .await
            .map_err(backend)?;
        Ok(())
    }
}
