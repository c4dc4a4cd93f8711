//! Issue 10, item 4: the bazaar apps' 401 is seed 000's body wherever it is
//! made: at the gateway, by the services' `Authenticated` extractor, and by
//! identity's own routes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test fails by panicking"
)]

mod common;

use actix_web::{test, web, App, HttpResponse};
use platform_auth::{Authenticated, JwksVerifier, NeverRevoked, RevocationCheck, VerifierOptions};
use platform_http::Dialect;
use serde_json::{json, Value};
use std::sync::Arc;

async fn body_of(res: reqwest::Response) -> (u16, Value) {
    (res.status().as_u16(), res.json().await.unwrap())
}

#[actix_web::test]
async fn the_bazaar_401_is_the_seeds_everywhere() {
    let seed = json!({"status": "error", "message": "not login", "data": ""});

    // a bazaar route of a service, refused by the shared extractor
    let revocations: Arc<dyn RevocationCheck> = Arc::new(NeverRevoked);
    let app = test::init_service(
        App::new()
            .app_data(Dialect::Bazaar)
            .app_data(web::Data::new(JwksVerifier::new(
                "http://127.0.0.1:9/jwks.json",
                VerifierOptions::default(),
            )))
            .app_data(web::Data::from(revocations))
            .route(
                "/web/things",
                web::get().to(|_: Authenticated| async { HttpResponse::Ok().finish() }),
            ),
    )
    .await;
    let res = test::call_service(
        &app,
        test::TestRequest::get().uri("/web/things").to_request(),
    )
    .await;
    assert_eq!(res.status(), 401);
    let from_extractor: Value = test::read_body_json(res).await;
    assert_eq!(from_extractor, seed);

    // identity's own bazaar route, and the gateway in front of it
    let sms = common::sms_stand_in().await;
    let db = platform_testkit::TestDb::new();
    let keys = tempfile::tempdir().unwrap();
    let identity = common::identity(&sms, &db, keys.path(), |_| {}).await;
    let gateway = common::gateway(&identity, |_| {}).await;
    let http = reqwest::Client::new();
    for base in [&identity, &gateway] {
        let (status, body) = body_of(
            http.post(format!(
                "{base}/web/user/edit?username=09121111111&x=51.2&y=31.1"
            ))
            .send()
            .await
            .unwrap(),
        )
        .await;
        assert_eq!((status, &body), (401, &seed), "{base}");
    }
}
