//! The one error type that crosses the wire. Its messages are translation keys:
//! the UI turns them into the user's language; internals stay in the server log.
use serde::{Deserialize, Serialize};
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};

/// What went wrong, in terms a user can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// No valid session, or the credentials were wrong.
    #[error("unauthorized")]
    Unauthorized,
    /// Missing, or not visible to this caller (never "forbidden": that would tell it exists).
    #[error("not found")]
    NotFound,
    /// Bad input in `field`; `code` is the translation key of the message.
    #[error("invalid {field}: {code}")]
    Invalid { field: String, code: String },
    /// Some items of a list field were refused (e.g. bad addresses); `items` names them.
    #[error("rejected {field}: {code}: {items:?}")]
    Rejected { field: String, code: String, items: Vec<String> },
    /// An upload over a size limit (HTTP 413); nothing was kept.
    #[error("too large {field}: {code}")]
    TooLarge { field: String, code: String },
    /// The change clashes with existing data (e.g. an email already in use).
    #[error("conflict {field}: {code}")]
    Conflict { field: String, code: String },
    /// A request the server could not read (a body that is not the call's arguments).
    #[error("bad request")]
    BadRequest,
    /// Too many attempts; try again later.
    #[error("rate limited")]
    RateLimited,
    /// Cross-site or otherwise refused request.
    #[error("forbidden")]
    Forbidden,
    /// Something broke on our side; details are in the server log only.
    #[error("internal error")]
    Internal,
}

impl AppError {
    /// Bad input in one field.
    pub fn invalid(field: &str, code: &str) -> Self {
        AppError::Invalid { field: field.into(), code: code.into() }
    }
    /// A clash with existing data in one field.
    pub fn conflict(field: &str, code: &str) -> Self {
        AppError::Conflict { field: field.into(), code: code.into() }
    }
    /// Some items of a list field refused for `code`.
    pub fn rejected(field: &str, code: &str, items: Vec<String>) -> Self {
        AppError::Rejected { field: field.into(), code: code.into(), items }
    }
    /// The field this error belongs to, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            AppError::Invalid { field, .. }
            | AppError::Conflict { field, .. }
            | AppError::Rejected { field, .. }
            | AppError::TooLarge { field, .. } => Some(field),
            _ => None,
        }
    }
    /// Translation key of the user-facing message.
    pub fn code(&self) -> &str {
        match self {
            AppError::Unauthorized => "unauthorized",
            AppError::NotFound => "not_found",
            AppError::Invalid { code, .. }
            | AppError::Conflict { code, .. }
            | AppError::Rejected { code, .. }
            | AppError::TooLarge { code, .. } => code,
            AppError::BadRequest => "bad_request",
            AppError::RateLimited => "rate_limited",
            AppError::Forbidden => "forbidden",
            AppError::Internal => "internal",
        }
    }
    /// HTTP status used when this error answers a request.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthorized => 401,
            AppError::NotFound => 404,
            AppError::Invalid { .. } | AppError::Rejected { .. } => 422,
            AppError::TooLarge { .. } => 413,
            AppError::Conflict { .. } => 409,
            AppError::BadRequest => 400,
            AppError::RateLimited => 429,
            AppError::Forbidden => 403,
            AppError::Internal => 500,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => AppError::BadRequest,
            // On the server this is the arguments' body failing to decode: the
            // caller's error. In the browser it is our answer failing to decode.
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Deserialization(_) => AppError::BadRequest,
            ServerFnErrorErr::Request(_) => AppError::invalid("form", "offline"),
            _ => AppError::Internal,
        }
    }
}
