//! Admin: staff accounts, roles, passwords, teams.
use crate::both;
use crate::helpers::*;
use portico::model::AppError;
use serde_json::json;

both!(admin_manages_staff_and_teams);

async fn admin_manages_staff_and_teams(app: TestApp) {
    let firm = app.firm("Equipe").await;
    let id = firm.admin.call("add_staff", json!({"name": "Nova", "email": "nova@equipe.example", "role": "member", "password": PASSWORD})).await.unwrap();
    let n = app.count("staff").await;
    assert_eq!(
        firm.admin.call("add_staff", json!({"name": "Dup", "email": "NOVA@equipe.example", "role": "member", "password": PASSWORD})).await,
        Err(AppError::conflict("email", "email_taken"))
    );
    assert_invalid(firm.admin.call("add_staff", json!({"name": "X", "email": "x@equipe.example", "role": "owner", "password": PASSWORD})).await, "role", "bad_choice");
    assert_invalid(firm.admin.call("add_staff", json!({"name": "X", "email": "x@equipe.example", "role": "member", "password": "123"})).await, "password", "password_short");
    assert_eq!(app.count("staff").await, n);
    // Reset password: the old one stops working.
    firm.admin.call("reset_staff_password", json!({"staff_id": id, "password": "another long secret"})).await.unwrap();
    assert_eq!(app.user().call("login", json!({"email": "nova@equipe.example", "password": PASSWORD})).await, Err(AppError::Unauthorized));
    let nova = app.user();
    nova.call("login", json!({"email": "nova@equipe.example", "password": "another long secret"})).await.unwrap();
    // Promote to admin: now she can list staff.
    assert_eq!(nova.call("list_staff", json!({})).await, Err(AppError::NotFound));
    firm.admin.call("set_staff_role", json!({"staff_id": id, "role": "admin"})).await.unwrap();
    assert_eq!(nova.call("list_staff", json!({})).await.unwrap().as_array().unwrap().len(), 3);
    assert_invalid(firm.admin.call("set_staff_role", json!({"staff_id": firm.admin_id, "role": "member"})).await, "role", "cannot_demote_self");
    // Teams.
    let team = firm.admin.call("save_team", json!({"team_id": "", "name": "Contencioso", "member_ids": [id, firm.member_id, id]})).await.unwrap();
    assert_eq!(
        firm.admin.call("save_team", json!({"team_id": "", "name": "Contencioso", "member_ids": []})).await,
        Err(AppError::conflict("name", "name_taken"))
    );
    let teams = firm.member.call("list_teams", json!({})).await.unwrap();
    assert_eq!(teams[0]["member_ids"].as_array().unwrap().len(), 2);
    firm.admin.call("save_team", json!({"team_id": team, "name": "Cível", "member_ids": [firm.member_id]})).await.unwrap();
    let teams = firm.member.call("list_teams", json!({})).await.unwrap();
    assert_eq!((teams[0]["name"].as_str(), teams[0]["member_ids"].as_array().unwrap().len()), (Some("Cível"), 1));
    let people = firm.admin.call("list_staff", json!({})).await.unwrap();
    let member = people.as_array().unwrap().iter().find(|p| p["id"] == json!(firm.member_id)).unwrap();
    assert_eq!(member["teams"], json!(["Cível"]));
}
