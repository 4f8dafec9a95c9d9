//! The database: one `AnyPool` over SQLite or PostgreSQL, chosen at run time.
use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{Any, AnyPool, Executor, Transaction};
use std::time::Duration;

/// Which SQL server is behind the pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The shared pool, its backend, and the key that seals secrets written to it.
#[derive(Clone, Debug)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
    pub seal: std::sync::Arc<super::secrets::SealKey>,
}

/// A write transaction.
pub type Tx = Transaction<'static, Any>;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

impl Db {
    /// Connects to `url` (sqlite:… or postgres:…), creating a SQLite file if needed,
    /// and applies the migrations. Fails if either step fails.
    pub async fn connect(url: &str, seal: super::secrets::SealKey) -> anyhow::Result<Db> {
        install_default_drivers();
        let backend = if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            anyhow::bail!("DATABASE_URL must start with sqlite: or postgres:");
        };
        let url = connect_url(url);
        let mut options = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 8 } else { 16 })
            .acquire_timeout(Duration::from_secs(10));
        if backend == Backend::Sqlite {
            options = options.after_connect(|conn, _| {
                Box::pin(async move {
                    conn.execute(
                        "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; \
                         PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA secure_delete = ON;",
                    )
                    .await?;
                    Ok(())
                })
            });
        }
        let pool = options.connect(&url).await?;
        MIGRATOR.run(&pool).await?;
        Ok(Db { pool, backend, seal: std::sync::Arc::new(seal) })
    }

    /// Starts a write transaction. On SQLite it is `BEGIN IMMEDIATE`, so it takes the
    /// write lock up front and waits (busy timeout) instead of failing mid-way.
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }
}

/// The URL sqlx connects with: a SQLite file is created when missing.
pub fn connect_url(url: &str) -> String {
    let sqlite = url.starts_with("sqlite:");
    if sqlite && !url.contains("mode=") && !url.contains(":memory:") {
        let sep = if url.contains('?') { '&' } else { '?' };
        format!("{url}{sep}mode=rwc")
    } else {
        url.to_string()
    }
}

/// `INSERT INTO table (cols) VALUES ($1, …), (…)` for `rows` rows. SQLite gets
/// anonymous `?` placeholders: it looks a numbered one's name up by a linear scan,
/// which makes binding thousands of `$N` quadratic.
pub fn values_sql(backend: Backend, table: &str, cols: &[&str], rows: usize) -> String {
    let mut sql = format!("INSERT INTO {table} ({}) VALUES ", cols.join(", "));
    let mut p = 1;
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for c in 0..cols.len() {
            if c > 0 {
                sql.push_str(", ");
            }
            match backend {
                Backend::Sqlite => sql.push('?'),
                Backend::Postgres => {
                    sql.push('$');
                    sql.push_str(&p.to_string());
                    p += 1;
                }
            }
        }
        sql.push(')');
    }
    sql
}

/// `$first, $first+1, …` for an `IN (…)` list of `n` values.
pub fn in_list(first: usize, n: usize) -> String {
    (first..first + n).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

/// A new application-made id.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().simple().to_string()
}

/// Now, in epoch milliseconds.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// True when `e` is a unique-constraint violation (on either backend).
pub fn is_unique_violation(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(d) => {
            d.is_unique_violation()
                || d.code().map(|c| c == "23505" || c == "2067" || c == "1555").unwrap_or(false)
        }
        _ => false,
    }
}
