//! One module per area; page components end in `Page`.
pub mod accesses;
pub mod auth;
pub mod clients;
pub mod documents;
pub mod matter;
pub mod matter_form;
pub mod matters;
pub mod movements;
pub mod glossary;
pub mod integrations;
pub mod portal;
pub mod portal_auth;
pub mod portal_new_ticket;
pub mod portal_tickets;
pub mod publications;
pub mod staff;
pub mod tickets;
