//! The deadline block: the matter's deadline and how far along its schedule is
//! (share of stages done). Changes: the deadline itself moved.
use super::MatterHead;
use crate::model::portal::PortalSection;
use crate::model::AppError;
use crate::server::db::Db;
use std::collections::HashMap;

/// The deadline and the share of stages done.
pub async fn load(db: &Db, head: &MatterHead) -> Result<PortalSection, AppError> {
    let (total, done): (i64, i64) =
        sqlx::query_as("SELECT COUNT(*), COUNT(CASE WHEN done = 1 THEN 1 END) FROM stages WHERE matter_id = $1")
            .bind(&head.id)
            .fetch_one(&db.pool)
            .await?;
    let progress = if total == 0 { 0 } else { (done * 100 / total) as u32 };
    Ok(PortalSection::Deadline { deadline: head.deadline.clone(), progress })
}

/// Matters (visited by client record `client_id`) whose deadline changed since.
pub async fn changes(db: &Db, client_id: &str) -> Result<HashMap<String, i64>, AppError> {
    super::matter_field_changed(db, client_id, "deadline_changed_at").await
}
