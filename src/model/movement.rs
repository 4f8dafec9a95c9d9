//! Movements ("andamentos") of a matter and the glossary that explains them.
use serde::{Deserialize, Serialize};

/// Where a movement came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MovementSource {
    /// Written by staff.
    Manual,
    /// Fetched from the CNJ DataJud public API.
    DataJud,
    /// Sent through the import endpoint or the CLI.
    Import,
}

stored_enum!(MovementSource { Manual = "manual", DataJud = "datajud", Import = "import" });

impl MovementSource {
    /// Whether a movement from this source is an automatic one (the block
    /// "automatic movements"); manual ones have a block of their own.
    pub fn automatic(self) -> bool {
        self != MovementSource::Manual
    }
}

/// A movement as staff see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Movement {
    pub id: String,
    /// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`.
    pub occurred_at: String,
    pub text: String,
    pub source: MovementSource,
    /// Who wrote it (manual movements).
    pub author: Option<String>,
    /// The glossary's explanation for a phrase in the text, if one matches.
    pub explanation: Option<String>,
}

/// A matter's movements page: which matter, and its movements, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatterMovements {
    pub matter_id: String,
    pub title: String,
    pub reference: String,
    pub items: Vec<Movement>,
    /// Today's date (`YYYY-MM-DD`), the form's default.
    pub today: String,
    /// Whether "Atualizar agora" can fetch this matter from DataJud (the sync is on
    /// and the matter is a legal one with a reference).
    pub can_sync: bool,
    /// The last DataJud sync of this matter, if there was one.
    pub sync: Option<SyncStatus>,
}

/// The outcome of a matter's last DataJud sync.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SyncStatus {
    /// Epoch milliseconds.
    pub at: i64,
    /// `ok`, or the translation key of what went wrong (`bad_number`,
    /// `unknown_court`, `court_down`, `court_timeout`, `court_refused_key`,
    /// `bad_answer`, `not_at_court`).
    pub status: String,
    /// Movements added by that sync.
    pub added: i64,
}

/// What staff type for a manual movement.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MovementInput {
    /// `YYYY-MM-DD`.
    pub on: String,
    pub text: String,
}

/// A glossary entry: a phrase found in movements and its plain-language meaning.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GlossaryEntry {
    pub id: String,
    pub phrase: String,
    pub explanation: String,
}

/// What staff type for a glossary entry.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GlossaryInput {
    pub phrase: String,
    pub explanation: String,
}

/// Maximum length of a movement's text.
pub const MOVEMENT_MAX: usize = 4_000;
/// Maximum length of a glossary phrase.
pub const PHRASE_MAX: usize = 200;
/// Maximum length of a glossary explanation.
pub const EXPLANATION_MAX: usize = 1_000;

/// The explanation of the first (longest) glossary phrase found in `text`, compared
/// without case. `entries` are (lower-cased phrase, explanation), longest first.
pub fn explain<'a>(entries: &'a [(String, String)], text: &str) -> Option<&'a str> {
    let lower = text.to_lowercase();
    entries.iter().find(|(k, _)| !k.is_empty() && lower.contains(k.as_str())).map(|(_, e)| e.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_matching_phrase_explains_a_movement() {
        let g = vec![
            ("conclusos para despacho".to_string(), "O processo está com o juiz.".to_string()),
            ("conclusos".to_string(), "Com o juiz.".to_string()),
        ];
        assert_eq!(explain(&g, "Autos CONCLUSOS PARA DESPACHO em 10/05"), Some("O processo está com o juiz."));
        assert_eq!(explain(&g, "Conclusos para decisão"), Some("Com o juiz."));
        assert_eq!(explain(&g, "Juntada de petição"), None);
    }
}
