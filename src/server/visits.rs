//! What each client saw, and when, without a write on a read.
//!
//! A portal page view only appends to an in-memory buffer; a background task writes
//! the buffer in one transaction every `visit_flush_ms` (default one second): the
//! `access_log` rows (client, matter, how they came in, when) and each client's
//! `last_seen_at`. On a clean stop the buffer is written before exit. What a crash
//! (or `kill -9`) can lose: the visits of the last flush interval, no more. Views of
//! the same matter by the same client (and the same way in) within one interval are
//! one row, at the latest time: the log says who saw what and when, to the second,
//! however often a page is reloaded. If the database refuses a flush, the rows are
//! kept for the next one, up to [`MAX_PENDING`] rows (new ones are then dropped
//! with a warning).
use super::db::{Db, new_id, now_ms, values_sql};
use crate::model::AppError;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

/// Most buffered matter visits kept while the database cannot take them.
pub const MAX_PENDING: usize = 100_000;

/// Rows per `INSERT` of a flush (6 parameters each, well under every limit).
const INSERT_CHUNK: usize = 100;

/// One client's view of one matter.
#[derive(Debug, Clone)]
pub struct MatterVisit {
    pub workspace_id: String,
    pub client_id: String,
    pub matter_id: String,
    /// "account" or "link".
    pub via: &'static str,
    pub at: i64,
}

/// Workspace, client record, matter, way in: one row per flush.
type VisitKey = (String, String, String, &'static str);

#[derive(Debug, Default)]
struct Pending {
    matters: HashMap<VisitKey, MatterVisit>,
    /// Client record id → latest time seen.
    seen: HashMap<String, i64>,
}

/// One noted visit, as the page cache replays it when it serves a page again.
#[derive(Debug, Clone)]
pub enum Visit {
    /// A client record used the portal.
    Seen { client_id: String },
    /// A client viewed a matter.
    Matter(MatterVisit),
}

/// The visits one page view noted: the page cache keeps them with the page and notes
/// them again (with the new time) each time it serves the page from memory, so the
/// access log and "since your last visit" do not depend on whether a view was cached.
#[derive(Debug, Clone, Default)]
pub struct VisitTrail(std::sync::Arc<Mutex<Vec<Visit>>>);

impl VisitTrail {
    /// What was noted so far.
    pub fn take(&self) -> Vec<Visit> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }

    fn push(&self, v: Visit) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(v);
    }
}

/// Where one request notes its visits: the shared buffer, and the request's trail
/// when the page cache asked for one.
pub struct Recorder<'a> {
    buffer: &'a Visits,
    trail: Option<VisitTrail>,
}

impl<'a> Recorder<'a> {
    /// A recorder for the current request (server fns and server-side rendering).
    pub async fn current(buffer: &'a Visits) -> Recorder<'a> {
        let trail = leptos_axum::extract::<axum::Extension<VisitTrail>>().await.ok().map(|e| e.0);
        Recorder { buffer, trail }
    }

    /// Notes that client record `client_id` used the portal now.
    pub fn seen(&self, client_id: &str) {
        self.buffer.seen(client_id, now_ms());
        if let Some(t) = &self.trail {
            t.push(Visit::Seen { client_id: client_id.to_string() });
        }
    }

    /// Notes a view of a matter.
    pub fn matter(&self, visit: MatterVisit) {
        if let Some(t) = &self.trail {
            t.push(Visit::Matter(visit.clone()));
        }
        self.buffer.matter(visit);
    }
}

impl Pending {
    /// Adds a matter view: the same key keeps its latest time.
    fn add(&mut self, visit: MatterVisit) {
        let t = self.seen.entry(visit.client_id.clone()).or_insert(visit.at);
        *t = (*t).max(visit.at);
        let key = (visit.workspace_id.clone(), visit.client_id.clone(), visit.matter_id.clone(), visit.via);
        let full = self.matters.len() >= MAX_PENDING;
        match self.matters.get_mut(&key) {
            Some(v) => v.at = v.at.max(visit.at),
            None if full => tracing::warn!("visit buffer full: a visit was dropped"),
            None => {
                self.matters.insert(key, visit);
            }
        }
    }
}

/// The buffer of visits not yet written.
#[derive(Debug, Default)]
pub struct Visits {
    pending: Mutex<Pending>,
}

impl Visits {
    /// Notes that client record `client_id` used the portal at `at` (epoch ms).
    pub fn seen(&self, client_id: &str, at: i64) {
        let mut p = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        let t = p.seen.entry(client_id.to_string()).or_insert(at);
        *t = (*t).max(at);
    }

    /// Notes a view of a matter (and that its client was seen).
    pub fn matter(&self, visit: MatterVisit) {
        self.pending.lock().unwrap_or_else(|e| e.into_inner()).add(visit);
    }

    /// Notes `visits` again, as happening now (a page served from the cache).
    pub fn replay(&self, visits: &[Visit]) {
        let at = now_ms();
        for v in visits {
            match v {
                Visit::Seen { client_id } => self.seen(client_id, at),
                Visit::Matter(m) => self.matter(MatterVisit { at, ..m.clone() }),
            }
        }
    }

    /// How many matter visits wait to be written.
    pub fn pending(&self) -> usize {
        self.pending.lock().unwrap_or_else(|e| e.into_inner()).matters.len()
    }

    /// Writes everything buffered in one transaction; returns how many matter
    /// visits were written. On failure the visits go back into the buffer.
    pub async fn flush(&self, db: &Db) -> Result<usize, AppError> {
        let taken = std::mem::take(&mut *self.pending.lock().unwrap_or_else(|e| e.into_inner()));
        if taken.matters.is_empty() && taken.seen.is_empty() {
            return Ok(0);
        }
        match write(db, &taken).await {
            Ok(()) => Ok(taken.matters.len()),
            Err(e) => {
                let mut p = self.pending.lock().unwrap_or_else(|e| e.into_inner());
                let newer = std::mem::take(&mut *p);
                *p = taken;
                for (_, v) in newer.matters {
                    p.add(v);
                }
                for (k, v) in newer.seen {
                    let t = p.seen.entry(k).or_insert(v);
                    *t = (*t).max(v);
                }
                Err(e)
            }
        }
    }
}

async fn write(db: &Db, p: &Pending) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let rows: Vec<&MatterVisit> = p.matters.values().collect();
    for chunk in rows.chunks(INSERT_CHUNK) {
        let sql = values_sql(db.backend, "access_log", &["id", "workspace_id", "client_id", "matter_id", "via", "at"], chunk.len());
        let mut q = sqlx::query(&sql);
        for v in chunk {
            q = q.bind(new_id()).bind(&v.workspace_id).bind(&v.client_id).bind(&v.matter_id).bind(v.via).bind(v.at);
        }
        q.execute(&mut *tx).await?;
    }
    for (client_id, at) in &p.seen {
        sqlx::query("UPDATE clients SET last_seen_at = $1 WHERE id = $2 AND (last_seen_at IS NULL OR last_seen_at < $1)")
            .bind(*at)
            .bind(client_id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Writes the buffer every `every` until the process ends.
pub fn spawn_flusher(visits: std::sync::Arc<Visits>, db: Db, every: Duration) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = visits.flush(&db).await {
                tracing::warn!(error = ?e, "writing the visit log failed; kept for the next try");
            }
        }
    });
}
