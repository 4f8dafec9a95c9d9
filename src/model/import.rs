//! The import of movements from other feeds: the workspace's API tokens and the
//! report of one import (what happened to each line).
use serde::{Deserialize, Serialize};

/// An API token as admins see it (never the secret, which is shown once).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiToken {
    pub id: String,
    pub name: String,
    /// The secret's last four characters, to tell tokens apart.
    pub hint: String,
    pub created_by: Option<String>,
    /// Unix milliseconds.
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

/// A token just made: the only time its secret is shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewApiToken {
    pub id: String,
    pub secret: String,
}

/// The longest token name.
pub const TOKEN_NAME_MAX: usize = 80;
/// The most tokens in use (not revoked) a workspace has at once.
pub const TOKENS_MAX: i64 = 20;
/// The most lines one import takes.
pub const IMPORT_LINES_MAX: usize = 5_000;
/// The largest import body, in bytes.
pub const IMPORT_BYTES_MAX: usize = 5 * 1024 * 1024;

/// What happened to one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LineResult {
    /// A new movement.
    Added,
    /// That feed had already brought this movement (same source and id): nothing changed.
    Skipped,
    /// Not taken; `field` and `code` say why.
    Refused,
}

/// One line's outcome. `line` counts from 1, blank lines included.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LineOutcome {
    pub line: usize,
    pub result: LineResult,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The reason's code (a translation key under `errors`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The reason in the caller's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// The report of one import.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportReport {
    pub added: usize,
    pub skipped: usize,
    pub refused: usize,
    pub lines: Vec<LineOutcome>,
}
