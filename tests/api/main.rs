//! Integration tests: every test runs on SQLite and on PostgreSQL.
mod helpers;

mod at_rest;
mod attachments;
mod auth;
mod board;
mod clients;
mod cycles;
mod datajud;
mod digest;
mod documents;
mod hostile;
mod import;
mod install;
mod isolation;
mod matters;
mod movements;
mod sessions;
mod sharing;
mod mail;
mod offline;
mod page_cache;
mod portal_reads;
mod proxy;
mod publications;
mod staff;
mod tickets;
