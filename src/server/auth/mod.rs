//! Who is calling: passwords, sessions, login rate limits, and the caller types
//! (`Staff`, `Admin`) that only this module can make.
pub mod identity;
pub mod page_guard;
pub mod password;
pub mod rate_limit;
pub mod session_store;

pub use identity::{Admin, Staff, require_admin, require_staff};

/// Session key holding the signed-in staff member's id.
pub const SESSION_STAFF: &str = "staff_id";
