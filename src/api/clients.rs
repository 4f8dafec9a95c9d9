//! Clients (contacts). Staff only.
use crate::model::people::Client;
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Clients of the caller's workspace matching `q`. Staff.
#[server(endpoint = "list_clients", input = Json)]
pub async fn list_clients(q: String) -> Result<Vec<Client>, AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::clients::list(&crate::server::state()?.db, &staff, &q).await
}

/// One client. Staff.
#[server(endpoint = "get_client", input = Json)]
pub async fn get_client(id: String) -> Result<Client, AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::clients::get(&crate::server::state()?.db, &staff, &id).await
}

/// Creates a client; returns its id. Staff.
#[server(endpoint = "create_client", input = Json)]
pub async fn create_client(input: Client) -> Result<String, AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::clients::create(&crate::server::state()?.db, &staff, &input).await
}

/// Updates client `input.id`. Staff.
#[server(endpoint = "update_client", input = Json)]
pub async fn update_client(input: Client) -> Result<(), AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::clients::update(&crate::server::state()?.db, &staff, &input).await
}
