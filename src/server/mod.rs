//! Server side only: settings, start-up, database, identities, repositories.
pub mod api_status;
pub mod attachments;
pub mod auth;
pub mod bench_data;
pub mod cli;
pub mod config;
pub mod csrf;
pub mod datajud;
pub mod db;
pub mod digest;
pub mod documents;
pub mod locale;
pub mod http_cache;
pub mod import;
pub mod install;
pub mod mail;
pub mod offline;
pub mod page_cache;
pub mod plain_forms;
pub mod portal;
pub mod repo;
pub mod secrets;
pub mod seed;
pub mod startup;
pub mod storage;
pub mod visits;

use crate::model::AppError;
use std::sync::Arc;

/// What every request handler can reach: put into the Leptos context per request.
#[derive(Clone, Debug)]
pub struct AppState {
    pub db: db::Db,
    pub settings: Arc<config::Settings>,
    pub limiter: Arc<auth::rate_limit::LoginLimiter>,
    /// Proxies whose forwarding headers name the client (`client_addr`).
    pub trusted_proxies: Arc<Vec<ipnet::IpNet>>,
    /// Where attachment bytes live.
    pub store: Arc<dyn storage::BlobStore>,
    pub leptos_options: leptos::config::LeptosOptions,
    /// Portal visits waiting to be written (a read never writes).
    pub visits: Arc<visits::Visits>,
    /// Signed-in pages kept while the database has not changed.
    pub page_cache: Arc<page_cache::PageCache>,
    /// Counters read by tests and the benchmark.
    pub metrics: Arc<Metrics>,
}

/// Counters of work done, for tests and benchmarks.
#[derive(Debug, Default)]
pub struct Metrics {
    /// Times a request's caller was resolved from its session (once per request at most).
    pub caller_resolutions: std::sync::atomic::AtomicU64,
    /// Pages answered from the page cache.
    pub page_cache_hits: std::sync::atomic::AtomicU64,
    /// Cacheable pages that had to be rendered.
    pub page_cache_misses: std::sync::atomic::AtomicU64,
}

impl axum::extract::FromRef<AppState> for leptos::config::LeptosOptions {
    fn from_ref(s: &AppState) -> Self {
        s.leptos_options.clone()
    }
}

/// The state of the running app, from the request's Leptos context.
pub fn state() -> Result<AppState, AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from context");
        AppError::Internal
    })
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        match e {
            sqlx::Error::RowNotFound => AppError::NotFound,
            e => {
                tracing::error!(error = %e, "database error");
                AppError::Internal
            }
        }
    }
}

/// Logs an unexpected failure and turns it into the generic internal error.
pub fn internal(context: &str, e: impl std::fmt::Display) -> AppError {
    tracing::error!(error = %e, "{context}");
    AppError::Internal
}
