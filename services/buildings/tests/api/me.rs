//! `GET /omartyapis/me`: the caller's buildings, blocks and apartments.

use crate::helpers::{send, spawn_app, ALICE, BOB, OPERATOR};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn lists_where_the_caller_lives() {
    let app = spawn_app().await;
    let home = app.home_of(ALICE).await;
    let second = app
        .create(
            &format!("/omartyapis/admin/blocks/{}/apartments", home.block),
            json!({"number": "2"}),
        )
        .await;
    app.settle(second, ALICE, "manager").await;
    app.home_of(BOB).await;
    let reply = send(app.as_(ALICE, Method::GET, "/omartyapis/me")).await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert_eq!(
        reply.body,
        json!({"status": 200, "data": {
            "user_id": ALICE,
            "buildings": [{"id": home.building, "name": "Omarty Tower", "address": "Tehran"}],
            "blocks": [{"id": home.block, "building_id": home.building, "name": "A"}],
            "apartments": [
                {"id": home.apartment, "block_id": home.block, "number": "1", "building_id": home.building, "role": "owner"},
                {"id": second, "block_id": home.block, "number": "2", "building_id": home.building, "role": "manager"},
            ],
        }})
    );
    let reply = send(app.as_(OPERATOR, Method::GET, "/omartyapis/me")).await;
    assert_eq!(
        reply.body["data"],
        json!({"user_id": OPERATOR, "buildings": [], "blocks": [], "apartments": []})
    );
}
