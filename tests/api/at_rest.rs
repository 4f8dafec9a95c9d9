//! A copy of the database alone gives away no working secret: every token sent by
//! mail during the test (invitation, password reset, secret links) is absent from
//! the raw bytes of the SQLite files (database, WAL, shared memory) and from a
//! `pg_dump` of the PostgreSQL database, while the mail is queued and once sent.
use crate::both;
use crate::helpers::*;
use serde_json::json;

both!(no_working_token_in_a_copy_of_the_database);

/// Tokens in the links of every mail written so far.
fn tokens_in_mail(app: &TestApp) -> Vec<String> {
    let mut out = Vec::new();
    for m in app.mails() {
        for part in ["/portal/password/", "/l/"] {
            if let Some(i) = m.body.find(part) {
                let t: String = m.body[i + part.len()..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
                if t.len() >= 16 {
                    out.push(t);
                }
            }
        }
    }
    out
}

/// The database as a thief would copy it: the SQLite files, or a dump.
fn copy_of_database(app: &TestApp) -> Vec<u8> {
    match app.pg_url() {
        None => {
            let mut bytes = Vec::new();
            for f in ["portico.db", "portico.db-wal", "portico.db-shm"] {
                if let Ok(b) = std::fs::read(app.data_dir().join(f)) {
                    bytes.extend(b);
                }
            }
            assert!(bytes.len() > 4096, "the SQLite files were read");
            bytes
        }
        Some(url) => {
            let out = std::process::Command::new("pg_dump").arg("--no-owner").arg(&url).output().expect("pg_dump runs (postgresql-client)");
            assert!(out.status.success(), "pg_dump: {}", String::from_utf8_lossy(&out.stderr));
            out.stdout
        }
    }
}

fn assert_absent(copy: &[u8], tokens: &[String], when: &str) {
    for t in tokens {
        assert!(!copy.windows(t.len()).any(|w| w == t.as_bytes()), "{when}: token {t} found in a copy of the database");
    }
}

async fn no_working_token_in_a_copy_of_the_database(app: TestApp) {
    let firm = app.firm("At rest").await;
    let (m, _) = crate::sharing::shared_matter(&firm, "At rest").await;
    for (email, kind) in [("conta@client.example", "account"), ("link@client.example", "link")] {
        crate::sharing::share(&firm.admin, &m, email, &["deadline"], kind).await.unwrap();
    }
    let invite = app.wait_mail("conta@client.example", 1).await;
    let link = app.wait_mail("link@client.example", 1).await;
    // A second secret link, sent by mail; a password reset for the account.
    let access = firm.admin.call("list_matter_access", json!({"matter_id": m})).await.unwrap();
    let link_client = access.as_array().unwrap().iter().find(|a| a["client_email"] == "link@client.example").unwrap()["client_id"].clone();
    firm.admin.call("rotate_client_link", json!({"client_id": link_client, "expires_on": "", "send": true})).await.unwrap();
    app.wait_mail("link@client.example", 2).await;
    let phone = app.user();
    let invite_token = invite.link("/portal/password/").rsplit('/').next().unwrap().to_string();
    phone.call("set_client_password", json!({"token": invite_token, "password": PASSWORD})).await.unwrap();
    app.user().call("forgot_client_password", json!({"email": "conta@client.example"})).await.unwrap();
    app.wait_mail("conta@client.example", 2).await;
    let tokens = tokens_in_mail(&app);
    assert!(tokens.len() >= 4, "invitation, two links, reset: {tokens:?}");
    assert!(link.body.contains("/l/"));
    // Sent: the worker writes each mail's file, then marks it sent, so wait for the
    // marks. Then nothing is in the files or the dump.
    assert!(app.wait_all_sent().await, "every mail marked sent");
    assert_absent(&copy_of_database(&app), &tokens, "after sending");
    // Queued and not yet sent (the worker stopped from reading them): sealed too.
    sqlx::query("UPDATE outbox SET next_attempt_at = 9000000000000").execute(&app.state.db.pool).await.unwrap();
    app.user().call("forgot_client_password", json!({"email": "conta@client.example"})).await.unwrap();
    let (queued,): (String,) =
        sqlx::query_as("SELECT body FROM outbox WHERE sent_at IS NULL").fetch_one(&app.state.db.pool).await.unwrap();
    let body = app.state.db.seal.open(&queued).expect("the app opens its own mail");
    let pending_token = body.split("/portal/password/").nth(1).unwrap().split_whitespace().next().unwrap().to_string();
    assert_absent(&copy_of_database(&app), &[pending_token.clone()], "while queued");
    assert_absent(&copy_of_database(&app), &tokens, "while queued");
    // The reset link in that queued mail works: what was absent was a live secret.
    let info = app.user().call("client_token_info", json!({"token": pending_token})).await;
    assert!(info.is_ok(), "{info:?}");
}
