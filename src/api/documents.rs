//! A matter's documents: the list, sharing and removal (uploads and downloads are
//! plain HTTP, in `server::documents`). Staff only; clients download shared ones
//! through the portal's documents block.
use crate::model::document::MatterDocuments;
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// A matter's documents, newest first. Staff.
#[server(endpoint = "list_documents", input = Json)]
pub async fn list_documents(matter_id: String) -> Result<MatterDocuments, AppError> {
    let staff = crate::server::auth::require_staff().await?;
    let state = crate::server::state()?;
    crate::server::repo::documents::list(&state.db, &staff, &matter_id, state.settings.attachment_max_file_bytes).await
}

/// Shares a document with the matter's clients (granted the documents block) or stops. Staff.
#[server(endpoint = "set_document_shared", input = Json)]
pub async fn set_document_shared(id: String, shared: bool) -> Result<(), AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::documents::set_shared(&crate::server::state()?.db, &staff, &id, shared).await
}

/// Deletes a document and its file. Staff.
#[server(endpoint = "delete_document", input = Json)]
pub async fn delete_document(id: String) -> Result<(), AppError> {
    let staff = crate::server::auth::require_staff().await?;
    let state = crate::server::state()?;
    let key = crate::server::repo::documents::delete(&state.db, &staff, &id).await?;
    if let Err(e) = state.store.delete(&key).await {
        tracing::warn!(error = %e, "deleting a document's file; the sweep will retry");
    }
    Ok(())
}
