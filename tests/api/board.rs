//! The Kanban: default columns, task life cycle, ordering that persists, columns.
use crate::both;
use crate::helpers::*;
use portico::model::AppError;
use serde_json::{Value, json};

both!(tasks_and_ordering, columns_and_bad_input, concurrent_board_writers_keep_positions_distinct);

fn task(title: &str) -> Value {
    json!({"title": title, "description": "", "due_on": "", "assignee_id": "", "is_public": false})
}

fn order(board: &Value) -> Vec<Vec<String>> {
    board["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["tasks"].as_array().unwrap().iter().map(|t| t["title"].as_str().unwrap().to_string()).collect())
        .collect()
}

async fn tasks_and_ordering(app: TestApp) {
    let firm = app.firm("Kanban").await;
    let m = firm.admin.call("create_matter", json!({"input": matter("Quadro")})).await.unwrap();
    let b = firm.member.call("get_board", json!({"matter_id": m})).await.unwrap();
    let cols: Vec<String> = b["columns"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap().to_string()).collect();
    let names: Vec<&str> = b["columns"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, vec!["A fazer", "Fazendo", "Feito"]);
    assert_eq!(b["columns"][2]["is_done"], true);
    let mut ids = vec![];
    for t in ["A", "B", "C"] {
        ids.push(firm.member.call("create_task", json!({"column_id": cols[0], "input": task(t)})).await.unwrap());
    }
    // Full edit: public flag, assignee, due date.
    let edit = json!({"title": "A!", "description": "detalhes", "due_on": "2026-12-01", "assignee_id": firm.member_id, "is_public": true});
    firm.member.call("update_task", json!({"task_id": ids[0], "input": edit})).await.unwrap();
    let b = firm.member.call("get_board", json!({"matter_id": m})).await.unwrap();
    let a = &b["columns"][0]["tasks"][0];
    assert_eq!((a["title"].as_str(), a["is_public"].as_bool(), a["due_on"].as_str()), (Some("A!"), Some(true), Some("2026-12-01")));
    assert_eq!(a["assignee_name"], "Member Kanban");
    // Within a column: C to the top.
    firm.member.call("move_task", json!({"task_id": ids[2], "column_id": cols[0], "index": 0})).await.unwrap();
    // Across columns: A to doing, then B to doing above A.
    firm.member.call("move_task", json!({"task_id": ids[0], "column_id": cols[1], "index": 0})).await.unwrap();
    firm.member.call("move_task", json!({"task_id": ids[1], "column_id": cols[1], "index": 0})).await.unwrap();
    let b = firm.admin.call("get_board", json!({"matter_id": m})).await.unwrap();
    assert_eq!(order(&b), vec![vec!["C"], vec!["B", "A!"], vec![]]);
    // Out-of-range index clamps to the end.
    firm.member.call("move_task", json!({"task_id": ids[2], "column_id": cols[1], "index": 99})).await.unwrap();
    let b = firm.admin.call("get_board", json!({"matter_id": m})).await.unwrap();
    assert_eq!(order(&b), vec![vec![] as Vec<&str>, vec!["B", "A!", "C"], vec![]]);
    // Open tasks exclude the done column.
    firm.member.call("move_task", json!({"task_id": ids[1], "column_id": cols[2], "index": 0})).await.unwrap();
    let list = firm.member.call("list_matters", json!({"filter": {"q": "", "kind": "", "status": "", "archived": false}})).await.unwrap();
    assert_eq!(list[0]["open_tasks"], 2);
    // Delete.
    firm.member.call("delete_task", json!({"task_id": ids[2]})).await.unwrap();
    assert_eq!(app.count("tasks").await, 2);
    assert_eq!(firm.member.call("delete_task", json!({"task_id": ids[2]})).await, Err(AppError::NotFound));
}

async fn columns_and_bad_input(app: TestApp) {
    let firm = app.firm("Cols").await;
    let m = firm.admin.call("create_matter", json!({"input": matter("Quadro")})).await.unwrap();
    let other = firm.admin.call("create_matter", json!({"input": matter("Outro")})).await.unwrap();
    let b = firm.admin.call("get_board", json!({"matter_id": m})).await.unwrap();
    let ob = firm.admin.call("get_board", json!({"matter_id": other})).await.unwrap();
    let col = |b: &Value, i: usize| b["columns"][i]["id"].as_str().unwrap().to_string();
    let review = firm.admin.call("add_column", json!({"matter_id": m, "name": "Revisão"})).await.unwrap();
    firm.admin.call("rename_column", json!({"column_id": col(&b, 0), "name": "Backlog"})).await.unwrap();
    firm.admin.call("move_column", json!({"column_id": review, "index": 1})).await.unwrap();
    let b2 = firm.admin.call("get_board", json!({"matter_id": m})).await.unwrap();
    let names: Vec<&str> = b2["columns"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, vec!["Backlog", "Revisão", "Fazendo", "Feito"]);
    let t = firm.admin.call("create_task", json!({"column_id": review, "input": task("T")})).await.unwrap();
    let tasks = app.count("tasks").await;
    // Bad input: nothing changes.
    assert_invalid(firm.admin.call("create_task", json!({"column_id": review, "input": task("")})).await, "title", "required");
    assert_invalid(firm.admin.call("create_task", json!({"column_id": review, "input": task(&"x".repeat(201))})).await, "title", "too_long");
    let mut bad_due = task("T2");
    bad_due["due_on"] = json!("2026-02-31");
    assert_invalid(firm.admin.call("create_task", json!({"column_id": review, "input": bad_due})).await, "due_on", "bad_date");
    let mut bad_assignee = task("T3");
    bad_assignee["assignee_id"] = json!("someone-else");
    assert_invalid(firm.admin.call("create_task", json!({"column_id": review, "input": bad_assignee})).await, "assignee_id", "not_found");
    assert_eq!(firm.admin.call("create_task", json!({"column_id": "nope", "input": task("T4")})).await, Err(AppError::NotFound));
    assert_eq!(app.count("tasks").await, tasks);
    // A task cannot move to another matter's column.
    assert_invalid(firm.admin.call("move_task", json!({"task_id": t, "column_id": col(&ob, 0), "index": 0})).await, "column_id", "not_found");
    assert_invalid(firm.admin.call("rename_column", json!({"column_id": review, "name": " "})).await, "name", "required");
    assert_invalid(firm.admin.call("delete_column", json!({"column_id": review})).await, "column", "column_not_empty");
    firm.admin.call("delete_task", json!({"task_id": t})).await.unwrap();
    firm.admin.call("delete_column", json!({"column_id": review})).await.unwrap();
    assert_eq!(firm.admin.call("get_board", json!({"matter_id": m})).await.unwrap()["columns"].as_array().unwrap().len(), 3);
}

/// 50 tasks added at once to one column, and columns added at once, on either
/// database: no error, and positions stay distinct and gapless (0..n).
async fn concurrent_board_writers_keep_positions_distinct(app: TestApp) {
    let firm = app.firm("Concurrent board").await;
    let m = firm.admin.call("create_matter", json!({"input": matter("Muitas mãos")})).await.unwrap();
    let b = firm.admin.call("get_board", json!({"matter_id": m})).await.unwrap();
    let col = b["columns"][0]["id"].as_str().unwrap().to_string();
    let adds = (0..50).map(|i| {
        let (u, col) = (if i % 2 == 0 { firm.admin.clone() } else { firm.member.clone() }, col.clone());
        async move { u.call("create_task", json!({"column_id": col, "input": task(&format!("T{i}"))})).await }
    });
    for r in futures_util::future::join_all(adds).await {
        r.expect("every concurrent task saved");
    }
    let positions = |table: &'static str, col: &'static str, id: String| {
        let pool = app.state.db.pool.clone();
        async move {
            let rows: Vec<(i64,)> = sqlx::query_as(&format!("SELECT position FROM {table} WHERE {col} = $1 ORDER BY position"))
                .bind(id)
                .fetch_all(&pool)
                .await
                .unwrap();
            rows.into_iter().map(|(p,)| p).collect::<Vec<i64>>()
        }
    };
    assert_eq!(positions("tasks", "column_id", col.clone()).await, (0..50).collect::<Vec<i64>>());
    let cols = (0..12).map(|i| {
        let (u, m) = (firm.admin.clone(), m.clone());
        async move { u.call("add_column", json!({"matter_id": m, "name": format!("C{i}")})).await }
    });
    for r in futures_util::future::join_all(cols).await {
        r.expect("every concurrent column saved");
    }
    assert_eq!(positions("board_columns", "matter_id", m.as_str().unwrap().to_string()).await, (0..15).collect::<Vec<i64>>());
}
