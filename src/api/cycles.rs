//! Cycles of recurring projects and the time logged on tasks. Staff only; clients
//! read totals through the portal's cycles block.
use crate::model::cycle::{CycleInput, MatterCycles, TimeInput};
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// A matter's cycle, its cycles (newest first) with who logged what. Staff.
#[server(endpoint = "list_cycles", input = Json)]
pub async fn list_cycles(matter_id: String) -> Result<MatterCycles, AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::cycles::list(&crate::server::state()?.db, &staff, &matter_id).await
}

/// Sets a matter's cycle and hours budget (an empty unit removes it). Staff.
#[server(endpoint = "set_cycle_plan", input = Json)]
pub async fn set_cycle_plan(matter_id: String, input: CycleInput) -> Result<(), AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::cycles::set_plan(&crate::server::state()?.db, &staff, &matter_id, &input).await
}

/// Logs time on one of the matter's tasks. Staff.
#[server(endpoint = "log_time", input = Json)]
pub async fn log_time(matter_id: String, input: TimeInput) -> Result<String, AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::cycles::log_time(&crate::server::state()?.db, &staff, &matter_id, &input).await
}

/// Deletes a time entry. Staff.
#[server(endpoint = "delete_time_entry", input = Json)]
pub async fn delete_time_entry(id: String) -> Result<(), AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::cycles::delete_entry(&crate::server::state()?.db, &staff, &id).await
}
