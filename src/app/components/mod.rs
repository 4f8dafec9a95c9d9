//! Reusable pieces of the staff UI.
pub mod board;
pub mod forms;
pub mod layout;
pub mod text;
pub mod timeline;
