//! Only a resident of the apartment named adds contacts: a stranger, a
//! resident of another apartment, or a resident naming their apartment
//! with another block, is refused (403) and nothing is written.

use crate::helpers::{add_contact, assert_building_error, send, spawn_app, Kind, ALICE, BOB};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn a_non_resident_cannot_add_contacts() {
    let app = spawn_app().await;
    let home = app.home_of(ALICE).await;
    let elsewhere = app.home_of(BOB).await;
    let attempts = [
        (BOB, home),
        (ALICE, elsewhere),
        // Alice's apartment, with Bob's block
        (
            ALICE,
            crate::helpers::Place {
                block: elsewhere.block,
                ..home
            },
        ),
        (
            "1099",
            crate::helpers::Place {
                apartment: 999,
                block: 999,
                ..home
            },
        ),
    ];
    for (user, place) in attempts {
        for phone_or_email in [
            json!({"email": "intruder@example.com"}),
            json!({"phoneNumber": "09121234567"}),
            json!({"email": "a@example.com", "phoneNumber": "09121234567"}),
        ] {
            let reply = app
                .update(user, Kind::Multipart, &add_contact(place, phone_or_email))
                .await;
            assert_building_error(&reply, 403);
        }
    }
    let reply = app
        .update(
            BOB,
            Kind::Form,
            &add_contact(home, json!({"email": "bob@example.com"})),
        )
        .await;
    assert_building_error(&reply, 403);
    assert_eq!(
        reply.body["message"],
        "شما ساکن این واحد در این بلوک نیستید"
    );
    for user in [ALICE, BOB, "1099"] {
        assert_eq!(app.contacts(user).await, json!({}), "{user}");
    }
}

#[tokio::test]
async fn a_resident_may_add_and_english_is_given_when_asked() {
    let app = spawn_app().await;
    let home = app.home_of(ALICE).await;
    let reply = app
        .update(
            ALICE,
            Kind::Json,
            &add_contact(home, json!({"email": "a@example.com"})),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    let (content_type, body) = crate::helpers::body(
        Kind::Json,
        &add_contact(home, json!({"email": "b@example.com"})),
    );
    let reply = send(
        app.as_(BOB, Method::POST, "/omartyapis/Update/")
            .header("Content-Type", content_type)
            .header("Accept-Language", "en")
            .body(body),
    )
    .await;
    assert_building_error(&reply, 403);
    assert_eq!(
        reply.body["message"],
        "You are not a resident of this apartment in this block"
    );
}

#[tokio::test]
async fn no_token_a_bad_one_or_a_revoked_one_is_a_401_in_the_building_dialect() {
    let app = spawn_app().await;
    let reply = send(app.anonymous(Method::POST, "/omartyapis/Update/")).await;
    assert_building_error(&reply, 401);
    let reply = send(
        app.anonymous(Method::GET, "/omartyapis/contacts")
            .bearer_auth("not.a.token"),
    )
    .await;
    assert_building_error(&reply, 401);
    let reply = send(app.anonymous(Method::GET, "/omartyapis/nowhere")).await;
    assert_building_error(&reply, 404);

    // a logged-out token is refused by the service itself, within a poll
    let claims = platform_auth::Claims::new(ALICE, "user", 3600);
    let token = app.identity.sign(&claims);
    let me = || {
        send(
            app.anonymous(Method::GET, "/omartyapis/me")
                .bearer_auth(&token),
        )
    };
    assert_eq!(me().await.status, 200);
    app.identity.revoke(&[&claims.jti]).await;
    let refused = platform_testkit::eventually(std::time::Duration::from_secs(5), async || {
        me().await.status == 401
    })
    .await;
    assert!(refused, "the revoked token still works");
    assert_building_error(&me().await, 401);
}
