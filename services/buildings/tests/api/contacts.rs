//! Listing and deleting secondary contacts, through the dispatcher
//! (`api=GetContacts`, `api=DeleteContact`) and as plain REST
//! (`GET`/`DELETE /omartyapis/contacts`): the same answers.

use crate::helpers::{add_contact, assert_building_error, send, spawn_app, Kind, ALICE, BOB};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn list_and_delete_through_the_dispatcher_and_rest() {
    let app = spawn_app().await;
    let home = app.home_of(ALICE).await;
    for add in [
        json!({"email": "first@example.com"}),
        json!({"email": "second@example.com"}),
        json!({"phoneNumber": "09121234567"}),
        json!({"phoneNumber": "02188624168"}),
    ] {
        let reply = app
            .update(ALICE, Kind::Multipart, &add_contact(home, add))
            .await;
        assert_eq!(reply.status, 200, "{}", reply.text);
    }
    let all = json!({
        "1": {"id": "1", "email": "first@example.com"},
        "2": {"id": "2", "email": "second@example.com"},
        "3": {"id": "1", "phoneNum": "09121234567"},
        "4": {"id": "2", "phoneNum": "02188624168"},
    });
    assert_eq!(app.contacts(ALICE).await, all);
    let rest = send(app.as_(ALICE, Method::GET, "/omartyapis/contacts")).await;
    assert_eq!(rest.body, json!({"status": 200, "data": all}));
    let rest = send(app.as_(BOB, Method::GET, "/omartyapis/contacts/")).await;
    assert_eq!(rest.body, json!({"status": 200, "data": {}}));

    // by the dispatcher, the number in another form; the rest renumbered
    let reply = app
        .update(
            ALICE,
            Kind::Form,
            &json!({"api": "DeleteContact", "phoneNumber": "+98 912 123 4567"}),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert_eq!(
        reply.body["data"],
        json!({
            "1": {"id": "1", "email": "first@example.com"},
            "2": {"id": "2", "email": "second@example.com"},
            "3": {"id": "2", "phoneNum": "02188624168"},
        })
    );
    // by REST, the address in other letters, in the query
    let reply = send(app.as_(
        ALICE,
        Method::DELETE,
        "/omartyapis/contacts?email=FIRST%40example.com&longitude=51.4&latitude=35.7",
    ))
    .await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert_eq!(
        reply.body["data"],
        json!({
            "1": {"id": "2", "email": "second@example.com"},
            "2": {"id": "2", "phoneNum": "02188624168"},
        })
    );

    // someone else's contact, or one already gone, is not found
    let reply = send(
        app.as_(BOB, Method::DELETE, "/omartyapis/contacts")
            .json(&json!({"email": "second@example.com"})),
    )
    .await;
    assert_building_error(&reply, 404);
    let reply = app
        .update(
            ALICE,
            Kind::Json,
            &json!({"api": "DeleteContact", "email": "first@example.com"}),
        )
        .await;
    assert_building_error(&reply, 404);

    // exactly one of the two names the contact
    for body in [
        json!({"api": "DeleteContact"}),
        json!({"api": "DeleteContact", "email": "second@example.com", "phoneNumber": "02188624168"}),
        json!({"api": "DeleteContact", "email": "nope"}),
    ] {
        let reply = app.update(ALICE, Kind::Json, &body).await;
        assert_building_error(&reply, 422);
    }
    assert_eq!(
        app.contacts(ALICE).await,
        json!({
            "1": {"id": "2", "email": "second@example.com"},
            "2": {"id": "2", "phoneNum": "02188624168"},
        })
    );
}

#[tokio::test]
async fn a_contact_deleted_may_be_added_again() {
    let app = spawn_app().await;
    let home = app.home_of(ALICE).await;
    let add = add_contact(home, json!({"email": "again@example.com"}));
    app.update(ALICE, Kind::Json, &add).await;
    let reply = send(app.as_(
        ALICE,
        Method::DELETE,
        "/omartyapis/contacts?email=again%40example.com",
    ))
    .await;
    assert_eq!(reply.body, json!({"status": 200, "data": {}}));
    let reply = app.update(ALICE, Kind::Json, &add).await;
    assert_eq!(
        reply.body["data"],
        json!({"1": {"id": "2", "email": "again@example.com"}})
    );
}
