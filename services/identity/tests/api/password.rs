use crate::helpers::spawn;
use serde_json::json;

#[tokio::test]
async fn an_account_with_a_password_logs_in_with_it() {
    let app = spawn().await;
    let token = app.token_for("09120000050").await;
    let (status, body) = app
        .post_json_as("/api/v1/user", &token, json!({"password": "correct horse"}))
        .await;
    assert_eq!(status, 200, "{body}");
    assert!(body["user"].get("password").is_none());
    app.set_email(&token, "horse@example.com").await;

    for username in ["09120000050", "+98 912 000 0050", "Horse@Example.com"] {
        let (status, body) = app
            .post_json(
                "/api/v1/login/password",
                json!({"username": username, "password": "correct horse"}),
            )
            .await;
        assert_eq!(status, 200, "{username}: {body}");
        assert_eq!(body["token_type"], "Bearer");
        let (status, me) = app.get("/api/v1/user", body["access_token"].as_str()).await;
        assert_eq!(
            (status, me["user"]["mobile"].as_str()),
            (200, Some("09120000050"))
        );
    }

    let (status, body) = app
        .post_json(
            "/api/v1/login/password",
            json!({"username": "09120000050", "password": "wrong horse"}),
        )
        .await;
    assert_eq!(status, 401);
    assert_eq!(body["status"], 401);
}

#[tokio::test]
async fn no_password_set_unknown_user_and_oversized_passwords() {
    let app = spawn().await;
    app.token_for("09120000051").await;
    let (status, _) = app
        .post_json(
            "/api/v1/login/password",
            json!({"username": "09120000051", "password": "anything at all"}),
        )
        .await;
    assert_eq!(
        status, 401,
        "an account without a password cannot log in with one"
    );

    let (status, body) = app
        .post_json(
            "/api/v1/login/password",
            json!({"username": "09129999999", "password": "anything at all"}),
        )
        .await;
    assert_eq!(
        (status, body["message"].as_str()),
        (404, Some("کاربر شناسایی نشد"))
    );

    let (status, body) = app
        .post_json(
            "/api/v1/login/password",
            json!({"username": "09120000051", "password": "x".repeat(5000)}),
        )
        .await;
    assert_eq!(status, 400, "{body}");
}

#[tokio::test]
async fn passwords_are_stored_as_argon2id() {
    use diesel::prelude::*;
    use identity::db::schema::users;
    let app = spawn().await;
    let token = app.token_for("09120000052").await;
    app.post_json_as("/api/v1/user", &token, json!({"password": "s3cret-enough"}))
        .await;
    let db = platform_db::Db::connect(
        &app.db.url,
        &identity::db::MIGRATIONS,
        &platform_db::DbOptions::default(),
    )
    .unwrap();
    let stored: Option<String> = users::table
        .filter(users::mobile.eq("09120000052"))
        .select(users::password_hash)
        .first(&mut *db.get().unwrap())
        .unwrap();
    let stored = stored.unwrap();
    assert!(stored.starts_with("$argon2id$"), "{stored}");
    assert!(!stored.contains("s3cret-enough"));
}

#[tokio::test]
async fn a_disabled_account_cannot_log_in_or_use_its_tokens() {
    use diesel::prelude::*;
    use identity::db::schema::users;
    let app = crate::helpers::spawn_with(|s| s.code.resend_cooldown_secs = 0).await;
    let token = app.token_for("09120000053").await;
    let db = platform_db::Db::connect(
        &app.db.url,
        &identity::db::MIGRATIONS,
        &platform_db::DbOptions::default(),
    )
    .unwrap();
    diesel::update(users::table.filter(users::mobile.eq("09120000053")))
        .set(users::status.eq(0))
        .execute(&mut *db.get().unwrap())
        .unwrap();
    assert_eq!(app.get("/api/v1/user", Some(&token)).await.0, 401);
    let (status, body) = app.login("09120000053").await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(body["status"], 403);
}

#[tokio::test]
async fn messages_the_seed_does_not_fix_follow_accept_language() {
    let app = spawn().await;
    let token = app.token_for("09120000054").await;
    app.post_json_as("/api/v1/user", &token, json!({"password": "correct horse"}))
        .await;
    let wrong = json!({"username": "09120000054", "password": "wrong horse"});
    let (_, fa) = app.post_json("/api/v1/login/password", wrong.clone()).await;
    assert_eq!(fa["message"], "نام کاربری یا رمز عبور اشتباه است");
    let res = app
        .http
        .post(app.url("/api/v1/login/password"))
        .header("accept-language", "en")
        .json(&wrong)
        .send()
        .await
        .unwrap();
    let (status, en) = crate::helpers::read(res).await;
    assert_eq!(
        (status, en["message"].as_str()),
        (401, Some("Wrong username or password"))
    );
    // a text the seed fixes stays as written
    let res = app
        .http
        .post(app.url("/api/v1/login"))
        .header("accept-language", "en")
        .json(&json!({"username": "nobody@example.com"}))
        .send()
        .await
        .unwrap();
    let (_, body) = crate::helpers::read(res).await;
    assert_eq!(body["message"], "کاربر شناسایی نشد");
}
