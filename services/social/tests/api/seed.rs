//! Seed 000's two broadcast examples replayed: six platform broadcasts to
//! the app's customers (role 8), read as a list and one by one, snapshot
//! against the document's shapes (ids and dates redacted).

use crate::helpers::{mobile, spawn_app};
use serde_json::{json, Value};

/// The document's title and text (its Lorem Ipsum in Persian).
const TEXTS: &str = include_str!("seed_broadcast.json");

macro_rules! snapshot {
    ($name:expr, $value:expr, $redactions:expr) => {{
        let mut settings = platform_testkit::snapshot_settings();
        for (selector, name) in $redactions {
            settings.add_redaction(selector, name);
        }
        settings.bind(|| insta::assert_json_snapshot!($name, $value));
    }};
}

#[tokio::test]
async fn broadcasts_as_the_document_shows_them() {
    let app = spawn_app().await;
    let texts: Value = serde_json::from_str(TEXTS).unwrap();
    let mut ids = Vec::new();
    for _ in 0..6 {
        let r = app
            .admin(
                "/web/admin/broadcasts",
                json!({"title": texts["title"], "text": texts["text"], "role": 8}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        ids.push(r.body["data"]["id"].as_i64().unwrap());
    }
    let list = app
        .get(
            4,
            &format!("/web/broadcasts?username={}&page=1&per-page=300", mobile(4)),
        )
        .await;
    assert_eq!(list.status, 200, "{}", list.text);
    snapshot!(
        "broadcasts",
        &list.body,
        [
            (".items[].id", "[id]"),
            (".items[].date", "[date]"),
            ("._links.self.href", "[href]"),
        ]
    );
    let one = app.get(4, &format!("/web/broadcasts/{}", ids[4])).await;
    assert_eq!(one.status, 200, "{}", one.text);
    snapshot!(
        "unique_broadcast",
        &one.body,
        [(".id", "[id]"), (".date", "[date]")]
    );
    // an operator's broadcast to another role is not a customer's
    let r = app
        .admin(
            "/web/admin/broadcasts",
            json!({"title": "ops", "text": "x", "role": 1}),
        )
        .await;
    let hidden = r.body["data"]["id"].as_i64().unwrap();
    app.get(4, &format!("/web/broadcasts/{hidden}"))
        .await
        .assert_bazaar_error(404);
}
