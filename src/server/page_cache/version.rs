//! "Has anything been committed since?", answered by the database itself, so that
//! every writer counts: this process, another instance, the command line, a `psql`.
//!
//! - SQLite: `PRAGMA data_version` on a connection that never writes changes
//!   whenever any other connection (of any process) commits. That connection is a
//!   read-only rusqlite one (same SQLite library as sqlx), read in line: a couple
//!   of microseconds, no hop to a worker thread.
//! - PostgreSQL: a statement trigger on every table (installed at start-up by
//!   [`prepare`], so tables added later are covered too) takes a shared advisory lock
//!   held until its transaction ends and advances the `portico_changes` sequence.
//!   The marker is the sequence's value, read only when an exclusive try-lock
//!   succeeds, that is when no write transaction is between its first change and the
//!   end of its commit; while one is, there is no marker and pages are rendered.
//!
//! Equal markers read at two moments mean nothing was committed in between. On
//! PostgreSQL reads are coalesced: a caller waits for a read that started after it
//! asked, and shares that read with every caller that asked before it started.
use crate::server::db::{Backend, Db};
use sqlx::{AnyConnection, Connection};
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::sync::Mutex;

/// The database's change marker, read on a connection of its own.
pub enum DataVersion {
    /// The file's read-only connection (opened on first use); `None` path: in memory.
    Sqlite { path: Option<String>, conn: std::sync::Mutex<Option<rusqlite::Connection>> },
    /// The coalesced reader of `portico_change_marker()`.
    Postgres { url: String, started: AtomicU64, reader: Mutex<PgReader> },
}

/// PostgreSQL's connection and its last read: number (in start order) and answer.
#[derive(Default)]
pub struct PgReader {
    conn: Option<AnyConnection>,
    last: Option<(u64, String)>,
}

/// The file behind a `sqlite:` URL (`None` for an in-memory database).
fn sqlite_path(url: &str) -> Option<String> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or("");
    (!path.is_empty() && !path.contains(":memory:")).then(|| path.to_string())
}

impl DataVersion {
    /// A reader for the database at `url` (connected on first use).
    pub fn new(url: &str, backend: Backend) -> DataVersion {
        match backend {
            Backend::Sqlite => DataVersion::Sqlite { path: sqlite_path(url), conn: Default::default() },
            Backend::Postgres => {
                DataVersion::Postgres { url: url.to_string(), started: AtomicU64::new(0), reader: Default::default() }
            }
        }
    }

    /// The marker as of a moment after this call began; `None` if there is none (a
    /// write under way on PostgreSQL, an in-memory SQLite) or it cannot be read: then
    /// nothing may be served from or stored in the cache.
    pub async fn current(&self) -> Option<String> {
        match self {
            DataVersion::Sqlite { path, conn } => sqlite_marker(path.as_deref()?, conn),
            DataVersion::Postgres { url, started, reader } => {
                let asked = started.load(Ordering::SeqCst);
                let mut r = reader.lock().await;
                if let Some((n, v)) = &r.last {
                    if *n > asked {
                        return Some(v.clone());
                    }
                }
                let n = started.fetch_add(1, Ordering::SeqCst) + 1;
                match pg_marker(url, &mut r.conn).await {
                    Ok(v) => {
                        r.last = v.clone().map(|v| (n, v));
                        v
                    }
                    Err(e) => {
                        tracing::warn!(error = %e, "reading the data version failed; pages are not cached until it works");
                        *r = PgReader::default();
                        None
                    }
                }
            }
        }
    }
}

/// `PRAGMA data_version` on the read-only connection, read in line.
fn sqlite_marker(path: &str, slot: &std::sync::Mutex<Option<rusqlite::Connection>>) -> Option<String> {
    use rusqlite::{Connection, OpenFlags};
    let mut slot = slot.lock().unwrap_or_else(|e| e.into_inner());
    if slot.is_none() {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        match Connection::open_with_flags(path, flags) {
            Ok(c) => *slot = Some(c),
            Err(e) => {
                tracing::warn!(error = %e, "opening the data version reader failed; pages are not cached");
                return None;
            }
        }
    }
    let conn = slot.as_ref()?;
    match conn.prepare_cached("PRAGMA data_version").and_then(|mut st| st.query_row([], |r| r.get::<_, i64>(0))) {
        Ok(v) => Some(v.to_string()),
        Err(e) => {
            tracing::warn!(error = %e, "reading the data version failed; pages are not cached until it works");
            *slot = None;
            None
        }
    }
}

/// `portico_change_marker()` on PostgreSQL (connecting when needed).
async fn pg_marker(url: &str, conn: &mut Option<AnyConnection>) -> Result<Option<String>, sqlx::Error> {
    if conn.is_none() {
        *conn = Some(AnyConnection::connect(url).await?);
    }
    let conn = conn.as_mut().expect("connected above");
    let (v,): (Option<String>,) = sqlx::query_as("SELECT portico_change_marker()").fetch_one(conn).await?;
    Ok(v)
}

/// The advisory lock writers share and the marker reader takes alone.
const WRITERS_LOCK: i64 = 0x504f_5254_4943_4f01;

/// PostgreSQL: installs the change sequence, the marker function and the trigger on
/// every table of the schema (idempotent; run at each start, after the migrations).
pub async fn prepare(db: &Db) -> Result<(), sqlx::Error> {
    if db.backend != Backend::Postgres {
        return Ok(());
    }
    let mut tx = db.pool.begin().await?;
    // One start-up at a time installs (instances may start together).
    sqlx::query(&format!("SELECT pg_advisory_xact_lock({})", WRITERS_LOCK + 1)).execute(&mut *tx).await?;
    for sql in [
        "CREATE SEQUENCE IF NOT EXISTS portico_changes".to_string(),
        format!(
            "CREATE OR REPLACE FUNCTION portico_changed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
             PERFORM pg_advisory_xact_lock_shared({WRITERS_LOCK}); PERFORM nextval('portico_changes'); RETURN NULL; END $$"
        ),
        format!(
            "CREATE OR REPLACE FUNCTION portico_change_marker() RETURNS text LANGUAGE plpgsql AS $$ BEGIN \
             IF pg_try_advisory_xact_lock({WRITERS_LOCK}) THEN \
             RETURN (SELECT CAST(last_value AS TEXT) || CAST(is_called AS TEXT) FROM portico_changes); END IF; \
             RETURN NULL; END $$"
        ),
    ] {
        sqlx::query(&sql).execute(&mut *tx).await?;
    }
    let tables: Vec<(String,)> = sqlx::query_as(
        "SELECT CAST(tablename AS TEXT) FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_sqlx_migrations'",
    )
    .fetch_all(&mut *tx)
    .await?;
    for (t,) in tables {
        let t = t.replace('"', "\"\"");
        sqlx::query(&format!(
            "CREATE OR REPLACE TRIGGER portico_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON \"{t}\" \
             FOR EACH STATEMENT EXECUTE FUNCTION portico_changed()"
        ))
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}
