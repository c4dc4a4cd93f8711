//! Whatever a client sends, the answer is a 4xx in the route's dialect.

use crate::helpers::{read, spawn};
use serde_json::Value;

fn is_panel_error(body: &Value, status: u16) -> bool {
    body["status"] == status && body["message"].is_string()
}

fn is_bazaar_error(body: &Value) -> bool {
    body["status"] == "error" && body["message"].is_string() && body.get("data").is_some()
}

#[tokio::test]
async fn panel_routes_answer_bad_bodies_in_the_panel_dialect() {
    let app = spawn().await;
    let token = app.token_for("09120000130").await;
    let huge = "9".repeat(100_000);
    let cases: Vec<(&str, &str)> = vec![
        ("/api/v1/login", "{not json"),
        ("/api/v1/login", "{}"),
        ("/api/v1/login", r#"{"username": null}"#),
        ("/api/v1/login", r#"["09120000130"]"#),
        ("/api/v1/login", ""),
        ("/api/v1/login/verify", r#"{"username": "09120000130"}"#),
        (
            "/api/v1/login/verify",
            r#"{"username": "09120000130", "code": 123456}"#,
        ),
        (
            "/api/v1/login/verify",
            r#"{"username": {"a": 1}, "code": "1"}"#,
        ),
        ("/api/v1/login/password", r#"{"username": "09120000130"}"#),
        ("/api/v1/user", r#"{"first_name": [12]}"#),
        ("/api/v1/user", r#"{"mobile": ["0912"]}"#),
        ("/api/v1/user", "null"),
    ];
    for (path, body) in cases {
        let res = app
            .http
            .post(app.url(path))
            .bearer_auth(&token)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        let (status, json) = read(res).await;
        assert!((400..500).contains(&status), "{path} {body}: {status}");
        assert!(is_panel_error(&json, status), "{path} {body}: {json}");
    }

    let big = format!(r#"{{"username": "{huge}"}}"#);
    for body in [
        big.as_str(),
        &format!(r#"{{"username": "0912", "pad": "{huge}"}}"#),
    ] {
        let res = app
            .http
            .post(app.url("/api/v1/login"))
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
            .await
            .unwrap();
        let (status, json) = read(res).await;
        assert!((400..500).contains(&status), "{status}");
        assert!(is_panel_error(&json, status), "{json}");
    }
    let long_name = format!(r#"{{"first_name": "{}"}}"#, "x".repeat(5000));
    let res = app
        .http
        .post(app.url("/api/v1/user"))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body(long_name)
        .send()
        .await
        .unwrap();
    assert_eq!(read(res).await.0, 400);

    let res = app
        .http
        .post(app.url("/api/v1/login"))
        .header("content-type", "text/plain")
        .body("username=09120000130")
        .send()
        .await
        .unwrap();
    let (status, json) = read(res).await;
    assert!(
        is_panel_error(&json, status) && (400..500).contains(&status),
        "{json}"
    );

    for (method, path, want) in [
        ("GET", "/api/v1/nothing", 404),
        ("GET", "/api/v1/login", 405),
        ("DELETE", "/api/v1/user", 405),
        ("GET", "/nothing", 404),
    ] {
        let res = app
            .http
            .request(method.parse().unwrap(), app.url(path))
            .send()
            .await
            .unwrap();
        let (status, json) = read(res).await;
        assert_eq!(status, want, "{method} {path}");
        assert!(is_panel_error(&json, status), "{method} {path}: {json}");
    }
}

#[tokio::test]
async fn bazaar_routes_answer_bad_bodies_in_the_bazaar_dialect() {
    let app = spawn().await;
    let token = app.token_for("09120000131").await;
    let huge = "x".repeat(100_000);
    let cases: Vec<(&str, String)> = vec![
        ("application/json", "{not json".into()),
        ("application/json", "[1,2]".into()),
        (
            "application/json",
            r#"{"name": ["a"], "family": {"b": 1}}"#.into(),
        ),
        (
            "application/x-www-form-urlencoded",
            format!("name={huge}&family=abc"),
        ),
        (
            "application/x-www-form-urlencoded",
            "name=%ZZ%&family".into(),
        ),
        ("multipart/form-data; boundary=x", "--x--".into()),
    ];
    for (content_type, body) in cases {
        let res = app
            .http
            .post(app.url("/web/user/edit"))
            .bearer_auth(&token)
            .header("content-type", content_type)
            .body(body.clone())
            .send()
            .await
            .unwrap();
        let (status, json) = read(res).await;
        assert!(
            (400..500).contains(&status),
            "{content_type} {}: {status}",
            &body[..body.len().min(40)]
        );
        assert!(is_bazaar_error(&json), "{json}");
    }
    let res = app
        .http
        .post(app.url("/web/user/change-password"))
        .bearer_auth(&token)
        .form(&[("new_password", huge.as_str())])
        .send()
        .await
        .unwrap();
    let (status, json) = read(res).await;
    assert!(
        (400..500).contains(&status) && is_bazaar_error(&json),
        "{json}"
    );
    for (method, path, want) in [
        ("GET", "/web/user/edit", 405),
        ("POST", "/web/nothing", 404),
    ] {
        let res = app
            .http
            .request(method.parse().unwrap(), app.url(path))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        let (status, json) = read(res).await;
        assert_eq!(status, want, "{method} {path}");
        assert!(is_bazaar_error(&json), "{method} {path}: {json}");
    }
}

/// Issue 9, item 3: NUL (which PostgreSQL refuses in text) and other control
/// characters in every text field of both apps' routes are a 4xx in the
/// route's dialect, and nothing is written. CI runs this on PostgreSQL,
/// where a NUL that got through would be a 500.
#[tokio::test]
async fn nul_in_any_text_field_is_refused_and_nothing_is_written() {
    let app = crate::helpers::spawn().await;
    let token = app.token_for("09120000131").await;
    let (_, before) = app.get("/api/v1/user", Some(&token)).await;
    for bad in ["a\u{0}b", "\u{0}", "x\u{1b}[2J"] {
        for field in ["first_name", "last_name", "email", "password", "mobile"] {
            let (status, body) = app
                .post_json_as("/api/v1/user", &token, serde_json::json!({ field: bad }))
                .await;
            assert!((400..500).contains(&status), "{field} {bad:?}: {status}");
            assert!(is_panel_error(&body, status), "{body}");
        }
        for (path, body) in [
            ("/api/v1/login", serde_json::json!({"username": bad})),
            (
                "/api/v1/login/verify",
                serde_json::json!({"username": "09120000131", "code": bad}),
            ),
            (
                "/api/v1/login/verify",
                serde_json::json!({"username": bad, "code": "123456"}),
            ),
            (
                "/api/v1/login/password",
                serde_json::json!({"username": "09120000131", "password": bad}),
            ),
            (
                "/api/v1/user/mobile/confirm",
                serde_json::json!({"code": bad}),
            ),
        ] {
            let (status, got) = app.post_json_as(path, &token, body.clone()).await;
            assert!((400..500).contains(&status), "{path} {body}: {status}");
            assert!(is_panel_error(&got, status), "{got}");
        }
        let bazaar_fields = [
            "name",
            "family",
            "phone",
            "email",
            "state",
            "city",
            "hood",
            "address",
            "age",
            "gender",
            "telegram",
            "twitter",
            "linkedin",
            "facebook",
            "instagram",
            "googleplus",
            "website",
            "avatar",
        ];
        for field in bazaar_fields {
            let mut form = vec![("name", "Mohsen"), ("family", "Karimi")];
            form.retain(|(k, _)| *k != field);
            form.push((field, bad));
            let (status, body) = app
                .post_form_as("/web/user/edit", Some(&token), &form)
                .await;
            assert_eq!(status, 422, "{field} {bad:?}: {body}");
            assert!(is_bazaar_error(&body), "{body}");
        }
        for (path, field) in [
            ("/web/user/change-password", "new_password"),
            ("/web/user/confirm-email", "code"),
        ] {
            let (status, body) = app.post_form_as(path, Some(&token), &[(field, bad)]).await;
            assert!((400..500).contains(&status), "{path} {bad:?}: {status}");
            assert!(is_bazaar_error(&body), "{body}");
        }
    }
    let (_, after) = app.get("/api/v1/user", Some(&token)).await;
    assert_eq!(before, after, "nothing was written");
}
