//! Sharing: the share dialog, account and link access, what clients see, removal,
//! rotation, password links, the outbox, preview and the access log.
use crate::both;
use crate::helpers::*;
use portico::model::AppError;
use serde_json::{Value, json};

both!(
    share_invites_a_new_client_who_sees_only_granted_blocks,
    removing_a_block_or_the_access_acts_on_the_next_request,
    link_access_lands_without_the_token_and_rotation_kills_it,
    bad_share_input_is_named_and_changes_nothing,
    password_reset_answers_the_same_and_tokens_are_single_use,
    appeals_are_covered_related_matters_are_not,
    preview_matches_the_client_and_logs_nothing,
    party_wide_access_follows_parties_and_privacy,
    tokens_are_long_and_only_hashes_are_stored,
    one_login_serves_every_firm_that_shares_with_the_email,
);

/// A matter with two stages, a public and a private task; returns (matter id, column id).
pub async fn shared_matter(firm: &Firm, title: &str) -> (String, String) {
    let m = firm.admin.call("create_matter", json!({"input": matter(title)})).await.unwrap();
    let m = m.as_str().unwrap().to_string();
    let board = firm.admin.call("get_board", json!({"matter_id": m})).await.unwrap();
    let col = board["columns"][0]["id"].as_str().unwrap().to_string();
    for (t, public) in [("Public task for the client", true), ("Internal strategy note", false)] {
        firm.admin
            .call("create_task", json!({"column_id": col, "input": {"title": t, "description": "", "due_on": "", "assignee_id": "", "is_public": public}}))
            .await
            .unwrap();
    }
    (m, col)
}

/// Shares `matter` with `email` and returns the result.
pub async fn share(by: &User, matter: &str, email: &str, blocks: &[&str], access: &str) -> Result<Value, AppError> {
    by.call("share_matter", json!({"matter_id": matter, "input": {"emails": email, "blocks": blocks, "access_type": access}})).await
}

/// Shares with a new email by account, follows the invitation, sets a password:
/// returns the signed-in client.
pub async fn invited_client(app: &TestApp, firm: &Firm, matter: &str, email: &str, blocks: &[&str]) -> User {
    share(&firm.admin, matter, email, blocks, "account").await.unwrap();
    let mail = app.wait_mail(email, 1).await;
    let link = mail.link("/portal/password/");
    let token = link.rsplit('/').next().unwrap().to_string();
    let client = app.user();
    client.call("set_client_password", json!({"token": token, "password": PASSWORD})).await.unwrap();
    client
}

fn blocks_of(v: &Value) -> Vec<String> {
    v["blocks"].as_array().unwrap().iter().map(|b| b.as_str().unwrap().to_string()).collect()
}

async fn share_invites_a_new_client_who_sees_only_granted_blocks(app: TestApp) {
    let firm = app.firm("Souza").await;
    let (m, _) = shared_matter(&firm, "Ação de cobrança").await;
    let out = share(&firm.admin, &m, "Maria@Cliente.example", &["deadline", "tasks"], "account").await.unwrap();
    assert_eq!(out, json!([{"email": "maria@cliente.example", "new_client": true}]));
    // The staff's list shows the pending invitation.
    let list = firm.admin.call("list_matter_access", json!({"matter_id": m})).await.unwrap();
    assert_eq!(list[0]["client_email"], "maria@cliente.example");
    assert_eq!(list[0]["ready"], false);
    assert_eq!(list[0]["access_type"], "Account");

    let mail = app.wait_mail("maria@cliente.example", 1).await;
    assert!(mail.body.contains("Ação de cobrança"), "{}", mail.body);
    let link = mail.link("/portal/password/");
    let token = link.rsplit('/').next().unwrap().to_string();
    // Opening the link (a mail scanner would) spends nothing.
    let anon = app.user();
    let (status, _) = anon.get(&format!("/portal/password/{token}")).await;
    assert_eq!(status, 200);
    let info = anon.call("client_token_info", json!({"token": token})).await.unwrap();
    assert_eq!(info, json!({"purpose": "invite", "email": "maria@cliente.example"}));
    // A short password is refused and the token survives.
    assert_invalid(anon.call("set_client_password", json!({"token": token, "password": "short"})).await, "password", "password_short");
    let client = app.user();
    client.call("set_client_password", json!({"token": token, "password": PASSWORD})).await.unwrap();
    // Single use.
    assert_eq!(anon.call("client_token_info", json!({"token": token})).await, Err(AppError::NotFound));
    assert_eq!(anon.call("set_client_password", json!({"token": token, "password": PASSWORD})).await, Err(AppError::NotFound));

    // The client sees the matter with just the two blocks and only the public task.
    let home = client.call("portal_home", json!({"preview": ""})).await.unwrap();
    assert_eq!(home["firms"][0]["name"], "Souza");
    assert_eq!(home["firms"][0]["matters"][0]["id"], m.as_str());
    let pm = client.call("portal_matter", json!({"matter_id": m, "preview": ""})).await.unwrap();
    assert_eq!(blocks_of(&pm), ["Deadline", "Tasks"]);
    assert_eq!(pm["sections"][0]["Deadline"], json!({"deadline": "2027-03-01", "progress": 50}));
    assert!(!pm.to_string().contains("Petição"), "schedule not granted: no stage names");
    let text = pm.to_string();
    assert!(text.contains("Public task for the client"));
    assert!(!text.contains("Internal strategy note"), "a non-public task reached the client: {text}");
    assert!(!text.contains("is_public") && !text.contains("assignee"), "staff-only fields in the portal type: {text}");
    // And the server-rendered page has the same content.
    let (status, html) = client.get(&format!("/portal/m/{m}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Public task for the client"));
    assert!(!html.contains("Internal strategy note"));
    assert!(!html.contains("Petição"), "stage names of an ungranted schedule block in the HTML");

    // A fresh browser signs in with email and password.
    let again = app.user();
    assert_eq!(again.call("client_login", json!({"email": "maria@cliente.example", "password": "wrong password"})).await, Err(AppError::Unauthorized));
    again.call("client_login", json!({"email": "MARIA@cliente.example", "password": PASSWORD})).await.unwrap();
    assert!(again.call("portal_home", json!({"preview": ""})).await.is_ok());
    // A client is not staff.
    assert_eq!(again.call("list_matters", json!({"filter": {"q": "", "kind": "", "status": "", "archived": false}})).await, Err(AppError::Unauthorized));
    // The visit is in the access log (once the buffer is written), and the list
    // shows the client as ready and seen.
    app.flush_visits().await;
    let log = firm.admin.call("matter_access_log", json!({"matter_id": m})).await.unwrap();
    assert_eq!(log[0]["via"], "Account");
    let list = firm.admin.call("list_matter_access", json!({"matter_id": m})).await.unwrap();
    assert_eq!(list[0]["ready"], true);
    assert!(list[0]["last_seen_at"].as_i64().is_some());
}

async fn removing_a_block_or_the_access_acts_on_the_next_request(app: TestApp) {
    let firm = app.firm("Souza").await;
    let (m, _) = shared_matter(&firm, "Inventário").await;
    let client = invited_client(&app, &firm, &m, "joao@cliente.example", &["schedule", "tasks"]).await;
    let pm = client.call("portal_matter", json!({"matter_id": m, "preview": ""})).await.unwrap();
    assert_eq!(blocks_of(&pm), ["Schedule", "Tasks"]);
    assert_eq!(pm["sections"][0]["Schedule"]["stages"][0]["name"], "Petição");
    let grant = firm.admin.call("list_matter_access", json!({"matter_id": m})).await.unwrap()[0]["grant_id"].clone();
    firm.member
        .call("update_grant", json!({"grant_id": grant, "input": {"blocks": ["schedule"], "include_private": false, "access_type": "account"}}))
        .await
        .unwrap();
    let pm = client.call("portal_matter", json!({"matter_id": m, "preview": ""})).await.unwrap();
    assert_eq!(blocks_of(&pm), ["Schedule"]);
    assert_eq!(pm["sections"].as_array().unwrap().len(), 1, "only the schedule: {pm}");
    assert!(!pm.to_string().contains("Public task"));
    let (_, html) = client.get(&format!("/portal/m/{m}")).await;
    assert!(!html.contains("Public task for the client"));
    // No blocks at all is refused.
    assert_invalid(
        firm.admin.call("update_grant", json!({"grant_id": grant, "input": {"blocks": [], "include_private": false, "access_type": "account"}})).await,
        "blocks",
        "blocks_required",
    );
    firm.member.call("remove_grant", json!({"grant_id": grant})).await.unwrap();
    assert_eq!(client.call("portal_matter", json!({"matter_id": m, "preview": ""})).await, Err(AppError::Unauthorized));
    let (status, _) = client.get("/portal").await;
    assert_eq!(status, 200, "redirected to the login page");
    assert_eq!(firm.admin.call("list_matter_access", json!({"matter_id": m})).await.unwrap(), json!([]));
}

async fn link_access_lands_without_the_token_and_rotation_kills_it(app: TestApp) {
    let firm = app.firm("Souza").await;
    let (m, _) = shared_matter(&firm, "Projeto de marca").await;
    share(&firm.admin, &m, "loja@cliente.example", &["tasks"], "link").await.unwrap();
    let link = app.wait_mail("loja@cliente.example", 1).await.link("/l/");
    let client = app.user();
    let resp = client.http.get(&link).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.url().path(), "/portal", "the token leaves the URL");
    let pm = client.call("portal_matter", json!({"matter_id": m, "preview": ""})).await.unwrap();
    assert_eq!(blocks_of(&pm), ["Tasks"]);
    app.flush_visits().await;
    let log = firm.admin.call("matter_access_log", json!({"matter_id": m})).await.unwrap();
    assert_eq!(log[0]["via"], "Link");
    // Sharing another matter with the same client does not change the link.
    let (m2, _) = shared_matter(&firm, "Segundo projeto").await;
    share(&firm.admin, &m2, "loja@cliente.example", &["deadline"], "link").await.unwrap();
    let notice = app.wait_mail("loja@cliente.example", 2).await;
    assert!(!notice.body.contains("/l/"), "a notice, not a new link: {}", notice.body);
    assert!(client.call("portal_matter", json!({"matter_id": m2, "preview": ""})).await.is_ok());

    // Rotation: the old link and the sessions it opened die.
    let access = firm.admin.call("list_matter_access", json!({"matter_id": m})).await.unwrap();
    let client_id = access[0]["client_id"].as_str().unwrap().to_string();
    assert_invalid(
        firm.admin.call("rotate_client_link", json!({"client_id": client_id, "expires_on": "2020-01-01", "send": false})).await,
        "expires_on",
        "date_in_past",
    );
    let fresh = firm.member.call("rotate_client_link", json!({"client_id": client_id, "expires_on": "", "send": false})).await.unwrap();
    let new_link = fresh["url"].as_str().unwrap().to_string();
    assert_ne!(new_link, link);
    assert_eq!(client.call("portal_home", json!({"preview": ""})).await, Err(AppError::Unauthorized));
    let stale = app.user();
    let resp = stale.http.get(&link).send().await.unwrap();
    assert_eq!(resp.url().path(), "/portal/link-invalid");
    let html = resp.text().await.unwrap();
    assert!(html.contains("Peça um novo link") || html.contains("Ask your firm"), "a clear page for dead links");
    let resp = stale.http.get(&new_link).send().await.unwrap();
    assert_eq!(resp.url().path(), "/portal");
    // Emailing a rotated link.
    firm.admin.call("rotate_client_link", json!({"client_id": client_id, "expires_on": "2099-12-31", "send": true})).await.unwrap();
    let third = app.wait_mail("loja@cliente.example", 3).await.link("/l/");
    assert_eq!(stale.call("portal_home", json!({"preview": ""})).await, Err(AppError::Unauthorized));
    // Expiry: a link past its last day stops working.
    let late = app.user();
    assert_eq!(late.http.get(&third).send().await.unwrap().url().path(), "/portal");
    sqlx::query("UPDATE clients SET link_expires_at = 1 WHERE id = $1").bind(&client_id).execute(&app.state.db.pool).await.unwrap();
    assert_eq!(late.call("portal_home", json!({"preview": ""})).await, Err(AppError::Unauthorized));
    assert_eq!(app.user().http.get(&third).send().await.unwrap().url().path(), "/portal/link-invalid");
    // Junk tokens land on the same page.
    assert_eq!(app.user().http.get(app.url("/l/not-a-token")).send().await.unwrap().url().path(), "/portal/link-invalid");
}

async fn bad_share_input_is_named_and_changes_nothing(app: TestApp) {
    let firm = app.firm("Souza").await;
    let (m, _) = shared_matter(&firm, "Contrato").await;
    let before = (app.count("clients").await, app.count("grants").await, app.count("outbox").await);
    let r = share(&firm.admin, &m, "ok@cliente.example, not-an-email; also@bad", &["tasks"], "account").await;
    assert_eq!(r, Err(AppError::rejected("emails", "bad_emails", vec!["not-an-email".into(), "also@bad".into()])));
    let r = share(&firm.admin, &m, &format!("ok@cliente.example\n{}", firm.member_email), &["tasks"], "account").await;
    assert_eq!(r, Err(AppError::rejected("emails", "emails_are_staff", vec![firm.member_email.clone()])));
    assert_invalid(share(&firm.admin, &m, "  ", &["tasks"], "account").await, "emails", "required");
    assert_invalid(share(&firm.admin, &m, "ok@cliente.example", &[], "account").await, "blocks", "blocks_required");
    assert_invalid(share(&firm.admin, &m, "ok@cliente.example", &["secrets"], "account").await, "blocks", "bad_choice");
    assert_invalid(share(&firm.admin, &m, "ok@cliente.example", &["tasks"], "telepathy").await, "access_type", "bad_choice");
    let many: Vec<String> = (0..51).map(|i| format!("c{i}@cliente.example")).collect();
    assert_invalid(share(&firm.admin, &m, &many.join(","), &["tasks"], "account").await, "emails", "too_many");
    assert_eq!(share(&firm.admin, "no-such-matter", "ok@cliente.example", &["tasks"], "account").await, Err(AppError::NotFound));
    assert_eq!((app.count("clients").await, app.count("grants").await, app.count("outbox").await), before);
    // The messages exist in both languages.
    let (_, html) = firm.admin.get(&format!("/matters/{m}")).await;
    assert!(html.contains("Compartilhar"));
}

async fn password_reset_answers_the_same_and_tokens_are_single_use(app: TestApp) {
    let firm = app.firm("Souza").await;
    let (m, _) = shared_matter(&firm, "Reset").await;
    invited_client(&app, &firm, &m, "ana@cliente.example", &["tasks"]).await;
    let anon = app.user();
    assert_eq!(anon.call("forgot_client_password", json!({"email": "nobody@cliente.example"})).await.unwrap(), Value::Null);
    assert_invalid(anon.call("forgot_client_password", json!({"email": "bad"})).await, "email", "bad_email");
    anon.call("forgot_client_password", json!({"email": "ana@cliente.example"})).await.unwrap();
    let mail = app.wait_mail("ana@cliente.example", 2).await;
    let token = mail.link("/portal/password/").rsplit('/').next().unwrap().to_string();
    assert_eq!(anon.call("client_token_info", json!({"token": token})).await.unwrap()["purpose"], "reset");
    anon.call("set_client_password", json!({"token": token, "password": "a brand new password"})).await.unwrap();
    let c = app.user();
    assert_eq!(c.call("client_login", json!({"email": "ana@cliente.example", "password": PASSWORD})).await, Err(AppError::Unauthorized));
    c.call("client_login", json!({"email": "ana@cliente.example", "password": "a brand new password"})).await.unwrap();
    assert_eq!(anon.call("set_client_password", json!({"token": token, "password": "another password here"})).await, Err(AppError::NotFound));
    // Nobody else got mail; an expired token is dead.
    assert!(app.mails().iter().all(|m| m.to == "ana@cliente.example"));
    anon.call("forgot_client_password", json!({"email": "ana@cliente.example"})).await.unwrap();
    let token = app.wait_mail("ana@cliente.example", 3).await.link("/portal/password/").rsplit('/').next().unwrap().to_string();
    sqlx::query("UPDATE client_tokens SET expires_at = 1 WHERE used_at IS NULL").execute(&app.state.db.pool).await.unwrap();
    assert_eq!(anon.call("client_token_info", json!({"token": token})).await, Err(AppError::NotFound));
    let (status, html) = anon.get(&format!("/portal/password/{token}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Peça um novo link"), "a clear page for a dead password link");
}

async fn appeals_are_covered_related_matters_are_not(app: TestApp) {
    let firm = app.firm("Souza").await;
    let (m0, _) = shared_matter(&firm, "Processo principal").await;
    let mut private = matter("Recurso de apelação");
    private["visibility"] = json!("private");
    let appeal = firm.admin.call("create_matter", json!({"input": private})).await.unwrap();
    let appeal2 = firm.admin.call("create_matter", json!({"input": matter("Agravo no recurso")})).await.unwrap();
    let related = firm.admin.call("create_matter", json!({"input": matter("Processo relacionado")})).await.unwrap();
    firm.admin.call("add_matter_link", json!({"id": appeal, "other_id": m0, "kind": "appeal"})).await.unwrap();
    firm.admin.call("add_matter_link", json!({"id": appeal2, "other_id": appeal, "kind": "appeal"})).await.unwrap();
    firm.admin.call("add_matter_link", json!({"id": related, "other_id": m0, "kind": "related"})).await.unwrap();
    let client = invited_client(&app, &firm, &m0, "parte@cliente.example", &["deadline"]).await;
    let home = client.call("portal_home", json!({"preview": ""})).await.unwrap();
    let mut titles: Vec<String> =
        home["firms"][0]["matters"].as_array().unwrap().iter().map(|m| m["title"].as_str().unwrap().to_string()).collect();
    titles.sort();
    assert_eq!(titles, ["Agravo no recurso", "Processo principal", "Recurso de apelação"]);
    assert!(client.call("portal_matter", json!({"matter_id": appeal2, "preview": ""})).await.is_ok());
    assert_eq!(client.call("portal_matter", json!({"matter_id": related, "preview": ""})).await, Err(AppError::NotFound));
}

async fn preview_matches_the_client_and_logs_nothing(app: TestApp) {
    let firm = app.firm("Souza").await;
    let (m, _) = shared_matter(&firm, "Prévia").await;
    let client = invited_client(&app, &firm, &m, "previa@cliente.example", &["deadline", "schedule", "tasks"]).await;
    let client_id = firm.admin.call("list_matter_access", json!({"matter_id": m})).await.unwrap()[0]["client_id"].clone();
    let as_client = client.call("portal_matter", json!({"matter_id": m, "preview": ""})).await.unwrap();
    app.flush_visits().await;
    let visits = app.count("access_log").await;
    assert_eq!(visits, 1);
    let preview = firm.member.call("portal_matter", json!({"matter_id": m, "preview": client_id})).await.unwrap();
    assert_eq!(preview, as_client, "preview renders what the client gets");
    assert_eq!(app.flush_visits().await, 0, "a preview is not a client visit");
    assert_eq!(app.count("access_log").await, visits);
    let home = firm.admin.call("portal_home", json!({"preview": client_id})).await.unwrap();
    assert_eq!(home["viewer"]["preview"], true);
    let (status, html) = firm.admin.get(&format!("/preview/{}/m/{m}", client_id.as_str().unwrap())).await;
    assert_eq!(status, 200);
    assert!(html.contains("Public task for the client") && !html.contains("Internal strategy note"));
    // A client cannot preview someone else; anonymous visitors are sent to log in.
    assert_eq!(client.call("portal_home", json!({"preview": client_id})).await, Err(AppError::Unauthorized));
    let (status, _) = app.user().get(&format!("/preview/{}", client_id.as_str().unwrap())).await;
    assert_eq!(status, 200, "followed to the login page");
    // A member does not preview matters they may not see.
    let mut private = matter("Privado do admin");
    private["visibility"] = json!("private");
    let pm = firm.admin.call("create_matter", json!({"input": private})).await.unwrap();
    share(&firm.admin, pm.as_str().unwrap(), "previa@cliente.example", &["deadline"], "account").await.unwrap();
    assert!(firm.admin.call("portal_matter", json!({"matter_id": pm, "preview": client_id})).await.is_ok());
    assert_eq!(firm.member.call("portal_matter", json!({"matter_id": pm, "preview": client_id})).await, Err(AppError::NotFound));
}

async fn party_wide_access_follows_parties_and_privacy(app: TestApp) {
    let firm = app.firm("Souza").await;
    let c = firm.admin.call("create_client", json!({"input": {"id": "", "name": "Empresa X", "email": "x@empresa.example", "phone": "", "document": "", "address": "Rua A, 1", "notes": "paga em dia"}})).await.unwrap();
    let mut open = matter("Aberto");
    open["party_ids"] = json!([c]);
    let open = firm.admin.call("create_matter", json!({"input": open})).await.unwrap();
    let mut team = matter("De equipe");
    team["party_ids"] = json!([c]);
    team["visibility"] = json!("private");
    let team = firm.admin.call("create_matter", json!({"input": team})).await.unwrap();
    let other = firm.admin.call("create_matter", json!({"input": matter("Sem a parte")})).await.unwrap();
    let input = json!({"blocks": ["deadline"], "include_private": false, "access_type": "account"});
    assert_eq!(firm.member.call("grant_party_access", json!({"client_id": c, "input": input})).await, Err(AppError::NotFound));
    let grant = firm.admin.call("grant_party_access", json!({"client_id": c, "input": input})).await.unwrap();
    let token = app.wait_mail("x@empresa.example", 1).await.link("/portal/password/").rsplit('/').next().unwrap().to_string();
    let client = app.user();
    client.call("set_client_password", json!({"token": token, "password": PASSWORD})).await.unwrap();
    let ids = |home: Value| -> Vec<String> {
        home["firms"][0]["matters"].as_array().map(|a| a.iter().map(|m| m["id"].as_str().unwrap().to_string()).collect()).unwrap_or_default()
    };
    assert_eq!(ids(client.call("portal_home", json!({"preview": ""})).await.unwrap()), [open.as_str().unwrap()]);
    firm.admin
        .call("update_grant", json!({"grant_id": grant, "input": {"blocks": ["deadline"], "include_private": true, "access_type": "account"}}))
        .await
        .unwrap();
    let mut got = ids(client.call("portal_home", json!({"preview": ""})).await.unwrap());
    got.sort();
    let mut want = vec![open.as_str().unwrap().to_string(), team.as_str().unwrap().to_string()];
    want.sort();
    assert_eq!(got, want);
    assert_eq!(client.call("portal_matter", json!({"matter_id": other, "preview": ""})).await, Err(AppError::NotFound));
    // The contact card has the client's details, not the firm's notes.
    let cards = client.call("portal_contact", json!({"preview": ""})).await.unwrap();
    assert_eq!(cards[0]["address"], "Rua A, 1");
    assert!(!cards.to_string().contains("paga em dia"));
    // The workspace list shows it; members may not list or edit party-wide grants.
    let all = firm.admin.call("list_accesses", json!({})).await.unwrap();
    assert_eq!(all[0]["scope"], "Parties");
    assert_eq!(firm.member.call("list_accesses", json!({})).await, Err(AppError::NotFound));
    assert_eq!(firm.member.call("remove_grant", json!({"grant_id": grant})).await, Err(AppError::NotFound));
}

async fn tokens_are_long_and_only_hashes_are_stored(app: TestApp) {
    let firm = app.firm("Souza").await;
    let (m, _) = shared_matter(&firm, "Tokens").await;
    share(&firm.admin, &m, "conta@cliente.example", &["tasks"], "account").await.unwrap();
    share(&firm.admin, &m, "link@cliente.example", &["tasks"], "link").await.unwrap();
    let invite = app.wait_mail("conta@cliente.example", 1).await.link("/portal/password/");
    let link = app.wait_mail("link@cliente.example", 1).await.link("/l/");
    assert!(app.wait_all_sent().await, "every mail marked sent");
    for url in [&invite, &link] {
        let token = url.rsplit('/').next().unwrap();
        assert_eq!(token.len(), 43, "256 bits in base64url");
        let mut dump = vec![];
        for sql in [
            "SELECT hash || email FROM client_tokens",
            "SELECT COALESCE(link_hash, '') || email FROM clients",
            "SELECT body FROM outbox",
            "SELECT id_hash || data FROM sessions",
        ] {
            let rows: Vec<(String,)> = sqlx::query_as(sql).fetch_all(&app.state.db.pool).await.unwrap();
            dump.extend(rows.into_iter().map(|r| r.0));
        }
        assert!(dump.iter().all(|row| !row.contains(token)), "a token is stored in clear");
    }
    let (hash,): (String,) = sqlx::query_as("SELECT hash FROM client_tokens").fetch_one(&app.state.db.pool).await.unwrap();
    assert_eq!(hash.len(), 64, "SHA-256 hex");
    // Cross-site calls to a server fn that changes data are refused, nothing shared.
    let before = app.count("grants").await;
    let resp = firm
        .admin
        .http
        .post(app.url("/api/share_matter"))
        .header("sec-fetch-site", "cross-site")
        .json(&json!({"matter_id": m, "input": {"emails": "evil@x.example", "blocks": ["tasks"], "access_type": "link"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 403);
    let resp = firm
        .admin
        .http
        .post(app.url("/api/remove_grant"))
        .header("origin", "https://evil.example")
        .json(&json!({"grant_id": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 403);
    assert_eq!(app.count("grants").await, before);
}

async fn one_login_serves_every_firm_that_shares_with_the_email(app: TestApp) {
    let a = app.firm("Souza").await;
    let b = app.firm("Lima").await;
    let (ma, _) = shared_matter(&a, "Processo na Souza").await;
    let (mb, _) = shared_matter(&b, "Projeto na Lima").await;
    let client = invited_client(&app, &a, &ma, "pessoa@cliente.example", &["deadline"]).await;
    // The second firm's share needs no new password: a notice with the login page.
    share(&b.admin, &mb, "pessoa@cliente.example", &["tasks"], "account").await.unwrap();
    let notice = app.wait_mail("pessoa@cliente.example", 2).await;
    assert!(notice.link("/portal/").ends_with("/portal/login"), "{}", notice.body);
    let home = client.call("portal_home", json!({"preview": ""})).await.unwrap();
    let firms: Vec<&str> = home["firms"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap()).collect();
    assert_eq!(firms, ["Lima", "Souza"]);
    let pm = client.call("portal_matter", json!({"matter_id": mb, "preview": ""})).await.unwrap();
    assert_eq!(pm["firm"], "Lima");
    assert_eq!(blocks_of(&pm), ["Tasks"]);
    assert_eq!(client.call("portal_contact", json!({"preview": ""})).await.unwrap().as_array().unwrap().len(), 2);
    // Each firm's preview shows only its own part.
    let b_client = b.admin.call("list_matter_access", json!({"matter_id": mb})).await.unwrap()[0]["client_id"].clone();
    let preview = b.admin.call("portal_home", json!({"preview": b_client})).await.unwrap();
    assert_eq!(preview["firms"].as_array().unwrap().len(), 1);
    assert!(!preview.to_string().contains("Processo na Souza"));
    // Firm A removing its access leaves firm B's.
    let grant = a.admin.call("list_matter_access", json!({"matter_id": ma})).await.unwrap()[0]["grant_id"].clone();
    a.admin.call("remove_grant", json!({"grant_id": grant})).await.unwrap();
    let home = client.call("portal_home", json!({"preview": ""})).await.unwrap();
    assert_eq!(home["firms"].as_array().unwrap().len(), 1);
    assert_eq!(client.call("portal_matter", json!({"matter_id": ma, "preview": ""})).await, Err(AppError::NotFound));
}
