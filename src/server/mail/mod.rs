//! Outgoing mail. A change that sends mail writes it to the `outbox` table in its
//! own transaction; the worker sends it later, with retries, by SMTP (lettre) or,
//! with no SMTP configured, as .eml files in `data_dir/mail`.
pub mod templates;
pub mod transport;
pub mod worker;

use crate::model::AppError;
use crate::server::db::{Tx, new_id, now_ms};

/// Where links in mail point and which language the mail is in.
#[derive(Debug, Clone)]
pub struct MailCtx {
    pub locale: crate::i18n::Locale,
    pub base_url: String,
    /// Seals the body in the outbox.
    pub key: std::sync::Arc<crate::server::secrets::SealKey>,
}

impl MailCtx {
    /// The language of the current request and the configured public URL.
    pub async fn from_request() -> Result<MailCtx, AppError> {
        let st = crate::server::state()?;
        Ok(MailCtx { locale: crate::server::locale::request_locale().await, base_url: st.settings.public_url(), key: st.db.seal.clone() })
    }
}

/// A plain-text message to one address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// Queues `mail` inside the caller's transaction: it goes out only if the change
/// commits. The body is stored sealed with `key` (it may carry a working link).
pub async fn enqueue(tx: &mut Tx, key: &crate::server::secrets::SealKey, mail: &Mail) -> Result<(), AppError> {
    let now = now_ms();
    sqlx::query(
        "INSERT INTO outbox (id, to_addr, subject, body, created_at, attempts, next_attempt_at) \
         VALUES ($1, $2, $3, $4, $5, 0, $5)",
    )
    .bind(new_id())
    .bind(&mail.to)
    .bind(&mail.subject)
    .bind(key.seal(&mail.body))
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
