//! A matter's documents: files staff upload, each shared with clients or not.
use serde::{Deserialize, Serialize};

/// A document as staff see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    /// Epoch milliseconds.
    pub created_at: i64,
    /// Who uploaded it.
    pub uploaded_by: Option<String>,
    /// Whether clients with the documents block may download it.
    pub shared: bool,
}

/// A matter's documents page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatterDocuments {
    pub matter_id: String,
    pub title: String,
    pub reference: String,
    /// Newest first.
    pub items: Vec<Document>,
    /// The largest file accepted, in bytes (checked in the browser before sending).
    pub max_file_bytes: u64,
}
