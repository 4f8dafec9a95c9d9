//! The daily email digest: a client opts in per firm with a plain form in "Meus
//! dados"; at most one mail a day, through the outbox, listing only what became
//! visible to them (granted blocks, reviewed publications, shared documents).
use crate::both;
use crate::helpers::*;
use crate::sharing::{invited_client, shared_matter};
use portico::server::digest::{EVERY_MS, run_once};
use serde_json::json;
use std::time::Duration;

both!(the_digest_lists_only_what_the_client_may_see_at_most_daily, only_the_client_turns_their_digest_on);

/// POSTs the opt-in form as `u`: the status and where it redirects.
async fn opt(app: &TestApp, u: &User, client_id: &str, on: bool) -> (u16, String) {
    let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let body = if on { format!("client_id={client_id}&digest=on") } else { format!("client_id={client_id}") };
    let r = http
        .post(app.url("/portal/digest"))
        .header("cookie", u.cookie())
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept-language", "pt-BR")
        .body(body)
        .send()
        .await
        .unwrap();
    let to = r.headers().get("location").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    (r.status().as_u16(), to)
}

async fn client_id(firm: &Firm, m: &str) -> String {
    firm.admin.call("list_matter_access", json!({"matter_id": m})).await.unwrap()[0]["client_id"].as_str().unwrap().to_string()
}

async fn upload(app: &TestApp, by: &User, m: &str, name: &str, shared: bool) {
    let r = by
        .http
        .put(app.url(&format!("/files/matters/{m}")))
        .query(&[("name", name), ("shared", if shared { "true" } else { "false" })])
        .body(b"%PDF-1.4\n%%EOF\n".to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
}

fn digests(app: &TestApp, to: &str) -> Vec<Eml> {
    app.mails().into_iter().filter(|m| m.to == to && m.subject.contains("novidades")).collect()
}

async fn wait_digests(app: &TestApp, to: &str, n: usize) -> Vec<Eml> {
    for _ in 0..200 {
        if digests(app, to).len() >= n {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    digests(app, to)
}

async fn the_digest_lists_only_what_the_client_may_see_at_most_daily(app: TestApp) {
    let firm = app.firm("Souza").await;
    let (m, _) = shared_matter(&firm, "Ação de cobrança").await;
    let (m2, _) = shared_matter(&firm, "Outro caso").await;
    let email = "resumo@cliente.example";
    let client = invited_client(&app, &firm, &m, email, &["manual_movements", "documents"]).await;
    let id = client_id(&firm, &m).await;
    // Nothing before the opt-in counts.
    firm.admin.call("add_movement", json!({"matter_id": m, "input": {"on": "2026-11-01", "text": "Antes do pedido"}})).await.unwrap();
    tokio::time::sleep(Duration::from_millis(5)).await;
    assert_eq!(opt(&app, &client, &id, true).await, (303, "/portal/contact?digest=on".to_string()));
    let (_, page) = client.get("/portal/contact").await;
    assert!(page.contains(r#"name="digest" value="on" checked"#) || page.contains("checked"), "{page}");
    tokio::time::sleep(Duration::from_millis(5)).await;
    let now = chrono::Utc::now().timestamp_millis();
    assert_eq!(run_once(&app.state.db, "http://portal.example", now).await.unwrap(), 0, "nothing new yet: no mail");
    // What the client may see, and what they may not.
    firm.admin.call("add_movement", json!({"matter_id": m, "input": {"on": "2026-11-30", "text": "Protocolamos a réplica"}})).await.unwrap();
    upload(&app, &firm.admin, &m, "Réplica.pdf", true).await;
    upload(&app, &firm.admin, &m, "Estratégia-interna.pdf", false).await;
    upload(&app, &firm.admin, &m2, "Outro-caso.pdf", true).await;
    let p = firm.admin.call("add_publication", json!({"matter_id": m, "input": {"on": "2026-11-30", "journal": "DJE", "text": "Publicação-sem-bloco"}})).await.unwrap();
    firm.admin.call("set_publication_reviewed", json!({"id": p, "reviewed": true})).await.unwrap();
    sqlx::query(
        "INSERT INTO movements (id, matter_id, occurred_at, body, source, external_id, author_id, created_at, updated_at) \
         VALUES ('feed-1', $1, '2026-11-30', 'Andamento-do-tribunal', 'datajud', 'x', NULL, $2, $2)",
    )
    .bind(&m)
    .bind(chrono::Utc::now().timestamp_millis())
    .execute(&app.state.db.pool)
    .await
    .unwrap();
    let now = chrono::Utc::now().timestamp_millis() + 1;
    assert_eq!(run_once(&app.state.db, "http://portal.example", now).await.unwrap(), 1);
    let mail = wait_digests(&app, email, 1).await;
    assert_eq!(mail.len(), 1);
    let body = &mail[0].body;
    assert!(mail[0].subject.contains("Souza"), "{}", mail[0].subject);
    assert!(body.contains("Ação de cobrança") && body.contains("Protocolamos a réplica") && body.contains("Réplica.pdf"), "{body}");
    assert!(body.contains("http://portal.example/portal"));
    for hidden in ["Antes do pedido", "Estratégia-interna", "Outro-caso", "Publicação-sem-bloco", "Andamento-do-tribunal"] {
        assert!(!body.contains(hidden), "{hidden} is not the client's: {body}");
    }
    // At most one a day: again now, nothing; a day later with nothing new, nothing.
    assert_eq!(run_once(&app.state.db, "http://portal.example", now + 1000).await.unwrap(), 0);
    assert_eq!(run_once(&app.state.db, "http://portal.example", now + EVERY_MS + 1).await.unwrap(), 0);
    upload(&app, &firm.admin, &m, "Laudo.pdf", true).await;
    assert_eq!(run_once(&app.state.db, "http://portal.example", now + 1000).await.unwrap(), 0, "not yet a day");
    assert_eq!(run_once(&app.state.db, "http://portal.example", now + EVERY_MS + 2).await.unwrap(), 1);
    let mail = wait_digests(&app, email, 2).await;
    assert!(mail[1].body.contains("Laudo.pdf") && !mail[1].body.contains("Réplica.pdf"), "only what is new since the last: {}", mail[1].body);
    // Turned off: no more digests.
    assert_eq!(opt(&app, &client, &id, false).await, (303, "/portal/contact?digest=off".to_string()));
    upload(&app, &firm.admin, &m, "Depois.pdf", true).await;
    assert_eq!(run_once(&app.state.db, "http://portal.example", now + 3 * EVERY_MS).await.unwrap(), 0);
}

async fn only_the_client_turns_their_digest_on(app: TestApp) {
    let firm = app.firm("Souza").await;
    let (m, _) = shared_matter(&firm, "Ação").await;
    let (m2, _) = shared_matter(&firm, "Outro").await;
    let client = invited_client(&app, &firm, &m, "um@cliente.example", &["documents"]).await;
    invited_client(&app, &firm, &m2, "outro@cliente.example", &["documents"]).await;
    let other_id = client_id(&firm, &m2).await;
    let own_id = client_id(&firm, &m).await;
    assert_eq!(opt(&app, &client, &other_id, true).await.0, 404, "another client's record");
    assert_eq!(opt(&app, &firm.admin, &own_id, true).await.0, 401, "staff are not the client");
    assert_eq!(opt(&app, &app.user(), &own_id, true).await.0, 401);
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM clients WHERE digest_since IS NOT NULL").fetch_one(&app.state.db.pool).await.unwrap();
    assert_eq!(n, 0, "nothing changed");
    // A cross-site post is refused before it is read.
    let http = reqwest::Client::new();
    let r = http
        .post(app.url("/portal/digest"))
        .header("cookie", client.cookie())
        .header("origin", "https://evil.example")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("client_id={own_id}&digest=on"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM clients WHERE digest_since IS NOT NULL").fetch_one(&app.state.db.pool).await.unwrap();
    assert_eq!(n, 0);
}
