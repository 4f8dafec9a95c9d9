//! Automatic movements from the CNJ's DataJud public API. For every legal matter
//! whose reference is a CNJ number, the court's index is derived from the number
//! (`cnj`), the case is fetched (`POST {base}/api_publica_{court}/_search`,
//! `Authorization: APIKey …`, a `match` on `numeroProcesso`) and its movements are
//! added unless already there (`answer`: stable ids). Each matter keeps the outcome
//! of its last attempt; one matter's failure never stops the others. On when
//! `PORTICO_DATAJUD_API_KEY` is set.
pub mod answer;
pub mod cnj;

use crate::model::movement::SyncStatus;
use crate::model::AppError;
use crate::server::config::Settings;
use crate::server::db::{Db, now_ms};
use crate::server::repo::movements;
use secrecy::{ExposeSecret, SecretString};
use std::time::Duration;

/// A configured DataJud client.
#[derive(Clone)]
pub struct DataJud {
    http: reqwest::Client,
    base: String,
    key: SecretString,
}

/// Whether the settings switch the sync on (an API key that is not blank).
pub fn configured(s: &Settings) -> bool {
    s.datajud_api_key.as_ref().is_some_and(|k| !k.expose_secret().trim().is_empty())
}

impl DataJud {
    /// The client the settings ask for; None when the sync is not [`configured`].
    pub fn from_settings(s: &Settings) -> Option<DataJud> {
        if !configured(s) {
            return None;
        }
        let key = s.datajud_api_key.clone()?;
        let http = reqwest::Client::builder()
            .timeout(Duration::from_millis(s.datajud_timeout_ms))
            .connect_timeout(Duration::from_millis(s.datajud_timeout_ms.min(10_000)))
            .user_agent(concat!("Portico/", env!("CARGO_PKG_VERSION")))
            .build()
            .ok()?;
        Some(DataJud { http, base: s.datajud_url.trim_end_matches('/').to_string(), key })
    }

    /// The court's answer for `number`, or the code of what went wrong.
    async fn fetch(&self, alias: &str, number: &cnj::CnjNumber) -> Result<answer::Answer, &'static str> {
        let url = format!("{}/api_publica_{alias}/_search", self.base);
        let body = serde_json::json!({"query": {"match": {"numeroProcesso": number.digits}}, "size": 20});
        let key = self.key.expose_secret();
        let auth = if key.starts_with("APIKey ") { key.to_string() } else { format!("APIKey {key}") };
        let res = self.http.post(&url).header("Authorization", auth).json(&body).send().await.map_err(|e| {
            tracing::info!(%url, error = %e, "DataJud did not answer");
            if e.is_timeout() { "court_timeout" } else { "court_down" }
        })?;
        match res.status().as_u16() {
            200 => {}
            401 | 403 => return Err("court_refused_key"),
            404 => return Err("unknown_court"),
            s => {
                tracing::info!(%url, status = s, "DataJud answered with an error");
                return Err("court_down");
            }
        }
        let bytes = res.bytes().await.map_err(|e| if e.is_timeout() { "court_timeout" } else { "court_down" })?;
        serde_json::from_slice(&bytes).map_err(|e| {
            tracing::info!(%url, error = %e, "DataJud's answer could not be read");
            "bad_answer"
        })
    }
}

/// Fetches matter `matter_id` (reference `reference`) and adds its new movements in
/// one transaction; records and returns the outcome.
pub async fn sync_matter(db: &Db, dj: &DataJud, matter_id: &str, reference: &str) -> Result<SyncStatus, AppError> {
    let outcome = match cnj::CnjNumber::parse(reference) {
        None => Err("bad_number"),
        Some(number) => match number.alias() {
            None => Err("unknown_court"),
            Some(alias) => dj.fetch(&alias, &number).await,
        },
    };
    let (code, added) = match outcome {
        Err(code) => (code, 0),
        Ok(answer) if answer.hits.hits.is_empty() => ("not_at_court", 0),
        Ok(answer) => {
            let (found, _unreadable) = answer::movements(&answer);
            let mut tx = db.begin().await?;
            let mut added = 0;
            for m in &found {
                if movements::add_from_feed(&mut *tx, matter_id, m).await? {
                    added += 1;
                }
            }
            tx.commit().await?;
            ("ok", added)
        }
    };
    let at = now_ms();
    sqlx::query("UPDATE matters SET sync_at = $1, sync_status = $2, sync_added = $3 WHERE id = $4")
        .bind(at)
        .bind(code)
        .bind(added)
        .bind(matter_id)
        .execute(&db.pool)
        .await?;
    Ok(SyncStatus { at, status: code.to_string(), added })
}

/// Syncs every legal matter that is not archived and has a reference, one after
/// the other; returns how many were tried.
pub async fn sync_all(db: &Db, dj: &DataJud) -> Result<usize, AppError> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT id, reference FROM matters WHERE kind = 'legal' AND archived = 0 AND reference <> '' ORDER BY sync_at IS NOT NULL, sync_at",
    )
    .fetch_all(&db.pool)
    .await?;
    for (id, reference) in &rows {
        if let Err(e) = sync_matter(db, dj, id, reference).await {
            tracing::warn!(matter = %id, error = %e, "DataJud sync of a matter failed");
        }
    }
    Ok(rows.len())
}

/// The background job: every `datajud_interval_minutes`, every matter.
pub fn spawn(db: Db, dj: DataJud, every: Duration) {
    tokio::spawn(async move {
        loop {
            match sync_all(&db, &dj).await {
                Ok(n) => tracing::info!(matters = n, "DataJud sync done"),
                Err(e) => tracing::warn!(error = %e, "DataJud sync could not list matters"),
            }
            tokio::time::sleep(every).await;
        }
    });
}
