//! Test harness: the real router on a random port, a fresh SQLite file or a fresh
//! PostgreSQL database per test, and HTTP clients with their own cookie jars.
use portico::model::AppError;
use portico::server::config::Settings;
use portico::server::repo::workspace::{self, NewWorkspace};
use portico::server::{AppState, startup};
use serde_json::{Value, json};
use sqlx::Connection;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A running app.
pub struct TestApp {
    pub addr: SocketAddr,
    pub state: AppState,
    dir: PathBuf,
    pg_db: Option<String>,
}

fn pg_base() -> String {
    std::env::var("PORTICO_TEST_PG_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

fn pg_url_for(db: &str) -> String {
    let base = pg_base();
    let (head, _) = base.rsplit_once('/').expect("PORTICO_TEST_PG_URL must end in /<database>");
    format!("{head}/{db}")
}

/// Starts the app on `backend` with an empty database.
pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, |_| {}).await
}

/// Starts the app on `backend` with settings adjusted by `adjust` (e.g. an SMTP URL).
pub async fn spawn_app_with(backend: Backend, adjust: impl FnOnce(&mut Settings)) -> TestApp {
    sqlx::any::install_default_drivers();
    let id = uuid::Uuid::now_v7().simple().to_string();
    let dir = std::env::temp_dir().join(format!("portico-test-{id}"));
    std::fs::create_dir_all(&dir).unwrap();
    let (url, pg_db) = match backend {
        Backend::Sqlite => (format!("sqlite://{}/portico.db", dir.display()), None),
        Backend::Postgres => {
            let name = format!("portico_test_{id}");
            let mut conn = sqlx::AnyConnection::connect(&pg_base()).await.unwrap_or_else(|e| {
                panic!("PostgreSQL is required for the test suite ({}): {e}", pg_base())
            });
            sqlx::query(&format!("CREATE DATABASE \"{name}\"")).execute(&mut conn).await.unwrap();
            (pg_url_for(&name), Some(name))
        }
    };
    let mut settings = Settings::for_tests(url, dir.clone(), dir.join("site"));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    settings.public_url = Some(format!("http://{addr}"));
    adjust(&mut settings);
    let state = startup::state(settings).await.expect("app state");
    startup::spawn_mail(&state, true).expect("mail worker");
    startup::spawn_visits(&state);
    let app = startup::router(state.clone());
    tokio::spawn(async move {
        axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>()).await.unwrap();
    });
    TestApp { addr, state, dir, pg_db }
}

impl TestApp {
    /// The database this app runs on (to start another app on the same kind).
    pub fn backend(&self) -> Backend {
        match self.state.db.backend {
            portico::server::db::Backend::Sqlite => Backend::Sqlite,
            portico::server::db::Backend::Postgres => Backend::Postgres,
        }
    }

    /// A second server on this app's database and data folder, with its own process
    /// state (as another instance behind a load balancer). Dropping it leaves both.
    pub async fn second_instance(&self) -> TestApp {
        let mut settings = (*self.state.settings).clone();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        settings.public_url = Some(format!("http://{addr}"));
        let state = startup::state(settings).await.expect("app state");
        let app = startup::router(state.clone());
        tokio::spawn(async move {
            axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>()).await.unwrap();
        });
        let dir = std::env::temp_dir().join(format!("portico-test-2nd-{}", uuid::Uuid::now_v7().simple()));
        TestApp { addr, state, dir, pg_db: None }
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
        if let Some(db) = self.pg_db.take() {
            let pool = self.state.db.pool.clone();
            // Drop the database from a separate runtime: Drop cannot await.
            std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
                rt.block_on(async move {
                    pool.close().await;
                    if let Ok(mut c) = sqlx::AnyConnection::connect(&pg_base()).await {
                        let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS \"{db}\" WITH (FORCE)")).execute(&mut c).await;
                    }
                });
            })
            .join()
            .ok();
        }
    }
}

/// What a stuck test prints before it fails: on PostgreSQL, what its database's
/// sessions are doing and waiting for.
pub struct Watch {
    pg_db: Option<String>,
}

/// How long a test may run before it is failed as stuck (nextest stops it later).
const STUCK_AFTER: std::time::Duration = std::time::Duration::from_secs(150);

impl Watch {
    /// Runs a test body; if it is still running after [`STUCK_AFTER`], prints the
    /// database's sessions and fails it.
    pub async fn run<F: std::future::Future<Output = ()>>(self, test: F) {
        if tokio::time::timeout(STUCK_AFTER, test).await.is_ok() {
            return;
        }
        if let Some(db) = &self.pg_db {
            if let Ok(mut c) = sqlx::AnyConnection::connect(&pg_base()).await {
                let rows: Vec<(String, String, String, String)> = sqlx::query_as(
                    "SELECT COALESCE(state, ''), COALESCE(wait_event_type || ':' || wait_event, ''), \
                     CAST(now() - COALESCE(xact_start, query_start, backend_start) AS TEXT), COALESCE(query, '') \
                     FROM pg_stat_activity WHERE datname = $1",
                )
                .bind(db)
                .fetch_all(&mut c)
                .await
                .unwrap_or_default();
                for r in rows {
                    eprintln!("stuck test, session of {db}: {r:?}");
                }
            }
        }
        panic!("the test was still running after {STUCK_AFTER:?}");
    }
}

/// A browser-like client with its own cookie jar.
#[derive(Clone)]
pub struct User {
    pub http: reqwest::Client,
    base: String,
    jar: std::sync::Arc<reqwest::cookie::Jar>,
}

/// A seeded workspace: its admin (signed in), a member (signed in) and ids.
pub struct Firm {
    pub workspace_id: String,
    pub admin_id: String,
    pub member_id: String,
    pub admin: User,
    pub member: User,
    pub admin_email: String,
    pub member_email: String,
}

pub const PASSWORD: &str = "correct horse battery";

impl TestApp {
    /// The watch of this app's test.
    pub fn watch(&self) -> Watch {
        Watch { pg_db: self.pg_db.clone() }
    }

    /// A new anonymous client.
    pub fn user(&self) -> User {
        let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
        User {
            http: reqwest::Client::builder().cookie_provider(jar.clone()).build().unwrap(),
            base: format!("http://{}", self.addr),
            jar,
        }
    }

    /// Creates a workspace named `name` with an admin and a member, both signed in.
    pub async fn firm(&self, name: &str) -> Firm {
        let slug: String = name.to_lowercase().chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        let admin_email = format!("admin@{slug}.example");
        let member_email = format!("member@{slug}.example");
        let created = workspace::create(
            &self.state.db,
            NewWorkspace {
                workspace_name: name.into(),
                admin_name: format!("Admin {name}"),
                admin_email: admin_email.clone(),
                admin_password: PASSWORD.into(),
            },
            false,
        )
        .await
        .unwrap();
        let admin = self.user();
        admin.call("login", json!({"email": admin_email, "password": PASSWORD})).await.unwrap();
        let member_id = admin
            .call("add_staff", json!({"name": format!("Member {name}"), "email": member_email, "role": "member", "password": PASSWORD}))
            .await
            .unwrap();
        let member = self.user();
        member.call("login", json!({"email": member_email, "password": PASSWORD})).await.unwrap();
        Firm {
            workspace_id: created.workspace_id,
            admin_id: created.admin_id,
            member_id: member_id.as_str().unwrap().to_string(),
            admin,
            member,
            admin_email,
            member_email,
        }
    }

    /// The URL of this test's PostgreSQL database (None on SQLite).
    pub fn pg_url(&self) -> Option<String> {
        self.pg_db.as_deref().map(pg_url_for)
    }

    /// Counts rows of `table` (for "nothing changed" checks).
    pub async fn count(&self, table: &str) -> i64 {
        let (n,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {table}")).fetch_one(&self.state.db.pool).await.unwrap();
        n
    }
}

/// One message written by the mail worker as an .eml file.
#[derive(Debug, Clone)]
pub struct Eml {
    pub to: String,
    pub subject: String,
    pub body: String,
}

impl Eml {
    /// The first link in the body that contains `part`.
    pub fn link(&self, part: &str) -> String {
        self.body
            .split_whitespace()
            .find(|w| w.starts_with("http") && w.contains(part))
            .unwrap_or_else(|| panic!("no link with {part} in mail to {}: {}", self.to, self.body))
            .to_string()
    }
}

/// Decodes quoted-printable text (soft line breaks and =XX escapes).
pub fn decode_qp(s: &str) -> String {
    let joined = s.replace("=\r\n", "").replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            if let Ok(v) = u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or(""), 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).replace("\r\n", "\n")
}

/// Parses an .eml as the worker writes it (plain text, quoted-printable).
pub fn parse_eml(raw: &str) -> Eml {
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((raw, ""));
    let header = |name: &str| {
        head.lines()
            .find_map(|l| l.strip_prefix(&format!("{name}: ")))
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    Eml { to: header("To"), subject: header("Subject"), body: decode_qp(body) }
}

impl TestApp {
    /// Every .eml written so far.
    pub fn mails(&self) -> Vec<Eml> {
        let dir = self.dir.join("mail");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .map(|r| r.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "eml")).collect())
            .unwrap_or_default();
        files.sort();
        files.into_iter().map(|p| parse_eml(&std::fs::read_to_string(p).unwrap())).collect()
    }

    /// Waits (up to 10 s) for the `n`-th (1-based) mail to `to`.
    pub async fn wait_mail(&self, to: &str, n: usize) -> Eml {
        for _ in 0..200 {
            let found: Vec<Eml> = self.mails().into_iter().filter(|m| m.to == to).collect();
            if found.len() >= n {
                return found[n - 1].clone();
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("no mail #{n} to {to}; outbox: {:?}", self.mails().iter().map(|m| (&m.to, &m.subject)).collect::<Vec<_>>());
    }

    /// Waits (up to 5 s) until the outbox has no unsent mail: the worker writes or
    /// sends a mail, then marks it sent. True when it got there.
    pub async fn wait_all_sent(&self) -> bool {
        for _ in 0..100 {
            let (n,): (i64,) =
                sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL").fetch_one(&self.state.db.pool).await.unwrap();
            if n == 0 {
                return true;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        false
    }

    /// Writes the buffered portal visits now (the flusher does it every second in
    /// production; tests choose the moment).
    pub async fn flush_visits(&self) -> usize {
        self.state.visits.flush(&self.state.db).await.expect("flush visits")
    }

    /// The app's data folder (SQLite file, mail, attachments).
    pub fn data_dir(&self) -> &std::path::Path {
        &self.dir
    }

    /// The base URL of the app.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

impl User {
    /// The `Cookie` header this user sends (for hand-made requests).
    pub fn cookie(&self) -> String {
        use reqwest::cookie::CookieStore;
        let url: reqwest::Url = self.base.parse().unwrap();
        self.jar.cookies(&url).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default()
    }

    /// Calls server fn `endpoint` with JSON `args`; decodes the value or the `AppError`.
    pub async fn call(&self, endpoint: &str, args: Value) -> Result<Value, AppError> {
        let resp = self.post(endpoint, args).await;
        let ok = resp.status().is_success();
        let body = resp.text().await.unwrap();
        if ok {
            Ok(serde_json::from_str(&body).unwrap_or(Value::Null))
        } else {
            Err(serde_json::from_str(&body).unwrap_or_else(|_| panic!("{endpoint}: not an AppError: {body}")))
        }
    }

    /// The raw response of a server fn call.
    pub async fn post(&self, endpoint: &str, args: Value) -> reqwest::Response {
        self.http.post(format!("{}/api/{endpoint}", self.base)).json(&args).send().await.unwrap()
    }

    /// GET a page; returns status and body.
    pub async fn get(&self, path: &str) -> (u16, String) {
        let r = self.http.get(format!("{}{path}", self.base)).send().await.unwrap();
        (r.status().as_u16(), r.text().await.unwrap())
    }
}

/// A matter input with sensible defaults and the given title.
pub fn matter(title: &str) -> Value {
    json!({
        "kind": "legal", "title": title, "reference": "0001234-03.2026.8.26.0100", "description": "",
        "deadline": "2027-03-01", "status": "active", "visibility": "workspace", "team_id": "",
        "party_ids": [], "stages": [
            {"name": "Petição", "starts_on": "2026-01-10", "ends_on": "2026-02-10", "done": true},
            {"name": "Audiência", "starts_on": "2026-02-11", "ends_on": "2026-05-01", "done": false}
        ]
    })
}

/// Expects `Invalid { field, code }`.
pub fn assert_invalid(r: Result<Value, AppError>, field: &str, code: &str) {
    match r {
        Err(AppError::Invalid { field: f, code: c }) => assert_eq!((f.as_str(), c.as_str()), (field, code)),
        other => panic!("expected invalid {field}/{code}, got {other:?}"),
    }
}

/// Generates `mod name { sqlite(), postgres() }` running `async fn name(app)` on both databases.
#[macro_export]
macro_rules! both {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let app = $crate::helpers::spawn_app($crate::helpers::Backend::Sqlite).await;
                let watch = app.watch();
                watch.run(super::$name(app)).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let app = $crate::helpers::spawn_app($crate::helpers::Backend::Postgres).await;
                let watch = app.watch();
                watch.run(super::$name(app)).await
            }
        }
    )*};
}
