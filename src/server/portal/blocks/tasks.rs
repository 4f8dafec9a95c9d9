//! The tasks block: the matter's Kanban with public tasks only (the item gate:
//! `is_public = 1`, in SQL). Changes: public tasks added or edited since.
use super::{LAST_VISITS, MatterHead};
use crate::model::portal::{PortalColumn, PortalSection, PortalTask};
use crate::model::AppError;
use crate::server::db::Db;
use crate::server::repo::flag;
use std::collections::HashMap;

#[derive(sqlx::FromRow)]
struct TaskRow {
    column_id: String,
    title: String,
    description: String,
    due_on: Option<String>,
}

/// The columns in order, each with its public tasks in order.
pub async fn load(db: &Db, head: &MatterHead) -> Result<PortalSection, AppError> {
    let cols: Vec<(String, String, i64)> =
        sqlx::query_as("SELECT id, name, is_done FROM board_columns WHERE matter_id = $1 ORDER BY position")
            .bind(&head.id)
            .fetch_all(&db.pool)
            .await?;
    let tasks: Vec<TaskRow> = sqlx::query_as(
        "SELECT column_id, title, description, due_on FROM tasks \
         WHERE matter_id = $1 AND is_public = 1 ORDER BY position",
    )
    .bind(&head.id)
    .fetch_all(&db.pool)
    .await?;
    let mut by_column: HashMap<String, Vec<PortalTask>> = HashMap::with_capacity(cols.len());
    for t in tasks {
        by_column.entry(t.column_id).or_default().push(PortalTask {
            title: t.title,
            description: t.description,
            due_on: t.due_on,
        });
    }
    let columns = cols
        .into_iter()
        .map(|(id, name, is_done)| PortalColumn {
            tasks: by_column.remove(&id).unwrap_or_default(),
            name,
            is_done: flag(is_done),
        })
        .collect();
    Ok(PortalSection::Tasks { columns })
}

/// Public tasks added or edited since client record `client_id` last visited each matter.
pub async fn changes(db: &Db, client_id: &str) -> Result<HashMap<String, i64>, AppError> {
    let rows: Vec<(String, i64)> = sqlx::query_as(&format!(
        "SELECT v.matter_id, COUNT(t.id) FROM {LAST_VISITS} \
         JOIN tasks t ON t.matter_id = v.matter_id AND t.is_public = 1 AND t.updated_at > v.last \
         GROUP BY v.matter_id"
    ))
    .bind(client_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().collect())
}
