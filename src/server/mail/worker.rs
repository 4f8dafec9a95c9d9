//! The outbox worker: sends due messages, retrying failures with exponential
//! backoff (5 s doubling up to an hour). Several instances may run on one
//! PostgreSQL: each message is claimed by a conditional update before sending.
use super::transport::Transport;
use super::Mail;
use crate::server::db::{Db, now_ms};
use std::time::Duration;

/// How long a claimed message is reserved for the claiming instance.
const LEASE_MS: i64 = 120_000;

/// Delay before retry number `attempts` (1-based).
pub fn backoff_ms(attempts: i64) -> i64 {
    let exp = attempts.clamp(1, 20) as u32 - 1;
    (5_000i64.saturating_mul(1i64 << exp.min(10))).min(3_600_000)
}

/// Sends every due message once; returns how many went out.
pub async fn run_once(db: &Db, transport: &Transport, from: &str) -> anyhow::Result<usize> {
    let now = now_ms();
    let due: Vec<(String, String, String, String, i64, i64)> = sqlx::query_as(
        "SELECT id, to_addr, subject, body, attempts, next_attempt_at FROM outbox \
         WHERE sent_at IS NULL AND next_attempt_at <= $1 ORDER BY next_attempt_at LIMIT 50",
    )
    .bind(now)
    .fetch_all(&db.pool)
    .await?;
    let mut sent = 0;
    for (id, to, subject, body, attempts, next) in due {
        let claimed = sqlx::query(
            "UPDATE outbox SET next_attempt_at = $1 WHERE id = $2 AND sent_at IS NULL AND next_attempt_at = $3",
        )
        .bind(now + LEASE_MS)
        .bind(&id)
        .bind(next)
        .execute(&db.pool)
        .await?;
        if claimed.rows_affected() != 1 {
            continue; // another instance has it
        }
        let Some(body) = db.seal.open(&body) else {
            // Sealed with another key (PORTICO_SECRET_KEY or secret.key changed): it
            // can never be sent. Dropped, with a warning.
            tracing::warn!(to = %to, "queued mail sealed with another key: dropped");
            sqlx::query("UPDATE outbox SET sent_at = $1, last_error = 'sealed with another key', body = '' WHERE id = $2")
                .bind(now_ms())
                .bind(&id)
                .execute(&db.pool)
                .await?;
            continue;
        };
        let mail = Mail { to, subject, body };
        match transport.send(from, &id, &mail).await {
            Ok(()) => {
                // The body may hold a secret link: it is not kept once sent.
                sqlx::query("UPDATE outbox SET sent_at = $1, attempts = $2, last_error = NULL, body = '' WHERE id = $3")
                    .bind(now_ms())
                    .bind(attempts + 1)
                    .bind(&id)
                    .execute(&db.pool)
                    .await?;
                sent += 1;
            }
            Err(e) => {
                tracing::warn!(to = %mail.to, attempts = attempts + 1, error = %e, "mail not sent; will retry");
                sqlx::query("UPDATE outbox SET attempts = $1, next_attempt_at = $2, last_error = $3 WHERE id = $4")
                    .bind(attempts + 1)
                    .bind(now_ms() + backoff_ms(attempts + 1))
                    .bind(e.to_string())
                    .bind(&id)
                    .execute(&db.pool)
                    .await?;
            }
        }
    }
    Ok(sent)
}

/// Runs the worker forever, polling every `every`.
pub fn spawn(db: Db, transport: Transport, from: String, every: Duration) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = run_once(&db, &transport, &from).await {
                tracing::warn!(error = %e, "outbox worker");
            }
        }
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn backoff_doubles_then_caps_at_an_hour() {
        assert_eq!(super::backoff_ms(1), 5_000);
        assert_eq!(super::backoff_ms(2), 10_000);
        assert_eq!(super::backoff_ms(5), 80_000);
        assert_eq!(super::backoff_ms(30), 3_600_000);
    }
}
