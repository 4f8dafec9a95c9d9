//! The publications block: reviewed publications only, newest first. Changes:
//! publications reviewed since the client's last visit (the moment a client can
//! first see one).
use super::{LAST_VISITS, MatterHead};
use crate::model::portal::{PortalPublication, PortalSection};
use crate::model::AppError;
use crate::server::db::Db;
use std::collections::HashMap;

/// The reviewed publications of matter `head`.
pub async fn load(db: &Db, head: &MatterHead) -> Result<PortalSection, AppError> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT p.published_on, p.journal, p.body FROM publications p \
         WHERE p.matter_id = $1 AND p.reviewed_at IS NOT NULL ORDER BY p.published_on DESC, p.created_at DESC",
    )
    .bind(&head.id)
    .fetch_all(&db.pool)
    .await?;
    let items = rows.into_iter().map(|(published_on, journal, text)| PortalPublication { published_on, journal, text }).collect();
    Ok(PortalSection::Publications { items })
}

/// Publications reviewed since client record `client_id` last visited each matter.
pub async fn changes(db: &Db, client_id: &str) -> Result<HashMap<String, i64>, AppError> {
    let rows: Vec<(String, i64)> = sqlx::query_as(&format!(
        "SELECT v.matter_id, COUNT(p.id) FROM {LAST_VISITS} \
         JOIN publications p ON p.matter_id = v.matter_id AND p.reviewed_at IS NOT NULL AND p.reviewed_at > v.last \
         GROUP BY v.matter_id"
    ))
    .bind(client_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().collect())
}
