//! Cycles of recurring projects: the cycle and its budget, time logged on tasks,
//! per-cycle totals; staff see who logged what; clients with the block see totals
//! and hours per public task only.
use crate::both;
use crate::helpers::*;
use crate::sharing::{invited_client, shared_matter};
use portico::model::AppError;
use serde_json::{Value, json};

both!(
    staff_set_a_cycle_and_log_time_on_tasks,
    bad_cycles_and_hours_are_refused_and_change_nothing,
    clients_see_totals_and_public_tasks_only,
);

fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

fn days_ago(n: i64) -> String {
    (today() - chrono::Duration::days(n)).to_string()
}

/// A public and a private task on `m`'s board: (public id, private id).
async fn two_tasks(firm: &Firm, m: &str) -> (String, String) {
    let board = firm.admin.call("get_board", json!({"matter_id": m})).await.unwrap();
    let column = board["columns"][0]["id"].clone();
    let mut ids = vec![];
    for (title, public) in [("Relatório mensal de SEO", true), ("Revisão interna de contas", false)] {
        let id = firm
            .admin
            .call("create_task", json!({"column_id": column, "input": {"title": title, "description": "", "due_on": "", "assignee_id": "", "is_public": public}}))
            .await
            .unwrap();
        ids.push(id.as_str().unwrap().to_string());
    }
    (ids[0].clone(), ids[1].clone())
}

fn plan(unit: &str, days: &str, start: &str, budget: &str) -> Value {
    json!({"unit": unit, "days": days, "start": start, "budget_hours": budget})
}

fn time(task: &str, on: &str, hours: &str, note: &str) -> Value {
    json!({"task_id": task, "on": on, "hours": hours, "note": note})
}

async fn staff_set_a_cycle_and_log_time_on_tasks(app: TestApp) {
    let firm = app.firm("Agência").await;
    let (m, _) = shared_matter(&firm, "Marketing recorrente").await;
    let (public, private) = two_tasks(&firm, &m).await;
    let none = firm.admin.call("list_cycles", json!({"matter_id": m})).await.unwrap();
    assert!(none["plan"].is_null() && none["cycles"].as_array().unwrap().is_empty());
    // Cycles of 10 days, the current one started 3 days ago; 20 h each.
    firm.admin.call("set_cycle_plan", json!({"matter_id": m, "input": plan("days", "10", &days_ago(13), "20")})).await.unwrap();
    firm.member.call("log_time", json!({"matter_id": m, "input": time(&public, &days_ago(1), "1,5", "Relatório de outubro")})).await.unwrap();
    firm.admin.call("log_time", json!({"matter_id": m, "input": time(&private, &days_ago(2), "2:15", "")})).await.unwrap();
    firm.admin.call("log_time", json!({"matter_id": m, "input": time(&public, &days_ago(11), "3", "")})).await.unwrap();
    let v = firm.member.call("list_cycles", json!({"matter_id": m})).await.unwrap();
    assert_eq!(v["plan"]["budget_minutes"], 1200);
    let cycles = v["cycles"].as_array().unwrap();
    assert_eq!(cycles.len(), 2, "{v}");
    assert_eq!((cycles[0]["current"].as_bool(), cycles[0]["starts_on"].as_str()), (Some(true), Some(days_ago(3).as_str())));
    assert_eq!(cycles[0]["ends_on"], (today() + chrono::Duration::days(6)).to_string());
    assert_eq!(cycles[0]["used_minutes"], 90 + 135);
    assert_eq!(cycles[1]["used_minutes"], 180);
    assert_eq!(cycles[1]["current"], false);
    // Staff see who logged what, on which task.
    let entries = cycles[0]["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!((entries[0]["who"].as_str(), entries[0]["task"].as_str(), entries[0]["minutes"].as_i64()), (Some("Member Agência"), Some("Relatório mensal de SEO"), Some(90)));
    assert_eq!(entries[0]["note"], "Relatório de outubro");
    assert_eq!(entries[1]["who"], "Admin Agência");
    // A deleted task keeps its hours in the total; a deleted entry does not.
    firm.admin.call("delete_task", json!({"task_id": private})).await.unwrap();
    let v = firm.admin.call("list_cycles", json!({"matter_id": m})).await.unwrap();
    assert_eq!(v["cycles"][0]["used_minutes"], 225);
    assert!(v["cycles"][0]["entries"][1]["task"].is_null());
    let entry = v["cycles"][0]["entries"][0]["id"].clone();
    firm.admin.call("delete_time_entry", json!({"id": entry})).await.unwrap();
    let v = firm.admin.call("list_cycles", json!({"matter_id": m})).await.unwrap();
    assert_eq!(v["cycles"][0]["used_minutes"], 135);
    // Monthly, and back to not recurring (the time stays logged).
    firm.admin.call("set_cycle_plan", json!({"matter_id": m, "input": plan("month", "", &days_ago(40), "37,5")})).await.unwrap();
    let v = firm.admin.call("list_cycles", json!({"matter_id": m})).await.unwrap();
    assert_eq!(v["plan"]["unit"], "Month");
    assert_eq!(v["plan"]["budget_minutes"], 2250);
    assert!(v["cycles"][0]["current"].as_bool().unwrap());
    firm.admin.call("set_cycle_plan", json!({"matter_id": m, "input": plan("", "", "", "")})).await.unwrap();
    let v = firm.admin.call("list_cycles", json!({"matter_id": m})).await.unwrap();
    assert!(v["plan"].is_null());
    assert_eq!(app.count("time_entries").await, 2);
}

async fn bad_cycles_and_hours_are_refused_and_change_nothing(app: TestApp) {
    let firm = app.firm("Agência").await;
    let other = app.firm("Outra").await;
    let (m, _) = shared_matter(&firm, "Marketing").await;
    let (m2, _) = shared_matter(&firm, "Outro projeto").await;
    let (public, _) = two_tasks(&firm, &m).await;
    let (elsewhere, _) = two_tasks(&firm, &m2).await;
    firm.admin.call("set_cycle_plan", json!({"matter_id": m, "input": plan("week", "", "2026-11-02", "10")})).await.unwrap();
    let before = firm.admin.call("list_cycles", json!({"matter_id": m})).await.unwrap();
    let set = |p: Value| firm.admin.call("set_cycle_plan", json!({"matter_id": m, "input": p}));
    assert_invalid(set(plan("fortnight", "", "2026-11-02", "10")).await, "unit", "bad_choice");
    assert_invalid(set(plan("days", "", "2026-11-02", "10")).await, "days", "required");
    assert_invalid(set(plan("days", "0", "2026-11-02", "10")).await, "days", "bad_days");
    assert_invalid(set(plan("days", "400", "2026-11-02", "10")).await, "days", "bad_days");
    assert_invalid(set(plan("week", "", "02/11/2026", "10")).await, "start", "bad_date");
    assert_invalid(set(plan("week", "", "2026-11-02", "")).await, "budget_hours", "required");
    assert_invalid(set(plan("week", "", "2026-11-02", "-5")).await, "budget_hours", "bad_hours");
    assert_invalid(set(plan("week", "", "2026-11-02", "1e9")).await, "budget_hours", "bad_hours");
    let log = |t: Value| firm.admin.call("log_time", json!({"matter_id": m, "input": t}));
    let yesterday = days_ago(1);
    for (hours, code) in [("-1", "bad_hours"), ("0", "bad_hours"), ("25", "bad_hours"), ("muitas", "bad_hours"), ("", "required"), ("NaN", "bad_hours")] {
        assert_invalid(log(time(&public, &yesterday, hours, "")).await, "hours", code);
    }
    assert_invalid(log(time(&public, "ontem", "1", "")).await, "on", "bad_date");
    assert_invalid(log(time(&public, &(today() + chrono::Duration::days(30)).to_string(), "1", "")).await, "on", "bad_date");
    assert_invalid(log(time("", &yesterday, "1", "")).await, "task_id", "required");
    assert_invalid(log(time(&elsewhere, &yesterday, "1", "")).await, "task_id", "bad_choice");
    assert_invalid(log(time(&public, &yesterday, "1", &"x".repeat(501))).await, "note", "too_long");
    // Other firms, and nonexistent ids.
    assert_eq!(other.admin.call("log_time", json!({"matter_id": m, "input": time(&public, &yesterday, "1", "")})).await, Err(AppError::NotFound));
    assert_eq!(other.admin.call("set_cycle_plan", json!({"matter_id": m, "input": plan("", "", "", "")})).await, Err(AppError::NotFound));
    assert_eq!(firm.admin.call("delete_time_entry", json!({"id": "nao-existe"})).await, Err(AppError::NotFound));
    assert_eq!(firm.admin.call("list_cycles", json!({"matter_id": m})).await.unwrap(), before, "nothing changed");
    assert_eq!(app.count("time_entries").await, 0);
}

async fn clients_see_totals_and_public_tasks_only(app: TestApp) {
    let firm = app.firm("Agência").await;
    let (m, _) = shared_matter(&firm, "Marketing recorrente").await;
    let (public, private) = two_tasks(&firm, &m).await;
    firm.admin.call("set_cycle_plan", json!({"matter_id": m, "input": plan("week", "", &days_ago(9), "10")})).await.unwrap();
    firm.member.call("log_time", json!({"matter_id": m, "input": time(&public, &days_ago(1), "2", "nota-interna-xyz")})).await.unwrap();
    firm.member.call("log_time", json!({"matter_id": m, "input": time(&private, &days_ago(1), "1", "")})).await.unwrap();
    firm.member.call("log_time", json!({"matter_id": m, "input": time(&public, &days_ago(8), "4", "")})).await.unwrap();
    let client = invited_client(&app, &firm, &m, "ciclos@cliente.example", &["cycles"]).await;
    let pm = client.call("portal_matter", json!({"matter_id": m, "preview": ""})).await.unwrap();
    let block = pm["sections"].as_array().unwrap().iter().find_map(|s| s.get("Cycles")).expect("the cycles block").clone();
    assert_eq!(block["budget_minutes"], 600);
    let cycles = block["cycles"].as_array().unwrap();
    assert_eq!(cycles.len(), 2);
    assert_eq!((cycles[0]["current"].as_bool(), cycles[0]["used_minutes"].as_i64()), (Some(true), Some(180)), "the total counts all the work");
    assert_eq!(cycles[0]["tasks"], json!([{"title": "Relatório mensal de SEO", "minutes": 120}]), "public tasks only");
    assert_eq!(cycles[1]["used_minutes"], 240);
    let text = pm.to_string();
    for secret in ["Revisão interna", "Member Agência", "nota-interna-xyz", "entries", "who"] {
        assert!(!text.contains(secret), "{secret} reached the client: {text}");
    }
    let (status, html) = client.get(&format!("/portal/m/{m}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Ciclos e horas") && html.contains("Relatório mensal de SEO") && html.contains("3h de 10h"), "{html}");
    assert!(!html.contains("Revisão interna") && !html.contains("Member Agência") && !html.contains("nota-interna-xyz"));
    // Without the block: no cycles.
    let other = invited_client(&app, &firm, &m, "sem@cliente.example", &["deadline"]).await;
    let pm = other.call("portal_matter", json!({"matter_id": m, "preview": ""})).await.unwrap();
    assert!(pm["sections"].as_array().unwrap().iter().all(|s| s.get("Cycles").is_none()));
    let (_, html) = other.get(&format!("/portal/m/{m}")).await;
    assert!(!html.contains("Ciclos e horas") && !html.contains("3h de 10h"));
}
