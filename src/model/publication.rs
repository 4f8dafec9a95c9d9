//! Publications ("publicações") of a matter: what the official journals published.
//! Staff review each one; clients see reviewed ones only.
use serde::{Deserialize, Serialize};

/// Where a publication came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PublicationSource {
    /// Typed by staff.
    Manual,
    /// Sent through the import endpoint or the CLI.
    Import,
}

stored_enum!(PublicationSource { Manual = "manual", Import = "import" });

/// A publication as staff see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Publication {
    pub id: String,
    /// `YYYY-MM-DD`.
    pub published_on: String,
    /// The journal (e.g. "DJE-SP"); may be empty.
    pub journal: String,
    pub text: String,
    pub source: PublicationSource,
    /// Who typed it (manual ones).
    pub author: Option<String>,
    /// When staff reviewed it (epoch ms) and who; clients see it from then on.
    pub reviewed_at: Option<i64>,
    pub reviewed_by: Option<String>,
}

/// A matter's publications page: which matter, and its publications, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatterPublications {
    pub matter_id: String,
    pub title: String,
    pub reference: String,
    pub items: Vec<Publication>,
    /// Today's date (`YYYY-MM-DD`), the form's default.
    pub today: String,
}

/// What staff type for a publication.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PublicationInput {
    /// `YYYY-MM-DD`.
    pub on: String,
    pub journal: String,
    pub text: String,
}

/// Maximum length of a publication's text (journals publish whole decisions).
pub const PUBLICATION_MAX: usize = 20_000;
/// Maximum length of a journal's name.
pub const JOURNAL_MAX: usize = 80;
