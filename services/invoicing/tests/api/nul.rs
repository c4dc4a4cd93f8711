//! Issue 9, item 3: NUL (which PostgreSQL refuses in text) and other control
//! characters sent to every text field, on create, update and as a list
//! filter, are a 422/400 in the ledger dialect naming the field, and
//! nothing is written. CI runs this on PostgreSQL, where a NUL that got
//! through would be a 500.

use crate::helpers::{id_of, send, spawn_app, LedgerReply, ALICE};
use reqwest::Method;
use serde_json::json;

const TEXT_FIELDS: [&str; 10] = [
    "name",
    "company",
    "address",
    "postal_code",
    "tel",
    "fax",
    "email",
    "mobile",
    "registration_number",
    "economical_number",
];

#[tokio::test]
async fn nul_in_any_field_is_refused_and_nothing_is_written() {
    let app = spawn_app().await;
    let kept = app
        .create(ALICE, json!({"name": "Kept", "email": "kept@example.com"}))
        .await;
    let id = id_of(&kept);
    for field in TEXT_FIELDS {
        for bad in ["a\u{0}b", "\u{0}", "x\u{1b}[2J"] {
            let mut body = json!({"name": "Nul", "email": "nul@example.com"});
            body[field] = json!(bad);
            let reply = send(app.as_(ALICE, Method::POST, "/v1/customers").json(&body)).await;
            reply.assert_ledger_error(422);
            assert_eq!(reply.error_fields(), [field], "{field} {bad:?}");

            let reply = app.put(ALICE, &id, body.clone()).await;
            reply.assert_ledger_error(422);
            assert_eq!(reply.error_fields(), [field], "{field} {bad:?}");
        }
    }
    let list = app.list(ALICE, "").await;
    assert_eq!(list.names(), ["Kept"], "nothing was written");
    assert_eq!(app.get(ALICE, &id).await.customers(), vec![kept]);

    for filter in ["email", "mobile", "company", "q"] {
        let reply = app.list(ALICE, &format!("{filter}=a%00b")).await;
        reply.assert_ledger_error(400);
        assert_eq!(reply.error_fields(), [filter]);
    }
}

#[tokio::test]
async fn the_address_keeps_its_line_breaks() {
    let app = spawn_app().await;
    let created = app
        .create(
            ALICE,
            json!({"name": "Lines", "email": "l@example.com", "address": "Valiasr St.\r\nNo. 12\tUnit 3"}),
        )
        .await;
    assert_eq!(created["address"], "Valiasr St.\r\nNo. 12\tUnit 3");
}
