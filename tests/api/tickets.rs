//! Tickets: clients file and follow them; staff triage them in the inbox, reply,
//! note, change status, make a task whose completion marks the ticket done.
use crate::both;
use crate::helpers::*;
use crate::sharing::{invited_client, shared_matter};
use portico::model::AppError;
use serde_json::{Value, json};

both!(
    client_files_a_ticket_and_staff_triage_it,
    a_task_made_from_a_ticket_closes_the_loop,
    bad_ticket_input_changes_nothing,
    inbox_filters_sorts_and_pages,
    fifty_concurrent_tickets_get_unique_gapless_numbers,
    a_large_inbox_counts_ahead_and_pages_to_the_end,
);

/// 1,120 tickets: the inbox counts exactly up to 1,000 rows past the page's start
/// and says "more than" beyond; paging still reaches the oldest ticket.
async fn a_large_inbox_counts_ahead_and_pages_to_the_end(app: TestApp) {
    let firm = app.firm("Souza").await;
    let (m, _) = shared_matter(&firm, "Volume").await;
    let client = invited_client(&app, &firm, &m, "volume@cliente.example", &["tasks"]).await;
    file(&client, &m, "Primeiro", "normal").await;
    let (client_id,): (String,) = sqlx::query_as("SELECT client_id FROM tickets WHERE workspace_id = $1")
        .bind(&firm.workspace_id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < 1120) \
         INSERT INTO tickets (id, workspace_id, matter_id, client_id, number, title, description, priority, priority_rank, state, created_at, updated_at) \
         SELECT 'bulk-' || i, $1, $2, $3, i, 'Pedido ' || i, 'x', CASE WHEN i % 2 = 0 THEN 'high' ELSE 'low' END, \
                CASE WHEN i % 2 = 0 THEN 2 ELSE 0 END, 'received', 1700000000000 + i, 1700000000000 + i FROM n",
    )
    .bind(&firm.workspace_id)
    .bind(&m)
    .bind(&client_id)
    .execute(&app.state.db.pool)
    .await
    .unwrap();
    let first = firm.admin.call("list_tickets", inbox_args(json!({}))).await.unwrap();
    assert_eq!((first["total"].as_i64(), first["total_is_lower_bound"].as_bool()), (Some(1_000), Some(true)));
    assert_eq!(first["rows"][0]["number"], 1_120, "newest first");
    // Within 1,000 of the end the count is exact again.
    let late = firm.admin.call("list_tickets", inbox_args(json!({"page": 10}))).await.unwrap();
    assert_eq!((late["total"].as_i64(), late["total_is_lower_bound"].as_bool()), (Some(1_120), Some(false)));
    let last = firm.admin.call("list_tickets", inbox_args(json!({"page": 22}))).await.unwrap();
    let rows = last["rows"].as_array().unwrap();
    assert_eq!((rows.len(), rows.last().unwrap()["title"].as_str()), (20, Some("Primeiro")));
    // A filter narrows the count (and its index): 560 high, counted exactly.
    let high = firm.admin.call("list_tickets", inbox_args(json!({"priority": "high"}))).await.unwrap();
    assert_eq!((high["total"].as_i64(), high["total_is_lower_bound"].as_bool()), (Some(560), Some(false)));
    // A member who sees the matter gets the same rows and bound (row-by-row visibility).
    let member = firm.member.call("list_tickets", inbox_args(json!({"page": 1}))).await.unwrap();
    assert_eq!((member["total"].as_i64(), member["total_is_lower_bound"].as_bool()), (Some(1_000 + 50), Some(true)));
    assert_eq!(member["rows"][0]["number"], 1_070);
    assert!(high["rows"].as_array().unwrap().iter().all(|r| r["priority"] == "High"));
    let by_prio = firm.admin.call("list_tickets", inbox_args(json!({"sort": "priority", "desc": false}))).await.unwrap();
    assert_eq!((by_prio["rows"][0]["priority"].as_str(), by_prio["rows"][0]["number"].as_i64()), (Some("Low"), Some(3)));
    // The page shows the bound in words, grouped as the language writes numbers.
    let (status, html) = firm.admin.get("/tickets").await;
    assert_eq!(status, 200);
    assert!(html.contains("1–50 de mais de 1.000"), "the pager says there are more");
}

async fn fifty_concurrent_tickets_get_unique_gapless_numbers(app: TestApp) {
    let firm = app.firm("Souza").await;
    let (m, _) = crate::sharing::shared_matter(&firm, "Concorrência").await;
    let client = crate::sharing::invited_client(&app, &firm, &m, "muitos@cliente.example", &["tasks"]).await;
    let calls = (0..50).map(|i| {
        let (client, m) = (client.clone(), m.clone());
        tokio::spawn(async move {
            client.call("create_ticket", json!({"matter_id": m, "input": ticket(&format!("Pedido {i}"), "normal"), "preview": ""})).await
        })
    });
    for r in futures_util::future::join_all(calls).await {
        r.unwrap().expect("every concurrent ticket is created");
    }
    let mut numbers: Vec<(i64,)> = sqlx::query_as("SELECT number FROM tickets WHERE workspace_id = $1 ORDER BY number")
        .bind(&firm.workspace_id)
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap();
    numbers.dedup();
    assert_eq!(numbers.into_iter().map(|n| n.0).collect::<Vec<_>>(), (1..=50).collect::<Vec<i64>>());
}

fn ticket(title: &str, priority: &str) -> Value {
    json!({"title": title, "priority": priority, "description": "Preciso da segunda via do contrato."})
}

async fn file(client: &User, matter: &str, title: &str, priority: &str) -> String {
    client
        .call("create_ticket", json!({"matter_id": matter, "input": ticket(title, priority), "preview": ""}))
        .await
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
}

fn inbox_query() -> Value {
    json!({"state": "", "priority": "", "client_id": "", "matter_id": "", "sort": "age", "desc": true, "page": 0})
}

/// The arguments of `list_tickets`: the default query with `patch`'s fields set.
fn inbox_args(patch: Value) -> Value {
    let mut q = inbox_query();
    for (k, v) in patch.as_object().unwrap() {
        q[k] = v.clone();
    }
    json!({"query": q})
}

async fn client_files_a_ticket_and_staff_triage_it(app: TestApp) {
    let firm = app.firm("Souza").await;
    let (m, _) = shared_matter(&firm, "Contrato social").await;
    let client = invited_client(&app, &firm, &m, "socio@cliente.example", &["deadline"]).await;
    let id = file(&client, &m, "Segunda via do contrato", "high").await;
    // Every admin gets a copy with a link; members do not.
    let copy = app.wait_mail(&firm.admin_email, 1).await;
    assert!(copy.link("/tickets/").ends_with(&format!("/tickets/{id}")));
    assert!(copy.body.contains("Segunda via do contrato") && copy.body.contains("Alta"), "{}", copy.body);
    assert!(app.mails().iter().all(|m| m.to != firm.member_email));
    // The client sees it in the matter's list and in "my tickets".
    let mine = client.call("list_my_tickets", json!({"matter_id": m, "preview": ""})).await.unwrap();
    assert_eq!(mine[0]["id"], id.as_str());
    assert_eq!(mine[0]["state"], "Received");
    assert_eq!(mine[0]["state_name"], "Recebido");
    assert_eq!(client.call("list_my_tickets", json!({"matter_id": "", "preview": ""})).await.unwrap(), mine);
    // Staff: unread in the inbox until opened.
    let page = firm.member.call("list_tickets", json!({"query": inbox_query()})).await.unwrap();
    assert_eq!(page["total"], 1);
    assert_eq!(page["rows"][0]["unread"], true);
    assert_eq!(page["rows"][0]["client_name"], "socio");
    let detail = firm.member.call("get_ticket", json!({"id": id})).await.unwrap();
    assert_eq!(detail["description"], "Preciso da segunda via do contrato.");
    let page = firm.member.call("list_tickets", json!({"query": inbox_query()})).await.unwrap();
    assert_eq!(page["rows"][0]["unread"], false);
    // Reply (mailed to the client), internal note (never shown to them).
    firm.member.call("reply_ticket", json!({"id": id, "body": "Enviaremos até sexta."})).await.unwrap();
    firm.member.call("add_ticket_note", json!({"id": id, "body": "Cliente difícil: cobrar antes"})).await.unwrap();
    let reply = app.wait_mail("socio@cliente.example", 2).await;
    assert!(reply.body.contains("Enviaremos até sexta.") && reply.link("/portal/tickets/").ends_with(&id));
    let seen = client.call("get_my_ticket", json!({"id": id, "preview": ""})).await.unwrap();
    let text = seen.to_string();
    assert!(text.contains("Enviaremos até sexta."));
    assert!(!text.contains("Cliente difícil"), "an internal note reached the client: {text}");
    let (status, html) = client.get(&format!("/portal/tickets/{id}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Enviaremos até sexta.") && !html.contains("Cliente difícil"), "the client's ticket page");
    let (_, html) = firm.member.get(&format!("/tickets/{id}")).await;
    assert!(html.contains("Cliente difícil"), "staff see their notes");
    let (status, _) = app.user().get(&format!("/tickets/{id}")).await;
    assert_eq!(status, 200, "anonymous visitors end on the login page");
    // The client's reply makes it unread for staff again.
    client.call("reply_my_ticket", json!({"id": id, "body": "Obrigado!", "preview": ""})).await.unwrap();
    let page = firm.member.call("list_tickets", json!({"query": inbox_query()})).await.unwrap();
    assert_eq!(page["rows"][0]["unread"], true);
    // Status changes are mailed and shown with the workspace's names.
    firm.member.call("set_ticket_state", json!({"id": id, "state": "in_progress"})).await.unwrap();
    app.wait_mail("socio@cliente.example", 3).await;
    assert_eq!(firm.member.call("set_ticket_status_names", json!({"names": ["a", "b", "c", "d"]})).await, Err(AppError::NotFound));
    firm.admin.call("set_ticket_status_names", json!({"names": ["Na fila", "Trabalhando nisso", "Pronto", "Arquivado"]})).await.unwrap();
    let mine = client.call("list_my_tickets", json!({"matter_id": "", "preview": ""})).await.unwrap();
    assert_eq!(mine[0]["state_name"], "Trabalhando nisso");
    let history = client.call("get_my_ticket", json!({"id": id, "preview": ""})).await.unwrap();
    let states: Vec<&str> = history["events"].as_array().unwrap().iter().filter_map(|e| e["state_name"].as_str()).collect();
    assert_eq!(states, ["Na fila", "Trabalhando nisso"]);
    // Closed: no more replies from anyone, and nothing changes.
    firm.admin.call("set_ticket_state", json!({"id": id, "state": "closed"})).await.unwrap();
    let events = app.count("ticket_events").await;
    assert_invalid(client.call("reply_my_ticket", json!({"id": id, "body": "E agora?", "preview": ""})).await, "body", "ticket_closed");
    assert_invalid(firm.member.call("reply_ticket", json!({"id": id, "body": "Oi"})).await, "body", "ticket_closed");
    assert_eq!(app.count("ticket_events").await, events);
}

async fn a_task_made_from_a_ticket_closes_the_loop(app: TestApp) {
    let firm = app.firm("Souza").await;
    let (m, todo) = shared_matter(&firm, "Projeto").await;
    let (other, other_col) = shared_matter(&firm, "Outro projeto").await;
    let _ = other;
    let client = invited_client(&app, &firm, &m, "dono@cliente.example", &["tasks"]).await;
    let id = file(&client, &m, "Trocar o logotipo", "normal").await;
    let task = json!({"title": "Trocar o logotipo", "description": "Pedido do cliente", "due_on": "", "assignee_id": "", "is_public": true});
    assert_invalid(
        firm.member.call("create_task_from_ticket", json!({"id": id, "column_id": other_col, "input": task})).await,
        "column_id",
        "not_found",
    );
    let task_id = firm.member.call("create_task_from_ticket", json!({"id": id, "column_id": todo, "input": task})).await.unwrap();
    assert!(matches!(
        firm.member.call("create_task_from_ticket", json!({"id": id, "column_id": todo, "input": task})).await,
        Err(AppError::Conflict { .. })
    ));
    let detail = firm.member.call("get_ticket", json!({"id": id})).await.unwrap();
    assert_eq!(detail["task"][0], task_id);
    assert_eq!(detail["row"]["state"], "InProgress");
    // The public task shows on the client's board.
    let pm = client.call("portal_matter", json!({"matter_id": m, "preview": ""})).await.unwrap();
    assert!(pm.to_string().contains("Trocar o logotipo"));
    // The task shows its ticket on the board.
    let board = firm.member.call("get_board", json!({"matter_id": m})).await.unwrap();
    let card = board["columns"][0]["tasks"].as_array().unwrap().iter().find(|t| t["id"] == task_id).unwrap().clone();
    assert_eq!(card["ticket"][0], id.as_str());
    assert_eq!(card["ticket"][1], detail["row"]["number"]);
    // Done column → ticket done, the client is told.
    let done = board["columns"].as_array().unwrap().iter().find(|c| c["is_done"] == true).unwrap()["id"].clone();
    firm.member.call("move_task", json!({"task_id": task_id, "column_id": done, "index": 0})).await.unwrap();
    let mine = client.call("get_my_ticket", json!({"id": id, "preview": ""})).await.unwrap();
    assert_eq!(mine["row"]["state"], "Done");
    assert_eq!(mine["row"]["state_name"], "Concluído");
    let last = app.wait_mail("dono@cliente.example", 3).await;
    assert!(last.body.contains("Concluído"), "{}", last.body);
}

async fn bad_ticket_input_changes_nothing(app: TestApp) {
    let firm = app.firm("Souza").await;
    let (m, _) = shared_matter(&firm, "Processo").await;
    let (hidden, _) = shared_matter(&firm, "Não compartilhado").await;
    let client = invited_client(&app, &firm, &m, "x@cliente.example", &["deadline"]).await;
    let client_id = firm.admin.call("list_matter_access", json!({"matter_id": m})).await.unwrap()[0]["client_id"].clone();
    let before = (app.count("tickets").await, app.count("outbox").await);
    let create = |matter: &str, input: Value| json!({"matter_id": matter, "input": input, "preview": ""});
    assert_invalid(client.call("create_ticket", create(&m, ticket("  ", "low"))).await, "title", "required");
    assert_invalid(client.call("create_ticket", create(&m, ticket(&"x".repeat(201), "low"))).await, "title", "too_long");
    assert_invalid(client.call("create_ticket", create(&m, ticket("Oi", "critical"))).await, "priority", "bad_choice");
    assert_eq!(client.call("create_ticket", create(&hidden, ticket("Oi", "low"))).await, Err(AppError::NotFound));
    let preview = json!({"matter_id": m, "input": ticket("Oi", "low"), "preview": client_id});
    assert_invalid(firm.admin.call("create_ticket", preview).await, "form", "preview_read_only");
    assert_eq!((app.count("tickets").await, app.count("outbox").await), before);
    let id = file(&client, &m, "Ok", "urgent").await;
    assert_invalid(client.call("reply_my_ticket", json!({"id": id, "body": " ", "preview": ""})).await, "body", "required");
    assert_invalid(firm.admin.call("set_ticket_state", json!({"id": id, "state": "lost"})).await, "state", "bad_choice");
    assert_invalid(firm.admin.call("list_tickets", json!({"query": {"state": "", "priority": "", "client_id": "", "matter_id": "", "sort": "size", "desc": true, "page": 0}})).await, "sort", "bad_choice");
    // Access removed: the ticket is gone from the client's view too.
    let grant = firm.admin.call("list_matter_access", json!({"matter_id": m})).await.unwrap()[0]["grant_id"].clone();
    assert!(client.call("get_my_ticket", json!({"id": id, "preview": ""})).await.is_ok());
    firm.admin.call("remove_grant", json!({"grant_id": grant})).await.unwrap();
    assert_eq!(client.call("get_my_ticket", json!({"id": id, "preview": ""})).await, Err(AppError::Unauthorized));
}

async fn inbox_filters_sorts_and_pages(app: TestApp) {
    let firm = app.firm("Souza").await;
    let (m1, _) = shared_matter(&firm, "Alfa").await;
    let (m2, _) = shared_matter(&firm, "Beta").await;
    let c1 = invited_client(&app, &firm, &m1, "um@cliente.example", &["deadline"]).await;
    let c2 = invited_client(&app, &firm, &m2, "dois@cliente.example", &["deadline"]).await;
    let prios = ["low", "normal", "high", "urgent"];
    for i in 0..56 {
        let (c, m) = if i % 2 == 0 { (&c1, &m1) } else { (&c2, &m2) };
        file(c, m, &format!("Pedido {i:02}"), prios[i % 4]).await;
    }
    let p0 = firm.admin.call("list_tickets", inbox_args(json!({}))).await.unwrap();
    assert_eq!((p0["total"].as_i64(), p0["rows"].as_array().unwrap().len(), p0["per_page"].as_i64()), (Some(56), 50, Some(50)));
    assert_eq!(p0["rows"][0]["title"], "Pedido 55", "newest first");
    let p1 = firm.admin.call("list_tickets", inbox_args(json!({"page": 1}))).await.unwrap();
    assert_eq!(p1["rows"].as_array().unwrap().len(), 6);
    assert_eq!(p1["rows"][5]["title"], "Pedido 00");
    // Any page number the caller sends is answered, never multiplied past the
    // integer range (release overflow) or into a negative OFFSET (PostgreSQL).
    for (page, rows, answered) in [(-1, 50, 0), (i64::MIN, 50, 0), (2, 0, 2), (i64::MAX, 0, 1_000_000)] {
        let r = firm.admin.call("list_tickets", inbox_args(json!({"page": page}))).await.unwrap_or_else(|e| panic!("page {page}: {e:?}"));
        assert_eq!((r["rows"].as_array().unwrap().len(), r["page"].as_i64()), (rows, Some(answered)), "page {page}");
    }
    let urgent = firm.admin.call("list_tickets", inbox_args(json!({"priority": "urgent"}))).await.unwrap();
    assert_eq!(urgent["total"], 14);
    assert!(urgent["rows"].as_array().unwrap().iter().all(|r| r["priority"] == "Urgent"));
    let by_prio = firm.admin.call("list_tickets", inbox_args(json!({"sort": "priority", "desc": true}))).await.unwrap();
    assert_eq!(by_prio["rows"][0]["priority"], "Urgent");
    assert_eq!(by_prio["rows"][41]["priority"], "Normal");
    assert_eq!(by_prio["rows"][42]["priority"], "Low");
    let m2_id = m2.clone();
    let only_beta = firm.admin.call("list_tickets", inbox_args(json!({"matter_id": m2_id}))).await.unwrap();
    assert_eq!(only_beta["total"], 28);
    let by_matter = firm.admin.call("list_tickets", inbox_args(json!({"sort": "matter", "desc": false}))).await.unwrap();
    assert_eq!(by_matter["rows"][0]["matter_title"], "Alfa");
    let client_id = only_beta["rows"][0]["client_id"].clone();
    let by_client = firm.admin.call("list_tickets", inbox_args(json!({"client_id": client_id}))).await.unwrap();
    assert_eq!(by_client["total"], 28);
    let some = p0["rows"][3]["id"].clone();
    firm.admin.call("set_ticket_state", json!({"id": some, "state": "done"})).await.unwrap();
    let done = firm.admin.call("list_tickets", inbox_args(json!({"state": "done"}))).await.unwrap();
    assert_eq!(done["total"], 1);
    let by_status = firm.admin.call("list_tickets", inbox_args(json!({"sort": "status", "desc": true}))).await.unwrap();
    assert_eq!(by_status["rows"][0]["id"], some);
    // A member sees only tickets of matters they may see.
    let mut private = matter("Privado");
    private["visibility"] = json!("private");
    let pm = firm.admin.call("create_matter", json!({"input": private})).await.unwrap();
    crate::sharing::share(&firm.admin, pm.as_str().unwrap(), "um@cliente.example", &["deadline"], "account").await.unwrap();
    file(&c1, pm.as_str().unwrap(), "Sigiloso", "low").await;
    assert_eq!(firm.admin.call("list_tickets", inbox_args(json!({}))).await.unwrap()["total"], 57);
    assert_eq!(firm.member.call("list_tickets", inbox_args(json!({}))).await.unwrap()["total"], 56);
}
