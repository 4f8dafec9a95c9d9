//! A matter's documents in the staff's lists: which there are, shared or not, and
//! their removal (the row, then the stored file).
use super::matters::{ensure_visible, visible_name};
use crate::model::document::{Document, MatterDocuments};
use crate::model::AppError;
use crate::server::auth::Staff;
use crate::server::db::{Db, now_ms};

type Row = (String, String, String, i64, i64, Option<String>, i64);

/// The documents of matter `matter_id`, newest first.
pub async fn list(db: &Db, staff: &Staff, matter_id: &str, max_file_bytes: u64) -> Result<MatterDocuments, AppError> {
    let (title, reference) = visible_name(db, staff, matter_id).await?;
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT d.id, d.file_name, d.content_type, d.size, d.created_at, s.name, d.shared FROM documents d \
         LEFT JOIN staff s ON s.id = d.uploaded_by WHERE d.matter_id = $1 ORDER BY d.created_at DESC, d.id DESC",
    )
    .bind(matter_id)
    .fetch_all(&db.pool)
    .await?;
    let items = rows
        .into_iter()
        .map(|(id, file_name, content_type, size, created_at, uploaded_by, shared)| Document {
            id,
            file_name,
            content_type,
            size,
            created_at,
            uploaded_by,
            shared: shared != 0,
        })
        .collect();
    Ok(MatterDocuments { matter_id: matter_id.to_string(), title, reference, items, max_file_bytes })
}

/// The matter of document `id`, if the caller sees it.
async fn matter_of(db: &Db, staff: &Staff, id: &str) -> Result<(String, String), AppError> {
    let row: Option<(String, String)> = sqlx::query_as(
        "SELECT d.matter_id, d.storage_key FROM documents d JOIN matters m ON m.id = d.matter_id WHERE d.id = $1 AND m.workspace_id = $2",
    )
    .bind(id)
    .bind(staff.workspace_id())
    .fetch_optional(&db.pool)
    .await?;
    let (matter_id, key) = row.ok_or(AppError::NotFound)?;
    ensure_visible(&db.pool, staff, &matter_id).await?;
    Ok((matter_id, key))
}

/// Shares document `id` with the matter's clients (those granted the documents
/// block) or stops sharing it. Sharing it again counts as news for them.
pub async fn set_shared(db: &Db, staff: &Staff, id: &str, shared: bool) -> Result<(), AppError> {
    matter_of(db, staff, id).await?;
    if shared {
        sqlx::query("UPDATE documents SET shared = 1, shared_at = $1 WHERE id = $2 AND shared = 0").bind(now_ms()).bind(id).execute(&db.pool).await?;
    } else {
        sqlx::query("UPDATE documents SET shared = 0 WHERE id = $1").bind(id).execute(&db.pool).await?;
    }
    Ok(())
}

/// Deletes document `id`; returns the key of its stored file (for the caller to
/// remove; if that fails, the orphan sweep does it later).
pub async fn delete(db: &Db, staff: &Staff, id: &str) -> Result<String, AppError> {
    let (_, key) = matter_of(db, staff, id).await?;
    sqlx::query("DELETE FROM documents WHERE id = $1").bind(id).execute(&db.pool).await?;
    Ok(key)
}
