//! Publications ("publicações"): staff type or import them and review each one;
//! clients with the block see reviewed ones only, in JSON and in the page, and a
//! review counts as news since their last visit.
use crate::both;
use crate::helpers::*;
use crate::sharing::{invited_client, shared_matter};
use portico::model::AppError;
use serde_json::{Value, json};
use std::time::Duration;

both!(
    staff_add_review_edit_and_delete_publications,
    bad_publications_are_refused_and_change_nothing,
    clients_see_reviewed_publications_only,
    imported_publications_arrive_once_unreviewed_and_are_not_edited_by_hand,
);

fn input(on: &str, journal: &str, text: &str) -> Value {
    json!({"on": on, "journal": journal, "text": text})
}

async fn items(u: &User, m: &str) -> Vec<Value> {
    u.call("list_publications", json!({"matter_id": m})).await.unwrap()["items"].as_array().unwrap().clone()
}

fn section(pm: &Value) -> Option<&Value> {
    pm["sections"].as_array().unwrap().iter().find_map(|s| s.get("Publications"))
}

async fn staff_add_review_edit_and_delete_publications(app: TestApp) {
    let firm = app.firm("Souza").await;
    let (m, _) = shared_matter(&firm, "Ação de cobrança").await;
    let id = firm.member.call("add_publication", json!({"matter_id": m, "input": input("2026-11-20", "DJE-SP", "Intimação para manifestação em 15 dias.")})).await.unwrap();
    firm.member.call("add_publication", json!({"matter_id": m, "input": input("2026-11-25", "", "Pauta de julgamento.")})).await.unwrap();
    let list = items(&firm.admin, &m).await;
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["published_on"], "2026-11-25", "newest first");
    assert_eq!(list[1]["journal"], "DJE-SP");
    assert_eq!(list[1]["author"], "Member Souza");
    assert_eq!(list[1]["source"], "Manual");
    assert!(list[1]["reviewed_at"].is_null(), "a new publication waits for review");
    // Reviewed: who and when; twice changes nothing.
    firm.admin.call("set_publication_reviewed", json!({"id": id, "reviewed": true})).await.unwrap();
    let first = items(&firm.admin, &m).await[1]["reviewed_at"].clone();
    assert!(first.is_i64());
    tokio::time::sleep(Duration::from_millis(5)).await;
    firm.member.call("set_publication_reviewed", json!({"id": id, "reviewed": true})).await.unwrap();
    let again = items(&firm.admin, &m).await;
    assert_eq!((again[1]["reviewed_at"].clone(), again[1]["reviewed_by"].clone()), (first, json!("Admin Souza")));
    // Edited in place (the review stands); then deleted.
    firm.admin.call("update_publication", json!({"id": id, "input": input("2026-11-21", "DJEN", "Intimação corrigida.")})).await.unwrap();
    let p = items(&firm.admin, &m).await[1].clone();
    assert_eq!((p["published_on"].as_str(), p["journal"].as_str(), p["text"].as_str()), (Some("2026-11-21"), Some("DJEN"), Some("Intimação corrigida.")));
    assert!(p["reviewed_at"].is_i64());
    firm.admin.call("set_publication_reviewed", json!({"id": id, "reviewed": false})).await.unwrap();
    assert!(items(&firm.admin, &m).await[1]["reviewed_at"].is_null());
    firm.admin.call("delete_publication", json!({"id": id})).await.unwrap();
    assert_eq!(items(&firm.admin, &m).await.len(), 1);
    assert_eq!(firm.admin.call("delete_publication", json!({"id": id})).await, Err(AppError::NotFound));
}

async fn bad_publications_are_refused_and_change_nothing(app: TestApp) {
    let firm = app.firm("Souza").await;
    let (m, _) = shared_matter(&firm, "Ação").await;
    let id = firm.admin.call("add_publication", json!({"matter_id": m, "input": input("2026-11-20", "DJE", "Texto")})).await.unwrap();
    let before = items(&firm.admin, &m).await;
    let add = |i: Value| firm.admin.call("add_publication", json!({"matter_id": m, "input": i}));
    assert_invalid(add(input("20/11/2026", "", "Texto")).await, "on", "bad_date");
    assert_invalid(add(input("", "", "Texto")).await, "on", "required");
    assert_invalid(add(input("2026-11-20", "", "   ")).await, "text", "required");
    assert_invalid(add(input("2026-11-20", &"J".repeat(81), "Texto")).await, "journal", "too_long");
    assert_invalid(add(input("2026-11-20", "", &"x".repeat(20_001))).await, "text", "too_long");
    assert_invalid(firm.admin.call("update_publication", json!({"id": id, "input": input("2026-02-30", "", "x")})).await, "on", "bad_date");
    assert_eq!(
        firm.admin.call("add_publication", json!({"matter_id": "nao-existe", "input": input("2026-11-20", "", "x")})).await,
        Err(AppError::NotFound)
    );
    assert_eq!(firm.admin.call("set_publication_reviewed", json!({"id": "nao-existe", "reviewed": true})).await, Err(AppError::NotFound));
    assert_eq!(items(&firm.admin, &m).await, before, "nothing changed");
}

async fn clients_see_reviewed_publications_only(app: TestApp) {
    let firm = app.firm("Souza").await;
    let (m, _) = shared_matter(&firm, "Ação de cobrança").await;
    let seen = firm.admin.call("add_publication", json!({"matter_id": m, "input": input("2026-11-20", "DJE-SP", "Intimação revisada")})).await.unwrap();
    firm.admin.call("add_publication", json!({"matter_id": m, "input": input("2026-11-22", "DJE-SP", "Minuta-nao-revisada")})).await.unwrap();
    firm.admin.call("set_publication_reviewed", json!({"id": seen, "reviewed": true})).await.unwrap();
    let client = invited_client(&app, &firm, &m, "pub@cliente.example", &["publications"]).await;
    let pm = client.call("portal_matter", json!({"matter_id": m, "preview": ""})).await.unwrap();
    assert_eq!(section(&pm).expect("the block")["items"], json!([{"published_on": "2026-11-20", "journal": "DJE-SP", "text": "Intimação revisada"}]));
    assert!(!pm.to_string().contains("Minuta-nao-revisada") && !pm.to_string().contains("Admin Souza"), "{pm}");
    let (status, html) = client.get(&format!("/portal/m/{m}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Intimação revisada") && html.contains("20/11/2026") && html.contains("Publicações"), "{html}");
    assert!(!html.contains("Minuta-nao-revisada"));
    // Without the block: no publications at all.
    let other = invited_client(&app, &firm, &m, "sem@cliente.example", &["deadline"]).await;
    let pm = other.call("portal_matter", json!({"matter_id": m, "preview": ""})).await.unwrap();
    assert!(section(&pm).is_none());
    let (_, html) = other.get(&format!("/portal/m/{m}")).await;
    assert!(!html.contains("Intimação revisada"));
    // A review after the client's visit is news; an unreviewed one is not.
    client.call("portal_matter", json!({"matter_id": m, "preview": ""})).await.unwrap();
    app.flush_visits().await;
    tokio::time::sleep(Duration::from_millis(5)).await;
    let later = firm.admin.call("add_publication", json!({"matter_id": m, "input": input("2026-11-28", "", "Sentença publicada")})).await.unwrap();
    let home = client.call("portal_home", json!({"preview": ""})).await.unwrap();
    assert_eq!(home["firms"][0]["matters"][0]["changes"], 0, "{home}");
    firm.admin.call("set_publication_reviewed", json!({"id": later, "reviewed": true})).await.unwrap();
    let home = client.call("portal_home", json!({"preview": ""})).await.unwrap();
    assert_eq!(home["firms"][0]["matters"][0]["changes"], 1, "{home}");
    // Review undone: hidden again.
    firm.admin.call("set_publication_reviewed", json!({"id": seen, "reviewed": false})).await.unwrap();
    let pm = client.call("portal_matter", json!({"matter_id": m, "preview": ""})).await.unwrap();
    assert!(!pm.to_string().contains("Intimação revisada"), "{pm}");
    let (_, html) = client.get(&format!("/portal/m/{m}")).await;
    assert!(!html.contains("Intimação revisada"));
}

async fn imported_publications_arrive_once_unreviewed_and_are_not_edited_by_hand(app: TestApp) {
    let firm = app.firm("Souza").await;
    let (m, _) = shared_matter(&firm, "Ação").await;
    let token = firm.admin.call("create_api_token", json!({"name": "DJEN"})).await.unwrap()["secret"].as_str().unwrap().to_string();
    let body = [
        json!({"kind": "publication", "journal": "DJEN", "reference": "0001234-03.2026.8.26.0100", "date": "2026-11-30", "text": "Intimação eletrônica", "source": "djen", "external_id": "c-1"}).to_string(),
        json!({"kind": "publication", "journal": 7, "reference": "0001234-03.2026.8.26.0100", "date": "2026-11-30", "text": "x", "source": "djen", "external_id": "c-2"}).to_string(),
        json!({"kind": "sentença", "reference": "0001234-03.2026.8.26.0100", "date": "2026-11-30", "text": "x", "source": "djen", "external_id": "c-3"}).to_string(),
    ]
    .join("\n");
    let send = || {
        reqwest::Client::new().post(app.url("/integrations/import")).header("authorization", format!("Bearer {token}")).body(body.clone()).send()
    };
    let report: Value = send().await.unwrap().json().await.unwrap();
    assert_eq!((report["added"].as_i64(), report["refused"].as_i64()), (Some(1), Some(2)), "{report}");
    assert_eq!(report["lines"][1]["field"], "journal");
    assert_eq!(report["lines"][2]["field"], "kind");
    let report: Value = send().await.unwrap().json().await.unwrap();
    assert_eq!((report["added"].as_i64(), report["skipped"].as_i64()), (Some(0), Some(1)), "{report}");
    let list = items(&firm.admin, &m).await;
    assert_eq!(list.len(), 1);
    assert_eq!((list[0]["source"].as_str(), list[0]["journal"].as_str()), (Some("Import"), Some("DJEN")));
    assert!(list[0]["reviewed_at"].is_null());
    assert_eq!(app.count("movements").await, 0, "a publication is not a movement");
    let id = list[0]["id"].clone();
    assert_invalid(firm.admin.call("update_publication", json!({"id": id, "input": input("2026-11-30", "", "x")})).await, "id", "publication_imported");
    assert_invalid(firm.admin.call("delete_publication", json!({"id": id})).await, "id", "publication_imported");
    firm.admin.call("set_publication_reviewed", json!({"id": id, "reviewed": true})).await.unwrap();
    assert!(items(&firm.admin, &m).await[0]["reviewed_at"].is_i64());
}
