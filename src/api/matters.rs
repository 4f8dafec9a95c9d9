//! Matters: list, detail, create, edit, archive, links. Staff only.
use crate::model::matter::{MatterDetail, MatterFilter, MatterInput, MatterSummary};
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Matters the caller may see, filtered. Staff.
#[server(endpoint = "list_matters", input = Json)]
pub async fn list_matters(filter: MatterFilter) -> Result<Vec<MatterSummary>, AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::matters::list(&crate::server::state()?.db, &staff, &filter).await
}

/// The caller's matters that are not archived, as (id, title) choices by title. Staff.
#[server(endpoint = "matter_choices", input = Json)]
pub async fn matter_choices() -> Result<Vec<crate::model::Choice>, AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::matters::choices(&crate::server::state()?.db, &staff).await
}

/// One matter with stages, parties and links. Staff; NotFound when not visible.
#[server(endpoint = "get_matter", input = Json)]
pub async fn get_matter(id: String) -> Result<MatterDetail, AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::matters::detail(&crate::server::state()?.db, &staff, &id).await
}

/// Creates a matter (with default board columns in the caller's language). Staff.
#[server(endpoint = "create_matter", input = Json)]
pub async fn create_matter(input: MatterInput) -> Result<String, AppError> {
    let staff = crate::server::auth::require_staff().await?;
    let cols = crate::server::locale::default_columns(crate::server::locale::request_locale().await);
    crate::server::repo::matters::create(&crate::server::state()?.db, &staff, &input, cols).await
}

/// Replaces a matter's fields, stages and parties. Staff.
#[server(endpoint = "update_matter", input = Json)]
pub async fn update_matter(id: String, input: MatterInput) -> Result<(), AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::matters::update(&crate::server::state()?.db, &staff, &id, &input).await
}

/// Archives (or restores) a matter. Staff.
#[server(endpoint = "set_matter_archived", input = Json)]
pub async fn set_matter_archived(id: String, archived: bool) -> Result<(), AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::matters::set_archived(&crate::server::state()?.db, &staff, &id, archived).await
}

/// Links matter `id` to `other_id`: kind "appeal" (id is an appeal/offshoot of other) or "related". Staff.
#[server(endpoint = "add_matter_link", input = Json)]
pub async fn add_matter_link(id: String, other_id: String, kind: String) -> Result<String, AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::matters::add_link(&crate::server::state()?.db, &staff, &id, &other_id, &kind).await
}

/// Removes link `link_id` from matter `id`. Staff.
#[server(endpoint = "remove_matter_link", input = Json)]
pub async fn remove_matter_link(id: String, link_id: String) -> Result<(), AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::matters::remove_link(&crate::server::state()?.db, &staff, &id, &link_id).await
}
