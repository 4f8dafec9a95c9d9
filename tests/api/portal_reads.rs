//! A portal page costs little: no write in a read's request path (visits are
//! buffered and written later), the caller resolved once per request, answers
//! compressed, hashed assets cached for good and pages never stored.
use crate::both;
use crate::helpers::*;
use crate::sharing::{invited_client, shared_matter};
use portico::model::AppError;
use serde_json::json;
use std::sync::atomic::Ordering;
use std::time::Duration;

both!(
    a_page_view_does_not_write,
    visits_reach_the_log_and_since_your_last_visit_after_the_flush,
    the_flusher_writes_visits_on_its_own,
    the_caller_is_resolved_once_per_request,
    compressed_answers_decode_to_the_same_bytes,
    hashed_assets_are_immutable_and_pages_are_not_stored,
    revoking_a_grant_acts_on_the_very_next_request,
    staff_pickers_offer_only_what_they_need,
);

/// Holds every write lock the database has (SQLite: the one write lock; PostgreSQL:
/// EXCLUSIVE on every table, which lets plain reads through and blocks any
/// INSERT/UPDATE/DELETE) until dropped.
struct WriteLock {
    _conn: sqlx::AnyConnection,
}

async fn lock_writes(app: &TestApp) -> WriteLock {
    use sqlx::{Connection, Executor};
    let url = app.state.settings.database_url();
    let mut conn = sqlx::AnyConnection::connect(&url).await.unwrap();
    if url.starts_with("sqlite:") {
        conn.execute("BEGIN IMMEDIATE").await.unwrap();
    } else {
        let tables: Vec<(String,)> =
            sqlx::query_as("SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_sqlx_migrations'")
                .fetch_all(&mut conn)
                .await
                .unwrap();
        let list = tables.into_iter().map(|(t,)| format!("\"{t}\"")).collect::<Vec<_>>().join(", ");
        conn.execute("BEGIN").await.unwrap();
        conn.execute(format!("LOCK TABLE {list} IN EXCLUSIVE MODE").as_str()).await.unwrap();
    }
    WriteLock { _conn: conn }
}

/// PostgreSQL: the statements waiting for a lock (what a timed-out read waited for).
async fn lock_waits(app: &TestApp) -> Vec<(String, String)> {
    use sqlx::Connection;
    let url = app.state.settings.database_url();
    if url.starts_with("sqlite:") {
        return vec![];
    }
    let mut conn = sqlx::AnyConnection::connect(&url).await.unwrap();
    sqlx::query_as(
        "SELECT COALESCE(wait_event, ''), COALESCE(query, '') FROM pg_stat_activity \
         WHERE datname = current_database() AND wait_event_type = 'Lock'",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap_or_default()
}

/// A client invited to a new shared matter with deadline, schedule and tasks.
pub async fn client_with_matter(app: &TestApp, firm: &Firm, email: &str) -> (User, String) {
    let (m, _) = shared_matter(firm, "Ação de cobrança").await;
    let client = invited_client(app, firm, &m, email, &["deadline", "schedule", "tasks"]).await;
    (client, m)
}

async fn a_page_view_does_not_write(app: TestApp) {
    let firm = app.firm("Souza").await;
    let (client, m) = client_with_matter(&app, &firm, "leitura@cliente.example").await;
    let lock = lock_writes(&app).await;
    // With every write blocked, reading the portal still answers (a write would wait
    // for the lock: SQLite's busy timeout is 5 s, so 3 s tells; PostgreSQL waits
    // forever, so a longer bound tells too and tolerates a machine busy with the
    // other tests' CREATE/DROP DATABASE).
    let quick = Duration::from_secs(if app.state.db.backend == portico::server::db::Backend::Sqlite { 3 } else { 15 });
    for path in ["/portal".to_string(), format!("/portal/m/{m}"), "/portal/contact".into(), "/portal/tickets".into()] {
        let r = tokio::time::timeout(quick, client.get(&path)).await;
        if r.is_err() {
            panic!("GET {path} waited for a write; waiting: {:?}", lock_waits(&app).await);
        }
        let (status, html) = r.unwrap();
        assert_eq!(status, 200, "{path}");
        assert!(!html.contains("portal-login"), "{path} stayed signed in");
    }
    for (f, args) in [
        ("portal_home", json!({"preview": ""})),
        ("portal_matter", json!({"matter_id": m, "preview": ""})),
        ("portal_contact", json!({"preview": ""})),
        ("list_my_tickets", json!({"matter_id": m, "preview": ""})),
    ] {
        let r = tokio::time::timeout(quick, client.call(f, args)).await;
        if r.is_err() {
            panic!("{f} waited for a write; waiting: {:?}", lock_waits(&app).await);
        }
        assert!(r.unwrap().is_ok(), "{f}");
    }
    assert!(app.state.visits.pending() >= 1, "the visits are buffered (one row per matter and client)");
    drop(lock);
    // Views of the same matter within one flush interval are one row.
    assert!(app.flush_visits().await >= 1);
}

async fn visits_reach_the_log_and_since_your_last_visit_after_the_flush(app: TestApp) {
    let firm = app.firm("Souza").await;
    let (client, m) = client_with_matter(&app, &firm, "novidades@cliente.example").await;
    let home = client.call("portal_home", json!({"preview": ""})).await.unwrap();
    assert_eq!(home["firms"][0]["matters"][0]["last_visit"], json!(null), "never opened: new");
    client.call("portal_matter", json!({"matter_id": m, "preview": ""})).await.unwrap();
    let (status, _) = client.get(&format!("/portal/m/{m}")).await;
    assert_eq!(status, 200);
    assert_eq!(app.count("access_log").await, 0, "nothing written by the reads");
    // Two views of the same matter, the same way in, within one flush: one row.
    assert_eq!(app.flush_visits().await, 1);
    assert_eq!(app.count("access_log").await, 1);
    let log = firm.admin.call("matter_access_log", json!({"matter_id": m})).await.unwrap();
    assert_eq!(log.as_array().unwrap().len(), 1);
    assert_eq!(log[0]["via"], "Account");
    let access = firm.admin.call("list_matter_access", json!({"matter_id": m})).await.unwrap();
    assert!(access[0]["last_seen_at"].as_i64().is_some(), "last seen is written too");

    let home = client.call("portal_home", json!({"preview": ""})).await.unwrap();
    let summary = &home["firms"][0]["matters"][0];
    assert!(summary["last_visit"].as_i64().is_some());
    assert_eq!(summary["changes"], 0);
    // A private task changes nothing the client can see; a public one and a new
    // deadline do.
    tokio::time::sleep(Duration::from_millis(5)).await;
    let board = firm.admin.call("get_board", json!({"matter_id": m})).await.unwrap();
    let col = board["columns"][1]["id"].as_str().unwrap().to_string();
    let task = |title: &str, public: bool| {
        json!({"column_id": col, "input": {"title": title, "description": "", "due_on": "", "assignee_id": "", "is_public": public}})
    };
    firm.admin.call("create_task", task("Rascunho interno", false)).await.unwrap();
    let home = client.call("portal_home", json!({"preview": ""})).await.unwrap();
    assert_eq!(home["firms"][0]["matters"][0]["changes"], 0, "a private task is not news to the client");
    firm.admin.call("create_task", task("Protocolo da petição", true)).await.unwrap();
    let mut edit = matter("Ação de cobrança");
    edit["deadline"] = json!("2027-06-30");
    firm.admin.call("update_matter", json!({"id": m, "input": edit})).await.unwrap();
    let home = client.call("portal_home", json!({"preview": ""})).await.unwrap();
    assert_eq!(home["firms"][0]["matters"][0]["changes"], 2, "one public task and the deadline: {home}");
    // Seeing the matter again (and writing that visit) clears them.
    client.call("portal_matter", json!({"matter_id": m, "preview": ""})).await.unwrap();
    app.flush_visits().await;
    let home = client.call("portal_home", json!({"preview": ""})).await.unwrap();
    assert_eq!(home["firms"][0]["matters"][0]["changes"], 0);
}

async fn the_flusher_writes_visits_on_its_own(app: TestApp) {
    // The app under test writes visits only when asked; this one runs the real flusher.
    let backend = if app.state.settings.database_url().starts_with("sqlite:") { Backend::Sqlite } else { Backend::Postgres };
    drop(app);
    let app = spawn_app_with(backend, |s| s.visit_flush_ms = 100).await;
    let firm = app.firm("Souza").await;
    let (client, m) = client_with_matter(&app, &firm, "auto@cliente.example").await;
    client.call("portal_matter", json!({"matter_id": m, "preview": ""})).await.unwrap();
    for _ in 0..100 {
        if app.count("access_log").await == 1 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the visit was not written within 5 s");
}

/// Resolutions of the caller during `f`.
async fn resolutions<F: std::future::Future>(app: &TestApp, f: F) -> (u64, F::Output) {
    let before = app.state.metrics.caller_resolutions.load(Ordering::SeqCst);
    let out = f.await;
    (app.state.metrics.caller_resolutions.load(Ordering::SeqCst) - before, out)
}

async fn the_caller_is_resolved_once_per_request(app: TestApp) {
    let firm = app.firm("Souza").await;
    let (client, m) = client_with_matter(&app, &firm, "uma@cliente.example").await;
    // The matter page: page guard, the matter and its tickets, one resolution.
    let (n, (status, html)) = resolutions(&app, client.get(&format!("/portal/m/{m}"))).await;
    assert_eq!((status, n), (200, 1));
    assert!(html.contains("Public task for the client"));
    let (n, _) = resolutions(&app, client.get("/portal")).await;
    assert_eq!(n, 1);
    let (n, r) = resolutions(&app, client.call("portal_matter", json!({"matter_id": m, "preview": ""}))).await;
    assert!(r.is_ok());
    assert_eq!(n, 1);
    // Staff pages too (page guard, current user, the matter, its board, its shares...).
    let (n, (status, _)) = resolutions(&app, firm.admin.get(&format!("/matters/{m}"))).await;
    assert_eq!((status, n), (200, 1));
    let (n, (status, _)) = resolutions(&app, firm.admin.get("/tickets")).await;
    assert_eq!((status, n), (200, 1));
    // Public pages and files do not ask.
    let (n, (status, _)) = resolutions(&app, app.user().get("/portal/login")).await;
    assert_eq!((status, n), (200, 0));
}

fn decode(encoding: &str, bytes: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    match encoding {
        "br" => {
            brotli::Decompressor::new(bytes, 4096).read_to_end(&mut out).unwrap();
        }
        "gzip" => {
            flate2::read::GzDecoder::new(bytes).read_to_end(&mut out).unwrap();
        }
        other => panic!("unexpected encoding {other}"),
    }
    out
}

/// The page with its per-request nonce blanked (Leptos makes a new one each time).
fn without_nonces(html: &[u8]) -> String {
    let mut s = String::from_utf8(html.to_vec()).unwrap();
    for attr in ["nonce=\"", "crossorigin=\""] {
        let mut from = 0;
        while let Some(i) = s[from..].find(attr) {
            let start = from + i + attr.len();
            let end = start + s[start..].find('"').unwrap();
            s.replace_range(start..end, "N");
            from = start + 1;
        }
    }
    s
}

/// GET or POST with `Accept-Encoding: accept`; returns (content-encoding, body bytes).
async fn fetch(user: &User, req: reqwest::RequestBuilder, accept: &str) -> (String, Vec<u8>) {
    let _ = user;
    let r = req.header("accept-encoding", accept).send().await.unwrap();
    assert!(r.status().is_success(), "{}", r.status());
    let enc = r.headers().get("content-encoding").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    (enc, r.bytes().await.unwrap().to_vec())
}

async fn compressed_answers_decode_to_the_same_bytes(app: TestApp) {
    let firm = app.firm("Souza").await;
    let (client, m) = client_with_matter(&app, &firm, "bytes@cliente.example").await;
    let page = app.url(&format!("/portal/m/{m}"));
    let (enc, plain) = fetch(&client, client.http.get(&page), "identity").await;
    assert_eq!(enc, "");
    assert!(String::from_utf8_lossy(&plain).contains("Public task for the client"));
    for accept in ["br", "gzip", "br, gzip"] {
        let (enc, body) = fetch(&client, client.http.get(&page), accept).await;
        let want = if accept == "gzip" { "gzip" } else { "br" };
        assert_eq!(enc, want, "Accept-Encoding: {accept}");
        assert!(body.len() < plain.len() / 2, "{accept}: {} of {} bytes", body.len(), plain.len());
        assert_eq!(without_nonces(&decode(&enc, &body)), without_nonces(&plain), "{accept}: decodes to the same page");
    }
    let api = app.url("/api/portal_matter");
    let args = json!({"matter_id": m, "preview": ""});
    let (_, plain) = fetch(&client, client.http.post(&api).json(&args), "identity").await;
    let (enc, body) = fetch(&client, client.http.post(&api).json(&args), "gzip, br").await;
    assert!(enc == "br" || enc == "gzip", "{enc}");
    assert_eq!(decode(&enc, &body), plain);
}

async fn hashed_assets_are_immutable_and_pages_are_not_stored(app: TestApp) {
    use std::io::Write;
    // A site as cargo-leptos leaves it: hashed names, with .br and .gz beside them.
    let pkg = app.state.settings.site_root.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    let wasm: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    let name = "portico.JrV3aQx9b0Yc2dE4fG5hIw.wasm";
    std::fs::write(pkg.join(name), &wasm).unwrap();
    let mut br = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut br, 4096, 9, 22);
        w.write_all(&wasm).unwrap();
    }
    std::fs::write(pkg.join(format!("{name}.br")), &br).unwrap();
    std::fs::write(pkg.join("portico.css"), "body { color: black; }\n".repeat(50)).unwrap();

    let anon = app.user();
    let r = anon.http.get(app.url(&format!("/pkg/{name}"))).header("accept-encoding", "gzip, br").send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "public, max-age=31536000, immutable");
    assert_eq!(r.headers()["content-encoding"], "br", "the precompressed file is sent");
    let body = r.bytes().await.unwrap();
    assert_eq!(body.len(), br.len());
    assert_eq!(decode("br", &body), wasm);
    let r = anon.http.get(app.url(&format!("/pkg/{name}"))).send().await.unwrap();
    assert!(r.headers().get("content-encoding").is_none());
    assert_eq!(r.bytes().await.unwrap().to_vec(), wasm);
    // An unhashed name is revalidated; pages and server fn answers are never stored.
    let r = anon.http.get(app.url("/pkg/portico.css")).send().await.unwrap();
    assert_eq!(r.headers()["cache-control"], "no-cache");
    let firm = app.firm("Souza").await;
    let (client, m) = client_with_matter(&app, &firm, "cache@cliente.example").await;
    for path in ["/portal/login".to_string(), format!("/portal/m/{m}"), "/portal".into()] {
        let r = client.http.get(app.url(&path)).send().await.unwrap();
        assert_eq!(r.status(), 200, "{path}");
        assert_eq!(r.headers()["cache-control"], "no-store", "{path}");
    }
    let r = client.post("portal_matter", json!({"matter_id": m, "preview": ""})).await;
    assert_eq!(r.headers()["cache-control"], "no-store");
    let r = firm.admin.http.get(app.url(&format!("/matters/{m}"))).send().await.unwrap();
    assert_eq!(r.headers()["cache-control"], "no-store");
}

async fn revoking_a_grant_acts_on_the_very_next_request(app: TestApp) {
    let firm = app.firm("Souza").await;
    let (client, m) = client_with_matter(&app, &firm, "revoga@cliente.example").await;
    let (status, html) = client.get(&format!("/portal/m/{m}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Public task for the client"));
    let grant = firm.admin.call("list_matter_access", json!({"matter_id": m})).await.unwrap()[0]["grant_id"].clone();
    firm.admin.call("remove_grant", json!({"grant_id": grant})).await.unwrap();
    assert_eq!(client.call("portal_matter", json!({"matter_id": m, "preview": ""})).await, Err(AppError::Unauthorized));
    let (_, html) = client.get(&format!("/portal/m/{m}")).await;
    assert!(!html.contains("Public task for the client"));
}

async fn staff_pickers_offer_only_what_they_need(app: TestApp) {
    let firm = app.firm("Souza").await;
    let (client, m) = client_with_matter(&app, &firm, "picker@cliente.example").await;
    let (other, _) = shared_matter(&firm, "Sem tickets").await;
    let mut private = matter("Privado do admin");
    private["visibility"] = json!("private");
    let private = firm.admin.call("create_matter", json!({"input": private})).await.unwrap();
    let archived = firm.admin.call("create_matter", json!({"input": matter("Arquivado")})).await.unwrap();
    firm.admin.call("set_matter_archived", json!({"id": archived, "archived": true})).await.unwrap();
    client
        .call("create_ticket", json!({"matter_id": m, "input": {"title": "Dúvida", "priority": "normal", "description": ""}, "preview": ""}))
        .await
        .unwrap();
    // The inbox filters list the client and matter that have tickets, nothing else.
    let f = firm.member.call("ticket_filter_choices", json!({})).await.unwrap();
    assert_eq!(f["clients"].as_array().unwrap().len(), 1, "{f}");
    assert_eq!(f["clients"][0]["label"], "picker");
    assert_eq!(f["matters"], json!([{"id": m, "label": "Ação de cobrança"}]));
    // Matters to link: the ones the caller sees, not archived, as (id, title) only.
    let labels = |v: serde_json::Value| v.as_array().unwrap().iter().map(|c| c["label"].as_str().unwrap().to_string()).collect::<Vec<_>>();
    assert_eq!(labels(firm.member.call("matter_choices", json!({})).await.unwrap()), ["Ação de cobrança", "Sem tickets"]);
    assert_eq!(labels(firm.admin.call("matter_choices", json!({})).await.unwrap()), ["Ação de cobrança", "Privado do admin", "Sem tickets"]);
    assert!(!other.is_empty() && private.is_string());
    // Neither page carries the whole lists any more.
    let (_, html) = firm.admin.get("/tickets").await;
    assert!(!html.contains("Sem tickets"), "the inbox page embeds every matter");
    let (_, html) = firm.admin.get(&format!("/matters/{m}")).await;
    assert!(!html.contains("Privado do admin"), "the matter page embeds every matter");
}
