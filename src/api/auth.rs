//! Sign-in, sign-out, the current user, and first-run setup.
use crate::model::people::Me;
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Signs a staff member in with email and password. Public; rate limited per
/// account and per address; the error never tells whether the email exists.
#[server(endpoint = "login", input = Json)]
pub async fn login(email: String, password: String) -> Result<Me, AppError> {
    use crate::server::auth::{identity, password as pw};
    use crate::server::repo::staff;
    let st = crate::server::state()?;
    let email = email.trim().to_lowercase();
    crate::server::auth::rate_limit::limit(&email).await?;
    let found = staff::login_lookup(&st.db, &email).await?;
    let (id, hash) = match found {
        Some((id, hash)) => (Some(id), Some(hash)),
        None => (None, None),
    };
    if !pw::verify(hash, password).await? {
        return Err(AppError::Unauthorized);
    }
    let id = id.ok_or(AppError::Unauthorized)?;
    let session = identity::session().await?;
    identity::sign_in(&session, &id).await?;
    let me = identity::load_staff(&st.db, &id).await?.ok_or(AppError::Unauthorized)?;
    staff::me(&st.db, &me).await
}

/// Ends the caller's session, server side. Public (a no-op when signed out). A
/// client's sign-out also tells the browser to delete what it kept of the portal.
#[server(endpoint = "logout", input = Json)]
pub async fn logout() -> Result<(), AppError> {
    let session = crate::server::auth::identity::session().await?;
    if crate::server::auth::client::sign_out(&session).await? {
        crate::server::offline::clear_site_data();
    }
    Ok(())
}

/// The signed-in staff member, or None. Public: answers only about the caller.
#[server(endpoint = "current_user", input = Json)]
pub async fn current_user() -> Result<Option<Me>, AppError> {
    match crate::server::auth::require_staff().await {
        Ok(s) => Ok(Some(crate::server::repo::staff::me(&crate::server::state()?.db, &s).await?)),
        Err(AppError::Unauthorized) => Ok(None),
        Err(e) => Err(e),
    }
}

/// True while no workspace exists (first run). Public.
#[server(endpoint = "setup_needed", input = Json)]
pub async fn setup_needed() -> Result<bool, AppError> {
    crate::server::repo::workspace::is_empty(&crate::server::state()?.db.pool).await
}

/// Creates the first workspace and its admin, and signs them in. Public, but only
/// while no workspace exists (afterwards: NotFound).
#[server(endpoint = "setup_workspace", input = Json)]
pub async fn setup_workspace(
    workspace_name: String,
    name: String,
    email: String,
    password: String,
) -> Result<Me, AppError> {
    use crate::server::auth::identity;
    use crate::server::repo::{staff, workspace};
    let st = crate::server::state()?;
    crate::server::auth::rate_limit::limit("setup").await?;
    let input = workspace::NewWorkspace { workspace_name, admin_name: name, admin_email: email, admin_password: password };
    let created = workspace::create(&st.db, input, true).await?;
    let session = identity::session().await?;
    identity::sign_in(&session, &created.admin_id).await?;
    let me = identity::load_staff(&st.db, &created.admin_id).await?.ok_or(AppError::Internal)?;
    staff::me(&st.db, &me).await
}
