use crate::helpers::{spawn, spawn_with};
use serde_json::json;

const USER_FIELDS: [&str; 23] = [
    "id",
    "ids",
    "role",
    "login_type",
    "first_name",
    "last_name",
    "email",
    "mobile",
    "mobile_verified",
    "timezone",
    "more_information",
    "settings",
    "desc",
    "balance",
    "custom_rate",
    "api_key",
    "spent",
    "activation_key",
    "reset_key",
    "history_ip",
    "status",
    "changed",
    "created",
];

#[tokio::test]
async fn the_user_object_has_the_documented_fields() {
    let app = spawn().await;
    let token = app.token_for("09011235566").await;
    let (status, body) = app.get("/api/v1/user", Some(&token)).await;
    assert_eq!(status, 200);
    assert_eq!(body["status"], 200);
    let user = body["user"].as_object().unwrap();
    for field in USER_FIELDS {
        assert!(user.contains_key(field), "missing {field}: {body}");
    }
    assert_eq!(user["role"], "user");
    assert_eq!(user["status"], 1);
    assert_eq!(user["mobile_verified"], 1);
    // owned by the smm service, null until it exists
    for wallet in ["balance", "custom_rate", "spent", "api_key"] {
        assert!(user[wallet].is_null(), "{wallet}");
    }
    assert!(user["created"].as_i64().unwrap() > 1_600_000_000);
}

#[tokio::test]
async fn the_profile_updates_and_reads_back() {
    let app = spawn().await;
    let token = app.token_for("09120000060").await;
    let (status, body) = app
        .post_json_as(
            "/api/v1/user",
            &token,
            json!({"first_name": "Ehsan", "last_name": "Noureddini", "email": "e@example.com"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["user"]["first_name"], "Ehsan");
    let (_, body) = app.get("/api/v1/user", Some(&token)).await;
    assert_eq!(body["user"]["last_name"], "Noureddini");
    assert_eq!(body["user"]["email"], "e@example.com");
    assert_eq!(body["user"]["mobile"], "09120000060");

    let (status, body) = app
        .post_json_as(
            "/api/v1/user",
            &token,
            json!({"email": "illo", "mobile": "quas", "password": "short"}),
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(body["message"], "فرمت پارامتر اشتباه است");
    for field in ["email", "mobile", "password"] {
        assert!(body["errors"][field].is_array(), "{field}: {body}");
    }
}

#[tokio::test]
async fn email_and_mobile_stay_unique() {
    let app = spawn().await;
    let a = app.token_for("09120000061").await;
    let b = app.token_for("09120000062").await;
    let (status, _) = app
        .post_json_as("/api/v1/user", &a, json!({"email": "same@example.com"}))
        .await;
    assert_eq!(status, 200);
    let (status, body) = app
        .post_json_as("/api/v1/user", &b, json!({"email": "SAME@example.com"}))
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["status"], 422);
    let (status, body) = app
        .post_json_as("/api/v1/user", &b, json!({"mobile": "09120000061"}))
        .await;
    assert_eq!(status, 422, "{body}");
    let (_, me) = app.get("/api/v1/user", Some(&b)).await;
    assert_eq!(me["user"]["mobile"], "09120000062");
    assert!(me["user"]["email"].is_null());
}

#[tokio::test]
async fn a_changed_mobile_is_unverified_until_its_code_is_verified() {
    let app = spawn_with(|s| s.code.resend_cooldown_secs = 0).await;
    let token = app.token_for("09120000063").await;
    let (status, body) = app
        .post_json_as("/api/v1/user", &token, json!({"mobile": "۰۹۱۲۰۰۰۰۰۶۴"}))
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["user"]["mobile"], "09120000064");
    assert_eq!(body["user"]["mobile_verified"], 0);
    let id = body["user"]["id"].clone();

    // until verified, the new number is nobody's login: the old one still is
    let code = app.code_for("09120000064").await;
    let (_, again) = app.get("/api/v1/user", Some(&token)).await;
    assert_eq!(again["user"]["mobile_verified"], 0);

    let (status, body) = app.verify("09120000064", &code).await;
    assert_eq!(status, 200, "{body}");
    let (_, me) = app.get("/api/v1/user", body["access_token"].as_str()).await;
    assert_eq!(me["user"]["id"], id);
    assert_eq!(me["user"]["mobile"], "09120000064");
    assert_eq!(me["user"]["mobile_verified"], 1);

    // the old number is free again: logging in with it is a new sign-up
    let other = app.token_for("09120000063").await;
    let (_, them) = app.get("/api/v1/user", Some(&other)).await;
    assert_ne!(them["user"]["id"], id);
}

#[tokio::test]
async fn a_pending_mobile_cannot_capture_someone_elses_sign_up() {
    let app = spawn_with(|s| s.code.resend_cooldown_secs = 0).await;
    let squatter = app.token_for("09120000065").await;
    let (status, _) = app
        .post_json_as("/api/v1/user", &squatter, json!({"mobile": "09120000066"}))
        .await;
    assert_eq!(status, 200);
    let (_, squatter_me) = app.get("/api/v1/user", Some(&squatter)).await;

    // the real owner of the number signs up
    let owner = app.token_for("09120000066").await;
    let (_, owner_me) = app.get("/api/v1/user", Some(&owner)).await;
    assert_ne!(owner_me["user"]["id"], squatter_me["user"]["id"]);
    assert_eq!(owner_me["user"]["mobile_verified"], 1);
}

#[tokio::test]
async fn without_a_valid_token_the_user_routes_are_401() {
    let app = spawn().await;
    let (status, body) = app.get("/api/v1/user", None).await;
    assert_eq!(status, 401);
    assert_eq!(body["status"], 401);
    assert!(body["message"].is_string());
    let (status, _) = app.get("/api/v1/user", Some("not.a.jwt")).await;
    assert_eq!(status, 401);

    // a well-formed token from a key identity does not know
    let stranger = platform_auth::SigningKey::generate();
    let forged = stranger.sign(&platform_auth::Claims::new("1", "admin", 3600));
    app.token_for("09120000067").await;
    let (status, _) = app.get("/api/v1/user", Some(&forged)).await;
    assert_eq!(status, 401);
    let (status, _) = app
        .post_json_as("/api/v1/user", &forged, json!({"first_name": "Mallory"}))
        .await;
    assert_eq!(status, 401);
}
