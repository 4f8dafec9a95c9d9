//! A matter's publications ("publicações"). Staff only; clients read reviewed ones
//! through the portal's publications block.
use crate::model::publication::{MatterPublications, PublicationInput};
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// A matter's publications, newest first, reviewed or not. Staff.
#[server(endpoint = "list_publications", input = Json)]
pub async fn list_publications(matter_id: String) -> Result<MatterPublications, AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::publications::list(&crate::server::state()?.db, &staff, &matter_id).await
}

/// Adds a publication (date, journal, text) to a matter, not yet reviewed. Staff.
#[server(endpoint = "add_publication", input = Json)]
pub async fn add_publication(matter_id: String, input: PublicationInput) -> Result<String, AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::publications::add(&crate::server::state()?.db, &staff, &matter_id, &input).await
}

/// Edits a manual publication. Staff.
#[server(endpoint = "update_publication", input = Json)]
pub async fn update_publication(id: String, input: PublicationInput) -> Result<(), AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::publications::update(&crate::server::state()?.db, &staff, &id, &input).await
}

/// Deletes a manual publication. Staff.
#[server(endpoint = "delete_publication", input = Json)]
pub async fn delete_publication(id: String) -> Result<(), AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::publications::delete(&crate::server::state()?.db, &staff, &id).await
}

/// Marks a publication reviewed (clients with the block see it) or not. Staff.
#[server(endpoint = "set_publication_reviewed", input = Json)]
pub async fn set_publication_reviewed(id: String, reviewed: bool) -> Result<(), AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::publications::set_reviewed(&crate::server::state()?.db, &staff, &id, reviewed).await
}
