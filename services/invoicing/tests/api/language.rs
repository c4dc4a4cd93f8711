//! Persian by default, English with `Accept-Language: en`, for every kind
//! of error the service writes.

use crate::helpers::{send, spawn_app, LedgerReply, ALICE};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn messages_follow_accept_language() {
    let app = spawn_app().await;
    let cases = [
        (
            Method::POST,
            "/v1/customers",
            Some(json!({"postal_code": "1"})),
            422,
        ),
        (Method::GET, "/v1/customers?limit=500", None, 400),
        (
            Method::GET,
            "/v1/customers/511f70f9-f270-4370-9d44-32622e65ec33",
            None,
            404,
        ),
        (Method::GET, "/v1/customers/not-an-id", None, 404),
        (Method::GET, "/v1/nothing-here", None, 404),
    ];
    for (method, path, body, status) in cases {
        let request = |lang: Option<&str>| {
            let mut r = app.as_(ALICE, method.clone(), path);
            if let Some(body) = &body {
                r = r.json(body);
            }
            if let Some(lang) = lang {
                r = r.header("Accept-Language", lang);
            }
            r
        };
        let fa = send(request(None)).await;
        let en = send(request(Some("en-US,en;q=0.9"))).await;
        fa.assert_ledger_error(status);
        en.assert_ledger_error(status);
        let (fa_text, en_text) = (fa.body.to_string(), en.body.to_string());
        assert!(has_persian(&fa_text), "{path}: {fa_text}");
        assert!(!has_persian(&en_text), "{path}: {en_text}");
        assert_eq!(
            fa.error_fields(),
            en.error_fields(),
            "the same fields either way"
        );
    }
}

#[tokio::test]
async fn the_401_follows_accept_language_too() {
    let app = spawn_app().await;
    let fa = send(app.anonymous(Method::GET, "/v1/customers")).await;
    let en = send(
        app.anonymous(Method::GET, "/v1/customers")
            .header("Accept-Language", "en"),
    )
    .await;
    assert!(
        has_persian(fa.body["message"].as_str().unwrap()),
        "{}",
        fa.text
    );
    assert_eq!(en.body["message"], json!("Authentication required"));
}

fn has_persian(text: &str) -> bool {
    text.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}
