//! Who is calling: passwords, sessions, login rate limits, secret tokens, and the
//! caller types (`Staff`, `Admin`, `PortalClient`) that only this module can make.
pub mod caller;
pub mod client;
pub mod client_addr;
pub mod identity;
pub mod link;
pub mod page_guard;
pub mod password;
pub mod rate_limit;
pub mod session_store;
pub mod tokens;

pub use client::{PortalClient, require_client};
pub use identity::{Admin, Staff, require_admin, require_staff};

/// Session key holding the signed-in staff member's id.
pub const SESSION_STAFF: &str = "staff_id";
/// Session key holding the email of a client signed in with a password.
pub const SESSION_CLIENT_EMAIL: &str = "client_email";
/// Session key holding the hash of the secret link a client opened the portal with.
pub const SESSION_CLIENT_LINK: &str = "client_link";
