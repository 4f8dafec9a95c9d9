//! Offline reading of the portal: the service worker is served for the portal's
//! scope, only a client's own pages are marked for keeping, sign-in pages and a
//! client's sign-out make the browser forget, and the offline page carries no data.
use crate::both;
use crate::helpers::*;
use crate::sharing::{invited_client, shared_matter};
use serde_json::json;

both!(
    the_worker_is_served_for_the_portal_scope,
    only_a_clients_own_pages_are_kept,
    signing_out_makes_the_device_forget,
    the_offline_page_is_public_and_in_the_clients_language,
);

async fn head(u: &User, app: &TestApp, path: &str) -> (u16, reqwest::header::HeaderMap) {
    let r = u.http.get(app.url(path)).send().await.unwrap();
    (r.status().as_u16(), r.headers().clone())
}

fn mark(h: &reqwest::header::HeaderMap) -> Option<&str> {
    h.get("x-portico-offline").map(|v| v.to_str().unwrap())
}

async fn the_worker_is_served_for_the_portal_scope(app: TestApp) {
    let anon = app.user();
    let r = anon.http.get(app.url("/portal/sw.js")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let h = r.headers().clone();
    assert_eq!(h["content-type"], "text/javascript; charset=utf-8");
    assert_eq!(h["service-worker-allowed"], "/portal", "the worker may control /portal itself");
    assert_eq!(h["cache-control"], "no-cache", "a new build reaches installed portals at once");
    let body = r.text().await.unwrap();
    assert!(body.contains("addEventListener(\"fetch\"") && body.contains("x-portico-offline"), "the worker itself");
    let r = anon.http.get(app.url("/portal/offline.js")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "no-cache");
    assert!(r.headers().get("service-worker-allowed").is_none());
    assert!(r.text().await.unwrap().contains(".register(\"/portal/sw.js\", { scope: \"/portal\" })"));
}

async fn only_a_clients_own_pages_are_kept(app: TestApp) {
    let firm = app.firm("Souza").await;
    let (m, _) = shared_matter(&firm, "Guardado offline").await;
    let client = invited_client(&app, &firm, &m, "offline@cliente.example", &["tasks", "deadline"]).await;
    let t = client
        .call("create_ticket", json!({"matter_id": m, "input": {"title": "Dúvida", "priority": "normal", "description": ""}, "preview": ""}))
        .await
        .unwrap();
    let pages = ["/portal".to_string(), format!("/portal/m/{m}"), "/portal/tickets".into(), "/portal/contact".into(), format!("/portal/tickets/{}", t.as_str().unwrap())];
    for p in &pages {
        let (status, h) = head(&client, &app, p).await;
        assert_eq!((status, mark(&h)), (200, Some("keep")), "{p}");
        assert_eq!(h["cache-control"], "no-store", "{p}: kept by the worker only, never by the HTTP cache");
    }
    // A page from memory carries the same mark.
    let (_, h) = head(&client, &app, &pages[1]).await;
    assert_eq!(mark(&h), Some("keep"));
    // A matter not shared with this client: a 404, not kept (the worker drops its copy).
    let (other, _) = shared_matter(&firm, "Outro caso").await;
    let (status, h) = head(&client, &app, &format!("/portal/m/{other}")).await;
    assert_eq!((status, mark(&h)), (404, None));
    let (status, h) = head(&client, &app, "/portal/tickets/nao-existe").await;
    assert_eq!((status, mark(&h)), (404, None));
    // Staff pages and a staff preview of the same client are never kept.
    let client_id = firm.admin.call("list_matter_access", json!({"matter_id": m})).await.unwrap()[0]["client_id"].clone();
    for p in ["/matters".to_string(), format!("/matters/{m}"), format!("/preview/{}/m/{m}", client_id.as_str().unwrap())] {
        let (status, h) = head(&firm.admin, &app, &p).await;
        assert_eq!((status, mark(&h)), (200, None), "{p}");
    }
    // Nobody: sent to the sign-in page, which tells the worker to forget.
    let anon = app.user();
    let r = anon.http.get(app.url(&pages[1])).send().await.unwrap();
    assert_eq!(r.url().path(), "/portal/login");
    assert_eq!(mark(r.headers()), Some("clear"));
    // Staff opening a portal page are sent to the portal's sign-in: not kept either.
    let (_, h) = head(&firm.admin, &app, &pages[1]).await;
    assert_ne!(mark(&h), Some("keep"));
}

async fn signing_out_makes_the_device_forget(app: TestApp) {
    let anon = app.user();
    for p in ["/portal/login", "/portal/forgot", "/portal/link-invalid", "/portal/password/abc"] {
        let (status, h) = head(&anon, &app, p).await;
        assert_eq!((status, mark(&h)), (200, Some("clear")), "{p}");
    }
    let firm = app.firm("Souza").await;
    let (m, _) = shared_matter(&firm, "Sair").await;
    let client = invited_client(&app, &firm, &m, "sair@cliente.example", &["tasks"]).await;
    let r = client.post("logout", json!({})).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["clear-site-data"], "\"storage\"", "a client's sign-out clears what the browser kept");
    let (status, _) = client.get(&format!("/portal/m/{m}")).await;
    assert_eq!(status, 200, "followed to the sign-in page");
    // Staff signing out keep their browser's assets (nothing of a client's is there).
    let r = firm.admin.post("logout", json!({})).await;
    assert_eq!(r.status(), 200);
    assert!(r.headers().get("clear-site-data").is_none());
}

async fn the_offline_page_is_public_and_in_the_clients_language(app: TestApp) {
    let anon = app.user();
    let r = anon.http.get(app.url("/portal/offline")).header("accept-language", "en-US,en;q=0.8").send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-language"], "en");
    assert_eq!(mark(r.headers()), None, "the worker keeps it on purpose, not as a visited page");
    let html = r.text().await.unwrap();
    assert!(html.contains("You are offline"), "{html}");
    assert!(html.contains("id=\"offline-pages\"") && html.contains("/portal/offline.js"));
    assert!(!html.contains(".wasm") && !html.contains("hydrate("), "served without the wasm: {html}");
    let (status, pt) = anon.get("/portal/offline").await;
    assert_eq!(status, 200);
    assert!(pt.contains("Sem conexão"));
    // A signed-in client's offline page is the same page: no data of theirs in it.
    let firm = app.firm("Souza").await;
    let (m, _) = shared_matter(&firm, "Caso sigiloso").await;
    let client = invited_client(&app, &firm, &m, "sigilo@cliente.example", &["tasks"]).await;
    let (status, html) = client.get("/portal/offline").await;
    assert_eq!(status, 200);
    assert!(!html.contains("Caso sigiloso") && !html.contains("sigilo@cliente.example"));
}
