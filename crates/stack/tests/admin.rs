//! Issue 10, item 11: identity's `admins` get the role `admin` in their
//! tokens from their next login, and the shared `Admin` extractor lets a
//! service's admin API in only those (403 in the route's dialect for others).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test fails by panicking"
)]

mod common;

use actix_web::{test, web, App, HttpResponse};
use platform_auth::{Admin, JwksVerifier, RevocationFeed, VerifierOptions};
use platform_http::Dialect;
use serde_json::Value;
use std::time::Duration;

#[actix_web::test]
async fn only_operators_reach_an_admin_route() {
    let sms = common::sms_stand_in().await;
    let db = platform_testkit::TestDb::new();
    let keys = tempfile::tempdir().unwrap();
    let identity = common::identity(&sms, &db, keys.path(), |s| {
        s.admins = vec!["+98 912 000 0301".into()];
        s.code.resend_cooldown_secs = 0;
    })
    .await;
    let http = reqwest::Client::new();
    let (operator, _) = common::login(&http, &identity, &identity, &sms, "09120000301").await;
    let (user, _) = common::login(&http, &identity, &identity, &sms, "09120000302").await;

    // a service's admin route, verifying against identity as the kit does
    let feed = RevocationFeed::start(
        format!("{identity}/internal/revocations"),
        Duration::from_millis(50),
        platform_auth::InternalKey::new(Some(platform_settings::Secret::new(
            platform_testkit::INTERNAL_SECRET,
        ))),
    );
    let revocations: std::sync::Arc<dyn platform_auth::RevocationCheck> = feed;
    let app = test::init_service(
        App::new()
            .app_data(Dialect::Panel)
            .app_data(web::Data::new(JwksVerifier::new(
                format!("{identity}/.well-known/jwks.json"),
                VerifierOptions::default(),
            )))
            .app_data(web::Data::from(revocations))
            .route(
                "/api/v1/admin/things",
                web::post().to(|Admin(claims): Admin| async move {
                    HttpResponse::Created()
                        .json(serde_json::json!({"status": 201, "by": claims.sub}))
                }),
            ),
    )
    .await;
    let call = |token: Option<String>| {
        let mut req = test::TestRequest::post().uri("/api/v1/admin/things");
        if let Some(t) = token {
            req = req.insert_header(("authorization", format!("Bearer {t}")));
        }
        req.to_request()
    };
    let res = test::call_service(&app, call(Some(operator))).await;
    assert_eq!(res.status(), 201);
    let res = test::call_service(&app, call(Some(user))).await;
    assert_eq!(res.status(), 403);
    let body: Value = test::read_body_json(res).await;
    assert_eq!(body["status"], 403);
    assert_eq!(body["message"], "منع دسترسی");
    let res = test::call_service(&app, call(None)).await;
    assert_eq!(res.status(), 401);
}
