//! Sharing, staff side: the share dialog, client accesses, secret links, access log.
use crate::model::sharing::*;
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Who has access to a matter now. Staff who see the matter.
#[server(endpoint = "list_matter_access", input = Json)]
pub async fn list_matter_access(matter_id: String) -> Result<Vec<Access>, AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::sharing::matter_accesses(&crate::server::state()?.db, &staff, &matter_id).await
}

/// Shares a matter's blocks with one or more emails. Staff who see the matter.
#[server(endpoint = "share_matter", input = Json)]
pub async fn share_matter(matter_id: String, input: ShareInput) -> Result<Vec<ShareOutcome>, AppError> {
    let staff = crate::server::auth::require_staff().await?;
    let ctx = crate::server::mail::MailCtx::from_request().await?;
    crate::server::repo::sharing::share(&crate::server::state()?.db, &staff, &matter_id, &input, &ctx).await
}

/// Edits a grant (blocks, private matters, access type). Staff (party-wide: admins).
#[server(endpoint = "update_grant", input = Json)]
pub async fn update_grant(grant_id: String, input: GrantInput) -> Result<(), AppError> {
    let staff = crate::server::auth::require_staff().await?;
    let ctx = crate::server::mail::MailCtx::from_request().await?;
    crate::server::repo::sharing::update_grant(&crate::server::state()?.db, &staff, &grant_id, &input, &ctx).await
}

/// Removes a grant; effective on the client's next request. Staff (party-wide: admins).
#[server(endpoint = "remove_grant", input = Json)]
pub async fn remove_grant(grant_id: String) -> Result<(), AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::sharing::remove_grant(&crate::server::state()?.db, &staff, &grant_id).await
}

/// Makes a new secret link (the old one dies), optionally emailing it. Staff.
#[server(endpoint = "rotate_client_link", input = Json)]
pub async fn rotate_client_link(client_id: String, expires_on: String, send: bool) -> Result<SecretLink, AppError> {
    let staff = crate::server::auth::require_staff().await?;
    let ctx = crate::server::mail::MailCtx::from_request().await?;
    crate::server::repo::sharing::rotate_link(&crate::server::state()?.db, &staff, &client_id, &expires_on, send, &ctx)
        .await
}

/// The latest portal visits of a matter. Staff who see the matter.
#[server(endpoint = "matter_access_log", input = Json)]
pub async fn matter_access_log(matter_id: String) -> Result<Vec<AccessLogEntry>, AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::sharing::access_log(&crate::server::state()?.db, &staff, &matter_id).await
}

/// Every client access of the workspace. Admin.
#[server(endpoint = "list_accesses", input = Json)]
pub async fn list_accesses() -> Result<Vec<Access>, AppError> {
    let admin = crate::server::auth::require_admin().await?;
    crate::server::repo::sharing::workspace_accesses(&crate::server::state()?.db, &admin).await
}

/// Gives a client access to every matter where they are a party. Admin.
#[server(endpoint = "grant_party_access", input = Json)]
pub async fn grant_party_access(client_id: String, input: GrantInput) -> Result<String, AppError> {
    let admin = crate::server::auth::require_admin().await?;
    let ctx = crate::server::mail::MailCtx::from_request().await?;
    crate::server::repo::sharing::grant_parties(&crate::server::state()?.db, &admin, &client_id, &input, &ctx).await
}
