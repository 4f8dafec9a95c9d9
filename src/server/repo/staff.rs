//! Staff accounts and teams of a workspace.
use super::flag;
use crate::model::fields::{Email, TITLE_MAX, new_password, required_text};
use crate::model::people::{Me, Role, StaffMember, Team};
use crate::model::AppError;
use crate::server::auth::{Admin, Staff, password};
use crate::server::db::{Db, is_unique_violation, new_id, now_ms};

/// Id and password hash of the active staff account with this email, for login.
pub async fn login_lookup(db: &Db, email: &str) -> Result<Option<(String, String)>, AppError> {
    Ok(sqlx::query_as("SELECT id, password_hash FROM staff WHERE email = $1 AND active = 1")
        .bind(email)
        .fetch_optional(&db.pool)
        .await?)
}

/// The caller's own profile.
pub async fn me(db: &Db, staff: &Staff) -> Result<Me, AppError> {
    let (id, name, email, role, ws): (String, String, String, String, String) = sqlx::query_as(
        "SELECT s.id, s.name, s.email, s.role, w.name FROM staff s \
         JOIN workspaces w ON w.id = s.workspace_id WHERE s.id = $1 AND s.workspace_id = $2",
    )
    .bind(staff.id())
    .bind(staff.workspace_id())
    .fetch_one(&db.pool)
    .await?;
    Ok(Me { id, name, email, role: Role::parse(&role).unwrap_or(Role::Member), workspace_name: ws })
}

/// Every staff member of the workspace, with team names.
pub async fn list(db: &Db, staff: &Staff) -> Result<Vec<StaffMember>, AppError> {
    let rows: Vec<(String, String, String, String, i64)> = sqlx::query_as(
        "SELECT id, name, email, role, active FROM staff WHERE workspace_id = $1 ORDER BY name",
    )
    .bind(staff.workspace_id())
    .fetch_all(&db.pool)
    .await?;
    let memberships: Vec<(String, String)> = sqlx::query_as(
        "SELECT tm.staff_id, t.name FROM team_members tm JOIN teams t ON t.id = tm.team_id \
         WHERE t.workspace_id = $1 ORDER BY t.name",
    )
    .bind(staff.workspace_id())
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, email, role, active)| StaffMember {
            teams: memberships.iter().filter(|(s, _)| *s == id).map(|(_, t)| t.clone()).collect(),
            id,
            name,
            email,
            role: Role::parse(&role).unwrap_or(Role::Member),
            active: flag(active),
        })
        .collect())
}

/// Refuses an email that belongs to a client of this workspace.
async fn ensure_not_client(db: &Db, workspace_id: &str, email: &str) -> Result<(), AppError> {
    let hit: Option<(i64,)> = sqlx::query_as("SELECT 1 FROM clients WHERE workspace_id = $1 AND email = $2")
        .bind(workspace_id)
        .bind(email)
        .fetch_optional(&db.pool)
        .await?;
    if hit.is_some() { Err(AppError::conflict("email", "email_is_client")) } else { Ok(()) }
}

/// Adds a staff member with an initial password. Admin only.
pub async fn add(db: &Db, admin: &Admin, name: &str, email: &str, role: &str, pw: &str) -> Result<String, AppError> {
    let ws = admin.staff().workspace_id();
    let name = required_text("name", name, TITLE_MAX)?;
    let email = Email::parse("email", email)?;
    let role = Role::parse(role).ok_or_else(|| AppError::invalid("role", "bad_choice"))?;
    let pw = new_password("password", pw)?;
    ensure_not_client(db, ws, email.as_str()).await?;
    let hash = password::hash(pw).await?;
    let id = new_id();
    sqlx::query(
        "INSERT INTO staff (id, workspace_id, email, name, password_hash, role, active, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 1, $7)",
    )
    .bind(&id)
    .bind(ws)
    .bind(email.as_str())
    .bind(&name)
    .bind(&hash)
    .bind(role.as_str())
    .bind(now_ms())
    .execute(&db.pool)
    .await
    .map_err(|e| if is_unique_violation(&e) { AppError::conflict("email", "email_taken") } else { e.into() })?;
    Ok(id)
}

/// Sets a new password for a staff member of the admin's workspace.
pub async fn reset_password(db: &Db, admin: &Admin, staff_id: &str, pw: &str) -> Result<(), AppError> {
    let pw = new_password("password", pw)?;
    let hash = password::hash(pw).await?;
    let r = sqlx::query("UPDATE staff SET password_hash = $1 WHERE id = $2 AND workspace_id = $3")
        .bind(hash)
        .bind(staff_id)
        .bind(admin.staff().workspace_id())
        .execute(&db.pool)
        .await?;
    if r.rows_affected() == 0 { Err(AppError::NotFound) } else { Ok(()) }
}

/// Activates or deactivates a staff member (an admin cannot deactivate themself).
/// A deactivated member's sessions stop working on their next request.
pub async fn set_active(db: &Db, admin: &Admin, staff_id: &str, active: bool) -> Result<(), AppError> {
    if staff_id == admin.staff().id() && !active {
        return Err(AppError::invalid("staff", "cannot_deactivate_self"));
    }
    let r = sqlx::query("UPDATE staff SET active = $1 WHERE id = $2 AND workspace_id = $3")
        .bind(active as i64)
        .bind(staff_id)
        .bind(admin.staff().workspace_id())
        .execute(&db.pool)
        .await?;
    if r.rows_affected() == 0 { Err(AppError::NotFound) } else { Ok(()) }
}

/// Changes a staff member's role (an admin cannot demote themself).
pub async fn set_role(db: &Db, admin: &Admin, staff_id: &str, role: &str) -> Result<(), AppError> {
    let role = Role::parse(role).ok_or_else(|| AppError::invalid("role", "bad_choice"))?;
    if staff_id == admin.staff().id() && role != Role::Admin {
        return Err(AppError::invalid("role", "cannot_demote_self"));
    }
    let r = sqlx::query("UPDATE staff SET role = $1 WHERE id = $2 AND workspace_id = $3")
        .bind(role.as_str())
        .bind(staff_id)
        .bind(admin.staff().workspace_id())
        .execute(&db.pool)
        .await?;
    if r.rows_affected() == 0 { Err(AppError::NotFound) } else { Ok(()) }
}

/// Teams of the caller's workspace, with member ids.
pub async fn teams(db: &Db, staff: &Staff) -> Result<Vec<Team>, AppError> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT id, name FROM teams WHERE workspace_id = $1 ORDER BY name")
            .bind(staff.workspace_id())
            .fetch_all(&db.pool)
            .await?;
    let members: Vec<(String, String)> = sqlx::query_as(
        "SELECT tm.team_id, tm.staff_id FROM team_members tm JOIN teams t ON t.id = tm.team_id \
         WHERE t.workspace_id = $1",
    )
    .bind(staff.workspace_id())
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| Team {
            member_ids: members.iter().filter(|(t, _)| *t == id).map(|(_, s)| s.clone()).collect(),
            id,
            name,
        })
        .collect())
}

/// Creates a team, or renames it and sets its members when `team_id` is given.
pub async fn save_team(
    db: &Db,
    admin: &Admin,
    team_id: Option<&str>,
    name: &str,
    member_ids: &[String],
) -> Result<String, AppError> {
    let ws = admin.staff().workspace_id();
    let name = required_text("name", name, TITLE_MAX)?;
    let mut tx = db.begin().await?;
    let id = match team_id {
        Some(id) => {
            let r = sqlx::query("UPDATE teams SET name = $1 WHERE id = $2 AND workspace_id = $3")
                .bind(&name)
                .bind(id)
                .bind(ws)
                .execute(&mut *tx)
                .await
                .map_err(|e| if is_unique_violation(&e) { AppError::conflict("name", "name_taken") } else { e.into() })?;
            if r.rows_affected() == 0 {
                return Err(AppError::NotFound);
            }
            sqlx::query("DELETE FROM team_members WHERE team_id = $1").bind(id).execute(&mut *tx).await?;
            id.to_string()
        }
        None => {
            let id = new_id();
            sqlx::query("INSERT INTO teams (id, workspace_id, name, created_at) VALUES ($1, $2, $3, $4)")
                .bind(&id)
                .bind(ws)
                .bind(&name)
                .bind(now_ms())
                .execute(&mut *tx)
                .await
                .map_err(|e| if is_unique_violation(&e) { AppError::conflict("name", "name_taken") } else { e.into() })?;
            id
        }
    };
    let unique: std::collections::BTreeSet<&String> = member_ids.iter().collect();
    for sid in unique {
        let r = sqlx::query(
            "INSERT INTO team_members (team_id, staff_id) SELECT $1, id FROM staff WHERE id = $2 AND workspace_id = $3",
        )
        .bind(&id)
        .bind(sid)
        .bind(ws)
        .execute(&mut *tx)
        .await?;
        if r.rows_affected() == 0 {
            return Err(AppError::invalid("members", "not_found"));
        }
    }
    tx.commit().await?;
    Ok(id)
}
