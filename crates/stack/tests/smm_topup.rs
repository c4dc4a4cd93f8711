//! A Zarinpal top-up through the real gateway and the real identity: the
//! user starts it with a token, pays at a stand-in Zarinpal, comes back to
//! the callback without one, and the profile (identity, asking smm) shows
//! the balance; the notification greets the user by name and the public
//! stats answer without a token.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test fails by panicking"
)]

mod common;
#[path = "../../../services/smm/tests/api/zarinpal.rs"]
#[expect(dead_code, reason = "this flow uses part of the stand-in")]
mod zarinpal;

use platform_testkit::{send, TestDb};
use reqwest::Method;
use serde_json::json;
use zarinpal::{StandInZarinpal, MERCHANT};

const USER: &str = "09120000502";

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[actix_web::test]
async fn a_top_up_from_payment_to_the_profile_balance() {
    let sms = common::sms_stand_in().await;
    let zarinpal = StandInZarinpal::start().await;
    let (identity_db, smm_db) = (TestDb::new(), TestDb::new());
    let keys = tempfile::tempdir().unwrap();
    let smm_port = free_port();
    let identity = common::identity(&sms, &identity_db, keys.path(), |s| {
        s.smm_url = Some(format!("http://127.0.0.1:{smm_port}"));
    })
    .await;
    let mut settings = smm::Settings::default();
    settings.common.listen = format!("127.0.0.1:{smm_port}");
    settings.common.database_url = smm_db.url.clone();
    settings.common.workers = 1;
    settings.common.jwks_url = format!("{identity}/.well-known/jwks.json");
    settings.common.revocations_url = Some(format!("{identity}/internal/revocations"));
    settings.common.internal_secret = Some(platform_settings::Secret::new(
        platform_testkit::INTERNAL_SECRET,
    ));
    settings.identity_url = Some(identity.clone());
    settings.zarinpal.merchant_id = Some(platform_settings::Secret::new(MERCHANT));
    settings.zarinpal.base_url = Some(zarinpal.url());
    settings.zarinpal.timeout_ms = 1_000;
    let app = smm::Application::build(settings).await.unwrap();
    actix_web::rt::spawn(app.run());
    let gw = common::gateway(&identity, |g| {
        g.upstreams
            .insert("smm".into(), format!("http://127.0.0.1:{smm_port}"));
    })
    .await;
    let http = reqwest::Client::new();
    let (token, _) = common::login(&http, &gw, &gw, &sms, USER).await;
    let call = |method: Method, path: &str| {
        http.request(method, format!("{gw}{path}"))
            .bearer_auth(&token)
    };
    let named =
        send(call(Method::POST, "/api/v1/user").json(&json!({"first_name": "Ehsan"}))).await;
    assert_eq!(named.status, 200, "{}", named.text);

    let started =
        send(call(Method::POST, "/api/v1/user/payment").json(&json!({"amount": 12000}))).await;
    assert_eq!(started.status, 201, "{}", started.text);
    let authority = started.body["authority"].as_str().unwrap().to_string();
    assert_eq!(zarinpal.requests()[0]["metadata"]["mobile"], USER);
    assert_eq!(zarinpal.requests()[0]["amount"], 120_000);
    // the seed's minimum, through the gateway
    let small = send(call(Method::POST, "/api/v1/user/payment").json(&json!({"amount": 7}))).await;
    small.assert_panel_error(400);

    zarinpal.pay(&authority);
    let verify = format!("{gw}/api/v1/user/payment/verify?Authority={authority}&Status=OK");
    for _ in 0..2 {
        let back = send(http.get(&verify).header("accept", "application/json")).await;
        assert_eq!(back.status, 200, "{}", back.text);
        assert_eq!(back.body["payment"]["status"], "paid");
    }
    let profile = send(call(Method::GET, "/api/v1/user")).await;
    assert_eq!(profile.status, 200, "{}", profile.text);
    assert_eq!(profile.body["user"]["balance"], 12000, "{}", profile.text);

    let notes = send(call(Method::GET, "/api/v1/user/notifications/unread")).await;
    assert_eq!(
        notes.body["notifications"][0]["message"],
        "Ehsan عزیز، حساب کاربری شما 12000 تومان شارژ شد.",
        "{}",
        notes.text
    );
    // the other new routes reach smm through the gateway
    let credit = send(call(Method::GET, "/api/v1/user/freecredit")).await;
    assert_eq!(credit.status, 201, "{}", credit.text);
    let tickets = send(call(Method::GET, "/api/v1/user/tickets")).await;
    assert_eq!(tickets.status, 200, "{}", tickets.text);
    let gifts = send(call(Method::GET, "/api/v1/user/gifts")).await;
    assert_eq!(gifts.status, 200, "{}", gifts.text);
    let wof = send(call(Method::GET, "/api/v1/user/wof")).await;
    wof.assert_panel_error(404);
    let stats = send(http.get(format!("{gw}/api/v1/stats/top_users"))).await;
    assert_eq!(stats.status, 200, "{}", stats.text);
    let needs_token = send(http.get(format!("{gw}/api/v1/user/notifications"))).await;
    needs_token.assert_panel_error(401);
}
