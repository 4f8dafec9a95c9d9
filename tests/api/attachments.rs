//! Ticket attachments: upload by the ticket's client with limits enforced while the
//! bytes stream in, types checked by content, downloads only for those who may see
//! the ticket, nothing left by refused or interrupted uploads, orphans swept.
use crate::both;
use crate::helpers::*;
use crate::sharing::{invited_client, shared_matter};
use serde_json::{Value, json};
use std::time::Duration;

both!(attachments_reach_only_those_who_may_see_the_ticket, interrupted_uploads_leave_nothing_and_orphans_are_swept, the_portal_states_the_limits_the_server_enforces);

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// PUTs `bytes` as `name` to ticket `ticket`: (status, JSON body).
pub async fn upload(app: &TestApp, by: &User, ticket: &str, name: &str, bytes: Vec<u8>) -> (u16, Value) {
    let r = by
        .http
        .put(app.url(&format!("/files/tickets/{ticket}")))
        .query(&[("name", name)])
        .body(bytes)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn new_ticket(client: &User, matter: &str) -> String {
    client
        .call("create_ticket", json!({"matter_id": matter, "input": {"title": "Com anexo", "priority": "normal", "description": ""}, "preview": ""}))
        .await
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
}

/// Stored files (not counting unfinished writes).
fn stored(app: &TestApp) -> usize {
    std::fs::read_dir(app.data_dir().join("attachments")).unwrap().filter(|e| e.as_ref().unwrap().path().is_file()).count()
}

fn unfinished(app: &TestApp) -> usize {
    std::fs::read_dir(app.data_dir().join("attachments/tmp")).unwrap().count()
}

async fn attachments_reach_only_those_who_may_see_the_ticket(app: TestApp) {
    let firm = app.firm("Souza").await;
    let other = app.firm("Lima").await;
    let (m, _) = shared_matter(&firm, "Com arquivos").await;
    let (m2, _) = shared_matter(&firm, "Outro cliente").await;
    let client = invited_client(&app, &firm, &m, "arq@cliente.example", &["deadline"]).await;
    let stranger = invited_client(&app, &firm, &m2, "outro@cliente.example", &["deadline"]).await;
    let ticket = new_ticket(&client, &m).await;
    let (status, a) = upload(&app, &client, &ticket, "C:\\docs\\relatório final.pdf", PDF.to_vec()).await;
    assert_eq!(status, 201, "{a}");
    assert_eq!(a["file_name"], "relatório final.pdf");
    assert_eq!(a["content_type"], "application/pdf");
    assert_eq!(a["size"], PDF.len());
    let id = a["id"].as_str().unwrap().to_string();
    let mine = client.call("get_my_ticket", json!({"id": ticket, "preview": ""})).await.unwrap();
    assert_eq!(mine["attachments"][0]["id"], id.as_str());
    let staff_view = firm.member.call("get_ticket", json!({"id": ticket})).await.unwrap();
    assert_eq!(staff_view["attachments"][0]["file_name"], "relatório final.pdf");
    // Downloads: as an attachment with an encoded name, never sniffed or cached.
    for who in [&client, &firm.member] {
        let r = who.http.get(app.url(&format!("/files/{id}"))).send().await.unwrap();
        assert_eq!(r.status(), 200);
        let h = r.headers();
        assert_eq!(h["content-type"], "application/pdf");
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert_eq!(h["cache-control"], "no-store");
        assert_eq!(
            h["content-disposition"],
            "attachment; filename=\"relat_rio final.pdf\"; filename*=UTF-8''relat%C3%B3rio%20final.pdf"
        );
        assert_eq!(r.bytes().await.unwrap().as_ref(), PDF);
    }
    for who in [&stranger, &other.admin, &app.user()] {
        let r = who.http.get(app.url(&format!("/files/{id}"))).send().await.unwrap();
        assert_eq!(r.status(), 404, "a download for someone who may not see the ticket");
    }
    // Only the ticket's client uploads to it; types are checked by content.
    assert_eq!(upload(&app, &stranger, &ticket, "x.pdf", PDF.to_vec()).await.0, 404);
    assert_eq!(upload(&app, &firm.admin, &ticket, "x.pdf", PDF.to_vec()).await.0, 401);
    let (status, e) = upload(&app, &client, &ticket, "nota.pdf", b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0".to_vec()).await;
    assert_eq!((status, e["Invalid"]["code"].as_str()), (422, Some("file_type_refused")));
    let (status, e) = upload(&app, &client, &ticket, "vazio.txt", vec![]).await;
    assert_eq!((status, e["Invalid"]["code"].as_str()), (422, Some("file_empty")));
    let (status, t) = upload(&app, &client, &ticket, "pedido.txt", "Segue a lista: ação, inventário.".as_bytes().to_vec()).await;
    assert_eq!((status, t["content_type"].as_str()), (201, Some("text/plain; charset=utf-8")));
    // Over the per-file limit (25 MB by default): 413 with a clear message, nothing kept.
    let before = (stored(&app), app.count("attachments").await);
    let (status, e) = upload(&app, &client, &ticket, "grande.pdf", [PDF, &vec![b' '; 25_000_000]].concat()).await;
    assert_eq!((status, e["TooLarge"]["code"].as_str()), (413, Some("file_too_large")));
    // A client that sends the whole body before reading (as browsers do) gets the 413
    // too, not a connection reset mid-upload.
    {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let len = 26_000_000usize;
        let mut sock = tokio::net::TcpStream::connect(app.addr).await.unwrap();
        let head = format!(
            "PUT /files/tickets/{ticket}?name=big.pdf HTTP/1.1\r\nHost: {}\r\nCookie: {}\r\nContent-Length: {len}\r\n\r\n",
            app.addr,
            client.cookie()
        );
        sock.write_all(head.as_bytes()).await.unwrap();
        let chunk = vec![b' '; 1 << 20];
        let mut sent = 0;
        while sent < len {
            let n = chunk.len().min(len - sent);
            sock.write_all(&chunk[..n]).await.expect("the server reads the body before answering");
            sent += n;
        }
        let mut answer = vec![0u8; 64];
        let n = sock.read(&mut answer).await.expect("an answer, not a reset");
        let answer = String::from_utf8_lossy(&answer[..n]).to_string();
        assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    }
    // Also when the size is not announced: the limit acts while the bytes stream in.
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        std::iter::once(Ok(PDF.to_vec())).chain((0..30).map(|_| Ok(vec![b' '; 1_000_000]))).collect();
    let r = client
        .http
        .put(app.url(&format!("/files/tickets/{ticket}")))
        .query(&[("name", "stream.pdf")])
        .body(reqwest::Body::wrap_stream(futures_util::stream::iter(chunks)))
        .send()
        .await;
    if let Ok(r) = r {
        assert_eq!(r.status(), 413);
    }
    assert_eq!((stored(&app), app.count("attachments").await), before);
    assert_eq!(unfinished(&app), 0);
    // A closed ticket takes no more files.
    firm.admin.call("set_ticket_state", json!({"id": ticket, "state": "closed"})).await.unwrap();
    let (status, e) = upload(&app, &client, &ticket, "tarde.pdf", PDF.to_vec()).await;
    assert_eq!((status, e["Invalid"]["code"].as_str()), (422, Some("ticket_closed")));
}

async fn interrupted_uploads_leave_nothing_and_orphans_are_swept(app: TestApp) {
    use tokio::io::AsyncWriteExt;
    let firm = app.firm("Souza").await;
    let (m, _) = shared_matter(&firm, "Interrompido").await;
    let client = invited_client(&app, &firm, &m, "int@cliente.example", &["deadline"]).await;
    let ticket = new_ticket(&client, &m).await;
    let (status, kept) = upload(&app, &client, &ticket, "fica.pdf", PDF.to_vec()).await;
    assert_eq!(status, 201);
    // The ticket limit (100 MB by default) counts what is already there.
    sqlx::query("UPDATE attachments SET size = 99999990 WHERE ticket_id = $1").bind(&ticket).execute(&app.state.db.pool).await.unwrap();
    let (status, e) = upload(&app, &client, &ticket, "mais.pdf", PDF.to_vec()).await;
    assert_eq!((status, e["TooLarge"]["code"].as_str()), (413, Some("ticket_files_too_large")));
    sqlx::query("UPDATE attachments SET size = $1 WHERE ticket_id = $2").bind(PDF.len() as i64).bind(&ticket).execute(&app.state.db.pool).await.unwrap();
    // A connection that dies mid-upload leaves no file and no row.
    let cookie = client.cookie();
    assert!(cookie.contains("portico_session="));
    let mut conn = tokio::net::TcpStream::connect(app.addr).await.unwrap();
    let head = format!(
        "PUT /files/tickets/{ticket}?name=cortado.pdf HTTP/1.1\r\nHost: {}\r\nCookie: {cookie}\r\nContent-Length: 500000\r\n\r\n",
        app.addr
    );
    conn.write_all(head.as_bytes()).await.unwrap();
    conn.write_all(PDF).await.unwrap();
    conn.write_all(&vec![b' '; 200_000]).await.unwrap();
    conn.flush().await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    drop(conn);
    for _ in 0..100 {
        if unfinished(&app) == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(unfinished(&app), 0, "the temporary file is removed");
    assert_eq!(app.count("attachments").await, 1);
    assert_eq!(stored(&app), 1);
    // An orphan (a file with no row, e.g. from a crash between file and row) is swept;
    // attached files are not.
    std::fs::write(app.data_dir().join("attachments/0123456789abcdef0123456789abcdef"), b"orphan").unwrap();
    assert_eq!(stored(&app), 2);
    let removed = portico::server::attachments::sweep(&app.state, Duration::ZERO).await.unwrap();
    assert_eq!(removed, 1);
    assert_eq!(stored(&app), 1);
    let r = client.http.get(app.url(&format!("/files/{}", kept["id"].as_str().unwrap()))).send().await.unwrap();
    assert_eq!(r.status(), 200);
}

/// The new-ticket page checks files against the limits the portal states, before
/// sending anything: those are the limits the server enforces.
async fn the_portal_states_the_limits_the_server_enforces(app: TestApp) {
    let app = spawn_app_with(app.backend(), |s| {
        s.attachment_max_file_bytes = 1_000;
        s.attachment_max_ticket_bytes = 1_500;
    })
    .await;
    let firm = app.firm("Souza").await;
    let (m, _) = shared_matter(&firm, "Com limite").await;
    let client = invited_client(&app, &firm, &m, "limite@cliente.example", &["deadline"]).await;
    let home = client.call("portal_home", json!({"preview": ""})).await.unwrap();
    assert_eq!(home["upload_limits"], json!({"file": 1_000, "ticket": 1_500}));
    let ticket = new_ticket(&client, &m).await;
    let mut pdf = PDF.to_vec();
    pdf.resize(1_000, b' ');
    assert_eq!(upload(&app, &client, &ticket, "no-limite.pdf", pdf.clone()).await.0, 201, "exactly the file limit is accepted");
    pdf.push(b' ');
    assert_eq!(upload(&app, &client, &ticket, "acima.pdf", pdf).await.0, 413, "one byte over the file limit is refused");
    let mut rest = PDF.to_vec();
    rest.resize(501, b' ');
    assert_eq!(upload(&app, &client, &ticket, "resto.pdf", rest).await.0, 413, "over what is left of the ticket limit");
}
