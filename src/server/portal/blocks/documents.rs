//! The documents block: the matter's shared documents, newest first, each
//! downloaded at `/files/{id}`. Changes: documents shared since the client's last
//! visit.
use super::{LAST_VISITS, MatterHead};
use crate::model::portal::{PortalDocument, PortalSection};
use crate::model::AppError;
use crate::server::db::Db;
use std::collections::HashMap;

/// The shared documents of matter `head`.
pub async fn load(db: &Db, head: &MatterHead) -> Result<PortalSection, AppError> {
    let rows: Vec<(String, String, i64, i64)> = sqlx::query_as(
        "SELECT d.id, d.file_name, d.size, d.created_at FROM documents d \
         WHERE d.matter_id = $1 AND d.shared = 1 ORDER BY d.created_at DESC, d.id DESC",
    )
    .bind(&head.id)
    .fetch_all(&db.pool)
    .await?;
    let items = rows.into_iter().map(|(id, file_name, size, created_at)| PortalDocument { id, file_name, size, created_at }).collect();
    Ok(PortalSection::Documents { items })
}

/// Documents shared since client record `client_id` last visited each matter.
pub async fn changes(db: &Db, client_id: &str) -> Result<HashMap<String, i64>, AppError> {
    let rows: Vec<(String, i64)> = sqlx::query_as(&format!(
        "SELECT v.matter_id, COUNT(d.id) FROM {LAST_VISITS} \
         JOIN documents d ON d.matter_id = v.matter_id AND d.shared = 1 AND d.shared_at > v.last \
         GROUP BY v.matter_id"
    ))
    .bind(client_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().collect())
}
