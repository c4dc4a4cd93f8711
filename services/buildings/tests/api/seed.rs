//! Each example of seed 004 replayed with each kind of body the app may
//! send (multipart as documented, a URL-encoded form, JSON): the answers
//! are one set of committed snapshots, the same for every kind, of the
//! documented bodies. Ids are the database's first, as in the document.
//!
//! Where the document shows `"status": 200` on a refusal (both contacts,
//! a missing key), the platform puts the real status, 422, on the status
//! line and in the body (ARCHITECTURE.md, "Wire formats"); the rest of
//! the body is the document's.

use crate::helpers::{add_contact, assert_building_error, spawn_app, Kind, ALICE, KINDS};
use serde_json::json;

macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        platform_testkit::snapshot_settings().bind(|| {
            insta::assert_json_snapshot!($name, $value);
        })
    };
}

async fn replay(kind: Kind) {
    let app = spawn_app().await;
    let home = app.home_of(ALICE).await;

    // Example 1: adding an e-mail only ("phoneNumber": ,)
    let reply = app
        .update(
            ALICE,
            kind,
            &add_contact(home, json!({"email": "Test.Test@Test.com"})),
        )
        .await;
    assert_eq!(reply.status, 200, "{kind:?}: {}", reply.text);
    snapshot!("add_email_only", reply.body);

    // Example 2: adding a phone number only; the answer lists both
    let reply = app
        .update(
            ALICE,
            kind,
            &add_contact(home, json!({"phoneNumber": "01122334455", "email": ""})),
        )
        .await;
    assert_eq!(reply.status, 200, "{kind:?}: {}", reply.text);
    snapshot!("add_phone_only", reply.body);

    // Error case 1: both; the contacts and the error, nothing inserted
    let reply = app
        .update(
            ALICE,
            kind,
            &add_contact(
                home,
                json!({"phoneNumber": "09121234567", "email": "other@example.com"}),
            ),
        )
        .await;
    assert_building_error(&reply, 422);
    snapshot!("add_both", reply.body);

    // Error case 2: a required key left empty, or left out
    let reply = app
        .update(ALICE, kind, &add_contact(home, json!({"blockId": ""})))
        .await;
    assert_building_error(&reply, 422);
    snapshot!("missing_key", reply.body);
    let mut without = add_contact(home, json!({"email": "x@example.com"}));
    without.as_object_mut().unwrap().remove("apartmentId");
    let reply = app.update(ALICE, kind, &without).await;
    assert_building_error(&reply, 422);
    assert_eq!(reply.body["message"], "Please enter apartmentId ID.");

    // Error case 3: any other api value
    let reply = app
        .update(
            ALICE,
            kind,
            &add_contact(home, json!({"api": "AddContacts"})),
        )
        .await;
    assert_building_error(&reply, 404);
    snapshot!("unknown_api", reply.body);

    // nothing the refusals carried was written
    assert_eq!(
        app.contacts(ALICE).await,
        json!({
            "1": {"id": "1", "email": "Test.Test@Test.com"},
            "2": {"id": "1", "phoneNum": "01122334455"},
        })
    );
}

#[tokio::test]
async fn the_examples_as_multipart() {
    replay(Kind::Multipart).await;
}

#[tokio::test]
async fn the_examples_as_a_form() {
    replay(Kind::Form).await;
}

#[tokio::test]
async fn the_examples_as_json() {
    replay(Kind::Json).await;
}

/// The document's example 2 sends `"phoneNumber": 01122334455`, a number;
/// as JSON it arrives without its leading zero, which is restored.
#[tokio::test]
async fn a_phone_number_sent_as_a_json_number_keeps_its_zero() {
    let app = spawn_app().await;
    let home = app.home_of(ALICE).await;
    let reply = app
        .update(
            ALICE,
            Kind::Json,
            &add_contact(home, json!({"phoneNumber": 1122334455u64})),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert_eq!(
        reply.body["data"],
        json!({"1": {"id": "1", "phoneNum": "01122334455"}})
    );
}

/// The dispatcher answers at both spellings of its path, and the `api`
/// in the query string too.
#[tokio::test]
async fn every_kind_reaches_the_same_operation() {
    let app = spawn_app().await;
    for kind in KINDS {
        let reply = app
            .update(ALICE, kind, &json!({"api": "GetContacts"}))
            .await;
        assert_eq!(reply.status, 200, "{kind:?}: {}", reply.text);
        assert_eq!(reply.body, json!({"status": 200, "data": {}}));
    }
    let reply = crate::helpers::send(app.as_(
        ALICE,
        reqwest::Method::POST,
        "/omartyapis/Update?api=GetContacts",
    ))
    .await;
    assert_eq!(reply.status, 200, "{}", reply.text);
}

/// The app's back end dispatched to PHP methods, whose names know no
/// case: `addcontact` reached AddContact there, and does here.
#[tokio::test]
async fn the_api_name_knows_no_case() {
    let app = spawn_app().await;
    let home = app.home_of(ALICE).await;
    let reply = app
        .update(
            ALICE,
            Kind::Form,
            &add_contact(home, json!({"api": "addcontact", "email": "a@example.com"})),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    let reply = app
        .update(ALICE, Kind::Form, &json!({"api": " GETCONTACTS "}))
        .await;
    assert_eq!(
        reply.body,
        json!({"status": 200, "data": {"1": {"id": "1", "email": "a@example.com"}}})
    );
}
