//! Tickets: the staff inbox and ticket page, and the client's side (file, follow,
//! reply). Client reads take `preview` like the other portal fns.
use crate::model::board::TaskInput;
use crate::model::ticket::*;
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// One page of the inbox with filters and sort. Staff (tickets of matters they see).
#[server(endpoint = "list_tickets", input = Json)]
pub async fn list_tickets(query: InboxQuery) -> Result<InboxPage, AppError> {
    let staff = crate::server::auth::require_staff().await?;
    let locale = crate::server::locale::request_locale().await;
    crate::server::repo::tickets::inbox(&crate::server::state()?.db, &staff, &query, locale).await
}

/// The inbox's client and matter filter options (those with tickets the caller sees). Staff.
#[server(endpoint = "ticket_filter_choices", input = Json)]
pub async fn ticket_filter_choices() -> Result<InboxFilterChoices, AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::tickets::filter_choices(&crate::server::state()?.db, &staff).await
}

/// A ticket with its conversation and notes; marks it read. Staff.
#[server(endpoint = "get_ticket", input = Json)]
pub async fn get_ticket(id: String) -> Result<TicketDetail, AppError> {
    let staff = crate::server::auth::require_staff().await?;
    let locale = crate::server::locale::request_locale().await;
    crate::server::repo::tickets::detail(&crate::server::state()?.db, &staff, &id, locale).await
}

/// Replies to the client (emailed to them). Staff.
#[server(endpoint = "reply_ticket", input = Json)]
pub async fn reply_ticket(id: String, body: String) -> Result<(), AppError> {
    let staff = crate::server::auth::require_staff().await?;
    let ctx = crate::server::mail::MailCtx::from_request().await?;
    crate::server::repo::tickets::reply(&crate::server::state()?.db, &staff, &id, &body, &ctx).await
}

/// Adds an internal note the client never sees. Staff.
#[server(endpoint = "add_ticket_note", input = Json)]
pub async fn add_ticket_note(id: String, body: String) -> Result<(), AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::tickets::note(&crate::server::state()?.db, &staff, &id, &body).await
}

/// Changes the ticket's state (the client is told by mail). Staff.
#[server(endpoint = "set_ticket_state", input = Json)]
pub async fn set_ticket_state(id: String, state: String) -> Result<(), AppError> {
    let staff = crate::server::auth::require_staff().await?;
    let ctx = crate::server::mail::MailCtx::from_request().await?;
    crate::server::repo::tickets::set_state(&crate::server::state()?.db, &staff, &id, &state, &ctx).await
}

/// Makes a task from the ticket in a column of its matter; returns the task id. Staff.
#[server(endpoint = "create_task_from_ticket", input = Json)]
pub async fn create_task_from_ticket(id: String, column_id: String, input: TaskInput) -> Result<String, AppError> {
    let staff = crate::server::auth::require_staff().await?;
    let ctx = crate::server::mail::MailCtx::from_request().await?;
    crate::server::repo::tickets::create_task(&crate::server::state()?.db, &staff, &id, &column_id, &input, &ctx).await
}

/// Renames the four ticket states of the workspace. Admin.
#[server(endpoint = "set_ticket_status_names", input = Json)]
pub async fn set_ticket_status_names(names: Vec<String>) -> Result<(), AppError> {
    let admin = crate::server::auth::require_admin().await?;
    crate::server::repo::tickets::set_status_names(&crate::server::state()?.db, &admin, &names).await
}

/// Files a ticket in a shared matter; returns its id. Client (not in preview).
#[server(endpoint = "create_ticket", input = Json)]
pub async fn create_ticket(matter_id: String, input: TicketInput, preview: String) -> Result<String, AppError> {
    let caller = crate::server::auth::client::portal_caller(Some(preview)).await?;
    let ctx = crate::server::mail::MailCtx::from_request().await?;
    crate::server::repo::client_tickets::create(&crate::server::state()?.db, &caller, &matter_id, &input, &ctx).await
}

/// The caller's own tickets (of one matter, or all when `matter_id` is empty). Client.
#[server(endpoint = "list_my_tickets", input = Json)]
pub async fn list_my_tickets(matter_id: String, preview: String) -> Result<Vec<ClientTicketRow>, AppError> {
    let caller = crate::server::auth::client::portal_caller(Some(preview)).await?;
    crate::server::repo::client_tickets::list(&crate::server::state()?.db, &caller, &matter_id).await
}

/// One of the caller's tickets with its conversation and status history. Client.
#[server(endpoint = "get_my_ticket", input = Json)]
pub async fn get_my_ticket(id: String, preview: String) -> Result<ClientTicket, AppError> {
    let caller = crate::server::auth::client::portal_caller(Some(preview)).await?;
    crate::server::repo::client_tickets::get(&crate::server::state()?.db, &caller, &id).await
}

/// The client's reply on their ticket. Client (not in preview).
#[server(endpoint = "reply_my_ticket", input = Json)]
pub async fn reply_my_ticket(id: String, body: String, preview: String) -> Result<(), AppError> {
    let caller = crate::server::auth::client::portal_caller(Some(preview)).await?;
    crate::server::repo::client_tickets::reply(&crate::server::state()?.db, &caller, &id, &body).await
}
