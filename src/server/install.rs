//! The web app manifest that lets a client install the portal on a phone's home
//! screen: `/manifest.webmanifest?lang=pt-BR|en`, public (browsers fetch it without
//! cookies), the same for everyone but the language.
use crate::i18n::{Locale, td_string};
use leptos_i18n::Locale as _;
use axum::extract::Query;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// Where the manifest is served.
pub const PATH: &str = "/manifest.webmanifest";

#[derive(Deserialize)]
pub struct ManifestQuery {
    lang: Option<String>,
}

/// The manifest in the language of `?lang=` (else the browser's); an unknown
/// language is the caller's error (400).
pub async fn manifest(Query(q): Query<ManifestQuery>, headers: HeaderMap) -> Response {
    let locale = match q.lang.as_deref().map(str::parse::<Locale>) {
        None => super::locale::locale_from_headers(&headers),
        Some(Ok(l)) => l,
        Some(Err(_)) => return (StatusCode::BAD_REQUEST, "lang: pt-BR or en").into_response(),
    };
    let body = serde_json::json!({
        "id": "/portal",
        "name": td_string!(locale, install.name).to_string(),
        "short_name": td_string!(locale, install.short_name).to_string(),
        "description": td_string!(locale, install.description).to_string(),
        "lang": locale.as_str(),
        "dir": "ltr",
        "start_url": "/portal",
        "scope": "/portal",
        "display": "standalone",
        "theme_color": "#1e2a44",
        "background_color": "#f4f6fa",
        "icons": [
            {"src": "/icons/portico-192.png", "sizes": "192x192", "type": "image/png", "purpose": "any"},
            {"src": "/icons/portico-512.png", "sizes": "512x512", "type": "image/png", "purpose": "any"},
            {"src": "/icons/portico-maskable-512.png", "sizes": "512x512", "type": "image/png", "purpose": "maskable"},
            {"src": "/favicon.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any"}
        ]
    });
    ([(header::CONTENT_TYPE, "application/manifest+json")], body.to_string()).into_response()
}
