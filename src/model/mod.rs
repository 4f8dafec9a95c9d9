//! Types shared by the server and the browser: DTOs the UI renders, kinds, and
//! domain values that parse.
/// Implements `ALL`, `as_str` and `parse` for an enum stored as text.
macro_rules! stored_enum {
    ($t:ident { $($v:ident = $s:literal),* $(,)? }) => {
        impl $t {
            /// Every value, in display order.
            pub const ALL: &'static [$t] = &[$($t::$v),*];
            /// Stored (and submitted) form.
            pub fn as_str(self) -> &'static str {
                match self { $($t::$v => $s),* }
            }
            /// Parses the stored or submitted form.
            pub fn parse(s: &str) -> Option<$t> {
                match s { $($s => Some($t::$v),)* _ => None }
            }
        }
    };
}

pub mod board;
pub mod cycle;
pub mod document;
pub mod error;
pub mod fields;
pub mod import;
pub mod matter;
pub mod movement;
pub mod people;
pub mod portal;
pub mod publication;
pub mod sharing;
pub mod ticket;

pub use error::AppError;

/// One option of a picker: an id and what the user reads.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Choice {
    pub id: String,
    pub label: String,
}
