//! Types shared by the server and the browser: DTOs the UI renders, kinds, and
//! domain values that parse.
pub mod board;
pub mod error;
pub mod fields;
pub mod matter;
pub mod people;

pub use error::AppError;
