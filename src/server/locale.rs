//! The request's language, for the few words the server writes into data
//! (default board column names).
use crate::i18n::{Locale, td_string};
use axum::http::{HeaderMap, header};

/// The locale chosen by cookie (leptos_i18n's), else by Accept-Language, else pt-BR.
pub async fn request_locale() -> Locale {
    let headers: HeaderMap = leptos_axum::extract().await.unwrap_or_default();
    locale_from_headers(&headers)
}

pub(crate) fn locale_from_headers(h: &HeaderMap) -> Locale {
    let cookie = h.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(';'));
    for c in cookie {
        if let Some(v) = c.trim().strip_prefix("i18n_pref_locale=") {
            return if v.starts_with("en") { Locale::en } else { Locale::pt_BR };
        }
    }
    match h.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()) {
        Some(a) if a.trim_start().starts_with("en") => Locale::en,
        _ => Locale::pt_BR,
    }
}

/// Names of the default board columns (to do, doing, done) in `locale`.
pub fn default_columns(locale: Locale) -> [String; 3] {
    [
        td_string!(locale, board.default_todo).to_string(),
        td_string!(locale, board.default_doing).to_string(),
        td_string!(locale, board.default_done).to_string(),
    ]
}

