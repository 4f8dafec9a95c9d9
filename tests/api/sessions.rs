//! Sessions: they end after 7 days without use (not 7 days after sign-in), and a new
//! password ends that person's other sessions.
use crate::both;
use crate::helpers::*;
use crate::sharing::{invited_client, share, shared_matter};
use portico::model::AppError;
use portico::server::auth::session_store::{SESSION_TTL_MS, token_hash};
use serde_json::{Value, json};

both!(
    sessions_slide_while_used,
    a_staff_password_reset_ends_their_other_sessions,
    a_client_password_reset_ends_their_other_sessions,
    a_secret_link_asks_before_replacing_a_staff_session
);

fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64
}

/// The stored id hash of `user`'s session.
fn session_hash(user: &User) -> String {
    let cookie = user.cookie();
    let value = cookie
        .split("; ")
        .find_map(|c| c.strip_prefix("portico_session="))
        .unwrap_or_else(|| panic!("no session cookie in {cookie:?}"));
    token_hash(value)
}

async fn expires_at(app: &TestApp, hash: &str) -> i64 {
    let (e,): (i64,) = sqlx::query_as("SELECT expires_at FROM sessions WHERE id_hash = $1").bind(hash).fetch_one(&app.state.db.pool).await.unwrap();
    e
}

async fn set_expires_at(app: &TestApp, hash: &str, at: i64) {
    sqlx::query("UPDATE sessions SET expires_at = $1 WHERE id_hash = $2").bind(at).bind(hash).execute(&app.state.db.pool).await.unwrap();
}

async fn sessions_slide_while_used(app: TestApp) {
    let firm = app.firm("Slide").await;
    let hash = session_hash(&firm.admin);
    // Signed in long ago and used until a minute before the end: a request now
    // moves the end a full week ahead, in the database and in the cookie.
    set_expires_at(&app, &hash, now_ms() + 60_000).await;
    let r = firm.admin.post("current_user", json!({})).await;
    assert_eq!(r.status(), 200);
    let cookie = r.headers().get("set-cookie").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    assert!(cookie.starts_with("portico_session=") && cookie.contains("Max-Age=60"), "cookie sent again with a week: {cookie}");
    let me: Value = r.json().await.unwrap();
    assert!(me.is_object(), "still signed in: {me}");
    let end = expires_at(&app, &hash).await;
    assert!(end > now_ms() + SESSION_TTL_MS - 60_000, "the end moved a week ahead");
    // A recently saved session is not written again on every request.
    let r = firm.admin.post("current_user", json!({})).await;
    assert!(r.headers().get("set-cookie").is_none(), "saved again too soon");
    assert_eq!(expires_at(&app, &hash).await, end);
    // Unused for the whole week: it has ended.
    set_expires_at(&app, &hash, now_ms() - 1).await;
    assert_eq!(firm.admin.call("current_user", json!({})).await, Ok(Value::Null));
}

async fn a_staff_password_reset_ends_their_other_sessions(app: TestApp) {
    let firm = app.firm("Reset").await;
    let laptop = app.user();
    laptop.call("login", json!({"email": firm.member_email, "password": PASSWORD})).await.unwrap();
    firm.admin.call("reset_staff_password", json!({"staff_id": firm.member_id, "password": "a brand new password"})).await.unwrap();
    for s in [&firm.member, &laptop] {
        assert_eq!(s.call("current_user", json!({})).await, Ok(Value::Null), "the member's sessions ended");
    }
    assert!(firm.admin.call("current_user", json!({})).await.unwrap().is_object(), "the admin stays signed in");
    let again = app.user();
    assert_eq!(again.call("login", json!({"email": firm.member_email, "password": PASSWORD})).await, Err(AppError::Unauthorized));
    again.call("login", json!({"email": firm.member_email, "password": "a brand new password"})).await.unwrap();
    // An admin resetting their own password keeps this session and ends the others.
    let admin_phone = app.user();
    admin_phone.call("login", json!({"email": firm.admin_email, "password": PASSWORD})).await.unwrap();
    firm.admin.call("reset_staff_password", json!({"staff_id": firm.admin_id, "password": "the admin's new one"})).await.unwrap();
    assert!(firm.admin.call("current_user", json!({})).await.unwrap().is_object());
    assert_eq!(admin_phone.call("current_user", json!({})).await, Ok(Value::Null));
    assert!(again.call("current_user", json!({})).await.unwrap().is_object(), "another person's session is untouched");
}

async fn a_client_password_reset_ends_their_other_sessions(app: TestApp) {
    let firm = app.firm("Client reset").await;
    let (m, _) = shared_matter(&firm, "Reset matter").await;
    let phone = invited_client(&app, &firm, &m, "rc@client.example", &["deadline"]).await;
    let laptop = app.user();
    laptop.call("client_login", json!({"email": "rc@client.example", "password": PASSWORD})).await.unwrap();
    for s in [&phone, &laptop] {
        s.call("portal_home", json!({"preview": ""})).await.unwrap();
    }
    app.user().call("forgot_client_password", json!({"email": "rc@client.example"})).await.unwrap();
    let token = app.wait_mail("rc@client.example", 2).await.link("/portal/password/").rsplit('/').next().unwrap().to_string();
    let desk = app.user();
    desk.call("set_client_password", json!({"token": token, "password": "a brand new password"})).await.unwrap();
    for s in [&phone, &laptop] {
        assert_eq!(s.call("portal_home", json!({"preview": ""})).await, Err(AppError::Unauthorized), "old sessions ended");
    }
    desk.call("portal_home", json!({"preview": ""})).await.unwrap();
}

async fn a_secret_link_asks_before_replacing_a_staff_session(app: TestApp) {
    let firm = app.firm("Link here").await;
    let (m, _) = shared_matter(&firm, "Link matter").await;
    share(&firm.admin, &m, "sl@client.example", &["deadline"], "link").await.unwrap();
    let link = app.wait_mail("sl@client.example", 1).await.link("/l/");
    let path = &link[link.find("/l/").unwrap()..];
    let raw = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    // A staff member opens it (say, to check it): asked, still signed in as staff.
    let r = raw.get(app.url(path)).header("cookie", firm.admin.cookie()).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "no-store");
    let page = r.text().await.unwrap();
    assert!(page.contains("Abrir o link do cliente?") && page.contains(r#"<form method="post">"#), "{page}");
    assert!(firm.admin.call("current_user", json!({})).await.unwrap().is_object(), "the staff session is untouched");
    // In English too.
    let r = raw.get(app.url(path)).header("cookie", firm.admin.cookie()).header("accept-language", "en").send().await.unwrap();
    assert!(r.text().await.unwrap().contains("Open the client's link?"));
    // Confirmed (the page's form posts to the same address): the client's portal.
    let r = firm.admin.http.post(app.url(path)).send().await.unwrap();
    assert_eq!(r.url().path(), "/portal");
    assert_eq!(firm.admin.call("current_user", json!({})).await, Ok(Value::Null), "staff signed out in this browser");
    firm.admin.call("portal_home", json!({"preview": ""})).await.unwrap();
    // A browser without a staff session goes straight in, as before.
    let other = app.user();
    let r = other.http.get(app.url(path)).send().await.unwrap();
    assert_eq!(r.url().path(), "/portal");
}
