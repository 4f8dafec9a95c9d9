//! Reusable pieces of the staff UI.
pub mod budget;
pub mod board;
pub mod draft;
pub mod forms;
pub mod layout;
pub mod matter_tabs;
pub mod portal_blocks;
pub mod portal_layout;
pub mod share;
pub mod text;
pub mod timeline;
pub mod upload;
