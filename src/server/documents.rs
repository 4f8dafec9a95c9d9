//! A matter's documents over HTTP. Upload: `PUT /files/matters/{matter_id}?name=…
//! &shared=true|false` with the raw file as the body (one file per request, so the
//! browser shows each one's progress), by staff who see the matter; the same store,
//! size limit and content check as ticket attachments. Download: `GET /files/{id}`
//! (shared with attachments): staff who see the matter, and clients granted the
//! documents block when the document is shared.
use super::attachments::{clean_name, store_upload};
use super::auth::caller::{Caller, CallerSlot};
use super::db::{new_id, now_ms};
use super::repo::matters::ensure_visible;
use super::repo::visibility::blocks_of;
use super::AppState;
use crate::model::document::Document;
use crate::model::sharing::Block;
use crate::model::AppError;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Extension;

/// Query of the upload.
#[derive(Debug, serde::Deserialize)]
pub struct UploadQuery {
    pub name: String,
    /// Shared with clients (the default).
    #[serde(default = "yes")]
    pub shared: bool,
}

fn yes() -> bool {
    true
}

/// PUT /files/matters/{matter_id}?name=…&shared=…
pub async fn upload(
    State(state): State<AppState>,
    Extension(slot): Extension<CallerSlot>,
    Path(matter_id): Path<String>,
    Query(q): Query<UploadQuery>,
    headers: axum::http::HeaderMap,
    body: Body,
) -> Response {
    match upload_inner(&state, &slot, &matter_id, &q, &headers, body).await {
        Ok(d) => (StatusCode::CREATED, axum::Json(d)).into_response(),
        Err(e) => {
            let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, axum::Json(e)).into_response()
        }
    }
}

async fn upload_inner(
    state: &AppState,
    slot: &CallerSlot,
    matter_id: &str,
    q: &UploadQuery,
    headers: &axum::http::HeaderMap,
    body: Body,
) -> Result<Document, AppError> {
    let Caller::Staff(staff) = slot.get(state).await? else { return Err(AppError::Unauthorized) };
    ensure_visible(&state.db.pool, &staff, matter_id).await?;
    let name = clean_name(&q.name).ok_or_else(|| AppError::invalid("file", "bad_file_name"))?;
    let max = state.settings.attachment_max_file_bytes;
    let too_big = || AppError::TooLarge { field: "file".into(), code: "file_too_large".into() };
    let (key, size, content_type) = store_upload(state, max, headers, body, too_big).await?;
    let d = Document {
        id: new_id(),
        file_name: name,
        content_type,
        size: size as i64,
        created_at: now_ms(),
        uploaded_by: None,
        shared: q.shared,
    };
    if let Err(e) = insert(&state.db, matter_id, &d, &key, staff.id()).await {
        let _ = state.store.delete(&key).await;
        return Err(e);
    }
    Ok(d)
}

/// Stores `bytes` as a document of matter `matter_id` uploaded by `staff` (the
/// demo's documents; uploads stream through [`upload`]). Returns its id.
#[allow(clippy::too_many_arguments)]
pub async fn add_bytes(
    db: &super::db::Db,
    store: &dyn super::storage::BlobStore,
    staff: &super::auth::Staff,
    matter_id: &str,
    name: &str,
    content_type: &str,
    bytes: Vec<u8>,
    shared: bool,
) -> Result<String, AppError> {
    let size = bytes.len() as i64;
    let chunks: super::storage::Chunks<'_> = Box::pin(futures_util::stream::iter([Ok(bytes::Bytes::from(bytes))]));
    let (key, _) = store.put(chunks, &mut |_: &[u8], _: u64| Ok(())).await.map_err(|_| AppError::Internal)?;
    let d = Document {
        id: new_id(),
        file_name: name.into(),
        content_type: content_type.into(),
        size,
        created_at: now_ms(),
        uploaded_by: None,
        shared,
    };
    insert(db, matter_id, &d, &key, staff.id()).await?;
    Ok(d.id)
}

/// The row of document `d`, stored under `key`, uploaded by `staff_id`; shared
/// from its creation when it is shared.
async fn insert(db: &super::db::Db, matter_id: &str, d: &Document, key: &str, staff_id: &str) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO documents (id, matter_id, file_name, content_type, size, storage_key, uploaded_by, shared, shared_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&d.id)
    .bind(matter_id)
    .bind(&d.file_name)
    .bind(&d.content_type)
    .bind(d.size)
    .bind(key)
    .bind(staff_id)
    .bind(i64::from(d.shared))
    .bind(d.shared.then_some(d.created_at))
    .bind(d.created_at)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Document `id` as a download for this caller: `None` when no document has this
/// id (it may be an attachment), `NotFound` when the caller may not have it.
pub async fn downloadable(state: &AppState, slot: &CallerSlot, id: &str) -> Result<Option<(String, String, String)>, AppError> {
    let row: Option<(String, String, String, String, String, i64)> = sqlx::query_as(
        "SELECT d.file_name, d.content_type, d.storage_key, d.matter_id, m.workspace_id, d.shared \
         FROM documents d JOIN matters m ON m.id = d.matter_id WHERE d.id = $1",
    )
    .bind(id)
    .fetch_optional(&state.db.pool)
    .await?;
    let Some((name, content_type, key, matter_id, workspace_id, shared)) = row else { return Ok(None) };
    let allowed = match slot.get(state).await? {
        Caller::Staff(staff) => staff.workspace_id() == workspace_id && ensure_visible(&state.db.pool, &staff, &matter_id).await.is_ok(),
        Caller::Client(c) => {
            shared != 0 && blocks_of(&state.db, &c, &matter_id).await.is_ok_and(|(_, blocks)| blocks.contains(&Block::Documents))
        }
        _ => false,
    };
    if allowed { Ok(Some((name, content_type, key))) } else { Err(AppError::NotFound) }
}
