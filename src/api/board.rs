//! The Kanban of a matter: columns and tasks. Staff only.
use crate::model::board::{Board, TaskInput};
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// The board of a matter. Staff.
#[server(endpoint = "get_board", input = Json)]
pub async fn get_board(matter_id: String) -> Result<Board, AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::board::board(&crate::server::state()?.db, &staff, &matter_id).await
}

/// Adds a task at the end of a column. Staff.
#[server(endpoint = "create_task", input = Json)]
pub async fn create_task(column_id: String, input: TaskInput) -> Result<String, AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::board::create_task(&crate::server::state()?.db, &staff, &column_id, &input).await
}

/// Edits a task. Staff.
#[server(endpoint = "update_task", input = Json)]
pub async fn update_task(task_id: String, input: TaskInput) -> Result<(), AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::board::update_task(&crate::server::state()?.db, &staff, &task_id, &input).await
}

/// Deletes a task. Staff.
#[server(endpoint = "delete_task", input = Json)]
pub async fn delete_task(task_id: String) -> Result<(), AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::board::delete_task(&crate::server::state()?.db, &staff, &task_id).await
}

/// Moves a task to a column of the same matter, at a position. Staff.
#[server(endpoint = "move_task", input = Json)]
pub async fn move_task(task_id: String, column_id: String, index: i64) -> Result<(), AppError> {
    let staff = crate::server::auth::require_staff().await?;
    let ctx = crate::server::mail::MailCtx::from_request().await?;
    crate::server::repo::board::move_task(&crate::server::state()?.db, &staff, &task_id, &column_id, index, &ctx).await
}

/// Adds a column to a matter's board. Staff.
#[server(endpoint = "add_column", input = Json)]
pub async fn add_column(matter_id: String, name: String) -> Result<String, AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::board::add_column(&crate::server::state()?.db, &staff, &matter_id, &name).await
}

/// Renames a column. Staff.
#[server(endpoint = "rename_column", input = Json)]
pub async fn rename_column(column_id: String, name: String) -> Result<(), AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::board::rename_column(&crate::server::state()?.db, &staff, &column_id, &name).await
}

/// Moves a column to a position. Staff.
#[server(endpoint = "move_column", input = Json)]
pub async fn move_column(column_id: String, index: i64) -> Result<(), AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::board::move_column(&crate::server::state()?.db, &staff, &column_id, index).await
}

/// Deletes an empty column. Staff.
#[server(endpoint = "delete_column", input = Json)]
pub async fn delete_column(column_id: String) -> Result<(), AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::board::delete_column(&crate::server::state()?.db, &staff, &column_id).await
}
