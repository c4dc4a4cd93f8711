use crate::helpers::{read, spawn};
use serde_json::json;

#[tokio::test]
async fn edit_without_a_token_is_not_login() {
    let app = spawn().await;
    let (status, body) = app
        .post_form_as("/web/user/edit", None, &[("name", "Ali")])
        .await;
    assert_eq!(
        (status, body),
        (
            401,
            json!({"status": "error", "message": "not login", "data": ""})
        )
    );
    let (status, body) = app
        .post_form_as(
            "/web/user/edit",
            Some("forged.token.here"),
            &[("name", "Ali")],
        )
        .await;
    assert_eq!((status, body["message"].as_str()), (401, Some("not login")));
    let (status, body) = app
        .post_form_as("/web/user/change-password", None, &[("new_password", "x")])
        .await;
    assert_eq!((status, body["message"].as_str()), (401, Some("not login")));
}

#[tokio::test]
async fn edit_saves_the_documented_fields() {
    let app = spawn().await;
    let token = app.token_for("09121111111").await;
    let (status, body) = app
        .post_form_as(
            "/web/user/edit?username=09121111111&x=51.23123&y=31.1231",
            Some(&token),
            &[
                ("name", "Mohsen"),
                ("family", "Karimi"),
                ("phone", "۰۲۱-۸۸۷۷۶۶۵۵"),
                ("email", "m@example.com"),
                ("state", "8"),
                ("city", "301"),
                ("hood", "12"),
                ("address", "Valiasr street, No. 12"),
                ("age", "34"),
                ("gender", "male"),
                ("telegram", "@mohsen"),
                ("website", "https://mohsen.example"),
                ("avatar", "/uploads/avatars/1.png"),
            ],
        )
        .await;
    assert_eq!(
        (status, body),
        (
            200,
            json!({"status": "success", "message": "updated successfully", "data": ""})
        )
    );
    // the address is the account's once the code mailed to it is confirmed
    let code = app.mail_code_for("m@example.com").await;
    let (status, body) = app
        .post_form_as("/web/user/confirm-email", Some(&token), &[("code", &code)])
        .await;
    assert_eq!(
        (status, body),
        (
            200,
            json!({"status": "success", "message": "email confirmed successfully", "data": ""})
        )
    );
    let (_, me) = app.get("/api/v1/user", Some(&token)).await;
    let user = &me["user"];
    assert_eq!(user["first_name"], "Mohsen");
    assert_eq!(user["last_name"], "Karimi");
    assert_eq!(user["email"], "m@example.com");
    let profile = &user["profile"];
    assert_eq!(profile["phone"], "02188776655");
    assert_eq!(profile["city"], 301);
    assert_eq!(profile["age"], 34);
    assert_eq!(profile["gender"], "male");
    assert_eq!(profile["website"], "https://mohsen.example");

    // fields sent in the query and as JSON work too; an empty one clears
    let res = app
        .http
        .post(app.url("/web/user/edit?name=Mohsen&family=Karimi2"))
        .bearer_auth(&token)
        .json(&json!({"age": 35, "telegram": ""}))
        .send()
        .await
        .unwrap();
    assert_eq!(read(res).await.0, 200);
    let (_, me) = app.get("/api/v1/user", Some(&token)).await;
    assert_eq!(me["user"]["last_name"], "Karimi2");
    assert_eq!(me["user"]["profile"]["age"], 35);
    assert!(me["user"]["profile"]["telegram"].is_null());
    assert_eq!(me["user"]["profile"]["city"], 301, "fields not sent stay");
}

#[tokio::test]
async fn edit_answers_the_documented_validation_messages() {
    let app = spawn().await;
    let other = app.token_for("09121111112").await;
    app.set_email(&other, "taken@example.com").await;
    let token = app.token_for("09121111113").await;
    let (status, body) = app
        .post_form_as(
            "/web/user/edit",
            Some(&token),
            &[
                ("name", "Al"),
                ("family", "Ka"),
                ("address", "abc"),
                ("state", "tehran"),
                ("city", "-1"),
                ("hood", "0"),
                ("gender", "other"),
                ("phone", "12345"),
                ("age", "thirty"),
                ("email", "taken@example.com"),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(body["status"], "error");
    assert_eq!(body["message"], "Server Error");
    let mut got: Vec<&str> = body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    got.sort();
    let mut want = vec![
        "Name should contain at least 3 characters.",
        "Family should contain at least 3 characters.",
        "Address should contain at least 5 characters.",
        "State is invalid.",
        "City is invalid.",
        "Hood is invalid.",
        "Gender is invalid.",
        "Phone is not valid",
        "Age must be an integer.",
        "This email address has already been taken.",
    ];
    want.sort();
    assert_eq!(got, want);

    let (status, body) = app.post_form_as("/web/user/edit", Some(&token), &[]).await;
    assert_eq!(status, 422);
    assert_eq!(
        body["data"],
        json!(["Name cannot be blank.", "Family cannot be blank."])
    );
    // nothing was written
    let (_, me) = app.get("/api/v1/user", Some(&token)).await;
    assert!(me["user"]["first_name"].is_null());
}

#[tokio::test]
async fn change_password_sets_then_requires_the_old_one() {
    let app = spawn().await;
    let token = app.token_for("09121111114").await;
    let change = |form: Vec<(&'static str, &'static str)>| {
        let (app, token) = (&app, token.clone());
        async move {
            app.post_form_as("/web/user/change-password", Some(&token), &form)
                .await
        }
    };
    // an account that logs in by code sets its first password
    let (status, body) = change(vec![("new_password", "first-password")]).await;
    assert_eq!(
        (status, body),
        (
            200,
            json!({"status": "success", "message": "password changed successfully", "data": ""})
        )
    );
    let (status, body) = change(vec![("new_password", "second-password")]).await;
    assert_eq!(status, 422);
    assert_eq!(body["data"], json!(["Old Password cannot be blank."]));
    let (status, body) = change(vec![
        ("old_password", "not-it-at-all"),
        ("new_password", "second-password"),
    ])
    .await;
    assert_eq!(
        (status, body["data"].clone()),
        (422, json!(["Old Password is incorrect."]))
    );
    let (status, body) = change(vec![
        ("old_password", "first-password"),
        ("new_password", "short"),
    ])
    .await;
    assert_eq!(
        (status, body["data"].clone()),
        (
            422,
            json!(["New Password should contain at least 8 characters."])
        )
    );
    let (status, _) = change(vec![
        ("old_password", "first-password"),
        ("new_password", "second-password"),
    ])
    .await;
    assert_eq!(status, 200);

    let login = |password: &'static str| {
        let app = &app;
        async move {
            app.post_json(
                "/api/v1/login/password",
                json!({"username": "09121111114", "password": password}),
            )
            .await
            .0
        }
    };
    assert_eq!(login("first-password").await, 401);
    assert_eq!(login("second-password").await, 200);
}

/// Issue 10, item 6: the bazaar apps' `username` must be the token's account.
#[tokio::test]
async fn a_username_that_is_not_the_tokens_is_not_login() {
    let app = spawn().await;
    let token = app.token_for("09121111120").await;
    let form = [("name", "Mohsen"), ("family", "Karimi")];
    for (username, status) in [
        ("09121111120", 200),
        ("+98 912 111 1120", 200),
        ("09121111121", 401),
        ("someone@example.com", 401),
    ] {
        let (got, body) = app
            .post_form_as(
                &format!("/web/user/edit?username={}", urlencode(username)),
                Some(&token),
                &form,
            )
            .await;
        assert_eq!(got, status, "{username}: {body}");
        if status == 401 {
            assert_eq!(
                body,
                json!({"status": "error", "message": "not login", "data": ""})
            );
        }
    }
}

fn urlencode(s: &str) -> String {
    s.replace('+', "%2B").replace(' ', "+").replace('@', "%40")
}
