//! Movements ("andamentos"): staff record, edit and delete the manual ones; the
//! automatic ones are the court's; clients see each kind only with its block, with
//! the glossary's explanation; the glossary starts with common phrases.
use crate::both;
use crate::helpers::*;
use crate::sharing::{invited_client, shared_matter};
use portico::model::AppError;
use portico::server::repo::glossary::STARTER;
use serde_json::{Value, json};
use std::time::Duration;

both!(
    staff_record_edit_and_delete_manual_movements,
    bad_movements_are_refused_and_change_nothing,
    automatic_movements_are_not_edited_by_hand,
    each_movement_block_shows_its_own_kind_only,
    new_movements_count_as_news_since_the_last_visit,
    the_glossary_starts_with_common_phrases_and_is_the_firms_own,
);

fn input(on: &str, text: &str) -> Value {
    json!({"on": on, "text": text})
}

/// Adds an automatic movement as a feed would (DataJud or the import).
async fn feed_movement(app: &TestApp, matter: &str, on: &str, text: &str, external: &str) {
    sqlx::query(
        "INSERT INTO movements (id, matter_id, occurred_at, body, source, external_id, author_id, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, 'datajud', $5, NULL, $6, $6)",
    )
    .bind(uuid::Uuid::now_v7().simple().to_string())
    .bind(matter)
    .bind(on)
    .bind(text)
    .bind(external)
    .bind(chrono::Utc::now().timestamp_millis())
    .execute(&app.state.db.pool)
    .await
    .unwrap();
}

async fn staff_record_edit_and_delete_manual_movements(app: TestApp) {
    let firm = app.firm("Souza").await;
    let (m, _) = shared_matter(&firm, "Ação de cobrança").await;
    let first = firm.member.call("add_movement", json!({"matter_id": m, "input": input("2026-11-10", "Reunião com o cliente")})).await.unwrap();
    firm.admin.call("add_movement", json!({"matter_id": m, "input": input("2026-11-20", "Autos conclusos para despacho")})).await.unwrap();
    let list = firm.admin.call("list_movements", json!({"matter_id": m})).await.unwrap();
    assert_eq!(list["title"], "Ação de cobrança");
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["text"], "Autos conclusos para despacho", "newest first");
    assert_eq!(items[0]["source"], "Manual");
    assert_eq!(items[0]["author"], "Admin Souza");
    assert!(items[0]["explanation"].as_str().unwrap().contains("juiz"), "the starter glossary explains it: {list}");
    assert_eq!(items[1]["author"], "Member Souza");
    assert_eq!(items[1]["explanation"], Value::Null);

    firm.admin.call("update_movement", json!({"id": first, "input": input("2026-11-25", "Reunião com o cliente: documentos entregues")})).await.unwrap();
    let list = firm.admin.call("list_movements", json!({"matter_id": m})).await.unwrap();
    assert_eq!(list["items"][0]["text"], "Reunião com o cliente: documentos entregues", "moved to the top by its new date");
    assert_eq!(list["items"][0]["occurred_at"], "2026-11-25");

    firm.admin.call("delete_movement", json!({"id": first})).await.unwrap();
    let list = firm.admin.call("list_movements", json!({"matter_id": m})).await.unwrap();
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    assert_eq!(firm.admin.call("delete_movement", json!({"id": first})).await, Err(AppError::NotFound));

    // The staff page renders them.
    let (status, html) = firm.admin.get(&format!("/matters/{m}/movements")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Autos conclusos para despacho"), "{html}");
    assert!(!html.contains("documentos entregues"));
}

async fn bad_movements_are_refused_and_change_nothing(app: TestApp) {
    let firm = app.firm("Souza").await;
    let (m, _) = shared_matter(&firm, "Ação de cobrança").await;
    let add = |i: Value| firm.admin.call("add_movement", json!({"matter_id": m, "input": i}));
    assert_invalid(add(input("31/12/2026", "Texto")).await, "on", "bad_date");
    assert_invalid(add(input("2026-02-30", "Texto")).await, "on", "bad_date");
    assert_invalid(add(input("", "Texto")).await, "on", "required");
    assert_invalid(add(input("2026-11-10", "   ")).await, "text", "required");
    assert_invalid(add(input("2026-11-10", &"x".repeat(4_001))).await, "text", "too_long");
    assert_eq!(
        firm.admin.call("add_movement", json!({"matter_id": "no-such-matter", "input": input("2026-11-10", "Texto")})).await,
        Err(AppError::NotFound)
    );
    assert_eq!(app.count("movements").await, 0);
    // The same checks guard an edit.
    let id = add(input("2026-11-10", "Texto")).await.unwrap();
    assert_invalid(firm.admin.call("update_movement", json!({"id": id, "input": input("2026-13-01", "Outro")})).await, "on", "bad_date");
    let list = firm.admin.call("list_movements", json!({"matter_id": m})).await.unwrap();
    assert_eq!(list["items"][0]["text"], "Texto");
}

async fn automatic_movements_are_not_edited_by_hand(app: TestApp) {
    let firm = app.firm("Souza").await;
    let (m, _) = shared_matter(&firm, "Ação de cobrança").await;
    feed_movement(&app, &m, "2026-11-12T14:30", "Juntada de petição de contestação", "1").await;
    let list = firm.admin.call("list_movements", json!({"matter_id": m})).await.unwrap();
    let item = &list["items"][0];
    assert_eq!(item["source"], "DataJud");
    assert_eq!(item["author"], Value::Null);
    let id = item["id"].as_str().unwrap();
    assert_invalid(firm.admin.call("update_movement", json!({"id": id, "input": input("2026-11-12", "Editado")})).await, "id", "movement_automatic");
    assert_invalid(firm.admin.call("delete_movement", json!({"id": id})).await, "id", "movement_automatic");
    let list = firm.admin.call("list_movements", json!({"matter_id": m})).await.unwrap();
    assert_eq!(list["items"][0]["text"], "Juntada de petição de contestação");
}

fn section<'a>(pm: &'a Value, automatic: bool) -> Option<&'a Value> {
    pm["sections"].as_array().unwrap().iter().find_map(|s| s.get("Movements").filter(|m| m["automatic"] == automatic))
}

async fn each_movement_block_shows_its_own_kind_only(app: TestApp) {
    let firm = app.firm("Souza").await;
    let (m, _) = shared_matter(&firm, "Ação de cobrança").await;
    feed_movement(&app, &m, "2026-11-12T14:30", "Conclusos para sentença", "7").await;
    firm.admin.call("add_movement", json!({"matter_id": m, "input": input("2026-11-15", "Enviamos a procuração assinada")})).await.unwrap();
    let manual_only = invited_client(&app, &firm, &m, "manual@cliente.example", &["manual_movements"]).await;
    let pm = manual_only.call("portal_matter", json!({"matter_id": m, "preview": ""})).await.unwrap();
    let manual = section(&pm, false).expect("the manual block");
    assert_eq!(manual["items"], json!([{"occurred_at": "2026-11-15", "text": "Enviamos a procuração assinada", "explanation": null}]));
    assert!(section(&pm, true).is_none());
    assert!(!pm.to_string().contains("sentença"), "an automatic movement without its block: {pm}");
    let (status, html) = manual_only.get(&format!("/portal/m/{m}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Enviamos a procuração assinada") && html.contains("15/11/2026"));
    assert!(!html.contains("Conclusos para sentença"));

    let auto_only = invited_client(&app, &firm, &m, "auto@cliente.example", &["auto_movements"]).await;
    let pm = auto_only.call("portal_matter", json!({"matter_id": m, "preview": ""})).await.unwrap();
    let auto = section(&pm, true).expect("the automatic block");
    assert_eq!(auto["items"][0]["text"], "Conclusos para sentença");
    assert_eq!(auto["items"][0]["occurred_at"], "2026-11-12T14:30");
    assert!(auto["items"][0]["explanation"].as_str().unwrap().contains("sentença"));
    assert!(section(&pm, false).is_none());
    assert!(!pm.to_string().contains("procuração") && !pm.to_string().contains("Admin Souza"), "{pm}");
    let (_, html) = auto_only.get(&format!("/portal/m/{m}")).await;
    assert!(html.contains("Conclusos para sentença") && html.contains("12/11/2026 14:30"), "{html}");
    assert!(html.contains("O que significa:"));
    assert!(!html.contains("procuração"));

    // Neither block: no movement at all.
    let neither = invited_client(&app, &firm, &m, "nada@cliente.example", &["deadline"]).await;
    let pm = neither.call("portal_matter", json!({"matter_id": m, "preview": ""})).await.unwrap();
    assert!(section(&pm, true).is_none() && section(&pm, false).is_none());
    let (_, html) = neither.get(&format!("/portal/m/{m}")).await;
    assert!(!html.contains("sentença") && !html.contains("procuração"));
}

async fn new_movements_count_as_news_since_the_last_visit(app: TestApp) {
    let firm = app.firm("Souza").await;
    let (m, _) = shared_matter(&firm, "Ação de cobrança").await;
    let client = invited_client(&app, &firm, &m, "novidades@cliente.example", &["manual_movements"]).await;
    client.call("portal_matter", json!({"matter_id": m, "preview": ""})).await.unwrap();
    app.flush_visits().await;
    tokio::time::sleep(Duration::from_millis(5)).await;
    // An automatic movement is not news to a client without its block.
    feed_movement(&app, &m, "2026-11-12", "Conclusos para sentença", "8").await;
    let home = client.call("portal_home", json!({"preview": ""})).await.unwrap();
    assert_eq!(home["firms"][0]["matters"][0]["changes"], 0, "{home}");
    firm.admin.call("add_movement", json!({"matter_id": m, "input": input("2026-11-15", "Protocolamos a petição")})).await.unwrap();
    let home = client.call("portal_home", json!({"preview": ""})).await.unwrap();
    assert_eq!(home["firms"][0]["matters"][0]["changes"], 1, "{home}");
}

async fn the_glossary_starts_with_common_phrases_and_is_the_firms_own(app: TestApp) {
    let a = app.firm("Souza").await;
    let b = app.firm("Lima").await;
    let list = a.member.call("list_glossary", json!({})).await.unwrap();
    assert_eq!(list.as_array().unwrap().len(), STARTER.len());
    assert!(list.to_string().contains("Conclusos para despacho"));
    // A phrase already there, in any case, is refused.
    let r = a.admin.call("add_glossary_entry", json!({"input": {"phrase": "CONCLUSOS PARA DESPACHO", "explanation": "x"}})).await;
    assert_eq!(r, Err(AppError::conflict("phrase", "phrase_taken")));
    assert_invalid(a.admin.call("add_glossary_entry", json!({"input": {"phrase": "", "explanation": "x"}})).await, "phrase", "required");
    assert_invalid(a.admin.call("add_glossary_entry", json!({"input": {"phrase": "Penhora", "explanation": " "}})).await, "explanation", "required");
    let id = a
        .admin
        .call("add_glossary_entry", json!({"input": {"phrase": "Penhora online", "explanation": "Bloqueio de valores em conta pela Justiça."}}))
        .await
        .unwrap();
    let id = id.as_str().unwrap();
    a.member.call("update_glossary_entry", json!({"id": id, "input": {"phrase": "Penhora on-line", "explanation": "Bloqueio de dinheiro em conta."}})).await.unwrap();
    // The other firm has its own glossary: it neither sees nor changes this one.
    assert!(!b.admin.call("list_glossary", json!({})).await.unwrap().to_string().contains("Penhora"));
    assert_eq!(b.admin.call("update_glossary_entry", json!({"id": id, "input": {"phrase": "X", "explanation": "Y"}})).await, Err(AppError::NotFound));
    assert_eq!(b.admin.call("delete_glossary_entry", json!({"id": id})).await, Err(AppError::NotFound));
    // Its explanation reaches movements that contain the phrase, whatever their case.
    let (m, _) = shared_matter(&a, "Execução").await;
    a.admin.call("add_movement", json!({"matter_id": m, "input": input("2026-11-10", "Deferida PENHORA ON-LINE via Sisbajud")})).await.unwrap();
    let list = a.admin.call("list_movements", json!({"matter_id": m})).await.unwrap();
    assert_eq!(list["items"][0]["explanation"], "Bloqueio de dinheiro em conta.");
    // Deleted starter phrases stay deleted when the server starts again.
    let first = a.admin.call("list_glossary", json!({})).await.unwrap()[0]["id"].as_str().unwrap().to_string();
    a.admin.call("delete_glossary_entry", json!({"id": first})).await.unwrap();
    portico::server::repo::glossary::seed_starter(&app.state.db).await.unwrap();
    let after = a.admin.call("list_glossary", json!({})).await.unwrap();
    assert_eq!(after.as_array().unwrap().len(), STARTER.len(), "one deleted, one added: {after}");
    assert!(!after.to_string().contains(&first));
}
