//! `limit`, `offset` and `page` over a list that is newest first.

use crate::helpers::{spawn_app, LedgerReply, TestApp, ALICE};
use serde_json::json;

/// 25 customers made in one burst, most in the same second: the order must
/// still be the order of creation, reversed.
async fn twenty_five() -> (TestApp, Vec<String>) {
    let app = spawn_app().await;
    let mut names = Vec::new();
    for i in 0..25 {
        let name = format!("c{i:02}");
        app.create(
            ALICE,
            json!({"name": name, "mobile": format!("091200000{i:02}")}),
        )
        .await;
        names.push(name);
    }
    names.reverse();
    (app, names)
}

async fn page(app: &TestApp, query: &str) -> Vec<String> {
    let reply = app.list(ALICE, query).await;
    assert_eq!(reply.status, 200, "{query}: {}", reply.text);
    assert_eq!(reply.header("x-total-count"), Some("25"), "{query}");
    reply.names()
}

#[tokio::test]
async fn limit_offset_and_page() {
    let (app, newest_first) = twenty_five().await;
    assert_eq!(page(&app, "").await, newest_first[..10], "default limit 10");
    assert_eq!(page(&app, "limit=100").await, newest_first);
    assert_eq!(page(&app, "limit=1").await, newest_first[..1]);
    assert_eq!(page(&app, "limit=7&offset=3").await, newest_first[3..10]);
    assert_eq!(page(&app, "limit=10&page=1").await, newest_first[..10]);
    assert_eq!(page(&app, "limit=10&page=2").await, newest_first[10..20]);
    assert_eq!(page(&app, "limit=10&page=3").await, newest_first[20..]);
    assert_eq!(page(&app, "page=2").await, newest_first[10..20]);
    // both given: the page starts after the offset
    assert_eq!(
        page(&app, "limit=5&page=2&offset=1").await,
        newest_first[6..11]
    );
    assert!(page(&app, "limit=10&page=4").await.is_empty());
    assert!(page(&app, "offset=25").await.is_empty());
    assert!(page(&app, "offset=1000000").await.is_empty());
    assert_eq!(page(&app, "offset=24").await, newest_first[24..]);
    // Persian digits are numbers too
    assert_eq!(page(&app, "limit=%DB%B3").await, newest_first[..3]);
}

#[tokio::test]
async fn walking_the_pages_sees_everyone_once() {
    let (app, newest_first) = twenty_five().await;
    let mut seen = Vec::new();
    for n in 1..=4 {
        seen.extend(page(&app, &format!("limit=8&page={n}")).await);
    }
    assert_eq!(seen, newest_first);
}
