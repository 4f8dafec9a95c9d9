//! Login, logout, sessions, rate limits, first-run setup, cross-site refusal.
use crate::both;
use crate::helpers::*;
use portico::model::AppError;
use serde_json::json;

both!(every_route_refuses_the_wrong_visitor, pages_need_login, login_right_and_wrong, logout_kills_session_server_side, login_rate_limited, deactivated_staff_lose_access, first_run_setup_once, cross_site_writes_refused);

async fn login_right_and_wrong(app: TestApp) {
    let firm = app.firm("Alpha").await;
    let u = app.user();
    assert_eq!(u.call("current_user", json!({})).await.unwrap(), serde_json::Value::Null);
    // Wrong password and unknown email give the very same error.
    let wrong = u.call("login", json!({"email": firm.admin_email, "password": "nope nope nope"})).await;
    let unknown = u.call("login", json!({"email": "ghost@alpha.example", "password": PASSWORD})).await;
    assert_eq!(wrong, Err(AppError::Unauthorized));
    let status = u.post("login", json!({"email": firm.admin_email, "password": "nope nope nope"})).await.status();
    assert_eq!(status.as_u16(), 401);
    assert_eq!(u.post("get_matter", json!({"id": "x"})).await.status().as_u16(), 401);
    assert_eq!(unknown, Err(AppError::Unauthorized));
    let resp = u.post("login", json!({"email": firm.admin_email.to_uppercase(), "password": PASSWORD})).await;
    assert!(resp.status().is_success());
    let cookie = resp.headers().get("set-cookie").expect("session cookie").to_str().unwrap().to_string();
    assert!(cookie.starts_with("portico_session="), "{cookie}");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    let me = u.call("current_user", json!({})).await.unwrap();
    assert_eq!(me["email"], firm.admin_email);
    assert_eq!(me["role"], "Admin");
    assert_eq!(me["workspace_name"], "Alpha");
}

fn session_cookie(resp: &reqwest::Response) -> String {
    resp.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("portico_session="))
        .map(|v| v.split(';').next().unwrap().to_string())
        .expect("session cookie")
}

async fn logout_kills_session_server_side(app: TestApp) {
    let firm = app.firm("Beta").await;
    let u = app.user();
    let first = session_cookie(&u.post("login", json!({"email": firm.member_email, "password": PASSWORD})).await);
    // A second login gets a new session id.
    let second = session_cookie(&u.post("login", json!({"email": firm.member_email, "password": PASSWORD})).await);
    assert_ne!(first, second);
    // The session is stored hashed: the raw id is nowhere in the table.
    let raw = second.trim_start_matches("portico_session=").to_string();
    let (hits,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sessions WHERE id_hash = $1 OR data LIKE $2")
        .bind(&raw)
        .bind(format!("%{raw}%"))
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(hits, 0);
    u.call("logout", json!({})).await.unwrap();
    assert_eq!(u.call("current_user", json!({})).await.unwrap(), serde_json::Value::Null);
    // Replaying the old cookie from another client does not work either.
    let replay = reqwest::Client::new()
        .post(format!("http://{}/api/list_matters", app.addr))
        .header("cookie", second)
        .json(&json!({"filter": {"q": "", "kind": "", "status": "", "archived": false}}))
        .send()
        .await
        .unwrap();
    assert!(!replay.status().is_success());
    let err: AppError = serde_json::from_str(&replay.text().await.unwrap()).unwrap();
    assert_eq!(err, AppError::Unauthorized);
}

async fn login_rate_limited(app: TestApp) {
    let firm = app.firm("Gamma").await;
    let u = app.user();
    // The limit is 5 attempts a minute per account; setting up the firm used one.
    for _ in 0..4 {
        assert_eq!(u.call("login", json!({"email": firm.member_email, "password": "wrong password"})).await, Err(AppError::Unauthorized));
    }
    // Even the right password is refused now, for this account.
    assert_eq!(u.call("login", json!({"email": firm.member_email, "password": PASSWORD})).await, Err(AppError::RateLimited));
    // Other accounts are not affected by this account's limit.
    let other = app.user();
    assert!(other.call("login", json!({"email": firm.admin_email, "password": PASSWORD})).await.is_ok());
}

async fn deactivated_staff_lose_access(app: TestApp) {
    let firm = app.firm("Delta").await;
    let filter = json!({"filter": {"q": "", "kind": "", "status": "", "archived": false}});
    assert!(firm.member.call("list_matters", filter.clone()).await.is_ok());
    firm.admin.call("set_staff_active", json!({"staff_id": firm.member_id, "active": false})).await.unwrap();
    assert_eq!(firm.member.call("list_matters", filter).await, Err(AppError::Unauthorized));
    assert_eq!(app.user().call("login", json!({"email": firm.member_email, "password": PASSWORD})).await, Err(AppError::Unauthorized));
    // An admin cannot lock themself out.
    assert_invalid(
        firm.admin.call("set_staff_active", json!({"staff_id": firm.admin_id, "active": false})).await,
        "staff",
        "cannot_deactivate_self",
    );
}

async fn first_run_setup_once(app: TestApp) {
    let u = app.user();
    assert_eq!(u.call("setup_needed", json!({})).await.unwrap(), json!(true));
    let bad = u.call("setup_workspace", json!({"workspace_name": "Firma", "name": "Ana", "email": "ana@firma", "password": PASSWORD})).await;
    assert_invalid(bad, "email", "bad_email");
    let short = u.call("setup_workspace", json!({"workspace_name": "Firma", "name": "Ana", "email": "ana@firma.example", "password": "short"})).await;
    assert_invalid(short, "password", "password_short");
    assert_eq!(app.count("workspaces").await, 0);
    let me = u.call("setup_workspace", json!({"workspace_name": "Firma", "name": "Ana", "email": "ana@firma.example", "password": PASSWORD})).await.unwrap();
    assert_eq!(me["role"], "Admin");
    assert_eq!(u.call("current_user", json!({})).await.unwrap()["email"], "ana@firma.example");
    assert_eq!(u.call("setup_needed", json!({})).await.unwrap(), json!(false));
    let again = app.user().call("setup_workspace", json!({"workspace_name": "Evil", "name": "Eve", "email": "eve@evil.example", "password": PASSWORD})).await;
    assert_eq!(again, Err(AppError::NotFound));
    assert_eq!(app.count("workspaces").await, 1);
}

async fn cross_site_writes_refused(app: TestApp) {
    let firm = app.firm("Epsilon").await;
    let before = app.count("matters").await;
    let url = format!("http://{}/api/create_matter", app.addr);
    let cross = firm.admin.http.post(&url).header("sec-fetch-site", "cross-site").json(&json!({"input": matter("X")})).send().await.unwrap();
    assert_eq!(cross.status().as_u16(), 403);
    let bad_origin = firm.admin.http.post(&url).header("origin", "http://evil.example").json(&json!({"input": matter("X")})).send().await.unwrap();
    assert_eq!(bad_origin.status().as_u16(), 403);
    assert_eq!(app.count("matters").await, before);
    let same = firm.admin.http.post(&url).header("sec-fetch-site", "same-origin").json(&json!({"input": matter("X")})).send().await.unwrap();
    assert!(same.status().is_success());
    let origin = format!("http://{}", app.addr);
    let same_origin = firm.admin.http.post(&url).header("origin", origin).json(&json!({"input": matter("Y")})).send().await.unwrap();
    assert!(same_origin.status().is_success());
}

async fn pages_need_login(app: TestApp) {
    let a = app.firm("Pages A").await;
    let b = app.firm("Pages B").await;
    a.admin.call("create_matter", json!({"input": matter("Segredo de A")})).await.unwrap();
    // Anonymous visitors are sent to the login page, server side.
    let (status, body) = app.user().get("/matters").await;
    assert_eq!(status, 200);
    assert!(body.contains("<h1>Entrar</h1>"), "{body}");
    assert!(!body.contains("Segredo de A"));
    // Signed in, the server-rendered list has the firm's own matters only.
    let (_, page_a) = a.member.get("/matters").await;
    assert!(page_a.contains("Segredo de A"));
    let (_, page_b) = b.admin.get("/matters").await;
    assert!(page_b.contains("Pages B") && !page_b.contains("Segredo de A"));
    let (status, body) = a.member.get("/no/such/page").await;
    assert_eq!(status, 404);
    assert!(body.contains("Página não encontrada"));
}

/// Every route of the app's table is public, a staff page or a client page, and the
/// guard sends the wrong kind of visitor to the right sign-in page before rendering.
async fn every_route_refuses_the_wrong_visitor(app: TestApp) {
    use portico::server::auth::page_guard::{PUBLIC_PAGES, is_client_page, is_staff_page};
    let firm = app.firm("Routes").await;
    let (m, _) = crate::sharing::shared_matter(&firm, "Routes").await;
    let client = crate::sharing::invited_client(&app, &firm, &m, "r@client.example", &["deadline"]).await;
    let raw = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let visit = |path: String, cookie: Option<String>| {
        let raw = raw.clone();
        let url = app.url(&path);
        async move {
            let mut req = raw.get(url);
            if let Some(c) = cookie {
                req = req.header("cookie", c);
            }
            let r = req.send().await.unwrap();
            let to = r.headers().get("location").map(|l| l.to_str().unwrap().to_string());
            (r.status().as_u16(), to)
        }
    };
    let routes = portico::server::startup::route_list();
    assert!(routes.len() > 20, "the route table is listed");
    let (mut staff_pages, mut client_pages) = (0, 0);
    for route in routes {
        // "/portal/m/{id}" → "/portal/m/x"
        let path: String = route
            .path()
            .split('/')
            .map(|seg| if seg.starts_with('{') || seg.starts_with(':') || seg.starts_with('*') { "x" } else { seg })
            .collect::<Vec<_>>()
            .join("/");
        let path = if path.is_empty() { "/".to_string() } else { path };
        let public = PUBLIC_PAGES.iter().any(|p| path == *p || (p.ends_with('/') && path.starts_with(p)));
        let (staff, portal) = (is_staff_page(&path), is_client_page(&path));
        assert_eq!([public, staff, portal].iter().filter(|b| **b).count(), 1, "route {path}: public {public}, staff {staff}, client {portal}");
        let anonymous = visit(path.clone(), None).await;
        let as_staff = visit(path.clone(), Some(firm.admin.cookie())).await;
        let as_client = visit(path.clone(), Some(client.cookie())).await;
        let to = |r: &(u16, Option<String>)| r.1.clone().unwrap_or_default();
        if public {
            // Open to anyone (setup, once closed, points to the sign-in page itself).
            for r in [&anonymous, &as_staff, &as_client] {
                assert!(r.0 < 500, "public {path}: {r:?}");
            }
            assert!(to(&anonymous) != "/portal/login" || path == "/portal/login", "public {path} needs a sign-in: {anonymous:?}");
        } else if staff {
            staff_pages += 1;
            assert_eq!(to(&anonymous), "/login", "anonymous on staff page {path}: {anonymous:?}");
            assert_eq!(to(&as_client), "/login", "client on staff page {path}: {as_client:?}");
            assert!(!to(&as_staff).ends_with("/login") && as_staff.0 < 500, "staff on {path}: {as_staff:?}");
        } else {
            client_pages += 1;
            assert_eq!(to(&anonymous), "/portal/login", "anonymous on client page {path}: {anonymous:?}");
            assert_eq!(to(&as_staff), "/portal/login", "staff on client page {path}: {as_staff:?}");
            assert!(!to(&as_client).ends_with("/login") && as_client.0 < 500, "client on {path}: {as_client:?}");
        }
    }
    assert!(staff_pages > 10 && client_pages > 4, "{staff_pages} staff and {client_pages} client pages");
}
