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
