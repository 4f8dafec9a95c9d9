//! Repositories by area. Every function that touches workspace data takes the
//! caller (`Staff`/`Admin`) and scopes its SQL by the caller's workspace.
pub mod api_tokens;
pub mod board;
pub mod client_logins;
pub mod client_tickets;
pub mod clients;
pub mod cycles;
pub mod documents;
pub mod glossary;
pub mod matters;
pub mod movements;
pub mod publications;
pub mod sharing;
pub mod staff;
pub mod tickets;
pub mod visibility;
pub mod workspace;

/// Converts a stored 0/1 flag.
pub fn flag(v: i64) -> bool {
    v != 0
}
