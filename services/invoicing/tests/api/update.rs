//! `PUT` changes only what it is sent and keeps the e-mail-or-mobile rule.

use crate::helpers::{id_of, send, spawn_app, LedgerReply, ALICE};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn only_the_fields_sent_change() {
    let app = spawn_app().await;
    let before = app
        .create(
            ALICE,
            json!({"name": "A", "company": "C", "tel": "02188624168", "email": "a@example.com"}),
        )
        .await;
    let id = id_of(&before);
    let reply = app
        .put(
            ALICE,
            &id,
            json!({"company": "آسمان", "postal_code": 1234567890u64, "address": null, "unknown": 1}),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    let mut expected = before.clone();
    expected["company"] = json!("آسمان");
    expected["postal_code"] = json!("1234567890");
    assert_eq!(reply.body["data"]["Customer"], expected);
    // what was answered is what is stored
    assert_eq!(
        app.get(ALICE, &id).await.customers(),
        vec![expected.clone()]
    );

    // an empty object changes nothing
    let reply = app.put(ALICE, &id, json!({})).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.body["data"]["Customer"], expected);
}

#[tokio::test]
async fn a_form_body_updates_too() {
    let app = spawn_app().await;
    let id = id_of(&app.create(ALICE, json!({"email": "a@example.com"})).await);
    let reply = send(
        app.as_(ALICE, Method::PUT, &format!("/v1/customers/{id}/"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body("mobile=%2B98+912+000+1122&name=%D8%A2%D8%B1%DB%8C%D9%86&tel=02100000000"),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    let customer = &reply.body["data"]["Customer"];
    assert_eq!(customer["mobile"], json!("09120001122"));
    assert_eq!(customer["name"], json!("آرین"));
    assert_eq!(customer["tel"], json!("02100000000"));
}

#[tokio::test]
async fn email_or_mobile_must_remain() {
    let app = spawn_app().await;
    let both = id_of(
        &app.create(
            ALICE,
            json!({"email": "a@example.com", "mobile": "09121234567"}),
        )
        .await,
    );
    // clearing one of two is fine
    let reply = app.put(ALICE, &both, json!({"email": ""})).await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert_eq!(reply.body["data"]["Customer"]["email"], json!(""));
    // clearing the last one is not, whether by "" or null
    for last in [json!({"mobile": ""}), json!({"mobile": null})] {
        let reply = app.put(ALICE, &both, last).await;
        reply.assert_ledger_error(422);
        assert_eq!(reply.error_fields(), ["email", "mobile"]);
    }
    // swapping one for the other in one request is fine
    let reply = app
        .put(
            ALICE,
            &both,
            json!({"mobile": "", "email": "b@example.com"}),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    let reply = app
        .put(ALICE, &both, json!({"email": null, "mobile": null}))
        .await;
    reply.assert_ledger_error(422);
    let stored = app.get(ALICE, &both).await.customers()[0].clone();
    assert_eq!(stored["email"], json!("b@example.com"));
    assert_eq!(stored["mobile"], json!(""));
}

#[tokio::test]
async fn every_invalid_field_is_listed_and_nothing_is_written() {
    let app = spawn_app().await;
    let id = id_of(
        &app.create(ALICE, json!({"email": "a@example.com", "name": "A"}))
            .await,
    );
    let reply = app
        .put(
            ALICE,
            &id,
            json!({"name": "B", "email": "bad", "mobile": "123", "tel": "12", "fax": "x",
                   "postal_code": "1", "registration_number": "", "economical_number": "1".repeat(21)}),
        )
        .await;
    reply.assert_ledger_error(422);
    assert_eq!(
        reply.error_fields(),
        [
            "economical_number",
            "email",
            "fax",
            "mobile",
            "postal_code",
            "tel"
        ]
    );
    let stored = app.get(ALICE, &id).await.customers()[0].clone();
    assert_eq!(stored["name"], json!("A"));
}

#[tokio::test]
async fn concurrent_updates_never_leave_a_customer_without_contact() {
    let app = spawn_app().await;
    for _ in 0..5 {
        let id = id_of(
            &app.create(
                ALICE,
                json!({"email": "a@example.com", "mobile": "09121234567"}),
            )
            .await,
        );
        let (a, b) = tokio::join!(
            app.put(ALICE, &id, json!({"email": ""})),
            app.put(ALICE, &id, json!({"mobile": ""})),
        );
        let mut statuses = [a.status, b.status];
        statuses.sort();
        assert_eq!(statuses, [200, 422], "{} / {}", a.text, b.text);
        let stored = app.get(ALICE, &id).await.customers()[0].clone();
        assert!(stored["email"] != json!("") || stored["mobile"] != json!(""));
    }
}
