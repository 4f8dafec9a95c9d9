//! The workspace's API tokens, for the import endpoint. Admins only.
use crate::model::import::{ApiToken, NewApiToken};
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// The workspace's API tokens, newest first (never their secrets). Admin.
#[server(endpoint = "list_api_tokens", input = Json)]
pub async fn list_api_tokens() -> Result<Vec<ApiToken>, AppError> {
    let admin = crate::server::auth::require_admin().await?;
    crate::server::repo::api_tokens::list(&crate::server::state()?.db, &admin).await
}

/// Makes an API token named `name`; the answer holds its secret, shown this once. Admin.
#[server(endpoint = "create_api_token", input = Json)]
pub async fn create_api_token(name: String) -> Result<NewApiToken, AppError> {
    let admin = crate::server::auth::require_admin().await?;
    crate::server::repo::api_tokens::create(&crate::server::state()?.db, &admin, &name).await
}

/// Revokes an API token: requests with it are refused from now on. Admin.
#[server(endpoint = "revoke_api_token", input = Json)]
pub async fn revoke_api_token(id: String) -> Result<(), AppError> {
    let admin = crate::server::auth::require_admin().await?;
    crate::server::repo::api_tokens::revoke(&crate::server::state()?.db, &admin, &id).await
}
