//! The client's portal: sign-in (password or secret link), password links, and the
//! portal's pages. Portal reads take `preview`: a client id that staff preview
//! through the very same code (read-only); empty for the signed-in client.
use crate::model::portal::*;
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
#[cfg(feature = "ssr")]
use crate::server::visits::Recorder;

/// The client's home: matters by firm with changes since the last visit. Client (or staff preview).
#[server(endpoint = "portal_home", input = Json)]
pub async fn portal_home(preview: String) -> Result<ClientHome, AppError> {
    let caller = crate::server::auth::client::portal_caller(Some(preview)).await?;
    let st = crate::server::state()?;
    let limits = st.settings.upload_limits();
    crate::server::portal::home(&st.db, &Recorder::current(&st.visits).await, &caller, limits).await
}

/// One shared matter, granted blocks only. Client (or staff preview).
#[server(endpoint = "portal_matter", input = Json)]
pub async fn portal_matter(matter_id: String, preview: String) -> Result<ClientMatter, AppError> {
    let caller = crate::server::auth::client::portal_caller(Some(preview)).await?;
    let st = crate::server::state()?;
    crate::server::portal::matter(&st.db, &Recorder::current(&st.visits).await, &caller, &matter_id).await
}

/// The client's contact card at each firm. Client (or staff preview).
#[server(endpoint = "portal_contact", input = Json)]
pub async fn portal_contact(preview: String) -> Result<Vec<ContactCard>, AppError> {
    let caller = crate::server::auth::client::portal_caller(Some(preview)).await?;
    let st = crate::server::state()?;
    crate::server::portal::contact(&st.db, &Recorder::current(&st.visits).await, &caller).await
}

/// Signs a client in with email and password. Public; rate limited; one generic error.
#[server(endpoint = "client_login", input = Json)]
pub async fn client_login(email: String, password: String) -> Result<(), AppError> {
    use crate::server::auth::{SESSION_CLIENT_EMAIL, client, identity, password as pw};
    use crate::server::repo::client_logins;
    let st = crate::server::state()?;
    let email = email.trim().to_lowercase();
    crate::server::auth::rate_limit::limit(&format!("client:{email}")).await?;
    let hash = client_logins::password_hash(&st.db, &email).await?;
    if !pw::verify(hash, password).await? || client::load_account(&st.db, &email).await?.is_none() {
        return Err(AppError::Unauthorized);
    }
    let session = identity::session().await?;
    client::sign_in(&session, SESSION_CLIENT_EMAIL, email).await
}

/// What an emailed password link is for, without spending it (mail scanners open
/// links). Public; `NotFound` for used, expired or unknown links.
#[server(endpoint = "client_token_info", input = Json)]
pub async fn client_token_info(token: String) -> Result<TokenInfo, AppError> {
    crate::server::repo::client_logins::token_info(&crate::server::state()?.db, &token).await
}

/// Spends an invitation or reset link: sets the password and signs the client in.
/// Public (the token is the credential).
#[server(endpoint = "set_client_password", input = Json)]
pub async fn set_client_password(token: String, password: String) -> Result<(), AppError> {
    use crate::server::auth::{SESSION_CLIENT_EMAIL, client, identity};
    let st = crate::server::state()?;
    crate::server::auth::rate_limit::limit(&format!("link:{token}")).await?;
    let email = crate::server::repo::client_logins::set_password(&st.db, &token, &password).await?;
    // A new password ends every session of the account; this browser signs in below.
    crate::server::auth::session_store::end_sessions(&st.db, &crate::server::auth::session_store::client_subject(&email), None).await?;
    if client::load_account(&st.db, &email).await?.is_some() {
        let session = identity::session().await?;
        client::sign_in(&session, SESSION_CLIENT_EMAIL, email).await?;
    }
    Ok(())
}

/// Emails a password reset link when the address has account access; answers the
/// same either way. Public; rate limited.
#[server(endpoint = "forgot_client_password", input = Json)]
pub async fn forgot_client_password(email: String) -> Result<(), AppError> {
    use crate::server::mail::{self, MailCtx, templates};
    use crate::server::repo::client_logins::{self, RESET_TTL_MS};
    let st = crate::server::state()?;
    let email = crate::model::fields::Email::parse("email", &email)?;
    crate::server::auth::rate_limit::limit(&format!("reset:{}", email.as_str())).await?;
    if client_logins::has_account_access(&st.db, email.as_str()).await? {
        let ctx = MailCtx::from_request().await?;
        let mut tx = st.db.begin().await?;
        let secret = client_logins::issue(&mut tx, "reset", email.as_str(), RESET_TTL_MS).await?;
        let url = format!("{}/portal/password/{secret}", ctx.base_url);
        mail::enqueue(&mut tx, &ctx.key, &templates::reset(ctx.locale, email.as_str(), &url)).await?;
        tx.commit().await?;
    }
    Ok(())
}
