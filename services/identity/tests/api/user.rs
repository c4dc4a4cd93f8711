use crate::helpers::{other_code, spawn, spawn_with};
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
    // owned by the smm service, null without `smm_url` (`wallet.rs`)
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
    // the address waits for the code mailed to it
    assert!(body["user"]["email"].is_null(), "{body}");
    assert_eq!(body["user"]["pending_email"], "e@example.com");
    let code = app.mail_code_for("e@example.com").await;
    let (status, body) = app
        .post_json_as("/api/v1/user/email/confirm", &token, json!({"code": code}))
        .await;
    assert_eq!(status, 200, "{body}");
    let (_, body) = app.get("/api/v1/user", Some(&token)).await;
    assert_eq!(body["user"]["last_name"], "Noureddini");
    assert_eq!(body["user"]["email"], "e@example.com");
    assert!(body["user"]["pending_email"].is_null());
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
    app.set_email(&a, "same@example.com").await;
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
async fn a_changed_mobile_is_unverified_until_the_account_confirms_its_code() {
    let app = spawn_with(|s| s.code.resend_cooldown_secs = 0).await;
    let token = app.token_for("09120000063").await;
    let (status, body) = app
        .post_json_as("/api/v1/user", &token, json!({"mobile": "۰۹۱۲۰۰۰۰۰۶۴"}))
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["user"]["mobile"], "09120000064");
    assert_eq!(body["user"]["mobile_verified"], 0);
    let id = body["user"]["id"].clone();

    // the message says what the code is for and whose account asks
    let sms = app.texts().await.pop().unwrap();
    assert_eq!(sms["purpose"], "mobile_change");
    let text = sms["message"].as_str().unwrap();
    assert!(
        text.contains("تغییر شماره موبایل") && text.contains("0912****063"),
        "{text}"
    );
    let code = app.change_code_for("09120000064").await;

    // a wrong code is a 422, not a 401 that would log the app out
    let (status, body) = app
        .post_json_as(
            "/api/v1/user/mobile/confirm",
            &token,
            json!({"code": other_code(&code)}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["message"], "کد تایید اشتباه یا منقضی شده است");

    let (status, body) = app
        .post_json_as("/api/v1/user/mobile/confirm", &token, json!({"code": code}))
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["user"]["id"], id);
    assert_eq!(body["user"]["mobile"], "09120000064");
    assert_eq!(body["user"]["mobile_verified"], 1);
    // the new number logs in to the same account
    let again = app.token_for("09120000064").await;
    let (_, me) = app.get("/api/v1/user", Some(&again)).await;
    assert_eq!(me["user"]["id"], id);

    // the old number is free again: logging in with it is a new sign-up
    let other = app.token_for("09120000063").await;
    let (_, them) = app.get("/api/v1/user", Some(&other)).await;
    assert_ne!(them["user"]["id"], id);
}

/// Issue 9, item 1: a change-confirmation code is no login code, a pending
/// change neither blocks nor captures the number's owner, and the owner's
/// sign-up cancels it.
#[tokio::test]
async fn a_pending_mobile_cannot_capture_or_block_its_owner() {
    let app = spawn().await;
    let squatter = app.token_for("09120000065").await;
    let (status, body) = app
        .post_json_as("/api/v1/user", &squatter, json!({"mobile": "09120000066"}))
        .await;
    assert_eq!(status, 200, "{body}");
    let squatter_id = body["user"]["id"].clone();
    let change_code = app.change_code_for("09120000066").await;

    // the owner types the code they received into the login: refused
    let (status, _) = app.verify("09120000066", &change_code).await;
    assert_eq!(status, 401);
    // the owner's sign-up is not held up by any cooldown the change started
    let (status, body) = app.login("09120000066").await;
    assert_eq!(status, 201, "{body}");
    let code = app.code_for("09120000066").await;
    assert_ne!(code, change_code);
    let (status, body) = app.verify("09120000066", &code).await;
    assert_eq!(status, 200, "{body}");
    let owner = body["access_token"].as_str().unwrap().to_string();
    let (_, owner_me) = app.get("/api/v1/user", Some(&owner)).await;
    assert_ne!(owner_me["user"]["id"], squatter_id);
    assert_eq!(owner_me["user"]["mobile"], "09120000066");

    // the owner's sign-up cancelled the pending change: the code, even
    // if the squatter got hold of it, no longer moves the number
    let (_, squatter_me) = app.get("/api/v1/user", Some(&squatter)).await;
    assert_eq!(squatter_me["user"]["mobile"], "09120000065");
    assert_eq!(squatter_me["user"]["mobile_verified"], 1);
    let (status, _) = app
        .post_json_as(
            "/api/v1/user/mobile/confirm",
            &squatter,
            json!({"code": change_code}),
        )
        .await;
    assert_eq!(status, 422);
    let (status, _) = app
        .post_json_as("/api/v1/user", &squatter, json!({"mobile": "09120000066"}))
        .await;
    assert_eq!(status, 422, "a number with an account cannot be claimed");
}

#[tokio::test]
async fn a_change_code_is_good_only_for_the_account_that_asked() {
    let app = spawn().await;
    let asker = app.token_for("09120000068").await;
    let other = app.token_for("09120000069").await;
    app.post_json_as(
        "/api/v1/user",
        &asker,
        json!({"mobile": "09120000070", "email": "x@example.com"}),
    )
    .await;
    let code = app.change_code_for("09120000070").await;
    let mail_code = app.mail_code_for("x@example.com").await;
    // another account, even with a pending change of its own, cannot use it
    app.post_json_as("/api/v1/user", &other, json!({"mobile": "09120000070"}))
        .await;
    let (status, _) = app
        .post_json_as("/api/v1/user/mobile/confirm", &other, json!({"code": code}))
        .await;
    assert_eq!(status, 422);
    // nor is a mailed code good for the mobile, or the other way round
    let (status, _) = app
        .post_json_as(
            "/api/v1/user/mobile/confirm",
            &asker,
            json!({"code": mail_code}),
        )
        .await;
    assert_eq!(status, 422);
    let (status, body) = app
        .post_json_as("/api/v1/user/mobile/confirm", &asker, json!({"code": code}))
        .await;
    assert_eq!(status, 200, "{body}");
    // the winner's confirmation cancelled the other's pending change
    let (_, them) = app.get("/api/v1/user", Some(&other)).await;
    assert_eq!(them["user"]["mobile"], "09120000069");
    assert_eq!(them["user"]["mobile_verified"], 1);
}

#[tokio::test]
async fn a_pending_email_is_nobodys_login_and_its_owner_wins_it() {
    let app = spawn_with(|s| s.code.resend_cooldown_secs = 0).await;
    let squatter = app.token_for("09120000071").await;
    let owner = app.token_for("09120000072").await;
    let (status, _) = app
        .post_json_as(
            "/api/v1/user",
            &squatter,
            json!({"email": "owner@example.com"}),
        )
        .await;
    assert_eq!(status, 200);
    let mail = app.mails().await.pop().unwrap();
    assert!(
        mail["text"].as_str().unwrap().contains("0912****071"),
        "{mail}"
    );
    // a login by the pending address finds no account
    assert_eq!(app.login("owner@example.com").await.0, 404);
    // the address's owner sets it on their own account and confirms first
    app.set_email(&owner, "owner@example.com").await;
    let (status, body) = app.login("owner@example.com").await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(app.texts().await.pop().unwrap()["receptor"], "09120000072");
    let (_, squatter_me) = app.get("/api/v1/user", Some(&squatter)).await;
    assert!(squatter_me["user"]["pending_email"].is_null());
    assert!(squatter_me["user"]["email"].is_null());
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
