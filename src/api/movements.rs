//! A matter's movements ("andamentos") and the workspace's glossary. Staff only.
use crate::model::movement::{GlossaryEntry, GlossaryInput, MatterMovements, MovementInput};
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// A matter's movements, newest first, with the glossary's explanations. Staff.
#[server(endpoint = "list_movements", input = Json)]
pub async fn list_movements(matter_id: String) -> Result<MatterMovements, AppError> {
    let staff = crate::server::auth::require_staff().await?;
    let state = crate::server::state()?;
    let on = crate::server::datajud::configured(&state.settings);
    crate::server::repo::movements::list(&state.db, &staff, &matter_id, on).await
}

/// Fetches a legal matter's movements from DataJud now ("Atualizar agora"); the
/// outcome is also kept as the matter's last sync status. Staff.
#[server(endpoint = "sync_movements", input = Json)]
pub async fn sync_movements(matter_id: String) -> Result<crate::model::movement::SyncStatus, AppError> {
    let staff = crate::server::auth::require_staff().await?;
    let state = crate::server::state()?;
    let reference = crate::server::repo::movements::sync_target(&state.db, &staff, &matter_id).await?;
    let dj = crate::server::datajud::DataJud::from_settings(&state.settings).ok_or_else(|| AppError::invalid("datajud", "datajud_off"))?;
    crate::server::datajud::sync_matter(&state.db, &dj, &matter_id, &reference).await
}

/// Adds a manual movement (date, text) to a matter. Staff.
#[server(endpoint = "add_movement", input = Json)]
pub async fn add_movement(matter_id: String, input: MovementInput) -> Result<String, AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::movements::add(&crate::server::state()?.db, &staff, &matter_id, &input).await
}

/// Edits a manual movement. Staff.
#[server(endpoint = "update_movement", input = Json)]
pub async fn update_movement(id: String, input: MovementInput) -> Result<(), AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::movements::update(&crate::server::state()?.db, &staff, &id, &input).await
}

/// Deletes a manual movement. Staff.
#[server(endpoint = "delete_movement", input = Json)]
pub async fn delete_movement(id: String) -> Result<(), AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::movements::delete(&crate::server::state()?.db, &staff, &id).await
}

/// The workspace's glossary, by phrase. Staff.
#[server(endpoint = "list_glossary", input = Json)]
pub async fn list_glossary() -> Result<Vec<GlossaryEntry>, AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::glossary::list(&crate::server::state()?.db, &staff).await
}

/// Adds a glossary entry. Staff.
#[server(endpoint = "add_glossary_entry", input = Json)]
pub async fn add_glossary_entry(input: GlossaryInput) -> Result<String, AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::glossary::add(&crate::server::state()?.db, &staff, &input).await
}

/// Edits a glossary entry. Staff.
#[server(endpoint = "update_glossary_entry", input = Json)]
pub async fn update_glossary_entry(id: String, input: GlossaryInput) -> Result<(), AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::glossary::update(&crate::server::state()?.db, &staff, &id, &input).await
}

/// Deletes a glossary entry. Staff.
#[server(endpoint = "delete_glossary_entry", input = Json)]
pub async fn delete_glossary_entry(id: String) -> Result<(), AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::glossary::delete(&crate::server::state()?.db, &staff, &id).await
}
