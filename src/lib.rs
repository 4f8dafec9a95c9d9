//! Portico: a client portal for service firms. One crate: the server (`ssr`)
//! and the browser app (`hydrate`) share `app`, `api` and `model`.
#![recursion_limit = "256"]
include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub mod api;
pub mod app;
pub mod model;
#[cfg(feature = "ssr")]
pub mod server;

/// Browser entry point: hydrates the server-rendered page, loading the page's own
/// chunk first (every route is lazy: `app::lazy_pages`).
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_lazy(app::App);
}
