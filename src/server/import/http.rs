//! `POST /integrations/import`: the import over HTTP, for a feed's own scripts.
//! `Authorization: Bearer <API token>`; the body is JSON lines; the answer is the
//! report (200), or 401 without a valid token, 413 over the size limit, 422 when
//! there is nothing to import or too many lines. Words in the caller's language
//! (Accept-Language; pt-BR by default).
use super::run;
use crate::app::components::text::error_text;
use crate::model::import::IMPORT_BYTES_MAX;
use crate::model::AppError;
use crate::server::AppState;
use crate::server::locale::locale_from_headers;
use crate::server::repo::api_tokens;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// The token of an `Authorization: Bearer …` header.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    let v = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = v.trim().split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

fn refusal(headers: &HeaderMap, e: AppError) -> Response {
    let locale = locale_from_headers(headers);
    let code = match &e {
        AppError::Invalid { code, .. } | AppError::TooLarge { code, .. } => code.clone(),
        AppError::Unauthorized => "unauthorized".into(),
        AppError::Internal => "internal".into(),
        _ => "bad_request".into(),
    };
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::json!({ "error": code, "message": error_text(locale, &code) });
    let mut r = (status, axum::Json(body)).into_response();
    if status == StatusCode::UNAUTHORIZED {
        r.headers_mut().insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer"));
    }
    r
}

/// The body if it is within the limit. Over it, the rest is read and dropped (up to
/// four times the limit) so that the client, still sending, gets the 413 rather
/// than a broken connection.
async fn read_limited(body: Body) -> Option<Vec<u8>> {
    use futures_util::StreamExt;
    let mut stream = body.into_data_stream();
    let mut kept = Vec::new();
    let mut seen = 0usize;
    while let Some(chunk) = stream.next().await {
        let Ok(chunk) = chunk else { return None };
        seen += chunk.len();
        if seen <= IMPORT_BYTES_MAX {
            kept.extend_from_slice(&chunk);
        } else if seen > 4 * IMPORT_BYTES_MAX {
            return None;
        }
    }
    (seen <= IMPORT_BYTES_MAX).then_some(kept)
}

/// The handler.
pub async fn import(State(state): State<AppState>, headers: HeaderMap, body: Body) -> Response {
    let workspace_id = match bearer(&headers) {
        Some(t) => match api_tokens::workspace_of(&state.db, t).await {
            Ok(Some(ws)) => ws,
            Ok(None) => return refusal(&headers, AppError::Unauthorized),
            Err(e) => return refusal(&headers, e),
        },
        None => return refusal(&headers, AppError::Unauthorized),
    };
    let bytes = match read_limited(body).await {
        Some(b) => b,
        None => return refusal(&headers, AppError::TooLarge { field: "body".into(), code: "file_too_large".into() }),
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return refusal(&headers, AppError::invalid("body", "bad_json"));
    };
    match run(&state.db, &workspace_id, text, locale_from_headers(&headers)).await {
        Ok(report) => (StatusCode::OK, axum::Json(report)).into_response(),
        Err(e) => refusal(&headers, e),
    }
}
