//! Customers belong to the account that made them: another account gets a
//! 404 on every verb and never sees them in a list.

use crate::helpers::{id_of, spawn_app, LedgerReply, ALICE, BOB};
use serde_json::json;

#[tokio::test]
async fn another_account_cannot_reach_a_customer_on_any_verb() {
    let app = spawn_app().await;
    let alices = app
        .create(
            ALICE,
            json!({"name": "Alice's", "email": "shared@example.com", "mobile": "09121111111"}),
        )
        .await;
    let id = id_of(&alices);
    let bobs = app
        .create(BOB, json!({"name": "Bob's", "email": "bob@example.com"}))
        .await;

    app.get(BOB, &id).await.assert_ledger_error(404);
    app.put(BOB, &id, json!({"name": "taken"}))
        .await
        .assert_ledger_error(404);
    // an invalid body changes nothing about that: no hint that it exists
    app.put(BOB, &id, json!({"email": "", "mobile": ""}))
        .await
        .assert_ledger_error(404);
    app.delete(BOB, &id).await.assert_ledger_error(404);

    for query in [
        "",
        "email=shared@example.com",
        "mobile=09121111111",
        "q=Alice",
        "limit=100",
    ] {
        let list = app.list(BOB, query).await;
        assert_eq!(list.status, 200, "{}", list.text);
        assert!(
            list.customers().iter().all(|c| c["id"] != alices["id"]),
            "{query}: {}",
            list.text
        );
    }
    let list = app.list(BOB, "").await;
    assert_eq!(list.header("x-total-count"), Some("1"));
    assert_eq!(list.customers(), vec![bobs]);

    // Alice's customer is untouched by all of it
    let mine = app.get(ALICE, &id).await;
    assert_eq!(mine.status, 200);
    assert_eq!(mine.customers(), vec![alices]);
    let list = app.list(ALICE, "").await;
    assert_eq!(list.header("x-total-count"), Some("1"));
}
