//! The schedule block: the matter's stages, for the timeline. Changes: the stages
//! were edited.
use super::MatterHead;
use crate::model::portal::{PortalSection, PortalStage};
use crate::model::AppError;
use crate::server::db::Db;
use crate::server::repo::flag;
use std::collections::HashMap;

/// The stages in order.
pub async fn load(db: &Db, head: &MatterHead) -> Result<PortalSection, AppError> {
    let rows: Vec<(String, String, String, i64)> =
        sqlx::query_as("SELECT name, starts_on, ends_on, done FROM stages WHERE matter_id = $1 ORDER BY position")
            .bind(&head.id)
            .fetch_all(&db.pool)
            .await?;
    let stages = rows
        .into_iter()
        .map(|(name, starts_on, ends_on, done)| PortalStage { name, starts_on, ends_on, done: flag(done) })
        .collect();
    Ok(PortalSection::Schedule { stages })
}

/// Matters (visited by client record `client_id`) whose schedule changed since.
pub async fn changes(db: &Db, client_id: &str) -> Result<HashMap<String, i64>, AppError> {
    super::matter_field_changed(db, client_id, "schedule_changed_at").await
}
