//! Ticket attachments over HTTP. Upload: `PUT /files/tickets/{ticket_id}?name=…`
//! with the raw file as the body (one file per request, so the browser can show
//! progress), by the ticket's client while it is open; limits are enforced while
//! the bytes stream in (413, nothing kept) and the type is checked by content
//! against an allowlist. Download: `GET /files/{id}` for staff who see the ticket's
//! matter and for the ticket's client, always as an attachment.
use super::auth::caller::{Caller, CallerSlot};
use super::db::{new_id, now_ms};
use super::repo::matters::ensure_visible;
use super::repo::visibility::blocks_of;
use super::storage::{PutError, Refusal};
use super::AppState;
use crate::model::ticket::Attachment;
use crate::model::AppError;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::Extension;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures_util::TryStreamExt;

/// How many first bytes decide the type.
const SNIFF: usize = 4096;

fn error(e: AppError) -> Response {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, axum::Json(e)).into_response()
}

/// Query of the upload.
#[derive(Debug, serde::Deserialize)]
pub struct UploadQuery {
    pub name: String,
}

/// A file name safe to store and to send back: the last path segment, trimmed,
/// without control characters, at most 200 characters.
pub fn clean_name(raw: &str) -> Option<String> {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or("").trim();
    let name: String = last.chars().filter(|c| !c.is_control()).collect();
    (!name.is_empty() && name != "." && name != ".." && name.chars().count() <= 200).then_some(name)
}

/// The content type of a file that starts with `head`, if it is on the allowlist:
/// PDF, images, office documents, zip, and plain text (UTF-8 without NUL bytes).
pub fn allowed_type(head: &[u8], complete: bool) -> Option<String> {
    if let Some(kind) = infer::get(head) {
        let mime = kind.mime_type();
        let ok = matches!(
            mime,
            "application/pdf"
                | "image/png"
                | "image/jpeg"
                | "image/gif"
                | "image/webp"
                | "image/bmp"
                | "image/tiff"
                | "image/heif"
                | "application/zip"
                | "application/msword"
                | "application/vnd.ms-excel"
                | "application/vnd.ms-powerpoint"
                | "application/rtf"
                | "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                | "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                | "application/vnd.openxmlformats-officedocument.presentationml.presentation"
                | "application/vnd.oasis.opendocument.text"
                | "application/vnd.oasis.opendocument.spreadsheet"
                | "application/vnd.oasis.opendocument.presentation"
        );
        return ok.then(|| mime.to_string());
    }
    if head.contains(&0) {
        return None;
    }
    match std::str::from_utf8(head) {
        Ok(_) => Some("text/plain; charset=utf-8".into()),
        // A multi-byte character cut at the end of the sniffed part is fine.
        Err(e) if !complete && e.error_len().is_none() && head.len() - e.valid_up_to() < 4 => Some("text/plain; charset=utf-8".into()),
        Err(_) => None,
    }
}

/// PUT /files/tickets/{ticket_id}?name=…
pub async fn upload(
    State(state): State<AppState>,
    Extension(slot): Extension<CallerSlot>,
    Path(ticket_id): Path<String>,
    Query(q): Query<UploadQuery>,
    headers: axum::http::HeaderMap,
    body: Body,
) -> Response {
    match upload_inner(&state, &slot, &ticket_id, &q.name, &headers, body).await {
        Ok(a) => (StatusCode::CREATED, axum::Json(a)).into_response(),
        Err(e) => error(e),
    }
}

async fn upload_inner(
    state: &AppState,
    slot: &CallerSlot,
    ticket_id: &str,
    name: &str,
    headers: &axum::http::HeaderMap,
    body: Body,
) -> Result<Attachment, AppError> {
    let db = &state.db;
    let Caller::Client(caller) = slot.get(state).await? else { return Err(AppError::Unauthorized) };
    let row: Option<(String, String, String, String)> =
        sqlx::query_as("SELECT client_id, workspace_id, matter_id, state FROM tickets WHERE id = $1")
            .bind(ticket_id)
            .fetch_optional(&db.pool)
            .await?;
    let (client_id, workspace_id, matter_id, ticket_state) = row.ok_or(AppError::NotFound)?;
    if !caller.records().iter().any(|r| r.id == client_id && r.workspace_id == workspace_id) {
        return Err(AppError::NotFound);
    }
    blocks_of(db, &caller, &matter_id).await?;
    if ticket_state == "closed" {
        return Err(AppError::invalid("file", "ticket_closed"));
    }
    let name = clean_name(name).ok_or_else(|| AppError::invalid("file", "bad_file_name"))?;
    let max_file = state.settings.attachment_max_file_bytes;
    let max_ticket = state.settings.attachment_max_ticket_bytes;
    let (used,): (i64,) = sqlx::query_as("SELECT CAST(COALESCE(SUM(size), 0) AS BIGINT) FROM attachments WHERE ticket_id = $1")
        .bind(ticket_id)
        .fetch_one(&db.pool)
        .await?;
    let room = max_file.min(max_ticket.saturating_sub(used.max(0) as u64));
    let too_big = || too_large(max_file, used as u64, max_ticket);
    let (key, size, content_type) = store_upload(state, room, headers, body, too_big).await?;
    let a = Attachment { id: new_id(), file_name: name, content_type, size: size as i64, created_at: now_ms() };
    let inserted = sqlx::query(
        "INSERT INTO attachments (id, ticket_id, file_name, content_type, size, storage_key, uploaded_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&a.id)
    .bind(ticket_id)
    .bind(&a.file_name)
    .bind(&a.content_type)
    .bind(a.size)
    .bind(&key)
    .bind(&client_id)
    .bind(a.created_at)
    .execute(&db.pool)
    .await;
    if let Err(e) = inserted {
        let _ = state.store.delete(&key).await;
        return Err(e.into());
    }
    sqlx::query("UPDATE tickets SET updated_at = $1 WHERE id = $2").bind(now_ms()).bind(ticket_id).execute(&db.pool).await?;
    Ok(a)
}

/// Streams an upload's body into the store, at most `room` bytes (`too_big` names
/// the refusal), with its type checked by content against the allowlist. Returns
/// the stored key, the size and the content type; nothing is kept when refused.
pub async fn store_upload(
    state: &AppState,
    room: u64,
    headers: &axum::http::HeaderMap,
    body: Body,
    too_big: impl Fn() -> AppError,
) -> Result<(String, u64, String), AppError> {
    let declared = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if let Some(n) = declared.filter(|n| *n > room) {
        // Answering before the body is read makes browsers, still sending, see a
        // broken connection instead of the 413: read (and drop) a body up to a few
        // times the limit first; a larger one is cut off.
        if n <= room.saturating_mul(4).max(8 << 20) {
            use futures_util::StreamExt;
            let mut stream = body.into_data_stream();
            while let Some(Ok(_)) = stream.next().await {}
        }
        return Err(too_big());
    }
    let mut head: Vec<u8> = Vec::with_capacity(SNIFF);
    let mut kind: Option<String> = None;
    let mut check = |chunk: &[u8], so_far: u64| -> Result<(), Refusal> {
        if so_far + chunk.len() as u64 > room {
            return Err(Refusal::TooLarge);
        }
        if kind.is_none() {
            let take = (SNIFF - head.len()).min(chunk.len());
            head.extend_from_slice(&chunk[..take]);
            let end = chunk.is_empty();
            if head.len() >= SNIFF || end {
                if end && head.is_empty() {
                    return Err(Refusal::Empty);
                }
                kind = Some(allowed_type(&head, end).ok_or(Refusal::BadType)?);
            }
        }
        Ok(())
    };
    let stream = body.into_data_stream().map_err(std::io::Error::other);
    let put = state.store.put(Box::pin(stream), &mut check).await;
    let (key, size) = match put {
        Ok(v) => v,
        Err(PutError::Refused(Refusal::TooLarge)) => return Err(too_big()),
        Err(PutError::Refused(Refusal::BadType)) => return Err(AppError::invalid("file", "file_type_refused")),
        Err(PutError::Refused(Refusal::Empty)) => return Err(AppError::invalid("file", "file_empty")),
        Err(PutError::Io(e)) => {
            tracing::warn!(error = %e, "upload interrupted");
            return Err(AppError::invalid("file", "upload_failed"));
        }
    };
    Ok((key, size, kind.unwrap_or_else(|| "application/octet-stream".into())))
}

fn too_large(max_file: u64, used: u64, max_ticket: u64) -> AppError {
    // Whichever limit binds names the message.
    let code = if used.saturating_add(max_file) > max_ticket { "ticket_files_too_large" } else { "file_too_large" };
    AppError::TooLarge { field: "file".into(), code: code.into() }
}

/// GET /files/{id}
pub async fn download(State(state): State<AppState>, Extension(slot): Extension<CallerSlot>, Path(id): Path<String>) -> Response {
    match download_inner(&state, &slot, &id).await {
        Ok(r) => r,
        Err(e) => error(e),
    }
}

async fn download_inner(state: &AppState, slot: &CallerSlot, id: &str) -> Result<Response, AppError> {
    if let Some((name, content_type, key)) = super::documents::downloadable(state, slot, id).await? {
        return send_file(state, &name, &content_type, &key).await;
    }
    let db = &state.db;
    let row: Option<(String, String, String, String, String, String)> = sqlx::query_as(
        "SELECT a.file_name, a.content_type, a.storage_key, t.client_id, t.matter_id, t.workspace_id \
         FROM attachments a JOIN tickets t ON t.id = a.ticket_id WHERE a.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    let (name, content_type, key, client_id, matter_id, workspace_id) = row.ok_or(AppError::NotFound)?;
    let allowed = match slot.get(state).await? {
        Caller::Staff(staff) if staff.workspace_id() == workspace_id => {
            ensure_visible(&db.pool, &staff, &matter_id).await.is_ok()
        }
        Caller::Client(c) => {
            c.records().iter().any(|r| r.id == client_id && r.workspace_id == workspace_id)
                && blocks_of(db, &c, &matter_id).await.is_ok()
        }
        _ => false,
    };
    if !allowed {
        return Err(AppError::NotFound);
    }
    send_file(state, &name, &content_type, &key).await
}

/// A stored file as a download (never shown inline, never cached).
pub async fn send_file(state: &AppState, name: &str, content_type: &str, key: &str) -> Result<Response, AppError> {
    let file = state.store.open(key).await.map_err(|e| crate::server::internal("stored file missing", e))?;
    let len = file.metadata().await.map(|m| m.len()).ok();
    let mut resp = Body::from_stream(tokio_util::io::ReaderStream::new(file)).into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_str(content_type).unwrap_or(HeaderValue::from_static("application/octet-stream")));
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_str(&disposition(name)).unwrap_or(HeaderValue::from_static("attachment")));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Some(len) = len {
        h.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    }
    Ok(resp)
}

/// `attachment; filename="ascii"; filename*=UTF-8''percent-encoded` (RFC 6266/8187).
pub fn disposition(name: &str) -> String {
    let ascii: String = name.chars().map(|c| if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' { c } else { '_' }).collect();
    let mut encoded = String::new();
    for b in name.as_bytes() {
        let c = *b as char;
        if c.is_ascii_alphanumeric() || "!#$&+-.^_`|~".contains(c) {
            encoded.push(c);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// Removes stored files that no attachment nor document names (older than an hour,
/// so an upload in progress is never touched), and stale unfinished writes.
pub async fn sweep(state: &AppState, age: std::time::Duration) -> anyhow::Result<usize> {
    let mut removed = 0;
    for key in state.store.old_keys(age).await? {
        let hit: Option<(String,)> =
            sqlx::query_as("SELECT id FROM attachments WHERE storage_key = $1 UNION ALL SELECT id FROM documents WHERE storage_key = $1")
                .bind(&key)
                .fetch_optional(&state.db.pool)
                .await?;
        if hit.is_none() {
            state.store.delete(&key).await?;
            removed += 1;
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_types_and_dispositions() {
        assert_eq!(clean_name("C:\\Users\\ana\\contrato final.pdf").as_deref(), Some("contrato final.pdf"));
        assert_eq!(clean_name("../../etc/passwd").as_deref(), Some("passwd"));
        assert_eq!(clean_name("  "), None);
        assert_eq!(clean_name(".."), None);
        assert_eq!(allowed_type(b"%PDF-1.7\n...", true).as_deref(), Some("application/pdf"));
        assert_eq!(allowed_type(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", true).as_deref(), Some("image/png"));
        assert_eq!(allowed_type("Olá, segue o pedido.".as_bytes(), true).as_deref(), Some("text/plain; charset=utf-8"));
        assert_eq!(allowed_type(b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff", true), None, "Windows executables are refused");
        assert_eq!(allowed_type(b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0", true), None);
        assert_eq!(allowed_type(b"abc\0def", true), None);
        assert_eq!(
            disposition("relatório \"final\".pdf"),
            "attachment; filename=\"relat_rio _final_.pdf\"; filename*=UTF-8''relat%C3%B3rio%20%22final%22.pdf"
        );
    }
}
