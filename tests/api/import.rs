//! The import of movements from other feeds: API tokens (admins make them, see
//! them once, revoke them; only hashes stored), the HTTP endpoint (line by line:
//! added, skipped, refused with a reason; idempotent) and the command line.
use crate::both;
use crate::helpers::*;
use portico::model::AppError;
use serde_json::{Value, json};

both!(
    admins_make_tokens_that_are_shown_once_and_stored_as_hashes,
    an_import_adds_skips_and_refuses_line_by_line,
    the_endpoint_needs_a_live_token_and_writes_only_its_own_workspace,
    oversized_empty_and_endless_imports_are_refused_whole,
    the_command_line_imports_the_same_way,
);

const R1: &str = "0001234-03.2026.8.26.0100";
const R2: &str = "5000001-12.2025.8.26.0001";

/// A legal matter of `firm` with reference number `reference`.
async fn matter_numbered(firm: &Firm, title: &str, reference: &str) -> String {
    let mut input = matter(title);
    input["reference"] = json!(reference);
    firm.admin.call("create_matter", json!({"input": input})).await.unwrap().as_str().unwrap().to_string()
}

async fn new_token(u: &User, name: &str) -> (String, String) {
    let t = u.call("create_api_token", json!({"name": name})).await.unwrap();
    (t["id"].as_str().unwrap().to_string(), t["secret"].as_str().unwrap().to_string())
}

/// POSTs `body` to the import endpoint with `token` (if any) and `lang`.
async fn post_import(app: &TestApp, token: Option<&str>, body: String, lang: &str) -> (u16, Value, reqwest::header::HeaderMap) {
    let mut req = reqwest::Client::new().post(app.url("/integrations/import")).header("accept-language", lang).body(body);
    if let Some(t) = token {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    let r = req.send().await.unwrap();
    let status = r.status().as_u16();
    let headers = r.headers().clone();
    let text = r.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or_else(|_| json!({"raw": text})), headers)
}

fn line(reference: &str, date: &str, text: &str, external_id: &str) -> String {
    json!({"reference": reference, "date": date, "text": text, "source": "robo-andamentos", "external_id": external_id}).to_string()
}

async fn movement_texts(u: &User, matter: &str) -> Vec<String> {
    let list = u.call("list_movements", json!({"matter_id": matter})).await.unwrap();
    list["items"].as_array().unwrap().iter().map(|m| format!("{}|{}|{}", m["occurred_at"].as_str().unwrap(), m["text"].as_str().unwrap(), m["source"].as_str().unwrap())).collect()
}

async fn admins_make_tokens_that_are_shown_once_and_stored_as_hashes(app: TestApp) {
    let firm = app.firm("Souza").await;
    let (id, secret) = new_token(&firm.admin, "Robô de andamentos").await;
    assert!(secret.starts_with("portico_") && secret.len() == "portico_".len() + 43, "{secret}");
    let list = firm.admin.call("list_api_tokens", json!({})).await.unwrap();
    let listed = list.to_string();
    assert!(!listed.contains(&secret) && !listed.contains(&secret["portico_".len()..]), "the list never shows the secret");
    assert_eq!(list[0]["id"], id.as_str());
    assert_eq!(list[0]["name"], "Robô de andamentos");
    assert_eq!(list[0]["hint"], &secret[secret.len() - 4..]);
    assert_eq!(list[0]["created_by"], "Admin Souza");
    assert!(list[0]["revoked_at"].is_null() && list[0]["last_used_at"].is_null());
    // Only the hash is stored: no column of the table holds the secret.
    let rows: Vec<(String, String, String)> = sqlx::query_as("SELECT name, token_hash, hint FROM api_tokens").fetch_all(&app.state.db.pool).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert!(!format!("{rows:?}").contains(&secret["portico_".len()..]));
    if app.state.db.backend == portico::server::db::Backend::Sqlite {
        for f in ["portico.db", "portico.db-wal"] {
            let raw = std::fs::read(app.data_dir().join(f)).unwrap_or_default();
            assert!(!raw.windows(43).any(|w| w == secret["portico_".len()..].as_bytes()), "{f} holds the secret");
        }
    }
    // Bad names; members, clients and anonymous visitors make none.
    assert_invalid(firm.admin.call("create_api_token", json!({"name": "  "})).await, "name", "required");
    assert_invalid(firm.admin.call("create_api_token", json!({"name": "x".repeat(81)})).await, "name", "too_long");
    assert_eq!(firm.member.call("create_api_token", json!({"name": "Meu"})).await, Err(AppError::NotFound));
    assert_eq!(firm.member.call("revoke_api_token", json!({"id": id})).await, Err(AppError::NotFound));
    assert_eq!(app.user().call("list_api_tokens", json!({})).await, Err(AppError::Unauthorized));
    assert_eq!(app.count("api_tokens").await, 1, "refusals made nothing");
    // Revoking keeps it listed, marked; twice is harmless; an unknown id is not found.
    firm.admin.call("revoke_api_token", json!({"id": id})).await.unwrap();
    firm.admin.call("revoke_api_token", json!({"id": id})).await.unwrap();
    assert_eq!(firm.admin.call("revoke_api_token", json!({"id": "nao-existe"})).await, Err(AppError::NotFound));
    let list = firm.admin.call("list_api_tokens", json!({})).await.unwrap();
    assert!(list[0]["revoked_at"].is_i64());
    // At most 20 in use at once (revoked ones do not count).
    for i in 0..20 {
        new_token(&firm.admin, &format!("Chave {i}")).await;
    }
    assert_invalid(firm.admin.call("create_api_token", json!({"name": "Uma a mais"})).await, "name", "too_many");
}

async fn an_import_adds_skips_and_refuses_line_by_line(app: TestApp) {
    let firm = app.firm("Souza").await;
    let other = app.firm("Outra").await;
    let m1 = matter_numbered(&firm, "Ação de cobrança", R1).await;
    let twin_a = matter_numbered(&firm, "Gêmeo A", "1111111-11.2026.8.26.0001").await;
    matter_numbered(&firm, "Gêmeo B", "1111111-11.2026.8.26.0001").await;
    let theirs = matter_numbered(&other, "Deles", R2).await;
    let (_, token) = new_token(&firm.admin, "Robô").await;
    let body = [
        line(R1, "2026-11-30", "Juntada de petição", "1"),
        line("00012340320268260100", "2026-12-01T09:30", "Conclusos para despacho", "2"),
        line(R1, "2026-11-30", "Juntada de petição", "1"),
        String::new(),
        "{isto não é json".into(),
        line("9999999-99.2026.8.26.0000", "2026-11-30", "Sem caso", "3"),
        json!({"reference": R1, "date": "2026-11-30", "source": "robo-andamentos", "external_id": "4"}).to_string(),
        line(R1, "30/11/2026", "Data errada", "5"),
        line(R2, "2026-11-30", "Caso de outro escritório", "6"),
        line("1111111-11.2026.8.26.0001", "2026-11-30", "Dois casos", "7"),
    ]
    .join("\n");
    let before = app.count("movements").await;
    let (status, report, _) = post_import(&app, Some(&token), body.clone(), "pt-BR").await;
    assert_eq!(status, 200, "{report}");
    assert_eq!((report["added"].as_i64(), report["skipped"].as_i64(), report["refused"].as_i64()), (Some(2), Some(1), Some(6)), "{report}");
    let outcome = |n: usize| {
        let l = report["lines"].as_array().unwrap().iter().find(|l| l["line"] == n).unwrap_or_else(|| panic!("line {n}: {report}"));
        format!("{}:{}:{}", l["result"].as_str().unwrap(), l["field"].as_str().unwrap_or(""), l["code"].as_str().unwrap_or(""))
    };
    assert_eq!(outcome(1), "added::");
    assert_eq!(outcome(2), "added::", "the number matches without its punctuation");
    assert_eq!(outcome(3), "skipped::", "the same feed id again");
    assert!(report["lines"].as_array().unwrap().iter().all(|l| l["line"] != 4), "blank lines are passed over");
    assert_eq!(outcome(5), "refused:line:bad_json");
    assert_eq!(outcome(6), "refused:reference:unknown_matter");
    assert_eq!(outcome(7), "refused:text:required");
    assert_eq!(outcome(8), "refused:date:bad_date");
    assert_eq!(outcome(9), "refused:reference:unknown_matter", "another firm's matter is unknown here");
    assert_eq!(outcome(10), "refused:reference:ambiguous_matter");
    let msg = report["lines"].as_array().unwrap().iter().find(|l| l["line"] == 6).unwrap()["message"].as_str().unwrap().to_string();
    assert!(msg.contains("Nenhum caso deste escritório"), "{msg}");
    assert_eq!(app.count("movements").await, before + 2);
    assert_eq!(
        movement_texts(&firm.admin, &m1).await,
        vec!["2026-12-01T09:30|Conclusos para despacho|Import".to_string(), "2026-11-30|Juntada de petição|Import".into()]
    );
    assert!(movement_texts(&firm.admin, &twin_a).await.is_empty());
    assert!(movement_texts(&other.admin, &theirs).await.is_empty(), "nothing reached the other firm");
    // The same lines again: nothing new, the same refusals (in English when asked).
    let (status, again, _) = post_import(&app, Some(&token), body, "en-US,en;q=0.9").await;
    assert_eq!(status, 200);
    assert_eq!((again["added"].as_i64(), again["skipped"].as_i64(), again["refused"].as_i64()), (Some(0), Some(3), Some(6)), "{again}");
    let msg = again["lines"].as_array().unwrap().iter().find(|l| l["line"] == 6).unwrap()["message"].as_str().unwrap().to_string();
    assert!(msg.contains("No matter of this firm"), "{msg}");
    assert_eq!(app.count("movements").await, before + 2);
    // Imported movements are the feed's: not edited by hand.
    let id = firm.admin.call("list_movements", json!({"matter_id": m1})).await.unwrap()["items"][0]["id"].clone();
    assert_invalid(firm.admin.call("delete_movement", json!({"id": id})).await, "id", "movement_automatic");
}

async fn the_endpoint_needs_a_live_token_and_writes_only_its_own_workspace(app: TestApp) {
    let firm = app.firm("Souza").await;
    let other = app.firm("Outra").await;
    let m1 = matter_numbered(&firm, "Ação", R1).await;
    let (id, token) = new_token(&firm.admin, "Robô").await;
    let (_, theirs) = new_token(&other.admin, "Robô deles").await;
    let one = line(R1, "2026-11-30", "Juntada", "1");
    // Missing, malformed, unknown, wrong scheme: 401 with a Bearer challenge, in the caller's language.
    for t in [None, Some("junk"), Some("portico_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), Some(&token["portico_".len()..])] {
        let (status, body, headers) = post_import(&app, t, one.clone(), "pt-BR").await;
        assert_eq!(status, 401, "{t:?}: {body}");
        assert_eq!(headers["www-authenticate"], "Bearer");
        assert_eq!(body["error"], "unauthorized");
        assert!(!body["message"].as_str().unwrap().is_empty());
    }
    let r = reqwest::Client::new().post(app.url("/integrations/import")).header("authorization", format!("Basic {token}")).body(one.clone()).send().await.unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(app.count("movements").await, 0, "no token, nothing written");
    // Another firm's token reaches only that firm's matters.
    let (status, report, _) = post_import(&app, Some(&theirs), one.clone(), "pt-BR").await;
    assert_eq!(status, 200);
    assert_eq!(report["lines"][0]["code"], "unknown_matter");
    assert_eq!(app.count("movements").await, 0);
    // The firm's own token works, and is noted as used.
    let (status, report, _) = post_import(&app, Some(&token), one.clone(), "pt-BR").await;
    assert_eq!((status, report["added"].as_i64()), (200, Some(1)), "{report}");
    let list = firm.admin.call("list_api_tokens", json!({})).await.unwrap();
    assert!(list[0]["last_used_at"].is_i64());
    // Revoked: refused from the next request on.
    firm.admin.call("revoke_api_token", json!({"id": id})).await.unwrap();
    let (status, _, _) = post_import(&app, Some(&token), line(R1, "2026-12-01", "Depois", "2"), "pt-BR").await;
    assert_eq!(status, 401);
    assert_eq!(movement_texts(&firm.admin, &m1).await.len(), 1);
    // Other firms' admins cannot see nor revoke the token.
    assert!(!other.admin.call("list_api_tokens", json!({})).await.unwrap().to_string().contains(&id));
    assert_eq!(other.admin.call("revoke_api_token", json!({"id": id})).await, Err(AppError::NotFound));
}

async fn oversized_empty_and_endless_imports_are_refused_whole(app: TestApp) {
    let firm = app.firm("Souza").await;
    matter_numbered(&firm, "Ação", R1).await;
    let (_, token) = new_token(&firm.admin, "Robô").await;
    let (status, body, _) = post_import(&app, Some(&token), "\n  \n".into(), "pt-BR").await;
    assert_eq!((status, body["error"].as_str()), (422, Some("required")), "{body}");
    let many: Vec<String> = (0..5001).map(|i| line(R1, "2026-11-30", "Linha", &i.to_string())).collect();
    let (status, body, _) = post_import(&app, Some(&token), many.join("\n"), "pt-BR").await;
    assert_eq!((status, body["error"].as_str()), (422, Some("too_many_lines")), "{body}");
    assert!(body["message"].as_str().unwrap().contains("5.000"));
    let huge = format!("{}\n{}", line(R1, "2026-11-30", "Linha", "x"), "a".repeat(5 * 1024 * 1024));
    let (status, body, _) = post_import(&app, Some(&token), huge, "pt-BR").await;
    assert_eq!((status, body["error"].as_str()), (413, Some("file_too_large")), "{body}");
    let r = reqwest::Client::new()
        .post(app.url("/integrations/import"))
        .header("authorization", format!("Bearer {token}"))
        .body(vec![0xff, 0xfe, b'\n'])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert_eq!(app.count("movements").await, 0, "a refused import writes nothing");
}

async fn the_command_line_imports_the_same_way(app: TestApp) {
    let firm = app.firm("Souza").await;
    let m1 = matter_numbered(&firm, "Ação", R1).await;
    let file = app.data_dir().join("andamentos.jsonl");
    std::fs::write(&file, [line(R1, "2026-11-30", "Juntada", "1"), line("0000000-00.0000.0.00.0000", "2026-11-30", "Nada", "2")].join("\n")).unwrap();
    let run = |args: Vec<String>| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_portico"))
            .args(args)
            .env("DATABASE_URL", app.state.settings.database_url())
            .env("PORTICO_DATA_DIR", app.data_dir())
            .env("RUST_LOG", "warn")
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stdout).to_string(), String::from_utf8_lossy(&out.stderr).to_string())
    };
    let path = file.display().to_string();
    // By name; a refused line makes the exit code 2.
    let (code, out, err) = tokio::task::block_in_place(|| run(vec!["import".into(), "--workspace".into(), "Souza".into(), path.clone()]));
    assert_eq!(code, Some(2), "{out}{err}");
    let report: Value = serde_json::from_str(&out).unwrap_or_else(|_| panic!("{out}{err}"));
    assert_eq!((report["added"].as_i64(), report["refused"].as_i64()), (Some(1), Some(1)));
    assert_eq!(report["lines"][1]["code"], "unknown_matter");
    assert!(err.contains("added 1, skipped 0, refused 1"), "{err}");
    assert_eq!(movement_texts(&firm.admin, &m1).await, vec!["2026-11-30|Juntada|Import".to_string()]);
    // By id, in English, only good lines: exit 0, nothing added twice.
    std::fs::write(&file, line(R1, "2026-11-30", "Juntada", "1")).unwrap();
    let (code, out, err) = tokio::task::block_in_place(|| run(vec!["import".into(), "--workspace".into(), firm.workspace_id.clone(), "--lang".into(), "en".into(), path.clone()]));
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("\"skipped\": 1"), "{out}");
    // An unknown workspace: an error, nothing written.
    let (code, _, err) = tokio::task::block_in_place(|| run(vec!["import".into(), "--workspace".into(), "Ninguém".into(), path.clone()]));
    assert_ne!(code, Some(0));
    assert!(err.contains("no workspace"), "{err}");
    assert_eq!(app.count("movements").await, 1);
}
