//! A contact the user already has is not stored twice: the same address
//! in other letters, the same number in another form, or the same contact
//! sent by many requests at once.

use crate::helpers::{add_contact, spawn_app, Kind, ALICE, BOB};
use serde_json::json;

#[tokio::test]
async fn the_same_contact_in_any_form_is_stored_once() {
    let app = spawn_app().await;
    let home = app.home_of(ALICE).await;
    let emails = [
        "Test.Test@Test.com",
        "test.test@test.com",
        " TEST.TEST@TEST.COM ",
    ];
    let phones = [
        "01122334455",
        "+98 11 2233 4455",
        "۰۱۱۲۲۳۳۴۴۵۵",
        "٠١١-٢٢٣٣-٤٤٥٥",
        "00981122334455",
    ];
    for email in emails {
        let reply = app
            .update(
                ALICE,
                Kind::Multipart,
                &add_contact(home, json!({"email": email})),
            )
            .await;
        assert_eq!(reply.status, 200, "{email}: {}", reply.text);
    }
    for phone in phones {
        let reply = app
            .update(
                ALICE,
                Kind::Form,
                &add_contact(home, json!({"phoneNumber": phone})),
            )
            .await;
        assert_eq!(reply.status, 200, "{phone}: {}", reply.text);
    }
    assert_eq!(
        app.contacts(ALICE).await,
        json!({
            "1": {"id": "1", "email": "Test.Test@Test.com"},
            "2": {"id": "1", "phoneNum": "01122334455"},
        })
    );
}

#[tokio::test]
async fn concurrent_adds_of_one_contact_store_it_once() {
    let app = spawn_app().await;
    let home = app.home_of(ALICE).await;
    let fields = add_contact(home, json!({"phoneNumber": "09121234567"}));
    let replies =
        futures_util::future::join_all((0..10).map(|_| app.update(ALICE, Kind::Json, &fields)))
            .await;
    for reply in replies {
        assert_eq!(reply.status, 200, "{}", reply.text);
    }
    assert_eq!(
        app.contacts(ALICE).await,
        json!({"1": {"id": "1", "phoneNum": "09121234567"}})
    );
}

#[tokio::test]
async fn users_do_not_share_contacts() {
    let app = spawn_app().await;
    let home = app.home_of(ALICE).await;
    app.settle(home.apartment, BOB, "tenant").await;
    for user in [ALICE, BOB] {
        let reply = app
            .update(
                user,
                Kind::Json,
                &add_contact(home, json!({"email": "same@example.com"})),
            )
            .await;
        assert_eq!(reply.status, 200, "{}", reply.text);
    }
    assert_eq!(
        app.contacts(BOB).await,
        json!({"1": {"id": "2", "email": "same@example.com"}})
    );
}
