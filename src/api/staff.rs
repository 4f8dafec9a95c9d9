//! Staff accounts and teams. Listing teams is for all staff; the rest for admins.
use crate::model::people::{StaffMember, Team};
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Teams of the workspace. Staff.
#[server(endpoint = "list_teams", input = Json)]
pub async fn list_teams() -> Result<Vec<Team>, AppError> {
    let staff = crate::server::auth::require_staff().await?;
    crate::server::repo::staff::teams(&crate::server::state()?.db, &staff).await
}

/// Every staff member of the workspace. Admin.
#[server(endpoint = "list_staff", input = Json)]
pub async fn list_staff() -> Result<Vec<StaffMember>, AppError> {
    let admin = crate::server::auth::require_admin().await?;
    crate::server::repo::staff::list(&crate::server::state()?.db, admin.staff()).await
}

/// Adds a staff member with an initial password. Admin.
#[server(endpoint = "add_staff", input = Json)]
pub async fn add_staff(name: String, email: String, role: String, password: String) -> Result<String, AppError> {
    let admin = crate::server::auth::require_admin().await?;
    crate::server::repo::staff::add(&crate::server::state()?.db, &admin, &name, &email, &role, &password).await
}

/// Sets a new password for a staff member. Admin.
#[server(endpoint = "reset_staff_password", input = Json)]
pub async fn reset_staff_password(staff_id: String, password: String) -> Result<(), AppError> {
    use crate::server::auth::{identity, session_store};
    let admin = crate::server::auth::require_admin().await?;
    let db = &crate::server::state()?.db;
    crate::server::repo::staff::reset_password(db, &admin, &staff_id, &password).await?;
    // Their other sessions end (an admin resetting their own keeps this one).
    let keep = identity::session().await?.id();
    session_store::end_sessions(db, &session_store::staff_subject(&staff_id), keep).await?;
    Ok(())
}

/// Deactivates (or reactivates) a staff member. Admin.
#[server(endpoint = "set_staff_active", input = Json)]
pub async fn set_staff_active(staff_id: String, active: bool) -> Result<(), AppError> {
    let admin = crate::server::auth::require_admin().await?;
    crate::server::repo::staff::set_active(&crate::server::state()?.db, &admin, &staff_id, active).await
}

/// Changes a staff member's role. Admin.
#[server(endpoint = "set_staff_role", input = Json)]
pub async fn set_staff_role(staff_id: String, role: String) -> Result<(), AppError> {
    let admin = crate::server::auth::require_admin().await?;
    crate::server::repo::staff::set_role(&crate::server::state()?.db, &admin, &staff_id, &role).await
}

/// Creates a team (empty `team_id`) or renames it and sets its members. Admin.
#[server(endpoint = "save_team", input = Json)]
pub async fn save_team(team_id: String, name: String, member_ids: Vec<String>) -> Result<String, AppError> {
    let admin = crate::server::auth::require_admin().await?;
    let id = Some(team_id.as_str()).filter(|t| !t.is_empty());
    crate::server::repo::staff::save_team(&crate::server::state()?.db, &admin, id, &name, &member_ids).await
}
