use crate::helpers::{other_code, spawn, spawn_with};
use serde_json::json;

#[tokio::test]
async fn a_code_works_once() {
    let app = spawn().await;
    app.login("09120000010").await;
    let code = app.code_for("09120000010").await;
    assert_eq!(app.verify("09120000010", &code).await.0, 200);
    let (status, body) = app.verify("09120000010", &code).await;
    assert_eq!(
        (status, body),
        (
            401,
            json!({"status": 401, "message": "توکن اشتباه یا منقضی شده است"})
        )
    );
}

#[tokio::test]
async fn a_code_sent_as_a_json_number_is_the_same_digits() {
    let app = spawn_with(|s| s.code.resend_cooldown_secs = 0).await;
    // a code starting with 0 has no JSON number of the same digits: ask
    // again until one does not (one in ten starts with 0)
    let mut code = String::from("0");
    while code.starts_with('0') {
        app.login("09120000011").await;
        code = app.code_for("09120000011").await;
    }
    let (status, body) = app
        .post_json(
            "/api/v1/login/verify",
            json!({"username": "09120000011", "code": code.parse::<u64>().unwrap()}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn of_concurrent_verifies_of_one_code_exactly_one_wins() {
    let app = spawn_with(|s| s.code.max_attempts = 20).await;
    for round in 0..3 {
        let mobile = format!("0912000002{round}");
        app.login(&mobile).await;
        let code = app.code_for(&mobile).await;
        let tries = (0..8).map(|_| app.verify(&mobile, &code));
        let results = futures_util::future::join_all(tries).await;
        let wins = results.iter().filter(|(s, _)| *s == 200).count();
        let losses = results.iter().filter(|(s, _)| *s == 401).count();
        assert_eq!((wins, losses), (1, 7), "{results:?}");
    }
}

#[tokio::test]
async fn five_wrong_attempts_kill_the_code() {
    let app = spawn().await;
    app.login("09120000030").await;
    let code = app.code_for("09120000030").await;
    let wrong = other_code(&code);
    for _ in 0..5 {
        assert_eq!(app.verify("09120000030", &wrong).await.0, 401);
    }
    let (status, _) = app.verify("09120000030", &code).await;
    assert_eq!(
        status, 401,
        "the right code after five wrong ones must fail"
    );
}

#[tokio::test]
async fn four_wrong_attempts_leave_the_code_alive() {
    let app = spawn().await;
    app.login("09120000031").await;
    let code = app.code_for("09120000031").await;
    for _ in 0..4 {
        assert_eq!(app.verify("09120000031", &other_code(&code)).await.0, 401);
    }
    assert_eq!(app.verify("09120000031", &code).await.0, 200);
}

#[tokio::test]
async fn concurrent_wrong_guesses_cannot_exceed_the_attempt_limit() {
    let app = spawn().await;
    app.login("09120000032").await;
    let code = app.code_for("09120000032").await;
    let wrong = other_code(&code);
    let guesses = (0..12).map(|_| app.verify("09120000032", &wrong));
    futures_util::future::join_all(guesses).await;
    assert_eq!(app.verify("09120000032", &code).await.0, 401);
}

#[tokio::test]
async fn an_expired_code_is_refused() {
    let app = spawn_with(|s| s.code.lifetime_secs = 1).await;
    app.login("09120000033").await;
    let code = app.code_for("09120000033").await;
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    assert_eq!(app.verify("09120000033", &code).await.0, 401);
}

#[tokio::test]
async fn verify_without_a_code_sent_or_with_a_bad_format() {
    let app = spawn().await;
    assert_eq!(app.verify("09120000034", "123456").await.0, 401);
    assert_eq!(app.verify("09120000034", "12a456").await.0, 400);
    assert_eq!(app.verify("not a user", "123456").await.0, 400);
    let (status, body) = app.verify("ghost@example.com", "123456").await;
    assert_eq!(
        (status, body["message"].as_str()),
        (404, Some("کاربر شناسایی نشد"))
    );
}

#[tokio::test]
async fn an_account_is_locked_after_repeated_failures_with_a_growing_wait() {
    let app = spawn_with(|s| {
        s.limits.account_max_failures = 3;
        s.limits.lock_base_secs = 60;
        s.code.resend_cooldown_secs = 0;
    })
    .await;
    let mobile = "09120000040";
    app.token_for(mobile).await;

    // three wrong codes (each on a fresh code, under the 5-attempt limit)
    for _ in 0..3 {
        app.login(mobile).await;
        let code = app.code_for(mobile).await;
        assert_eq!(app.verify(mobile, &other_code(&code)).await.0, 401);
    }
    // locked: neither a new code nor the right code gets in
    let (status, body) = app.login(mobile).await;
    assert_eq!(status, 429, "{body}");
    let res = app
        .http
        .post(app.url("/api/v1/login/verify"))
        .json(&json!({"username": mobile, "code": "000000"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
    let first_wait: i64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((55..=60).contains(&first_wait), "{first_wait}");

    // the lock lifted by hand, one more failure locks for twice as long
    unlock(&app, mobile);
    app.login(mobile).await;
    let code = app.code_for(mobile).await;
    assert_eq!(app.verify(mobile, &other_code(&code)).await.0, 401);
    let res = app
        .http
        .post(app.url("/api/v1/login"))
        .json(&json!({"username": mobile}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
    let second_wait: i64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((115..=120).contains(&second_wait), "{second_wait}");

    // a success after the lock resets the count
    unlock(&app, mobile);
    app.login(mobile).await;
    let code = app.code_for(mobile).await;
    assert_eq!(app.verify(mobile, &code).await.0, 200);
    app.login(mobile).await;
    let code = app.code_for(mobile).await;
    assert_eq!(app.verify(mobile, &other_code(&code)).await.0, 401);
    assert_eq!(
        app.login(mobile).await.0,
        201,
        "one failure after a success must not lock"
    );
}

/// Ends a lock as time would, keeping the failure count.
fn unlock(app: &crate::helpers::TestApp, mobile: &str) {
    use diesel::prelude::*;
    use identity::db::schema::users;
    let db = platform_db::Db::connect(
        &app.db.url,
        &identity::db::MIGRATIONS,
        &platform_db::DbOptions::default(),
    )
    .unwrap();
    let mut conn = db.get().unwrap();
    diesel::update(users::table.filter(users::mobile.eq(mobile)))
        .set(users::locked_until.eq(0i64))
        .execute(&mut *conn)
        .unwrap();
}
