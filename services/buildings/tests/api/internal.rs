//! The internal API the chat service polls: the members of a building or
//! a block, and the feed of membership changes with its cursor. Only the
//! platform's own components, with the internal credential, are answered.

use crate::helpers::{assert_building_error, send, spawn_app, ALICE, BOB, CAROL, OPERATOR};
use reqwest::Method;
use serde_json::{json, Value};

fn users(reply: &crate::helpers::Reply) -> Value {
    reply.body["data"]["user_ids"].clone()
}

#[tokio::test]
async fn members_of_a_building_and_of_a_block() {
    let app = spawn_app().await;
    let home = app.home_of(ALICE).await;
    let block_b = app
        .create(
            &format!("/omartyapis/admin/buildings/{}/blocks", home.building),
            json!({"name": "B"}),
        )
        .await;
    let apartment_b = app
        .create(
            &format!("/omartyapis/admin/blocks/{block_b}/apartments"),
            json!({"number": "1"}),
        )
        .await;
    app.settle(apartment_b, BOB, "tenant").await;
    app.settle(apartment_b, ALICE, "owner").await;
    app.home_of(CAROL).await;

    let building = send(app.internal(&format!(
        "/internal/buildings/members?building={}",
        home.building
    )))
    .await;
    assert_eq!(building.status, 200, "{}", building.text);
    assert_eq!(users(&building), json!([ALICE, BOB]));
    assert_eq!(
        building.body["data"]["residents"].as_array().unwrap().len(),
        3
    );
    let block =
        send(app.internal(&format!("/internal/buildings/members?block={}", home.block))).await;
    assert_eq!(users(&block), json!([ALICE]));
    let block = send(app.internal(&format!("/internal/buildings/members?block={block_b}"))).await;
    assert_eq!(users(&block), json!([ALICE, BOB]));
    assert_eq!(
        block.body["data"]["cursor"], 4,
        "four residents joined so far"
    );

    for (query, status) in [
        ("building=99", 404),
        ("block=99", 404),
        ("", 400),
        ("building=1&block=1", 400),
        ("building=abc", 400),
    ] {
        let reply = send(app.internal(&format!("/internal/buildings/members?{query}"))).await;
        assert_building_error(&reply, status);
    }
}

#[tokio::test]
async fn without_the_credential_nothing_is_answered() {
    let app = spawn_app().await;
    app.home_of(ALICE).await;
    for path in [
        "/internal/buildings/members?building=1",
        "/internal/buildings/changes?since=0",
    ] {
        let reply = send(app.anonymous(Method::GET, path)).await;
        assert_building_error(&reply, 401);
        let reply = send(
            app.anonymous(Method::GET, path)
                .header("X-Internal-Token", "guess"),
        )
        .await;
        assert_building_error(&reply, 401);
        // a user's token, even an operator's, is no credential here
        let reply = send(app.as_(OPERATOR, Method::GET, path)).await;
        assert_building_error(&reply, 401);
    }
}

#[tokio::test]
async fn the_change_feed_reports_who_left_after_the_cursor() {
    let app = spawn_app().await;
    let home = app.home_of(ALICE).await;
    app.settle(home.apartment, BOB, "tenant").await;
    let members = send(app.internal(&format!(
        "/internal/buildings/members?building={}",
        home.building
    )))
    .await;
    let cursor = members.body["data"]["cursor"].as_i64().unwrap();
    assert_eq!(cursor, 2);
    let empty = send(app.internal(&format!("/internal/buildings/changes?since={cursor}"))).await;
    assert_eq!(
        empty.body["data"],
        json!({"changes": [], "cursor": 2, "newest": 2})
    );

    let reply = send(app.as_(
        OPERATOR,
        Method::DELETE,
        &format!(
            "/omartyapis/admin/apartments/{}/residents/{BOB}",
            home.apartment
        ),
    ))
    .await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    let feed = send(app.internal(&format!("/internal/buildings/changes?since={cursor}"))).await;
    assert_eq!(feed.status, 200, "{}", feed.text);
    let changes = feed.body["data"]["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{}", feed.text);
    let left = &changes[0];
    assert_eq!(left["seq"], 3);
    assert_eq!(left["change"], "left");
    assert_eq!(left["user_id"], BOB);
    assert_eq!(left["building_id"], home.building);
    assert_eq!(left["block_id"], home.block);
    assert_eq!(left["in_building"], false);
    assert_eq!(feed.body["data"]["cursor"], 3);
    let after = send(app.internal(&format!(
        "/internal/buildings/members?building={}",
        home.building
    )))
    .await;
    assert_eq!(users(&after), json!([ALICE]));

    // the whole feed, in order, a page at a time
    let page = send(app.internal("/internal/buildings/changes?since=0&limit=2")).await;
    let seqs: Vec<_> = page.body["data"]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["seq"].as_i64().unwrap(),
                c["change"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(seqs, [(1, "joined".into()), (2, "joined".into())]);
    assert_eq!(page.body["data"]["cursor"], 2);
    assert_eq!(page.body["data"]["newest"], 3);
}

#[tokio::test]
async fn leaving_one_of_two_apartments_keeps_the_building() {
    let app = spawn_app().await;
    let home = app.home_of(ALICE).await;
    let second = app
        .create(
            &format!("/omartyapis/admin/blocks/{}/apartments", home.block),
            json!({"number": "2"}),
        )
        .await;
    app.settle(second, ALICE, "tenant").await;
    let reply = send(app.as_(
        OPERATOR,
        Method::DELETE,
        &format!("/omartyapis/admin/apartments/{second}/residents/{ALICE}"),
    ))
    .await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    let feed = send(app.internal("/internal/buildings/changes?since=2")).await;
    let left = &feed.body["data"]["changes"][0];
    assert_eq!(left["change"], "left");
    assert_eq!(left["apartment_id"], second);
    assert_eq!(left["in_block"], true);
    assert_eq!(left["in_building"], true);
}
