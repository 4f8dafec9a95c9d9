//! The daily email digest: a client who asked for it ("Meus dados", per firm) gets
//! at most one mail a day listing what became visible to them since the last one:
//! movements of the kinds granted, reviewed publications, shared documents. The
//! same rule as the portal decides what they may see (`repo::visibility`); the
//! mail goes through the outbox. The opt-in is a plain form post (the page loads no
//! app code).
use super::auth::caller::{Caller, CallerSlot};
use super::db::{Db, now_ms};
use super::locale::locale_from_headers;
use super::mail::{Mail, enqueue};
use super::repo::visibility::covered;
use super::AppState;
use crate::i18n::{Locale, td_string};
use crate::model::sharing::Block;
use crate::model::AppError;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use std::time::Duration;

/// Where the opt-in form posts.
pub const FORM_PATH: &str = "/portal/digest";
/// At most one digest per client record in this long.
pub const EVERY_MS: i64 = 24 * 60 * 60 * 1000;
/// The most items one digest lists per matter (the rest are counted).
const ITEMS_MAX: usize = 20;

/// The opt-in form.
#[derive(Debug, serde::Deserialize)]
pub struct DigestForm {
    pub client_id: String,
    /// Present (checked) to ask for the digest.
    pub digest: Option<String>,
}

/// POST /portal/digest: turns the digest of one of the caller's client records on
/// or off, then back to "Meus dados". Not for previews or other clients' records.
pub async fn set(State(state): State<AppState>, Extension(slot): Extension<CallerSlot>, headers: HeaderMap, Form(f): Form<DigestForm>) -> Response {
    let caller = match slot.get(&state).await {
        Ok(Caller::Client(c)) if !c.is_preview() => c,
        Ok(_) => return (StatusCode::UNAUTHORIZED, "sign in to the portal").into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    if !caller.records().iter().any(|r| r.id == f.client_id) {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    }
    let on = f.digest.is_some();
    let locale = leptos_i18n::Locale::as_str(locale_from_headers(&headers)).to_string();
    let done = if on {
        sqlx::query("UPDATE clients SET digest_since = COALESCE(digest_since, $1), digest_locale = $2 WHERE id = $3")
            .bind(now_ms())
            .bind(&locale)
            .bind(&f.client_id)
            .execute(&state.db.pool)
            .await
    } else {
        sqlx::query("UPDATE clients SET digest_since = NULL WHERE id = $1").bind(&f.client_id).execute(&state.db.pool).await
    };
    match done {
        Ok(_) => Redirect::to(if on { "/portal/contact?digest=on" } else { "/portal/contact?digest=off" }).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "saving the digest choice");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// What became visible to client record `client_id` after `since` (epoch ms), by
/// matter title: one line each.
pub async fn news(db: &Db, client_id: &str, since: i64, locale: Locale) -> Result<Vec<(String, Vec<String>)>, AppError> {
    let mut out = vec![];
    for (matter_id, blocks) in covered(db, client_id).await? {
        let mut lines: Vec<(i64, String)> = vec![];
        let kinds = [(Block::AutoMovements, "mv.source <> 'manual'"), (Block::ManualMovements, "mv.source = 'manual'")];
        for (block, cond) in kinds {
            if !blocks.contains(&block) {
                continue;
            }
            let rows: Vec<(i64, String)> = sqlx::query_as(&format!(
                "SELECT mv.created_at, mv.body FROM movements mv WHERE mv.matter_id = $1 AND {cond} AND mv.created_at > $2"
            ))
            .bind(&matter_id)
            .bind(since)
            .fetch_all(&db.pool)
            .await?;
            lines.extend(rows.into_iter().map(|(at, text)| (at, td_string!(locale, digest.movement, text = one_line(&text)).to_string())));
        }
        if blocks.contains(&Block::Publications) {
            let rows: Vec<(i64, String, String)> = sqlx::query_as(
                "SELECT reviewed_at, journal, body FROM publications WHERE matter_id = $1 AND reviewed_at IS NOT NULL AND reviewed_at > $2",
            )
            .bind(&matter_id)
            .bind(since)
            .fetch_all(&db.pool)
            .await?;
            lines.extend(rows.into_iter().map(|(at, journal, text)| {
                let text = if journal.is_empty() { one_line(&text) } else { format!("{journal}: {}", one_line(&text)) };
                (at, td_string!(locale, digest.publication, text = text).to_string())
            }));
        }
        if blocks.contains(&Block::Documents) {
            let rows: Vec<(i64, String)> =
                sqlx::query_as("SELECT shared_at, file_name FROM documents WHERE matter_id = $1 AND shared = 1 AND shared_at > $2")
                    .bind(&matter_id)
                    .bind(since)
                    .fetch_all(&db.pool)
                    .await?;
            lines.extend(rows.into_iter().map(|(at, name)| (at, td_string!(locale, digest.document, name = name).to_string())));
        }
        if lines.is_empty() {
            continue;
        }
        lines.sort_by_key(|(at, _)| *at);
        let total = lines.len();
        let mut shown: Vec<String> = lines.into_iter().take(ITEMS_MAX).map(|(_, l)| l).collect();
        if total > ITEMS_MAX {
            shown.push(td_string!(locale, digest.more, count = (total - ITEMS_MAX) as i64).to_string());
        }
        let (title,): (String,) = sqlx::query_as("SELECT title FROM matters WHERE id = $1").bind(&matter_id).fetch_one(&db.pool).await?;
        out.push((title, shown));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// A text on one line, at most 200 characters.
fn one_line(text: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > 200 { format!("{}…", flat.chars().take(199).collect::<String>()) } else { flat }
}

/// The digest mail.
fn mail(locale: Locale, to: &str, firm: &str, news: &[(String, Vec<String>)], url: &str) -> Mail {
    let mut items = String::new();
    for (matter, lines) in news {
        items.push_str(&format!("{matter}\n"));
        for l in lines {
            items.push_str(&format!("  - {l}\n"));
        }
        items.push('\n');
    }
    Mail {
        to: to.into(),
        subject: td_string!(locale, digest.subject, firm = firm).to_string(),
        body: td_string!(locale, digest.body, firm = firm, items = items, url = url).to_string(),
    }
}

/// Queues the digests that are due at `now`; returns how many. A client record
/// with nothing new gets no mail (and is looked at again next time); two instances
/// never both send one (the record's `digest_sent_at` is claimed conditionally).
pub async fn run_once(db: &Db, base_url: &str, now: i64) -> Result<usize, AppError> {
    let due: Vec<(String, String, String, i64, Option<i64>, Option<String>)> = sqlx::query_as(
        "SELECT c.id, c.email, w.name, c.digest_since, c.digest_sent_at, c.digest_locale FROM clients c \
         JOIN workspaces w ON w.id = c.workspace_id \
         WHERE c.digest_since IS NOT NULL AND (c.digest_sent_at IS NULL OR c.digest_sent_at <= $1)",
    )
    .bind(now - EVERY_MS)
    .fetch_all(&db.pool)
    .await?;
    let mut sent = 0;
    for (id, email, firm, since, last, lang) in due {
        let locale = if lang.as_deref().is_some_and(|l| l.starts_with("en")) { Locale::en } else { Locale::pt_BR };
        let from = since.max(last.unwrap_or(0));
        let items = news(db, &id, from, locale).await?;
        if items.is_empty() {
            continue;
        }
        let mut tx = db.begin().await?;
        let claimed = sqlx::query(
            "UPDATE clients SET digest_sent_at = $1 WHERE id = $2 AND digest_since IS NOT NULL \
             AND (digest_sent_at IS NULL OR digest_sent_at <= $3)",
        )
        .bind(now)
        .bind(&id)
        .bind(now - EVERY_MS)
        .execute(&mut *tx)
        .await?;
        if claimed.rows_affected() != 1 {
            continue;
        }
        enqueue(&mut tx, &db.seal, &mail(locale, &email, &firm, &items, &format!("{base_url}/portal"))).await?;
        tx.commit().await?;
        sent += 1;
    }
    Ok(sent)
}

/// Looks for due digests every `every`.
pub fn spawn(db: Db, base_url: String, every: Duration) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        loop {
            tick.tick().await;
            match run_once(&db, &base_url, now_ms()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(digests = n, "digests queued"),
                Err(e) => tracing::warn!(error = ?e, "digests"),
            }
        }
    });
}
