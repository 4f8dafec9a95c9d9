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
    read_only_portal_pages_load_no_app_code,
    the_language_switch_and_sign_out_are_plain_html,
);

/// A client that does not follow redirects, with `u`'s cookies.
async fn raw(app: &TestApp, u: &User, method: reqwest::Method, path: &str, origin: Option<&str>) -> reqwest::Response {
    let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let mut req = http.request(method, app.url(path)).header("cookie", u.cookie());
    if let Some(o) = origin {
        req = req.header("origin", o);
    }
    req.send().await.unwrap()
}

fn loads_wasm(html: &str) -> bool {
    html.contains("_bg.wasm") || html.contains(".wasm\"")
}

async fn read_only_portal_pages_load_no_app_code(app: TestApp) {
    let firm = app.firm("Souza").await;
    let (m, _) = shared_matter(&firm, "Sem wasm").await;
    let client = invited_client(&app, &firm, &m, "leve@cliente.example", &["tasks", "deadline", "schedule"]).await;
    let t = client
        .call("create_ticket", json!({"matter_id": m, "input": {"title": "Pergunta", "priority": "normal", "description": ""}, "preview": ""}))
        .await
        .unwrap();
    for p in ["/portal".to_string(), format!("/portal/m/{m}"), "/portal/tickets".into(), "/portal/contact".into()] {
        let (status, html) = client.get(&p).await;
        assert_eq!(status, 200, "{p}");
        assert!(!loads_wasm(&html), "{p} loads no app code");
        assert!(html.contains("<body data-static"), "{p}");
        // Its actions are plain HTML: the sign-out form and the language link.
        assert!(html.contains(r#"action="/portal/logout""#) && html.contains(r#"href="/lang/en?back="#), "{p}");
    }
    let (_, matter) = client.get(&format!("/portal/m/{m}")).await;
    assert!(matter.contains(&format!(r#"href="/portal/m/{m}/new-ticket""#)), "the new ticket is a link");
    // Forms load the app: a new ticket, a ticket's conversation; so do staff pages and previews.
    let client_id = firm.admin.call("list_matter_access", json!({"matter_id": m})).await.unwrap()[0]["client_id"].clone();
    let cid = client_id.as_str().unwrap();
    for (u, p) in [
        (&client, format!("/portal/m/{m}/new-ticket")),
        (&client, format!("/portal/tickets/{}", t.as_str().unwrap())),
        (&firm.admin, "/matters".to_string()),
        (&firm.admin, format!("/preview/{cid}/m/{m}")),
    ] {
        let (status, html) = u.get(&p).await;
        assert_eq!(status, 200, "{p}");
        assert!(loads_wasm(&html), "{p} loads the app");
        assert!(!html.contains("<body data-static"), "{p}");
    }
    let (status, form) = client.get(&format!("/portal/m/{m}/new-ticket")).await;
    assert_eq!(status, 200);
    assert!(form.contains("<title>Novo ticket — Sem wasm · Portico</title>"), "named with its matter");
    assert!(form.contains(&format!(r#"data-offline-draft="{m}""#)));
    // The worker keeps the new-ticket form with its matter, so a ticket can be started offline.
    let r = raw(&app, &client, reqwest::Method::GET, &format!("/portal/m/{m}"), None).await;
    assert_eq!(r.headers()["x-portico-offline-also"], format!("/portal/m/{m}/new-ticket").as_str());
    // A matter not shared with this client has no new-ticket page.
    let (other, _) = shared_matter(&firm, "Alheio").await;
    let (status, html) = client.get(&format!("/portal/m/{other}/new-ticket")).await;
    assert_eq!(status, 404);
    assert!(!html.contains("Alheio"));
}

async fn the_language_switch_and_sign_out_are_plain_html(app: TestApp) {
    let anon = app.user();
    let r = raw(&app, &anon, reqwest::Method::GET, "/lang/en?back=/portal/tickets%3Fx%3D1", None).await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/portal/tickets?x=1");
    let cookie = r.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("i18n_pref_locale=en;") && cookie.contains("Path=/"), "{cookie}");
    for evil in ["https://evil.example/", "//evil.example/x"] {
        let r = raw(&app, &anon, reqwest::Method::GET, &format!("/lang/pt-BR?back={evil}"), None).await;
        assert_eq!(r.headers()["location"], "/portal", "never off this site: {evil}");
    }
    let r = raw(&app, &anon, reqwest::Method::GET, "/lang/xx", None).await;
    assert_eq!(r.status(), 400);
    assert!(r.headers().get("set-cookie").is_none());
    // The language then holds on the next page.
    let (_, html) = anon.get("/lang/en?back=/portal/login").await;
    assert!(html.contains(r#"<html lang="en""#), "followed with the cookie");

    let firm = app.firm("Souza").await;
    let (m, _) = shared_matter(&firm, "Sair pelo formulário").await;
    let client = invited_client(&app, &firm, &m, "form@cliente.example", &["tasks"]).await;
    // From another site: refused, still signed in.
    let r = raw(&app, &client, reqwest::Method::POST, "/portal/logout", Some("https://evil.example")).await;
    assert_eq!(r.status(), 403);
    assert_eq!(raw(&app, &client, reqwest::Method::GET, "/portal", None).await.status(), 200, "still signed in");
    let origin = app.url("");
    let r = raw(&app, &client, reqwest::Method::POST, "/portal/logout", Some(&origin)).await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/portal/login");
    assert_eq!(r.headers()["clear-site-data"], "\"storage\"");
    let r = raw(&app, &client, reqwest::Method::GET, "/portal", None).await;
    assert_eq!((r.status().as_u16(), r.headers()["location"].to_str().unwrap()), (303, "/portal/login"), "the session is gone");
    let r = raw(&app, &firm.admin, reqwest::Method::POST, "/portal/logout", Some(&origin)).await;
    assert_eq!(r.status(), 303);
    assert!(r.headers().get("clear-site-data").is_none(), "staff keep their browser's data");
}

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
