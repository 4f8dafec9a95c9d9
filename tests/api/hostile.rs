//! Requests an attacker (or a broken client) sends: bodies that are not a server fn's
//! arguments get 400 (never 500) from every server fn, as anyone; anonymous calls
//! that would hash a password are refused before they cost a hash.
use crate::both;
use crate::helpers::*;
use crate::sharing::{invited_client, shared_matter};
use portico::api::SERVER_FNS;
use portico::model::AppError;
use portico::server::auth::password::COMPUTED;
use serde_json::json;
use std::sync::atomic::Ordering;

both!(undecodable_bodies_are_the_callers_error, junk_password_links_cost_no_hash, setup_once_closed_costs_no_hash);

async fn undecodable_bodies_are_the_callers_error(app: TestApp) {
    let firm = app.firm("Hostile").await;
    let (m, _) = shared_matter(&firm, "Hostile").await;
    let portal = invited_client(&app, &firm, &m, "h@client.example", &["deadline"]).await;
    let anonymous = app.user();
    let before = (app.count("matters").await, app.count("tasks").await, app.count("tickets").await, app.count("clients").await);
    // Never JSON of any call's arguments.
    let garbage: &[(&str, &str)] = &[
        ("", "application/json"),
        ("{", "application/json"),
        ("{\"matter_id\": ", "application/json"),
        ("not json", "application/json"),
        ("\u{0}\u{1}\u{2}", "application/octet-stream"),
        ("a=1&b=2", "application/x-www-form-urlencoded"),
    ];
    // JSON, but not these arguments (wrong names or types): 400 where the fn takes
    // arguments, and never a 5xx.
    let wrong: &[&str] = &["[1, 2]", "null", "42", "{\"zz\": []}", "{\"matter_id\": 5, \"input\": \"x\", \"id\": {}, \"token\": [], \"page\": \"x\"}"];
    for (endpoint, _) in SERVER_FNS {
        if *endpoint == "logout" {
            continue;
        }
        for who in [&anonymous, &firm.admin, &portal] {
            for (body, ct) in garbage {
                let r = who.http.post(app.url(&format!("/api/{endpoint}"))).header("content-type", *ct).body(body.to_string()).send().await.unwrap();
                let status = r.status().as_u16();
                let text = r.text().await.unwrap();
                assert_eq!(status, 400, "{endpoint} with {body:?}: {text}");
                let e: AppError = serde_json::from_str(&text).unwrap_or_else(|_| panic!("{endpoint}: not an AppError: {text}"));
                assert_eq!(e, AppError::BadRequest, "{endpoint} with {body:?}");
            }
            for body in wrong {
                let r = who.http.post(app.url(&format!("/api/{endpoint}"))).header("content-type", "application/json").body(body.to_string()).send().await.unwrap();
                let status = r.status().as_u16();
                assert!(status < 500, "{endpoint} with {body:?}: {status} {}", r.text().await.unwrap());
            }
        }
    }
    let after = (app.count("matters").await, app.count("tasks").await, app.count("tickets").await, app.count("clients").await);
    assert_eq!(before, after, "an undecodable call changed data");
}

async fn junk_password_links_cost_no_hash(app: TestApp) {
    let before = COMPUTED.load(Ordering::Relaxed);
    let calls = (0..64).map(|i| {
        let u = app.user();
        async move { u.call("set_client_password", json!({"token": format!("junk-{i}-{}", "x".repeat(40)), "password": "long enough password"})).await }
    });
    for r in futures_util::future::join_all(calls).await {
        assert_eq!(r, Err(AppError::NotFound));
    }
    assert_eq!(COMPUTED.load(Ordering::Relaxed), before, "a junk link was hashed");
}

async fn setup_once_closed_costs_no_hash(app: TestApp) {
    let _firm = app.firm("Already set up").await;
    let before = COMPUTED.load(Ordering::Relaxed);
    let r = app
        .user()
        .call("setup_workspace", json!({"workspace_name": "Late", "name": "Mallory", "email": "m@evil.example", "password": "long enough password"}))
        .await;
    assert_eq!(r, Err(AppError::NotFound));
    assert_eq!(COMPUTED.load(Ordering::Relaxed), before, "a closed setup hashed a password");
    assert_eq!(app.count("workspaces").await, 1);
}
