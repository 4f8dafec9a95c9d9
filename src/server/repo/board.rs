//! The Kanban of a matter: columns and task cards, in persistent order.
use super::flag;
use super::matters::ensure_visible;
use crate::model::board::{Board, Column, Task, TaskInput};
use crate::model::fields::{TEXT_MAX, TITLE_MAX, optional_date, optional_text, required_text};
use crate::model::AppError;
use crate::server::auth::Staff;
use crate::server::db::{Db, Tx, new_id, now_ms};

type TaskRow = (String, String, String, String, Option<String>, Option<String>, Option<String>, i64, Option<String>, Option<i64>);

/// The board of matter `matter_id`, columns and cards in order.
pub async fn board(db: &Db, staff: &Staff, matter_id: &str) -> Result<Board, AppError> {
    ensure_visible(&db.pool, staff, matter_id).await?;
    let cols: Vec<(String, String, i64)> =
        sqlx::query_as("SELECT id, name, is_done FROM board_columns WHERE matter_id = $1 ORDER BY position")
            .bind(matter_id)
            .fetch_all(&db.pool)
            .await?;
    let tasks: Vec<TaskRow> = sqlx::query_as(
        "SELECT t.id, t.column_id, t.title, t.description, t.due_on, t.assignee_id, s.name, t.is_public, k.id, k.number \
         FROM tasks t LEFT JOIN staff s ON s.id = t.assignee_id LEFT JOIN tickets k ON k.task_id = t.id \
         WHERE t.matter_id = $1 ORDER BY t.position, t.created_at",
    )
    .bind(matter_id)
    .fetch_all(&db.pool)
    .await?;
    let assignees: Vec<(String, String)> =
        sqlx::query_as("SELECT id, name FROM staff WHERE workspace_id = $1 AND active = 1 ORDER BY name")
            .bind(staff.workspace_id())
            .fetch_all(&db.pool)
            .await?;
    let mut columns: Vec<Column> = cols
        .into_iter()
        .map(|(id, name, is_done)| Column { id, name, is_done: flag(is_done), tasks: vec![] })
        .collect();
    for (id, column_id, title, description, due_on, assignee_id, assignee_name, is_public, ticket_id, number) in tasks {
        if let Some(c) = columns.iter_mut().find(|c| c.id == column_id) {
            let ticket = ticket_id.zip(number);
            c.tasks.push(Task { id, column_id, title, description, due_on, assignee_id, assignee_name, is_public: flag(is_public), ticket });
        }
    }
    Ok(Board { matter_id: matter_id.to_string(), columns, assignees })
}

/// The matter of column `column_id`, if the caller may see it.
async fn column_matter(tx: &mut Tx, staff: &Staff, column_id: &str) -> Result<String, AppError> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT c.matter_id FROM board_columns c JOIN matters m ON m.id = c.matter_id \
         WHERE c.id = $1 AND m.workspace_id = $2",
    )
    .bind(column_id)
    .bind(staff.workspace_id())
    .fetch_optional(&mut **tx)
    .await?;
    let (matter_id,) = row.ok_or(AppError::NotFound)?;
    ensure_visible(&mut **tx, staff, &matter_id).await?;
    Ok(matter_id)
}

/// The matter and column of task `task_id`, if the caller may see it.
async fn task_place(tx: &mut Tx, staff: &Staff, task_id: &str) -> Result<(String, String), AppError> {
    let row: Option<(String, String)> = sqlx::query_as(
        "SELECT t.matter_id, t.column_id FROM tasks t JOIN matters m ON m.id = t.matter_id \
         WHERE t.id = $1 AND m.workspace_id = $2",
    )
    .bind(task_id)
    .bind(staff.workspace_id())
    .fetch_optional(&mut **tx)
    .await?;
    let place = row.ok_or(AppError::NotFound)?;
    ensure_visible(&mut **tx, staff, &place.0).await?;
    Ok(place)
}

/// Marks the matter changed. Done first in a write that computes positions, it is
/// also the board's lock: on PostgreSQL the row stays locked until commit, so two
/// writers never read the same positions (SQLite's `BEGIN IMMEDIATE` already
/// serialises writers).
async fn touch(tx: &mut Tx, matter_id: &str) -> Result<(), AppError> {
    sqlx::query("UPDATE matters SET updated_at = $1 WHERE id = $2").bind(now_ms()).bind(matter_id).execute(&mut **tx).await?;
    Ok(())
}

struct ParsedTask {
    title: String,
    description: String,
    due_on: Option<String>,
    assignee_id: Option<String>,
    is_public: bool,
}

async fn parse_task(tx: &mut Tx, staff: &Staff, input: &TaskInput) -> Result<ParsedTask, AppError> {
    let title = required_text("title", &input.title, TITLE_MAX)?;
    let description = optional_text("description", &input.description, TEXT_MAX)?;
    let due_on = optional_date("due_on", &input.due_on)?.map(|d| d.to_string());
    let assignee_id = Some(input.assignee_id.trim().to_string()).filter(|a| !a.is_empty());
    if let Some(a) = &assignee_id {
        let hit: Option<(i64,)> = sqlx::query_as("SELECT 1 FROM staff WHERE id = $1 AND workspace_id = $2 AND active = 1")
            .bind(a)
            .bind(staff.workspace_id())
            .fetch_optional(&mut **tx)
            .await?;
        if hit.is_none() {
            return Err(AppError::invalid("assignee_id", "not_found"));
        }
    }
    Ok(ParsedTask { title, description, due_on, assignee_id, is_public: input.is_public })
}

/// Adds a task at the end of column `column_id`; returns its id.
pub async fn create_task(db: &Db, staff: &Staff, column_id: &str, input: &TaskInput) -> Result<String, AppError> {
    let mut tx = db.begin().await?;
    let (id, _) = insert_task(&mut tx, staff, column_id, input).await?;
    tx.commit().await?;
    Ok(id)
}

/// Adds a task at the end of column `column_id` inside the caller's transaction;
/// returns the task id and its matter.
pub async fn insert_task(tx: &mut Tx, staff: &Staff, column_id: &str, input: &TaskInput) -> Result<(String, String), AppError> {
    let matter_id = column_matter(tx, staff, column_id).await?;
    let p = parse_task(tx, staff, input).await?;
    touch(tx, &matter_id).await?;
    let (next,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(position), -1) + 1 FROM tasks WHERE column_id = $1")
        .bind(column_id)
        .fetch_one(&mut **tx)
        .await?;
    let id = new_id();
    let now = now_ms();
    sqlx::query(
        "INSERT INTO tasks (id, matter_id, column_id, title, description, due_on, assignee_id, is_public, \
         position, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)",
    )
    .bind(&id)
    .bind(&matter_id)
    .bind(column_id)
    .bind(&p.title)
    .bind(&p.description)
    .bind(&p.due_on)
    .bind(&p.assignee_id)
    .bind(p.is_public as i64)
    .bind(next)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok((id, matter_id))
}

/// Edits task `task_id`.
pub async fn update_task(db: &Db, staff: &Staff, task_id: &str, input: &TaskInput) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let (matter_id, _) = task_place(&mut tx, staff, task_id).await?;
    let p = parse_task(&mut tx, staff, input).await?;
    sqlx::query(
        "UPDATE tasks SET title = $1, description = $2, due_on = $3, assignee_id = $4, is_public = $5, \
         updated_at = $6 WHERE id = $7",
    )
    .bind(&p.title)
    .bind(&p.description)
    .bind(&p.due_on)
    .bind(&p.assignee_id)
    .bind(p.is_public as i64)
    .bind(now_ms())
    .bind(task_id)
    .execute(&mut *tx)
    .await?;
    touch(&mut tx, &matter_id).await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes task `task_id`.
pub async fn delete_task(db: &Db, staff: &Staff, task_id: &str) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let (matter_id, _) = task_place(&mut tx, staff, task_id).await?;
    sqlx::query("DELETE FROM tasks WHERE id = $1").bind(task_id).execute(&mut *tx).await?;
    touch(&mut tx, &matter_id).await?;
    tx.commit().await?;
    Ok(())
}

/// Rewrites the positions of `column_id` so that `order` is its sequence.
async fn renumber(tx: &mut Tx, column_id: &str, order: &[String]) -> Result<(), AppError> {
    for (pos, id) in order.iter().enumerate() {
        sqlx::query("UPDATE tasks SET column_id = $1, position = $2 WHERE id = $3")
            .bind(column_id)
            .bind(pos as i64)
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Moves task `task_id` to `column_id` (of the same matter) at `index` (clamped).
/// A task that reaches a done column marks its ticket done (and tells the client).
pub async fn move_task(
    db: &Db,
    staff: &Staff,
    task_id: &str,
    column_id: &str,
    index: i64,
    ctx: &crate::server::mail::MailCtx,
) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let (matter_id, from_column) = task_place(&mut tx, staff, task_id).await?;
    let target_matter = column_matter(&mut tx, staff, column_id).await.map_err(|_| AppError::invalid("column_id", "not_found"))?;
    if target_matter != matter_id {
        return Err(AppError::invalid("column_id", "not_found"));
    }
    touch(&mut tx, &matter_id).await?;
    let ids = |c: &str| {
        sqlx::query_as::<_, (String,)>("SELECT id FROM tasks WHERE column_id = $1 AND id <> $2 ORDER BY position, created_at")
            .bind(c.to_string())
            .bind(task_id.to_string())
    };
    let mut target: Vec<String> = ids(column_id).fetch_all(&mut *tx).await?.into_iter().map(|(i,)| i).collect();
    let at = index.clamp(0, target.len() as i64) as usize;
    target.insert(at, task_id.to_string());
    renumber(&mut tx, column_id, &target).await?;
    if from_column != column_id {
        let rest: Vec<String> = ids(&from_column).fetch_all(&mut *tx).await?.into_iter().map(|(i,)| i).collect();
        renumber(&mut tx, &from_column, &rest).await?;
        sqlx::query("UPDATE tasks SET updated_at = $1 WHERE id = $2").bind(now_ms()).bind(task_id).execute(&mut *tx).await?;
        let (done,): (i64,) =
            sqlx::query_as("SELECT is_done FROM board_columns WHERE id = $1").bind(column_id).fetch_one(&mut *tx).await?;
        if flag(done) {
            super::tickets::task_done(&mut tx, staff, task_id, ctx).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// Adds a column at the right end of the board; returns its id.
pub async fn add_column(db: &Db, staff: &Staff, matter_id: &str, name: &str) -> Result<String, AppError> {
    let name = required_text("name", name, 80)?;
    let mut tx = db.begin().await?;
    ensure_visible(&mut *tx, staff, matter_id).await?;
    touch(&mut tx, matter_id).await?;
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM board_columns WHERE matter_id = $1")
        .bind(matter_id)
        .fetch_one(&mut *tx)
        .await?;
    if n >= 20 {
        return Err(AppError::invalid("name", "too_many_columns"));
    }
    let id = new_id();
    sqlx::query("INSERT INTO board_columns (id, matter_id, name, position, is_done) VALUES ($1, $2, $3, $4, 0)")
        .bind(&id)
        .bind(matter_id)
        .bind(&name)
        .bind(n)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// Renames column `column_id`.
pub async fn rename_column(db: &Db, staff: &Staff, column_id: &str, name: &str) -> Result<(), AppError> {
    let name = required_text("name", name, 80)?;
    let mut tx = db.begin().await?;
    column_matter(&mut tx, staff, column_id).await?;
    sqlx::query("UPDATE board_columns SET name = $1 WHERE id = $2").bind(&name).bind(column_id).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(())
}

/// Moves column `column_id` to `index` among its matter's columns.
pub async fn move_column(db: &Db, staff: &Staff, column_id: &str, index: i64) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let matter_id = column_matter(&mut tx, staff, column_id).await?;
    touch(&mut tx, &matter_id).await?;
    let mut order: Vec<String> = sqlx::query_as::<_, (String,)>(
        "SELECT id FROM board_columns WHERE matter_id = $1 AND id <> $2 ORDER BY position",
    )
    .bind(&matter_id)
    .bind(column_id)
    .fetch_all(&mut *tx)
    .await?
    .into_iter()
    .map(|(i,)| i)
    .collect();
    let at = index.clamp(0, order.len() as i64) as usize;
    order.insert(at, column_id.to_string());
    for (pos, id) in order.iter().enumerate() {
        sqlx::query("UPDATE board_columns SET position = $1 WHERE id = $2").bind(pos as i64).bind(id).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Deletes an empty column (never the last one).
pub async fn delete_column(db: &Db, staff: &Staff, column_id: &str) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let matter_id = column_matter(&mut tx, staff, column_id).await?;
    let (tasks,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM tasks WHERE column_id = $1").bind(column_id).fetch_one(&mut *tx).await?;
    if tasks > 0 {
        return Err(AppError::invalid("column", "column_not_empty"));
    }
    let (cols,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM board_columns WHERE matter_id = $1").bind(&matter_id).fetch_one(&mut *tx).await?;
    if cols <= 1 {
        return Err(AppError::invalid("column", "last_column"));
    }
    sqlx::query("DELETE FROM board_columns WHERE id = $1").bind(column_id).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(())
}
