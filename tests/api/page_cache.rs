//! Signed-in pages are answered from memory only while nothing was committed since
//! they were rendered, only to the very same request (cookies, path, encodings), and
//! each answer from memory still counts as a visit.
use crate::both;
use crate::helpers::*;
use crate::portal_reads::client_with_matter;
use sqlx::Connection;
use std::sync::atomic::Ordering;
use std::time::Duration;

both!(
    a_repeated_page_comes_from_memory_and_still_counts_the_visit,
    a_commit_from_outside_the_server_renders_the_page_again,
    a_kept_page_is_never_served_to_another_caller,
    kept_pages_expire_and_the_cache_can_be_turned_off,
);

fn hits(app: &TestApp) -> u64 {
    app.state.metrics.page_cache_hits.load(Ordering::SeqCst)
}

/// Views `path` twice as `user`: the second answer comes from memory.
async fn warm(app: &TestApp, user: &User, path: &str) -> String {
    let (status, _) = user.get(path).await;
    assert_eq!(status, 200, "{path}");
    let before = hits(app);
    let (_, html) = user.get(path).await;
    assert_eq!(hits(app), before + 1, "{path} kept");
    html
}

/// Runs `sql` on a connection of its own, as another process would.
async fn outside(app: &TestApp, sql: &str, bind: &str) {
    let mut c = sqlx::AnyConnection::connect(&app.state.settings.database_url()).await.unwrap();
    sqlx::query(sql).bind(bind).execute(&mut c).await.unwrap();
    c.close().await.unwrap();
}

async fn a_repeated_page_comes_from_memory_and_still_counts_the_visit(app: TestApp) {
    let firm = app.firm("Souza").await;
    let (client, m) = client_with_matter(&app, &firm, "repete@cliente.example").await;
    let path = format!("/portal/m/{m}");
    let first = client.get(&path).await;
    assert_eq!(first.0, 200);
    tokio::time::sleep(Duration::from_millis(5)).await;
    let (before, resolved) = (hits(&app), app.state.metrics.caller_resolutions.load(Ordering::SeqCst));
    let asked = portico::server::db::now_ms();
    let second = client.get(&path).await;
    assert_eq!(second, first, "the same page");
    assert_eq!(hits(&app), before + 1, "answered from memory");
    assert_eq!(app.state.metrics.caller_resolutions.load(Ordering::SeqCst), resolved, "no session or database read");
    // The view from memory is in the access log: views within one flush interval
    // are one row, at the latest view's time.
    app.flush_visits().await;
    let (n, last): (i64, i64) = sqlx::query_as("SELECT COUNT(*), MAX(at) FROM access_log WHERE matter_id = $1")
        .bind(&m)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(n, 1);
    assert!(last >= asked, "the row carries the time of the view from memory");
    // Staff pages too.
    let staff = firm.admin.get(&format!("/matters/{m}")).await;
    let before = hits(&app);
    assert_eq!(firm.admin.get(&format!("/matters/{m}")).await, staff);
    assert_eq!(hits(&app), before + 1);
}

async fn a_commit_from_outside_the_server_renders_the_page_again(app: TestApp) {
    let firm = app.firm("Souza").await;
    let (client, m) = client_with_matter(&app, &firm, "fora@cliente.example").await;
    let path = format!("/portal/m/{m}");
    let html = warm(&app, &client, &path).await;
    assert!(html.contains("Public task for the client"));
    // Another process renames the task: the next view shows it.
    outside(&app, "UPDATE tasks SET title = 'Renamed elsewhere' WHERE title = $1", "Public task for the client").await;
    let before = hits(&app);
    let (status, html) = client.get(&path).await;
    assert_eq!(status, 200);
    assert!(html.contains("Renamed elsewhere") && !html.contains("Public task for the client"), "rendered again");
    assert_eq!(hits(&app), before);
    // Another process removes the grant: the very next view no longer shows the matter.
    warm(&app, &client, &path).await;
    outside(&app, "DELETE FROM grants WHERE matter_id = $1", &m).await;
    let (_, html) = client.get(&path).await;
    assert!(!html.contains("Renamed elsewhere"), "revoked from outside");
    // Staff deactivated from outside: the staff page is not served from memory.
    let p = format!("/matters/{m}");
    warm(&app, &firm.member, &p).await;
    outside(&app, "UPDATE staff SET active = 0 WHERE id = $1", &firm.member_id).await;
    let (status, html) = firm.member.get(&p).await;
    assert!(status != 200 || !html.contains("Ação de cobrança"), "deactivated: {status}");
}

async fn a_kept_page_is_never_served_to_another_caller(app: TestApp) {
    let firm = app.firm("Souza").await;
    let (client, m) = client_with_matter(&app, &firm, "dona@cliente.example").await;
    let path = format!("/portal/m/{m}");
    assert!(warm(&app, &client, &path).await.contains("Public task for the client"));
    // Another client of the same firm (with a matter of their own), another firm's
    // staff, and nobody: none of them gets the kept page.
    let (other, _) = client_with_matter(&app, &firm, "outra@cliente.example").await;
    let (_, html) = other.get(&path).await;
    assert!(!html.contains("Public task for the client"), "another client");
    let rival = app.firm("Rival").await;
    let (_, html) = rival.admin.get(&format!("/matters/{m}")).await;
    assert!(!html.contains("Internal strategy note"), "another firm's staff");
    let (status, html) = app.user().get(&path).await;
    assert!(!html.contains("Public task for the client"), "nobody: {status}");
    // The cookie is the session: the same client with another session renders anew.
    let again = app.user();
    again.call("client_login", serde_json::json!({"email": "dona@cliente.example", "password": PASSWORD})).await.unwrap();
    let before = hits(&app);
    assert!(again.get(&path).await.1.contains("Public task for the client"));
    assert_eq!(hits(&app), before);
}

async fn kept_pages_expire_and_the_cache_can_be_turned_off(app: TestApp) {
    for (ms, expect_hit) in [(300, true), (0, false)] {
        let app = spawn_app_with(app.backend(), |s| s.page_cache_ms = ms).await;
        let firm = app.firm("Souza").await;
        let (client, m) = client_with_matter(&app, &firm, "tempo@cliente.example").await;
        let path = format!("/portal/m/{m}");
        client.get(&path).await;
        let before = hits(&app);
        client.get(&path).await;
        assert_eq!(hits(&app) - before, u64::from(expect_hit), "page_cache_ms = {ms}");
        tokio::time::sleep(Duration::from_millis(400)).await;
        let before = hits(&app);
        client.get(&path).await;
        assert_eq!(hits(&app), before, "older than page_cache_ms = {ms}: rendered again");
    }
}
