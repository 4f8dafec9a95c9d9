//! Documents of a matter: staff upload (same store, limit and content check as
//! ticket attachments), list, share or not, delete; clients granted the block
//! download shared ones only; nobody else reaches any; the orphan sweep keeps them.
use crate::both;
use crate::helpers::*;
use crate::sharing::{invited_client, shared_matter};
use portico::model::AppError;
use serde_json::{Value, json};
use std::time::Duration;

both!(
    staff_upload_list_share_and_delete_documents,
    clients_download_shared_documents_only,
    bad_uploads_are_refused_and_keep_nothing,
    the_orphan_sweep_keeps_documents_and_sharing_is_news,
);

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// PUTs `bytes` as `name` to matter `matter` (`shared` if given): (status, JSON).
async fn upload(app: &TestApp, by: &User, matter: &str, name: &str, shared: Option<bool>, bytes: Vec<u8>) -> (u16, Value) {
    let mut q = vec![("name", name.to_string())];
    if let Some(s) = shared {
        q.push(("shared", s.to_string()));
    }
    let r = by.http.put(app.url(&format!("/files/matters/{matter}"))).query(&q).body(bytes).send().await.unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn download(app: &TestApp, by: &User, id: &str) -> (u16, Vec<u8>, String) {
    let r = by.http.get(app.url(&format!("/files/{id}"))).send().await.unwrap();
    let status = r.status().as_u16();
    let disposition = r.headers().get("content-disposition").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    (status, r.bytes().await.unwrap().to_vec(), disposition)
}

fn stored(app: &TestApp) -> usize {
    std::fs::read_dir(app.data_dir().join("attachments"))
        .map(|d| d.filter(|e| e.as_ref().unwrap().path().is_file()).count())
        .unwrap_or(0)
}

async fn docs(u: &User, m: &str) -> Vec<Value> {
    u.call("list_documents", json!({"matter_id": m})).await.unwrap()["items"].as_array().unwrap().clone()
}

fn section(pm: &Value) -> Option<&Value> {
    pm["sections"].as_array().unwrap().iter().find_map(|s| s.get("Documents"))
}

async fn staff_upload_list_share_and_delete_documents(app: TestApp) {
    let firm = app.firm("Souza").await;
    let (m, _) = shared_matter(&firm, "Com documentos").await;
    let (status, a) = upload(&app, &firm.member, &m, "Procuração assinada.pdf", None, PDF.to_vec()).await;
    assert_eq!(status, 201, "{a}");
    assert_eq!((a["content_type"].as_str(), a["shared"].as_bool()), (Some("application/pdf"), Some(true)), "shared by default");
    let (status, b) = upload(&app, &firm.admin, &m, "notas internas.txt", Some(false), "Só para a equipe.".as_bytes().to_vec()).await;
    assert_eq!(status, 201, "{b}");
    assert_eq!(b["shared"], false);
    let list = docs(&firm.admin, &m).await;
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["file_name"], "notas internas.txt", "newest first");
    assert_eq!(list[1]["uploaded_by"], "Member Souza");
    assert_eq!(list[1]["size"], PDF.len());
    assert_eq!(stored(&app), 2);
    // Staff download either, always as an attachment.
    let (status, bytes, disposition) = download(&app, &firm.member, a["id"].as_str().unwrap()).await;
    assert_eq!((status, bytes.as_slice()), (200, PDF));
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    // Sharing switched both ways.
    firm.admin.call("set_document_shared", json!({"id": b["id"], "shared": true})).await.unwrap();
    firm.admin.call("set_document_shared", json!({"id": a["id"], "shared": false})).await.unwrap();
    let list = docs(&firm.admin, &m).await;
    assert_eq!((list[0]["shared"].as_bool(), list[1]["shared"].as_bool()), (Some(true), Some(false)));
    // Deleted: the row and the file.
    firm.member.call("delete_document", json!({"id": a["id"]})).await.unwrap();
    assert_eq!(docs(&firm.admin, &m).await.len(), 1);
    assert_eq!(stored(&app), 1);
    assert_eq!(download(&app, &firm.admin, a["id"].as_str().unwrap()).await.0, 404);
    assert_eq!(firm.member.call("delete_document", json!({"id": a["id"]})).await, Err(AppError::NotFound));
}

async fn clients_download_shared_documents_only(app: TestApp) {
    let firm = app.firm("Souza").await;
    let other = app.firm("Lima").await;
    let (m, _) = shared_matter(&firm, "Com documentos").await;
    let (m2, _) = shared_matter(&firm, "Outro caso").await;
    let (_, shared) = upload(&app, &firm.admin, &m, "Contrato.pdf", None, PDF.to_vec()).await;
    let (_, hidden) = upload(&app, &firm.admin, &m, "Estratégia-interna.txt", Some(false), b"segredo".to_vec()).await;
    let (shared, hidden) = (shared["id"].as_str().unwrap().to_string(), hidden["id"].as_str().unwrap().to_string());
    let client = invited_client(&app, &firm, &m, "docs@cliente.example", &["documents"]).await;
    let pm = client.call("portal_matter", json!({"matter_id": m, "preview": ""})).await.unwrap();
    let items = section(&pm).expect("the documents block")["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), 1);
    assert_eq!((items[0]["id"].as_str(), items[0]["file_name"].as_str()), (Some(shared.as_str()), Some("Contrato.pdf")));
    assert!(!pm.to_string().contains("Estratégia") && !pm.to_string().contains(&hidden) && !pm.to_string().contains("Admin Souza"), "{pm}");
    let (status, html) = client.get(&format!("/portal/m/{m}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Contrato.pdf") && html.contains(&format!("/files/{shared}")), "{html}");
    assert!(!html.contains("Estratégia"));
    let (status, bytes, _) = download(&app, &client, &shared).await;
    assert_eq!((status, bytes.as_slice()), (200, PDF));
    assert_eq!(download(&app, &client, &hidden).await.0, 404, "an unshared document is never a client's");
    // Without the block, on another matter, in another firm, anonymous: nothing.
    let no_block = invited_client(&app, &firm, &m, "sem-docs@cliente.example", &["deadline"]).await;
    let elsewhere = invited_client(&app, &firm, &m2, "outro@cliente.example", &["documents"]).await;
    for (who, u) in [("no block", &no_block), ("other matter", &elsewhere), ("other firm", &other.admin), ("anonymous", &app.user())] {
        for id in [&shared, &hidden] {
            assert_eq!(download(&app, u, id).await.0, 404, "{who} {id}");
        }
    }
    let pm = no_block.call("portal_matter", json!({"matter_id": m, "preview": ""})).await.unwrap();
    assert!(section(&pm).is_none());
    // Unshared later: gone for the client at once.
    firm.admin.call("set_document_shared", json!({"id": shared, "shared": false})).await.unwrap();
    assert_eq!(download(&app, &client, &shared).await.0, 404);
    let (_, html) = client.get(&format!("/portal/m/{m}")).await;
    assert!(!html.contains("Contrato.pdf"));
}

async fn bad_uploads_are_refused_and_keep_nothing(app: TestApp) {
    let firm = app.firm("Souza").await;
    let other = app.firm("Lima").await;
    let (m, _) = shared_matter(&firm, "Com documentos").await;
    let client = invited_client(&app, &firm, &m, "docs@cliente.example", &["documents"]).await;
    let code = |v: &Value| format!("{}", v);
    let (status, v) = upload(&app, &firm.admin, &m, "vazio.pdf", None, vec![]).await;
    assert_eq!(status, 422, "{}", code(&v));
    assert_eq!(serde_json::from_value::<AppError>(v).unwrap(), AppError::invalid("file", "file_empty"));
    let (status, v) = upload(&app, &firm.admin, &m, "setup.exe", None, b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff".to_vec()).await;
    assert_eq!((status, serde_json::from_value::<AppError>(v).unwrap()), (422, AppError::invalid("file", "file_type_refused")));
    let (status, v) = upload(&app, &firm.admin, &m, "..", None, PDF.to_vec()).await;
    assert_eq!((status, serde_json::from_value::<AppError>(v).unwrap()), (422, AppError::invalid("file", "bad_file_name")));
    let big = vec![b'a'; app.state.settings.attachment_max_file_bytes as usize + 1];
    let (status, v) = upload(&app, &firm.admin, &m, "grande.txt", None, big).await;
    assert_eq!((status, serde_json::from_value::<AppError>(v).unwrap()), (413, AppError::TooLarge { field: "file".into(), code: "file_too_large".into() }));
    // Clients, other firms and anonymous visitors upload nothing.
    assert_eq!(upload(&app, &client, &m, "x.pdf", None, PDF.to_vec()).await.0, 401);
    assert_eq!(upload(&app, &app.user(), &m, "x.pdf", None, PDF.to_vec()).await.0, 401);
    assert_eq!(upload(&app, &other.admin, &m, "x.pdf", None, PDF.to_vec()).await.0, 404);
    assert_eq!(upload(&app, &firm.admin, "nao-existe", "x.pdf", None, PDF.to_vec()).await.0, 404);
    assert!(docs(&firm.admin, &m).await.is_empty());
    assert_eq!(stored(&app), 0, "refused uploads keep no bytes");
    assert_eq!(app.count("documents").await, 0);
}

async fn the_orphan_sweep_keeps_documents_and_sharing_is_news(app: TestApp) {
    let firm = app.firm("Souza").await;
    let (m, _) = shared_matter(&firm, "Com documentos").await;
    let client = invited_client(&app, &firm, &m, "docs@cliente.example", &["documents"]).await;
    client.call("portal_matter", json!({"matter_id": m, "preview": ""})).await.unwrap();
    app.flush_visits().await;
    tokio::time::sleep(Duration::from_millis(5)).await;
    let (_, d) = upload(&app, &firm.admin, &m, "Laudo.pdf", None, PDF.to_vec()).await;
    upload(&app, &firm.admin, &m, "Rascunho.txt", Some(false), b"interno".to_vec()).await;
    let home = client.call("portal_home", json!({"preview": ""})).await.unwrap();
    assert_eq!(home["firms"][0]["matters"][0]["changes"], 1, "the shared one is news, the other is not: {home}");
    // Every stored file belongs to a document: the sweep removes none.
    assert_eq!(portico::server::attachments::sweep(&app.state, Duration::ZERO).await.unwrap(), 0);
    assert_eq!(stored(&app), 2);
    assert_eq!(download(&app, &client, d["id"].as_str().unwrap()).await.0, 200);
}
