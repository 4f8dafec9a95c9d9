//! Every server fn is classified; every protected one refuses the wrong caller:
//! anonymous visitors, members on admin fns, and other workspaces (by guessed ids).
use crate::both;
use crate::helpers::*;
use portico::api::{Access, SERVER_FNS};
use portico::model::AppError;
use serde_json::{Value, json};
use std::collections::BTreeSet;

both!(every_server_fn_refuses_the_wrong_caller);

#[test]
fn every_registered_server_fn_is_classified() {
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_string())
        .collect();
    let classified: BTreeSet<String> = SERVER_FNS.iter().map(|(p, _)| p.to_string()).collect();
    assert!(!registered.is_empty(), "no server fns registered");
    let unclassified: Vec<_> = registered.difference(&classified).collect();
    let stale: Vec<_> = classified.difference(&registered).collect();
    assert!(unclassified.is_empty(), "server fns without an access class: {unclassified:?}");
    assert!(stale.is_empty(), "classified but not registered: {stale:?}");
}

/// Ids of things in one firm, to aim at from elsewhere.
struct Target {
    matter: String,
    column: String,
    task: String,
    link: String,
    client: String,
    staff: String,
    team: String,
    grant: String,
    ticket: String,
    movement: String,
    glossary: String,
    api_token: String,
    publication: String,
    document: String,
    time_entry: String,
}

async fn target(app: &TestApp, firm: &Firm) -> Target {
    let client = firm.admin.call("create_client", json!({"input": {"id": "", "name": "Secret Client", "email": "secret@client.example", "phone": "", "document": "", "address": "", "notes": "secret notes"}})).await.unwrap();
    let mut input = matter("Secret matter");
    input["party_ids"] = json!([client]);
    let matter_id = firm.admin.call("create_matter", json!({"input": input})).await.unwrap();
    let other = firm.admin.call("create_matter", json!({"input": matter("Secret other")})).await.unwrap();
    let link = firm.admin.call("add_matter_link", json!({"id": other, "other_id": matter_id, "kind": "appeal"})).await.unwrap();
    let board = firm.admin.call("get_board", json!({"matter_id": matter_id})).await.unwrap();
    let column = board["columns"][0]["id"].as_str().unwrap().to_string();
    let task = firm.admin.call("create_task", json!({"column_id": column, "input": {"title": "Secret task", "description": "", "due_on": "", "assignee_id": "", "is_public": false}})).await.unwrap();
    let team = firm.admin.call("save_team", json!({"team_id": "", "name": "Secret team", "member_ids": []})).await.unwrap();
    firm.admin
        .call("share_matter", json!({"matter_id": matter_id, "input": {"emails": "secret@client.example", "blocks": ["deadline", "tasks"], "access_type": "account"}}))
        .await
        .unwrap();
    let grant = firm.admin.call("list_matter_access", json!({"matter_id": matter_id})).await.unwrap()[0]["grant_id"].clone();
    let token = app.wait_mail("secret@client.example", 1).await.link("/portal/password/").rsplit('/').next().unwrap().to_string();
    let secret_client = app.user();
    secret_client.call("set_client_password", json!({"token": token, "password": PASSWORD})).await.unwrap();
    let ticket = secret_client
        .call("create_ticket", json!({"matter_id": matter_id, "input": {"title": "Secret ticket", "priority": "high", "description": "Secret"}, "preview": ""}))
        .await
        .unwrap();
    firm.admin.call("add_ticket_note", json!({"id": ticket, "body": "Secret note"})).await.unwrap();
    let movement = firm.admin.call("add_movement", json!({"matter_id": matter_id, "input": {"on": "2026-11-30", "text": "Secret movement"}})).await.unwrap();
    let glossary = firm.admin.call("add_glossary_entry", json!({"input": {"phrase": "Secret phrase", "explanation": "Secret meaning"}})).await.unwrap();
    let publication = firm.admin.call("add_publication", json!({"matter_id": matter_id, "input": {"on": "2026-11-30", "journal": "DJE", "text": "Secret publication"}})).await.unwrap();
    let document = firm
        .admin
        .http
        .put(app.url(&format!("/files/matters/{}", matter_id.as_str().unwrap())))
        .query(&[("name", "Secret document.txt")])
        .body("Secret contents")
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap()["id"]
        .clone();
    firm.admin
        .call("set_cycle_plan", json!({"matter_id": matter_id, "input": {"unit": "week", "days": "", "start": "2026-11-02", "budget_hours": "10"}}))
        .await
        .unwrap();
    let time_entry = firm
        .admin
        .call("log_time", json!({"matter_id": matter_id, "input": {"task_id": task, "on": "2026-11-03", "hours": "1", "note": "Secret note"}}))
        .await
        .unwrap();
    let api_token = firm.admin.call("create_api_token", json!({"name": "Secret token"})).await.unwrap()["id"].clone();
    let s = |v: Value| v.as_str().unwrap().to_string();
    Target {
        matter: s(matter_id),
        column,
        task: s(task),
        link: s(link),
        client: s(client),
        staff: firm.member_id.clone(),
        team: s(team),
        grant: s(grant),
        ticket: s(ticket),
        movement: s(movement),
        glossary: s(glossary),
        api_token: s(api_token),
        publication: s(publication),
        document: s(document),
        time_entry: s(time_entry),
    }
}

/// A client of `firm` signed in to the portal, with `title` shared with them.
async fn portal_client(app: &TestApp, firm: &Firm, email: &str, title: &str) -> User {
    let m = firm.admin.call("create_matter", json!({"input": matter(title)})).await.unwrap();
    firm.admin
        .call("share_matter", json!({"matter_id": m, "input": {"emails": email, "blocks": ["deadline", "tasks"], "access_type": "account"}}))
        .await
        .unwrap();
    let token = app.wait_mail(email, 1).await.link("/portal/password/").rsplit('/').next().unwrap().to_string();
    let user = app.user();
    user.call("set_client_password", json!({"token": token, "password": PASSWORD})).await.unwrap();
    user
}

/// Arguments for each endpoint, aimed at `t`.
fn args(endpoint: &str, t: &Target) -> Value {
    let task = json!({"title": "Hijack", "description": "", "due_on": "", "assignee_id": "", "is_public": true});
    let client = json!({"id": t.client, "name": "Hijack", "email": "hijack@evil.example", "phone": "", "document": "", "address": "", "notes": ""});
    match endpoint {
        "login" => json!({"email": "x@y.example", "password": "wrong password"}),
        "setup_workspace" => json!({"workspace_name": "W", "name": "N", "email": "n@w.example", "password": PASSWORD}),
        "list_matters" => json!({"filter": {"q": "", "kind": "", "status": "", "archived": false}}),
        "get_matter" => json!({"id": t.matter}),
        "create_matter" => json!({"input": matter("Hijack")}),
        "update_matter" => json!({"id": t.matter, "input": matter("Hijack")}),
        "set_matter_archived" => json!({"id": t.matter, "archived": true}),
        "add_matter_link" => json!({"id": t.matter, "other_id": t.matter, "kind": "related"}),
        "remove_matter_link" => json!({"id": t.matter, "link_id": t.link}),
        "get_board" => json!({"matter_id": t.matter}),
        "create_task" => json!({"column_id": t.column, "input": task}),
        "update_task" => json!({"task_id": t.task, "input": task}),
        "delete_task" => json!({"task_id": t.task}),
        "move_task" => json!({"task_id": t.task, "column_id": t.column, "index": 0}),
        "add_column" => json!({"matter_id": t.matter, "name": "Hijack"}),
        "rename_column" => json!({"column_id": t.column, "name": "Hijack"}),
        "move_column" => json!({"column_id": t.column, "index": 2}),
        "delete_column" => json!({"column_id": t.column}),
        "list_clients" => json!({"q": ""}),
        "get_client" => json!({"id": t.client}),
        "create_client" => json!({"input": client}),
        "update_client" => json!({"input": client}),
        "list_teams" | "list_staff" | "logout" | "current_user" | "setup_needed" => json!({}),
        "matter_choices" | "ticket_filter_choices" => json!({}),
        "add_staff" => json!({"name": "Hijack", "email": "hijack@evil.example", "role": "admin", "password": PASSWORD}),
        "reset_staff_password" => json!({"staff_id": t.staff, "password": "hijacked password"}),
        "set_staff_active" => json!({"staff_id": t.staff, "active": false}),
        "set_staff_role" => json!({"staff_id": t.staff, "role": "admin"}),
        "save_team" => json!({"team_id": t.team, "name": "Hijack", "member_ids": [t.staff]}),
        "list_matter_access" | "matter_access_log" => json!({"matter_id": t.matter}),
        "share_matter" => json!({"matter_id": t.matter, "input": {"emails": "hijack@evil.example", "blocks": ["tasks"], "access_type": "link"}}),
        "update_grant" => json!({"grant_id": t.grant, "input": {"blocks": ["tasks", "documents"], "include_private": true, "access_type": "link"}}),
        "remove_grant" => json!({"grant_id": t.grant}),
        "rotate_client_link" => json!({"client_id": t.client, "expires_on": "", "send": true}),
        "list_accesses" => json!({}),
        "grant_party_access" => json!({"client_id": t.client, "input": {"blocks": ["tasks"], "include_private": true, "access_type": "link"}}),
        "portal_home" | "portal_contact" => json!({"preview": t.client}),
        "portal_matter" => json!({"matter_id": t.matter, "preview": t.client}),
        "client_login" => json!({"email": "secret@client.example", "password": "wrong password"}),
        "client_token_info" => json!({"token": "x"}),
        "set_client_password" => json!({"token": "x", "password": PASSWORD}),
        "forgot_client_password" => json!({"email": "secret@client.example"}),
        "list_tickets" => json!({"query": {"state": "", "priority": "", "client_id": t.client, "matter_id": t.matter, "sort": "age", "desc": false, "page": 0}}),
        "get_ticket" => json!({"id": t.ticket}),
        "reply_ticket" | "add_ticket_note" => json!({"id": t.ticket, "body": "Hijack"}),
        "set_ticket_state" => json!({"id": t.ticket, "state": "closed"}),
        "create_task_from_ticket" => json!({"id": t.ticket, "column_id": t.column, "input": task}),
        "set_ticket_status_names" => json!({"names": ["Hijack", "Hijack", "Hijack", "Hijack"]}),
        "create_ticket" => json!({"matter_id": t.matter, "input": {"title": "Hijack", "priority": "high", "description": ""}, "preview": t.client}),
        "list_my_tickets" => json!({"matter_id": t.matter, "preview": t.client}),
        "get_my_ticket" => json!({"id": t.ticket, "preview": t.client}),
        "reply_my_ticket" => json!({"id": t.ticket, "body": "Hijack", "preview": t.client}),
        "list_movements" | "sync_movements" => json!({"matter_id": t.matter}),
        "add_movement" => json!({"matter_id": t.matter, "input": {"on": "2026-12-01", "text": "Hijack"}}),
        "update_movement" => json!({"id": t.movement, "input": {"on": "2026-12-01", "text": "Hijack"}}),
        "delete_movement" => json!({"id": t.movement}),
        "list_glossary" => json!({}),
        "add_glossary_entry" => json!({"input": {"phrase": "Hijack", "explanation": "Hijack"}}),
        "update_glossary_entry" => json!({"id": t.glossary, "input": {"phrase": "Hijack", "explanation": "Hijack"}}),
        "delete_glossary_entry" => json!({"id": t.glossary}),
        "list_publications" => json!({"matter_id": t.matter}),
        "add_publication" => json!({"matter_id": t.matter, "input": {"on": "2026-11-30", "journal": "", "text": "Hijack"}}),
        "update_publication" => json!({"id": t.publication, "input": {"on": "2026-11-30", "journal": "", "text": "Hijack"}}),
        "delete_publication" => json!({"id": t.publication}),
        "set_publication_reviewed" => json!({"id": t.publication, "reviewed": true}),
        "list_documents" => json!({"matter_id": t.matter}),
        "set_document_shared" => json!({"id": t.document, "shared": false}),
        "delete_document" => json!({"id": t.document}),
        "list_cycles" => json!({"matter_id": t.matter}),
        "set_cycle_plan" => json!({"matter_id": t.matter, "input": {"unit": "", "days": "", "start": "", "budget_hours": ""}}),
        "log_time" => json!({"matter_id": t.matter, "input": {"task_id": t.task, "on": "2026-11-03", "hours": "1", "note": "Hijack"}}),
        "delete_time_entry" => json!({"id": t.time_entry}),
        "list_api_tokens" => json!({}),
        "create_api_token" => json!({"name": "Hijack"}),
        "revoke_api_token" => json!({"id": t.api_token}),
        other => panic!("no test arguments for server fn {other}: add them here"),
    }
}

/// A snapshot of firm A's data that no outsider may change.
async fn snapshot(app: &TestApp, workspace_id: &str) -> Vec<String> {
    let q = |sql: &str| sql.to_string();
    let queries = [
        q("SELECT id || ':' || title || ':' || status || ':' || archived || ':' || updated_at FROM matters WHERE workspace_id = $1 ORDER BY id"),
        q("SELECT t.id || ':' || t.title || ':' || t.column_id || ':' || t.position || ':' || t.is_public FROM tasks t JOIN matters m ON m.id = t.matter_id WHERE m.workspace_id = $1 ORDER BY t.id"),
        q("SELECT c.id || ':' || c.name || ':' || c.position FROM board_columns c JOIN matters m ON m.id = c.matter_id WHERE m.workspace_id = $1 ORDER BY c.id"),
        q("SELECT id || ':' || name || ':' || email FROM clients WHERE workspace_id = $1 ORDER BY id"),
        q("SELECT id || ':' || email || ':' || role || ':' || active || ':' || password_hash FROM staff WHERE workspace_id = $1 ORDER BY id"),
        q("SELECT t.id || ':' || t.name || ':' || (SELECT COUNT(*) FROM team_members tm WHERE tm.team_id = t.id) FROM teams t WHERE t.workspace_id = $1 ORDER BY t.id"),
        q("SELECT l.id FROM matter_links l JOIN matters m ON m.id = l.to_matter_id WHERE m.workspace_id = $1 ORDER BY l.id"),
        q("SELECT g.id || ':' || g.client_id || ':' || g.scope || ':' || g.include_private || ':' || g.updated_at FROM grants g WHERE g.workspace_id = $1 ORDER BY g.id"),
        q("SELECT b.grant_id || ':' || b.block FROM grant_blocks b JOIN grants g ON g.id = b.grant_id WHERE g.workspace_id = $1 ORDER BY 1"),
        q("SELECT id || ':' || COALESCE(access_type, '') || ':' || COALESCE(link_hash, '') FROM clients WHERE workspace_id = $1 ORDER BY id"),
        q("SELECT id || ':' || state || ':' || title || ':' || COALESCE(task_id, '') || ':' || updated_at FROM tickets WHERE workspace_id = $1 ORDER BY id"),
        q("SELECT e.id || ':' || e.kind || ':' || e.body FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE t.workspace_id = $1 ORDER BY e.id"),
        q("SELECT state || ':' || name FROM ticket_status_names WHERE workspace_id = $1 ORDER BY state"),
        q("SELECT v.id || ':' || v.occurred_at || ':' || v.body || ':' || v.updated_at FROM movements v JOIN matters m ON m.id = v.matter_id WHERE m.workspace_id = $1 ORDER BY v.id"),
        q("SELECT id || ':' || phrase || ':' || explanation || ':' || updated_at FROM glossary WHERE workspace_id = $1 ORDER BY id"),
        q("SELECT p.id || ':' || p.published_on || ':' || p.body || ':' || COALESCE(CAST(p.reviewed_at AS TEXT), '') || ':' || p.updated_at FROM publications p JOIN matters m ON m.id = p.matter_id WHERE m.workspace_id = $1 ORDER BY p.id"),
        q("SELECT d.id || ':' || d.file_name || ':' || d.shared FROM documents d JOIN matters m ON m.id = d.matter_id WHERE m.workspace_id = $1 ORDER BY d.id"),
        q("SELECT e.id || ':' || e.minutes || ':' || e.note FROM time_entries e JOIN matters m ON m.id = e.matter_id WHERE m.workspace_id = $1 ORDER BY e.id"),
        q("SELECT id || ':' || COALESCE(cycle_unit, '') || ':' || COALESCE(cycle_start, '') FROM matters WHERE workspace_id = $1 ORDER BY id"),
        q("SELECT id || ':' || name || ':' || token_hash || ':' || COALESCE(CAST(revoked_at AS TEXT), '') FROM api_tokens WHERE workspace_id = $1 ORDER BY id"),
    ];
    let mut out = vec![];
    for sql in queries {
        let rows: Vec<(String,)> = sqlx::query_as(&sql).bind(workspace_id).fetch_all(&app.state.db.pool).await.unwrap();
        out.extend(rows.into_iter().map(|r| r.0));
    }
    out
}

async fn every_server_fn_refuses_the_wrong_caller(app: TestApp) {
    let a = app.firm("Firm A").await;
    let b = app.firm("Firm B").await;
    let t = target(&app, &a).await;
    let a_client = portal_client(&app, &a, "other@client.example", "Other client's matter").await;
    let b_client = portal_client(&app, &b, "b@client.example", "B's matter").await;
    let before = snapshot(&app, &a.workspace_id).await;
    let anonymous = app.user();
    for (endpoint, access) in SERVER_FNS {
        if matches!(endpoint, &"logout") {
            continue; // would end b's session mid-test; covered in auth tests
        }
        let args = args(endpoint, &t);
        match access {
            Access::Public => {}
            Access::Staff | Access::Admin => {
                let r = anonymous.call(endpoint, args.clone()).await;
                assert_eq!(r, Err(AppError::Unauthorized), "anonymous {endpoint}");
                // Clients are not staff.
                for c in [&a_client, &b_client] {
                    assert_eq!(c.call(endpoint, args.clone()).await, Err(AppError::Unauthorized), "client on staff fn {endpoint}");
                }
            }
            Access::Client => {
                assert_eq!(anonymous.call(endpoint, args.clone()).await, Err(AppError::Unauthorized), "anonymous {endpoint}");
                // Staff are not clients, and only preview clients of their own firm.
                let mut own = args.clone();
                own["preview"] = json!("");
                assert_eq!(b.admin.call(endpoint, own.clone()).await, Err(AppError::Unauthorized), "staff as client {endpoint}");
                assert_eq!(b.admin.call(endpoint, args.clone()).await, Err(AppError::NotFound), "preview across firms {endpoint}");
                // A client cannot use preview, and sees nothing of other clients.
                assert_eq!(a_client.call(endpoint, args.clone()).await, Err(AppError::Unauthorized), "client preview {endpoint}");
                for c in [&a_client, &b_client] {
                    match c.call(endpoint, own.clone()).await {
                        Ok(v) => assert!(!v.to_string().contains("Secret"), "{endpoint} leaked another client's data: {v}"),
                        Err(e) => assert_eq!(e, AppError::NotFound, "{endpoint}"),
                    }
                }
            }
        }
        if *access == Access::Admin {
            let r = a.member.call(endpoint, args.clone()).await;
            assert_eq!(r, Err(AppError::NotFound), "member on admin fn {endpoint}");
        }
        // Firm B's admin aims at firm A's ids: refused, or answered with B's own data only.
        let r = b.admin.call(endpoint, args.clone()).await;
        if let Ok(v) = &r {
            let text = v.to_string();
            for secret in [&t.matter, &t.task, &t.column, &t.client, &t.staff, &t.team, &a.admin_id, &t.ticket, &t.movement, &t.glossary, &t.api_token, &t.publication, &t.document, &t.time_entry] {
                assert!(!text.contains(secret.as_str()), "{endpoint} leaked an id of firm A: {text}");
            }
            assert!(!text.contains("Secret"), "{endpoint} leaked firm A's data: {text}");
        }
        assert_eq!(snapshot(&app, &a.workspace_id).await, before, "{endpoint} by firm B changed firm A's data");
    }
    // And the same for a member of firm B.
    for (endpoint, _) in SERVER_FNS.iter().filter(|(_, a)| *a == Access::Staff || *a == Access::Client) {
        if let Ok(v) = b.member.call(endpoint, args(endpoint, &t)).await {
            assert!(!v.to_string().contains("Secret"), "{endpoint} leaked firm A's data to a member of B");
        }
    }
    assert_eq!(snapshot(&app, &a.workspace_id).await, before);
    // Firm A still sees its own data.
    assert_eq!(a.member.call("get_matter", json!({"id": t.matter})).await.unwrap()["title"], "Secret matter");
}
