//! Behind a reverse proxy: sign-in limits count the client's address from the
//! forwarding headers, but only when the peer is a trusted proxy; and two instances
//! on one database share the counts.
use crate::both;
use crate::helpers::*;
use portico::model::AppError;
use serde_json::json;

both!(limits_per_account_and_per_address, limits_key_on_the_forwarded_client_only_behind_a_trusted_proxy, instances_on_one_database_share_the_limits);

async fn limits_per_account_and_per_address(app: TestApp) {
    use portico::server::auth::rate_limit::LoginLimiter;
    use std::net::{IpAddr, Ipv4Addr};
    let l = LoginLimiter::new(2, 3);
    let db = &app.state.db;
    let check = |account: &'static str, addr: Option<IpAddr>| l.check(db, account, addr);
    let a = Some(IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1)));
    let b = Some(IpAddr::V4(Ipv4Addr::new(10, 0, 0, 2)));
    assert!(check("ana@x.example", a).await.unwrap());
    assert!(check("ana@x.example", b).await.unwrap());
    // Third try on the account is refused, from any address.
    assert!(!check("ana@x.example", b).await.unwrap());
    // Address a has used 1 of 3; two other accounts fit, a fourth attempt does not.
    assert!(check("bia@x.example", a).await.unwrap());
    assert!(check("caio@x.example", a).await.unwrap());
    assert!(!check("davi@x.example", a).await.unwrap());
    // Another address is unaffected.
    assert!(check("davi@x.example", b).await.unwrap());
}

/// A failed sign-in sent with `X-Forwarded-For: xff`: the error.
async fn attempt(app: &TestApp, xff: &str, n: usize) -> AppError {
    let r = app
        .user()
        .http
        .post(app.url("/api/login"))
        .header("x-forwarded-for", xff)
        .json(&json!({"email": format!("nobody{n}@x.example"), "password": "wrong password"}))
        .send()
        .await
        .unwrap();
    r.json().await.unwrap()
}

async fn limits_key_on_the_forwarded_client_only_behind_a_trusted_proxy(app: TestApp) {
    let backend = if app.pg_url().is_some() { Backend::Postgres } else { Backend::Sqlite };
    drop(app);
    for trusted in [true, false] {
        let app = spawn_app_with(backend, |s| {
            s.login_per_address_per_minute = 3;
            if trusted {
                s.trusted_proxies = "127.0.0.1/32, ::1".into();
            }
        })
        .await;
        for n in 0..3 {
            assert_eq!(attempt(&app, "203.0.113.1", n).await, AppError::Unauthorized);
        }
        assert_eq!(attempt(&app, "203.0.113.1", 3).await, AppError::RateLimited, "the fourth try from one address");
        // Another visitor behind the same proxy.
        let other = attempt(&app, "198.51.100.2, 203.0.113.2", 4).await;
        if trusted {
            assert_eq!(other, AppError::Unauthorized, "a trusted proxy's visitors have their own limits");
        } else {
            assert_eq!(other, AppError::RateLimited, "an untrusted peer's header is ignored: one bucket");
        }
    }
}

async fn instances_on_one_database_share_the_limits(app: TestApp) {
    let firm = app.firm("Two instances").await;
    let other = app.second_instance().await;
    let wrong = json!({"email": firm.member_email, "password": "wrong password"});
    // Five tries a minute per account (the default), wherever they land; `firm` has
    // signed the member in once already.
    for n in 0..4 {
        let on = if n % 2 == 0 { &app } else { &other };
        assert_eq!(on.user().call("login", wrong.clone()).await, Err(AppError::Unauthorized), "try {n}");
    }
    for on in [&app, &other] {
        assert_eq!(on.user().call("login", wrong.clone()).await, Err(AppError::RateLimited), "the sixth, on either instance");
    }
    // The right password is refused too while the account is limited.
    let right = json!({"email": firm.member_email, "password": PASSWORD});
    assert_eq!(other.user().call("login", right).await, Err(AppError::RateLimited));
    // Counts hold no email: only hashes of the keys are stored.
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM rate_counts WHERE key_hash LIKE '%@%'").fetch_one(&app.state.db.pool).await.unwrap();
    assert_eq!(n, 0);
}
