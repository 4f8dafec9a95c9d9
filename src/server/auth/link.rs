//! Opening a secret link (`/l/{token}`): the token is exchanged for a session and
//! the browser lands on `/portal`, a URL without the token. Dead links land on a
//! page that says to ask the firm for a new one. A browser where staff are signed in
//! is asked first: the link would end that sign-in.
use super::client::{load_link, sign_in};
use super::tokens::hash_of;
use super::{SESSION_CLIENT_LINK, SESSION_STAFF};
use crate::i18n::Locale;
use crate::server::locale::locale_from_headers;
use crate::server::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

/// GET /l/{token}. In a browser where staff are signed in, it asks first: opening
/// the link would end that sign-in (`confirm_page`, whose button posts here).
pub async fn open(State(state): State<AppState>, session: Session, headers: HeaderMap, Path(token): Path<String>) -> Response {
    let staff_here = matches!(session.get::<String>(SESSION_STAFF).await, Ok(Some(_)));
    let live = match hash_of(&token) {
        Some(hash) => matches!(load_link(&state.db, &hash).await, Ok(Some(_))),
        None => false,
    };
    if staff_here && live {
        return confirm_page(locale_from_headers(&headers));
    }
    exchange(&state, &session, &token).await
}

/// POST /l/{token}: the answer to `confirm_page` (same-origin only, as every write).
pub async fn confirm(State(state): State<AppState>, session: Session, Path(token): Path<String>) -> Response {
    exchange(&state, &session, &token).await
}

/// Trades a live token for a client session and lands on `/portal`, or on the page
/// for dead links.
async fn exchange(state: &AppState, session: &Session, token: &str) -> Response {
    let to = match hash_of(token) {
        Some(hash) => match load_link(&state.db, &hash).await {
            Ok(Some(_)) => match sign_in(session, SESSION_CLIENT_LINK, hash).await {
                Ok(()) => "/portal",
                Err(_) => "/portal/link-invalid",
            },
            _ => "/portal/link-invalid",
        },
        None => "/portal/link-invalid",
    };
    ([(header::CACHE_CONTROL, "no-store")], Redirect::to(to)).into_response()
}

/// "You are signed in as staff here: open the client's link anyway?" A small page of
/// its own (no app code): the form posts to the same address, the other choice goes
/// back to the matters.
fn confirm_page(locale: Locale) -> Response {
    let (lang, title, text, open, stay) = match locale {
        Locale::en => (
            "en",
            "Open the client's link?",
            "You are signed in to Portico as staff in this browser. Opening this link ends that session and shows the portal as the client sees it.",
            "Open as the client",
            "Stay signed in as staff",
        ),
        _ => (
            "pt-BR",
            "Abrir o link do cliente?",
            "Você está conectado ao Portico como equipe neste navegador. Abrir este link encerra essa sessão e mostra o portal como o cliente o vê.",
            "Abrir como cliente",
            "Continuar como equipe",
        ),
    };
    let html = format!(
        r#"<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{title} · Portico</title>
<style>body{{font:16px/1.5 system-ui,sans-serif;background:#f5f6f8;color:#1e2a44;margin:0;display:grid;place-items:center;min-height:100vh}}main{{background:#fff;border-radius:12px;box-shadow:0 1px 3px #0002;padding:2rem;max-width:28rem;margin:1rem}}h1{{font-size:1.35rem;margin:0 0 .75rem}}.row{{display:flex;gap:.75rem;flex-wrap:wrap;margin-top:1.5rem}}button,a{{font:inherit;padding:.6rem 1rem;border-radius:8px;text-decoration:none}}button{{background:#1e2a44;color:#fff;border:0;cursor:pointer}}a{{color:#1e2a44;border:1px solid #c8cdd8}}</style></head>
<body><main><h1>{title}</h1><p>{text}</p><div class="row"><form method="post"><button type="submit">{open}</button></form><a href="/matters">{stay}</a></div></main></body></html>"#
    );
    (
        [(header::CACHE_CONTROL, "no-store"), (header::REFERRER_POLICY, "no-referrer"), (header::CONTENT_TYPE, "text/html; charset=utf-8")],
        html,
    )
        .into_response()
}
