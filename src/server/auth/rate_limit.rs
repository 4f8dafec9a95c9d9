//! Sign-in (and other password) attempt limits per account and per client address,
//! counted in the database (a minute from each key's first attempt), so several
//! instances on one PostgreSQL share them (in-process counters would allow N times
//! the attempts with N instances). Keys are stored as SHA-256 (a key may hold an
//! email or a link token).
use crate::model::AppError;
use crate::server::db::{Db, now_ms};
use std::net::IpAddr;

const WINDOW_MS: i64 = 60_000;

/// The two limits checked before a password is looked at.
#[derive(Debug)]
pub struct LoginLimiter {
    per_account: i64,
    per_address: i64,
}

impl LoginLimiter {
    /// Allows `per_account` and `per_address` attempts a minute.
    pub fn new(per_account: u32, per_address: u32) -> Self {
        LoginLimiter { per_account: per_account.max(1) as i64, per_address: per_address.max(1) as i64 }
    }

    /// Counts one attempt on `account` (and `address`); false when either limit of
    /// this minute is used up.
    pub async fn check(&self, db: &Db, account: &str, address: Option<IpAddr>) -> Result<bool, AppError> {
        let addr_ok = match address {
            Some(a) => count(db, &format!("addr:{a}")).await? <= self.per_address,
            None => true,
        };
        let account_ok = count(db, &format!("acct:{account}")).await? <= self.per_account;
        Ok(addr_ok && account_ok)
    }

    /// Forgets past minutes (called periodically).
    pub async fn sweep(&self, db: &Db) -> Result<u64, AppError> {
        let r = sqlx::query("DELETE FROM rate_counts WHERE window_start < $1").bind(now_ms() - 2 * WINDOW_MS).execute(&db.pool).await?;
        Ok(r.rows_affected())
    }
}

/// Counts one attempt on `account` from the calling client (inside a server fn);
/// `RateLimited` when a limit of this minute is used up.
pub async fn limit(account: &str) -> Result<(), AppError> {
    let st = crate::server::state()?;
    let addr = super::client_addr::current().await;
    if st.limiter.check(&st.db, account, addr).await? { Ok(()) } else { Err(AppError::RateLimited) }
}

/// Adds one to `key`'s count (one atomic upsert) and returns it. A count covers the
/// minute from its first attempt; the next attempt after that minute starts anew.
async fn count(db: &Db, key: &str) -> Result<i64, AppError> {
    let (n,): (i64,) = sqlx::query_as(
        "INSERT INTO rate_counts (key_hash, window_start, count) VALUES ($1, $2, 1) \
         ON CONFLICT (key_hash) DO UPDATE SET \
           count = CASE WHEN rate_counts.window_start > excluded.window_start - $3 THEN rate_counts.count + 1 ELSE 1 END, \
           window_start = CASE WHEN rate_counts.window_start > excluded.window_start - $3 THEN rate_counts.window_start ELSE excluded.window_start END \
         RETURNING count",
    )
    .bind(super::session_store::token_hash(key))
    .bind(now_ms())
    .bind(WINDOW_MS)
    .fetch_one(&db.pool)
    .await?;
    Ok(n)
}
