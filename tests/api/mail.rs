//! The outbox: with the SMTP server down, changes still save and their mail waits;
//! when the server returns the worker sends it (through lettre, to a real SMTP
//! server process on loopback: a small sink written here).
use crate::helpers::*;
use serde_json::json;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// A minimal SMTP server that accepts every message and keeps its DATA.
async fn smtp_sink(listener: TcpListener) -> Arc<Mutex<Vec<String>>> {
    let got = Arc::new(Mutex::new(Vec::new()));
    let store = got.clone();
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else { return };
            let store = store.clone();
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 sink.test ESMTP\r\n").await.unwrap();
                let mut in_data = false;
                let mut data = String::new();
                while let Ok(Some(line)) = lines.next_line().await {
                    if in_data {
                        if line == "." {
                            in_data = false;
                            store.lock().unwrap().push(std::mem::take(&mut data));
                            write.write_all(b"250 2.0.0 queued\r\n").await.unwrap();
                        } else {
                            data.push_str(line.strip_prefix('.').unwrap_or(&line));
                            data.push_str("\r\n");
                        }
                        continue;
                    }
                    let cmd = line.to_ascii_uppercase();
                    let reply: &[u8] = if cmd.starts_with("EHLO") {
                        b"250-sink.test\r\n250 8BITMIME\r\n"
                    } else if cmd.starts_with("DATA") {
                        in_data = true;
                        b"354 go ahead\r\n"
                    } else if cmd.starts_with("QUIT") {
                        let _ = write.write_all(b"221 bye\r\n").await;
                        return;
                    } else {
                        b"250 ok\r\n"
                    };
                    if write.write_all(reply).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    got
}

async fn smtp_down_then_up(backend: Backend) {
    // A port with nothing listening: the SMTP server is "down".
    let port = TcpListener::bind("127.0.0.1:0").await.unwrap().local_addr().unwrap().port();
    let app = spawn_app_with(backend, |s| s.smtp_url = Some(format!("smtp://127.0.0.1:{port}").into())).await;
    let firm = app.firm("Souza").await;
    let m = firm.admin.call("create_matter", json!({"input": matter("Com SMTP")})).await.unwrap();
    let out = firm
        .admin
        .call("share_matter", json!({"matter_id": m, "input": {"emails": "smtp@cliente.example", "blocks": ["deadline"], "access_type": "account"}}))
        .await
        .unwrap();
    assert_eq!(out[0]["new_client"], true, "the share saved with the mail server down");
    let pool = &app.state.db.pool;
    let mut failed = false;
    for _ in 0..200 {
        let row: (i64, Option<String>, Option<i64>) =
            sqlx::query_as("SELECT attempts, last_error, sent_at FROM outbox").fetch_one(pool).await.unwrap();
        if row.0 >= 1 {
            assert!(row.1.is_some() && row.2.is_none(), "a failed attempt is recorded and the mail kept: {row:?}");
            failed = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(failed, "the worker tried to send");
    // While it is down the client (with the link from the queued mail) files a
    // ticket: it saves, and the admins' copy waits in the outbox too.
    let (sealed,): (String,) = sqlx::query_as("SELECT body FROM outbox").fetch_one(pool).await.unwrap();
    assert!(!sealed.contains("/portal/password/"), "the queued body is sealed: {sealed}");
    let body = app.state.db.seal.open(&sealed).expect("opens with the app's key");
    let token = parse_eml(&format!("\r\n\r\n{body}")).link("/portal/password/").rsplit('/').next().unwrap().to_string();
    let client = app.user();
    client.call("set_client_password", json!({"token": token, "password": PASSWORD})).await.unwrap();
    let ticket = client
        .call("create_ticket", json!({"matter_id": m, "input": {"title": "Urgente", "priority": "urgent", "description": ""}, "preview": ""}))
        .await
        .unwrap();
    assert_eq!(app.count("tickets").await, 1);
    let (pending,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL").fetch_one(pool).await.unwrap();
    assert_eq!(pending, 2, "invitation and the admin's ticket copy wait");
    // The server comes back; skip the backoff wait.
    let got = smtp_sink(TcpListener::bind(("127.0.0.1", port)).await.unwrap()).await;
    sqlx::query("UPDATE outbox SET next_attempt_at = 0 WHERE sent_at IS NULL").execute(pool).await.unwrap();
    for _ in 0..200 {
        if got.lock().unwrap().len() >= 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let mut mails: Vec<Eml> = got.lock().unwrap().iter().map(|m| parse_eml(m)).collect();
    mails.sort_by(|a, b| a.to.cmp(&b.to));
    assert_eq!(mails.len(), 2, "both went out when SMTP returned");
    assert_eq!(mails[0].to, firm.admin_email);
    assert!(mails[0].link("/tickets/").ends_with(ticket.as_str().unwrap()));
    assert_eq!(mails[1].to, "smtp@cliente.example");
    assert_eq!(mails[1].link("/portal/password/").rsplit('/').next().unwrap(), token);
    assert!(app.wait_all_sent().await, "every mail marked sent");
    let (sent, blank): (i64, i64) = sqlx::query_as("SELECT COUNT(sent_at), SUM(CASE WHEN body = '' THEN 1 ELSE 0 END) FROM outbox")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!((sent, blank), (2, 2), "marked sent, secret links not kept");
    // Exactly once each, and no .eml files when SMTP is configured.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(got.lock().unwrap().len(), 2);
    assert!(app.mails().is_empty());
    assert!(client.call("portal_home", json!({"preview": ""})).await.is_ok());
}

mod smtp_outbox {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        super::smtp_down_then_up(crate::helpers::Backend::Sqlite).await
    }
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        super::smtp_down_then_up(crate::helpers::Backend::Postgres).await
    }
}
