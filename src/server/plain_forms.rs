//! The actions of pages served without the wasm, as plain links and form posts:
//! the language switch and the client's sign-out. They work the same on pages that
//! load the wasm (a full page load instead of an in-page update).
use super::auth::client::sign_out;
use super::offline;
use axum::extract::{Path, Query};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use crate::i18n::Locale;
use serde::Deserialize;
use tower_sessions::Session;

/// Where the language switch points: `/lang/{pt-BR|en}?back=/path`.
pub const LANG_PATH: &str = "/lang/{tag}";
/// Where the portal's sign-out form posts.
pub const PORTAL_LOGOUT_PATH: &str = "/portal/logout";

#[derive(Deserialize)]
pub struct Back {
    back: Option<String>,
}

/// `back` when it is a path of this site (never another origin), else `fallback`.
pub fn local_path<'a>(back: Option<&'a str>, fallback: &'a str) -> &'a str {
    match back {
        Some(b) if b.starts_with('/') && !b.starts_with("//") && !b.contains('\\') && !b.chars().any(char::is_control) => b,
        _ => fallback,
    }
}

/// Remembers the language (leptos_i18n's cookie, a year) and goes back; 400 for an
/// unknown language.
pub async fn set_language(Path(tag): Path<String>, Query(q): Query<Back>) -> Response {
    let Ok(locale) = tag.parse::<Locale>() else {
        return (StatusCode::BAD_REQUEST, "language: pt-BR or en").into_response();
    };
    let cookie = format!(
        "i18n_pref_locale={}; Path=/; Max-Age=31536000; SameSite=Lax",
        leptos_i18n::Locale::as_str(locale)
    );
    let mut r = Redirect::to(local_path(q.back.as_deref(), "/portal")).into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        r.headers_mut().insert(header::SET_COOKIE, v);
    }
    r
}

/// Ends the session and lands on the portal's sign-in page; a client's browser is
/// told to delete what it kept of the portal.
pub async fn portal_logout(session: Session) -> Response {
    let client = match sign_out(&session).await {
        Ok(client) => client,
        // Logged where it happened (`internal`).
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let mut r = Redirect::to("/portal/login").into_response();
    if client {
        r.headers_mut().insert(offline::CLEAR_SITE_DATA, HeaderValue::from_static(offline::CLEAR_STORAGE));
    }
    r
}

#[cfg(test)]
mod tests {
    #[test]
    fn back_stays_on_this_site() {
        for (b, want) in [
            (Some("/portal/m/x?y=1"), "/portal/m/x?y=1"),
            (Some("https://evil.example/"), "/portal"),
            (Some("//evil.example/"), "/portal"),
            (Some("/\\evil.example"), "/portal"),
            (Some("portal"), "/portal"),
            (None, "/portal"),
        ] {
            assert_eq!(super::local_path(b, "/portal"), want, "{b:?}");
        }
    }
}
