//! Top-ups through a stand-in Zarinpal: the seed's minimum, the whole
//! flow, and the callback credited exactly once whatever comes: replays,
//! `NOK`, code 101, an unpaid session, a slow gateway, 50 callbacks at
//! once on two replicas.

use crate::helpers::{replica_of, send, spawn_with, TestApp, ALICE, BOB};
use crate::zarinpal::{StandInZarinpal, MERCHANT};
use futures_util::future::join_all;
use platform_settings::Secret;
use platform_testkit::snapshot_settings;
use reqwest::Method;
use serde_json::json;
use std::time::Duration;

async fn with_zarinpal(tune: impl FnOnce(&mut smm::Settings)) -> (TestApp, StandInZarinpal) {
    let zarinpal = StandInZarinpal::start().await;
    let url = zarinpal.url();
    let app = spawn_with(move |s| {
        s.zarinpal.merchant_id = Some(Secret::new(MERCHANT));
        s.zarinpal.base_url = Some(url);
        s.zarinpal.callback_url = "https://panel.example/api/v1/user/payment/verify".into();
        s.zarinpal.timeout_ms = 1_000;
        tune(s);
    })
    .await;
    (app, zarinpal)
}

/// Starts a top-up of `toman` for `user`; returns the authority.
async fn start(app: &TestApp, user: &str, toman: i64) -> String {
    let reply = app
        .post(user, "/api/v1/user/payment", json!({"amount": toman}))
        .await;
    assert_eq!(reply.status, 201, "{}", reply.text);
    reply.body["authority"].as_str().unwrap().to_string()
}

async fn callback(app: &TestApp, authority: &str, status: &str) -> crate::helpers::Reply {
    send(
        app.anonymous(
            Method::GET,
            &format!("/api/v1/user/payment/verify?Authority={authority}&Status={status}"),
        )
        .header("accept", "application/json"),
    )
    .await
}

#[tokio::test]
async fn a_top_up_goes_from_the_gateway_to_the_wallet_once() {
    let (app, zarinpal) = with_zarinpal(|_| {}).await;
    let token = app.token_with_mobile(ALICE, "09011235566");
    let started = send(
        app.anonymous(Method::POST, "/api/v1/user/payment")
            .bearer_auth(token)
            .json(&json!({"amount": 12000})),
    )
    .await;
    assert_eq!(started.status, 201, "{}", started.text);
    let authority = started.body["authority"].as_str().unwrap().to_string();
    assert_eq!(
        started.body["url"],
        format!("{}/pg/StartPay/{authority}", zarinpal.url())
    );
    // Rials, the callback from the settings, the mobile in the metadata
    let sent = &zarinpal.requests()[0];
    assert_eq!(sent["amount"], 120_000);
    assert_eq!(
        sent["callback_url"],
        "https://panel.example/api/v1/user/payment/verify"
    );
    assert_eq!(sent["metadata"]["mobile"], "09011235566");
    snapshot_settings().bind(|| {
        insta::assert_json_snapshot!("payment_started", started.body, {
            ".authority" => "[authority]", ".url" => "[url]",
        })
    });

    zarinpal.pay(&authority);
    let paid = callback(&app, &authority, "OK").await;
    assert_eq!(paid.status, 200, "{}", paid.text);
    assert_eq!(paid.body["payment"]["status"], "paid");
    assert_eq!(paid.body["payment"]["ref_id"], "201");
    snapshot_settings().bind(|| {
        insta::assert_json_snapshot!("payment_verified", paid.body, {
            ".payment.id" => "[id]", ".payment.authority" => "[authority]",
            ".payment.created" => "[time]", ".payment.changed" => "[time]",
        })
    });
    assert_eq!(app.balance(ALICE).await, 12000.0);
    // a replay is answered from the books, without asking Zarinpal again
    let again = callback(&app, &authority, "OK").await;
    assert_eq!(again.status, 200, "{}", again.text);
    assert_eq!(zarinpal.verifies(), 1);
    // a forged NOK after the payment changes nothing
    let nok = callback(&app, &authority, "NOK").await;
    assert_eq!(nok.status, 200, "{}", nok.text);
    assert_eq!(app.balance(ALICE).await, 12000.0);
    assert_eq!(
        app.notifications(ALICE).await,
        vec!["Ehsan عزیز، حساب کاربری شما 12000 تومان شارژ شد."]
    );
    app.assert_books_balance().await;
}

#[tokio::test]
async fn below_the_minimum_is_refused_with_the_seed_message() {
    let (app, zarinpal) = with_zarinpal(|_| {}).await;
    // the seed's example
    let reply = app
        .post(ALICE, "/api/v1/user/payment", json!({"amount": 7}))
        .await;
    reply.assert_panel_error(400);
    assert_eq!(
        reply.body["message"],
        "مبلغ وارد شده از حداقل مبلغ قابل پرداخت کمتر است"
    );
    let not_a_number = app
        .post(ALICE, "/api/v1/user/payment", json!({"amount": "many"}))
        .await;
    not_a_number.assert_panel_error(400);
    assert!(zarinpal.requests().is_empty());
}

#[tokio::test]
async fn nok_and_an_unpaid_session_credit_nothing() {
    let (app, zarinpal) = with_zarinpal(|_| {}).await;
    let authority = start(&app, ALICE, 5000).await;
    let nok = callback(&app, &authority, "NOK").await;
    nok.assert_panel_error(400);
    assert_eq!(nok.body["code"], "payment_failed");
    assert_eq!(zarinpal.verifies(), 0, "NOK is not verified");
    // Status=OK proves nothing: Zarinpal says -51, unpaid
    let forged = callback(&app, &authority, "OK").await;
    forged.assert_panel_error(400);
    assert_eq!(zarinpal.verifies(), 1);
    assert_eq!(app.balance(ALICE).await, 0.0);
    let unknown = callback(&app, "A000000000000000000000000000000000001", "OK").await;
    unknown.assert_panel_error(404);
    assert_eq!(unknown.body["message"], "پرداخت مورد نظر یافت نشد");
    app.assert_books_balance().await;
}

#[tokio::test]
async fn a_payment_verified_before_a_restart_is_credited_on_101() {
    let (app, zarinpal) = with_zarinpal(|_| {}).await;
    let authority = start(&app, ALICE, 3000).await;
    // verified by a process that stopped before it credited
    zarinpal.verified_before(&authority);
    let replica = replica_of(&app, |_| {}).await;
    let reply = send(
        app.client
            .get(replica.url(&format!(
                "/api/v1/user/payment/verify?Authority={authority}&Status=OK"
            )))
            .header("accept", "application/json"),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert_eq!(reply.body["payment"]["status"], "paid");
    let again = callback(&app, &authority, "OK").await;
    assert_eq!(again.status, 200, "{}", again.text);
    assert_eq!(app.balance(ALICE).await, 3000.0);
    app.assert_books_balance().await;
}

#[tokio::test]
async fn a_slow_gateway_leaves_the_payment_pending_until_a_replay() {
    let (app, zarinpal) = with_zarinpal(|_| {}).await;
    let authority = start(&app, ALICE, 2000).await;
    zarinpal.pay(&authority);
    zarinpal.slow(Some(Duration::from_millis(1_500)));
    let slow = callback(&app, &authority, "OK").await;
    slow.assert_panel_error(502);
    assert_eq!(slow.body["code"], "payment_unconfirmed");
    assert_eq!(app.balance(ALICE).await, 0.0);
    // Zarinpal did verify it meanwhile: the replay hears 101 and credits
    zarinpal.slow(None);
    let replay = callback(&app, &authority, "OK").await;
    assert_eq!(replay.status, 200, "{}", replay.text);
    assert_eq!(app.balance(ALICE).await, 2000.0);
    app.assert_books_balance().await;
}

#[tokio::test]
async fn fifty_callbacks_at_once_on_two_replicas_credit_once() {
    let (app, zarinpal) = with_zarinpal(|_| {}).await;
    let replica = replica_of(&app, |_| {}).await;
    let authority = start(&app, BOB, 10_000).await;
    zarinpal.pay(&authority);
    let path = format!("/api/v1/user/payment/verify?Authority={authority}&Status=OK");
    let urls: Vec<String> = (0..50)
        .map(|i| {
            if i % 2 == 0 {
                app.url(&path)
            } else {
                replica.url(&path)
            }
        })
        .collect();
    let replies = join_all(
        urls.iter()
            .map(|u| send(app.client.get(u).header("accept", "application/json"))),
    )
    .await;
    for r in &replies {
        assert_eq!(r.status, 200, "{}", r.text);
    }
    assert_eq!(app.balance(BOB).await, 10_000.0);
    assert_eq!(app.notifications(BOB).await.len(), 1);
    app.assert_books_balance().await;
}

#[tokio::test]
async fn browsers_get_a_page_or_the_return_url() {
    let (app, zarinpal) = with_zarinpal(|_| {}).await;
    let authority = start(&app, ALICE, 1000).await;
    let page = send(app.anonymous(
        Method::GET,
        &format!("/api/v1/user/payment/verify?Authority={authority}&Status=NOK"),
    ))
    .await;
    assert_eq!(page.status, 200);
    assert!(page.text.contains("پرداخت انجام نشد"), "{}", page.text);
    assert_eq!(app.balance(ALICE).await, 0.0);

    let (app, zarinpal2) = with_zarinpal(|s| {
        s.zarinpal.return_url = Some("https://app.example/paid".into());
    })
    .await;
    let authority = start(&app, ALICE, 1000).await;
    zarinpal2.pay(&authority);
    let no_follow = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let res = no_follow
        .get(app.url(&format!(
            "/api/v1/user/payment/verify?Authority={authority}&Status=OK"
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"].to_str().unwrap(),
        format!("https://app.example/paid?status=paid&authority={authority}")
    );
    assert_eq!(app.balance(ALICE).await, 1000.0);
    drop(zarinpal);
}

#[tokio::test]
async fn the_gateway_refusing_or_missing_is_an_error_not_a_payment() {
    // a merchant id Zarinpal does not know: -10
    let (app, _zarinpal) = with_zarinpal(|s| {
        s.zarinpal.merchant_id = Some(Secret::new("x".repeat(36)));
    })
    .await;
    let reply = app
        .post(ALICE, "/api/v1/user/payment", json!({"amount": 1000}))
        .await;
    reply.assert_panel_error(502);
    assert_eq!(reply.body["code"], "payment_gateway_error");
    // not configured at all
    let app = spawn_with(|_| {}).await;
    let reply = app
        .post(ALICE, "/api/v1/user/payment", json!({"amount": 1000}))
        .await;
    reply.assert_panel_error(503);
}

#[tokio::test]
async fn the_test_payment_exists_in_the_sandbox_only() {
    let (app, _zarinpal) = with_zarinpal(|_| {}).await;
    let reply = app.get(ALICE, "/api/v1/user/payment/test").await;
    assert_eq!(reply.status, 404, "{}", reply.text);
    let (app, zarinpal) = with_zarinpal(|s| s.zarinpal.sandbox = true).await;
    let reply = app.get(ALICE, "/api/v1/user/payment/test").await;
    assert_eq!(reply.status, 201, "{}", reply.text);
    assert_eq!(zarinpal.requests()[0]["amount"], 10_000);
}
