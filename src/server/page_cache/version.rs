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
pub struct DataVersion {
    url: String,
    backend: Backend,
    started: AtomicU64,
    conn: Mutex<Reader>,
    sqlite: std::sync::Mutex<Option<rusqlite::Connection>>,
}

/// The file behind a `sqlite:` URL (`None` for an in-memory database).
fn sqlite_path(url: &str) -> Option<String> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or("");
    (!path.is_empty() && !path.contains(":memory:")).then(|| path.to_string())
}

#[derive(Default)]
struct Reader {
    conn: Option<AnyConnection>,
    /// The last read: its number (in start order) and its answer.
    last: Option<(u64, String)>,
}

impl DataVersion {
    /// A reader for the database at `url` (connected on first use).
    pub fn new(url: &str, backend: Backend) -> DataVersion {
        DataVersion {
            url: url.to_string(),
            backend,
            started: AtomicU64::new(0),
            conn: Mutex::new(Reader::default()),
            sqlite: std::sync::Mutex::new(None),
        }
    }

    /// SQLite: `PRAGMA data_version` on the read-only connection (opened on first use).
    fn sqlite_marker(&self) -> Option<String> {
        use rusqlite::{Connection, OpenFlags};
        let mut slot = self.sqlite.lock().unwrap_or_else(|e| e.into_inner());
        if slot.is_none() {
            let path = sqlite_path(&self.url)?;
            let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            match Connection::open_with_flags(&path, flags) {
                Ok(c) => *slot = Some(c),
                Err(e) => {
                    tracing::warn!(error = %e, "opening the data version reader failed; pages are not cached");
                    return None;
                }
            }
        }
        let conn = slot.as_ref()?;
        let read = conn.prepare_cached("PRAGMA data_version").and_then(|mut st| st.query_row([], |r| r.get::<_, i64>(0)));
        match read {
            Ok(v) => Some(v.to_string()),
            Err(e) => {
                tracing::warn!(error = %e, "reading the data version failed; pages are not cached until it works");
                *slot = None;
                None
            }
        }
    }

    /// The marker as of a moment after this call began; `None` if it cannot be read
    /// (then nothing may be served from or stored in the cache).
    pub async fn current(&self) -> Option<String> {
        if self.backend == Backend::Sqlite {
            return self.sqlite_marker();
        }
        let asked = self.started.load(Ordering::SeqCst);
        let mut r = self.conn.lock().await;
        if let Some((n, v)) = &r.last {
            if *n > asked {
                return Some(v.clone());
            }
        }
        let n = self.started.fetch_add(1, Ordering::SeqCst) + 1;
        match self.read(&mut r).await {
            Ok(v) => {
                r.last = v.clone().map(|v| (n, v));
                v
            }
            Err(e) => {
                tracing::warn!(error = %e, "reading the data version failed; pages are not cached until it works");
                r.conn = None;
                r.last = None;
                None
            }
        }
    }

    async fn read(&self, r: &mut Reader) -> Result<Option<String>, sqlx::Error> {
        if r.conn.is_none() {
            r.conn = Some(AnyConnection::connect(&self.url).await?);
        }
        let conn = r.conn.as_mut().expect("connected above");
        let sql = match self.backend {
            Backend::Sqlite => return Ok(self.sqlite_marker()),
            Backend::Postgres => "SELECT portico_change_marker()",
        };
        let (v,): (Option<String>,) = sqlx::query_as(sql).fetch_one(conn).await?;
        Ok(v)
    }
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
