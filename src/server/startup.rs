//! Building the app (state, router, layers) and serving it.
use super::auth::rate_limit::LoginLimiter;
use super::auth::session_store::DbSessionStore;
use super::config::Settings;
use super::db::Db;
use super::{AppState, api_status, csrf, http_cache};
use crate::app::{App, shell};
use axum::Router;
use axum::http::{Extensions, HeaderMap, HeaderValue, StatusCode, Version, header};
use tower_http::compression::predicate::{DefaultPredicate, Predicate};
use tower_http::compression::CompressionLayer;
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use std::sync::Arc;
use std::time::Duration;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

/// Connects to the database (migrating it) and makes the shared state.
pub async fn state(settings: Settings) -> anyhow::Result<AppState> {
    std::fs::create_dir_all(&settings.data_dir)?;
    let db = Db::connect(&settings.database_url(), super::secrets::SealKey::from_settings(&settings)?).await?;
    super::page_cache::version::prepare(&db).await?;
    super::repo::glossary::seed_starter(&db).await?;
    let page_cache = Arc::new(super::page_cache::PageCache::new(
        &super::db::connect_url(&settings.database_url()),
        db.backend,
        settings.page_cache_ms,
        settings.page_cache_bytes,
    ));
    // A release build by cargo-leptos (hash-files) leaves hash.txt beside the binary:
    // the page then names the hashed, immutable assets.
    let hashed = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(|d| d.join("hash.txt").is_file()))
        .unwrap_or(false);
    let leptos_options = leptos::config::LeptosOptions::builder()
        .output_name("portico")
        .site_root(settings.site_root.display().to_string())
        .site_pkg_dir("pkg")
        .site_addr(settings.addr)
        .hash_files(hashed)
        .build();
    let limiter = Arc::new(LoginLimiter::new(
        settings.login_per_account_per_minute,
        settings.login_per_address_per_minute,
    ));
    let store: Arc<dyn super::storage::BlobStore> = Arc::new(super::storage::LocalDisk::new(settings.attachments_dir())?);
    let trusted_proxies = super::auth::client_addr::parse_trusted(&settings.trusted_proxies)
        .map_err(|e| anyhow::anyhow!("PORTICO_TRUSTED_PROXIES: {e}"))?;
    Ok(AppState {
        db,
        trusted_proxies: Arc::new(trusted_proxies),
        settings: Arc::new(settings),
        limiter,
        store,
        leptos_options,
        visits: Default::default(),
        page_cache,
        metrics: Default::default(),
    })
}

/// The app's routes, listed once per process. Listing runs the app with resource
/// loading suppressed for the whole process (leptos_server's `SuppressResourceLoad`,
/// a global flag): a page of another app in the same process whose resource is first
/// polled meanwhile waits forever (leptos issue #4773). Several apps share one
/// process in the tests, and every intermittent test hang so far was this.
pub fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The whole HTTP app: server fns under /api, pages, static files, sessions.
pub fn router(state: AppState) -> Router {
    let routes = route_list();
    let sessions = SessionManagerLayer::new(DbSessionStore::new(state.db.clone()))
        .with_name("portico_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.settings.secure_cookies())
        .with_expiry(Expiry::OnInactivity(tower_sessions::cookie::time::Duration::milliseconds(super::auth::session_store::SESSION_TTL_MS)));
    let ctx_state = state.clone();
    let fn_state = state.clone();
    let opts = state.leptos_options.clone();
    Router::new()
        .route("/l/{token}", axum::routing::get(super::auth::link::open).post(super::auth::link::confirm))
        .route(super::install::PATH, axum::routing::get(super::install::manifest))
        .route(super::offline::WORKER_PATH, axum::routing::get(super::offline::worker))
        .route(super::offline::SCRIPT_PATH, axum::routing::get(super::offline::page_script))
        .route(super::plain_forms::LANG_PATH, axum::routing::get(super::plain_forms::set_language))
        .route(super::plain_forms::PORTAL_LOGOUT_PATH, axum::routing::post(super::plain_forms::portal_logout))
        .route(super::digest::FORM_PATH, axum::routing::post(super::digest::set))
        .route(
            "/files/tickets/{ticket_id}",
            axum::routing::put(super::attachments::upload).layer(axum::extract::DefaultBodyLimit::disable()),
        )
        .route(
            "/files/matters/{matter_id}",
            axum::routing::put(super::documents::upload).layer(axum::extract::DefaultBodyLimit::disable()),
        )
        .route("/files/{id}", axum::routing::get(super::attachments::download))
        .route(
            super::import::PATH,
            axum::routing::post(super::import::http::import).layer(axum::extract::DefaultBodyLimit::disable()),
        )
        .route(
            "/api/{*fn_name}",
            axum::routing::post(move |req: axum::extract::Request| {
                let st = fn_state.clone();
                async move { leptos_axum::handle_server_fns_with_context(move || provide_context(st.clone()), req).await }
            }),
        )
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(ctx_state.clone()),
            move || shell(opts.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(axum::middleware::from_fn_with_state(state.clone(), super::auth::page_guard::staff_pages))
        .layer(axum::middleware::from_fn_with_state(state.clone(), super::offline::mark))
        .layer(axum::middleware::from_fn(api_status::error_status))
        .layer(axum::middleware::from_fn(csrf::same_origin_only))
        .layer(axum::middleware::from_fn(super::auth::caller::provide_slot))
        .layer(axum::middleware::from_fn(super::auth::session_store::slide))
        .layer(sessions)
        .layer(axum::middleware::from_fn(http_cache::cache_control))
        // Pages and JSON are compressed per answer (brotli level 4 or gzip); assets
        // come precompressed from the build (`.br`/`.gz` beside each file) and are
        // sent as they are; downloads (with Content-Disposition) are left alone.
        .layer(CompressionLayer::new().compress_when(DefaultPredicate::new().and(
            |_: StatusCode, _: Version, h: &HeaderMap, _: &Extensions| !h.contains_key(header::CONTENT_DISPOSITION),
        )))
        // Signed-in pages, compressed as sent, kept while the database is unchanged.
        .layer(axum::middleware::from_fn_with_state(state.clone(), super::page_cache::serve))
        .layer(SetResponseHeaderLayer::if_not_present(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::if_not_present(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .with_state(state)
}

/// Periodic housekeeping: expired sessions, idle rate-limit keys, orphan files.
pub fn spawn_housekeeping(state: &AppState) {
    let store = DbSessionStore::new(state.db.clone());
    let limiter = state.limiter.clone();
    let st = state.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(600));
        loop {
            tick.tick().await;
            if let Err(e) = store.delete_expired().await {
                tracing::warn!(error = %e, "deleting expired sessions");
            }
            if let Err(e) = limiter.sweep(&st.db).await {
                tracing::warn!(error = ?e, "sweeping rate counts");
            }
            match super::attachments::sweep(&st, Duration::from_secs(3600)).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(removed = n, "orphan attachment files removed"),
                Err(e) => tracing::warn!(error = %e, "attachment sweep"),
            }
        }
    });
}

/// Starts the outbox worker (SMTP, or .eml files without SMTP).
/// With `log_links` (the demo only), the links of mail written as files are logged.
pub fn spawn_mail(state: &AppState, log_links: bool) -> anyhow::Result<()> {
    let s = &state.settings;
    let transport = super::mail::transport::Transport::new(s.smtp_url().as_deref(), s.mail_dir(), log_links)?;
    match s.smtp_url() {
        Some(_) => tracing::info!("mail goes out by SMTP"),
        None => tracing::info!(dir = %s.mail_dir().display(), "no SMTP configured: mail is written as .eml files"),
    }
    super::mail::worker::spawn(state.db.clone(), transport, s.mail_from.clone(), Duration::from_millis(s.mail_poll_ms.max(50)));
    Ok(())
}

/// Starts the DataJud sync when an API key is set.
pub fn spawn_datajud(state: &AppState) {
    match super::datajud::DataJud::from_settings(&state.settings) {
        Some(dj) => {
            let every = Duration::from_secs(state.settings.datajud_interval_minutes.max(1) * 60);
            tracing::info!(url = %state.settings.datajud_url, minutes = every.as_secs() / 60, "DataJud sync on");
            super::datajud::spawn(state.db.clone(), dj, every);
        }
        None => tracing::info!("DataJud sync off (PORTICO_DATAJUD_API_KEY is not set)"),
    }
}

/// Starts the writer of buffered portal visits.
pub fn spawn_visits(state: &AppState) {
    let every = Duration::from_millis(state.settings.visit_flush_ms.max(10));
    super::visits::spawn_flusher(state.visits.clone(), state.db.clone(), every);
}

/// Serves until Ctrl-C / SIGTERM, then writes the buffered visits.
/// `demo`: `serve --demo`, whose mail links are logged (no SMTP there).
pub async fn serve(state: AppState, demo: bool) -> anyhow::Result<()> {
    spawn_housekeeping(&state);
    spawn_mail(&state, demo)?;
    spawn_visits(&state);
    spawn_datajud(&state);
    super::digest::spawn(state.db.clone(), state.settings.public_url(), Duration::from_secs(3600));
    let listener = tokio::net::TcpListener::bind(state.settings.addr).await?;
    let app = router(state.clone());
    axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    match state.visits.flush(&state.db).await {
        Ok(n) => tracing::info!(visits = n, "visit log written"),
        Err(e) => tracing::warn!(error = ?e, "could not write the last visits"),
    }
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down");
}
