//! Building rooms: members follow buildings' change feed; the building app
//! reads them in its dialect; the socket serves them as it serves chats.

use crate::helpers::spawn;
use serde_json::json;
use std::time::Duration;

#[tokio::test]
async fn residents_share_their_buildings_and_blocks_rooms() {
    let app = spawn().await;
    app.feed.push("1", 10, 20, true);
    app.feed.push("4", 10, 21, true);
    let listed = platform_testkit::eventually(Duration::from_secs(5), async || {
        app.get("/omartyapis/chat/rooms", "1").await.body["data"]["rooms"]
            .as_array()
            .is_some_and(|r| r.len() == 2)
    })
    .await;
    assert!(listed, "user 1's building and block rooms");
    let rooms = app.get("/omartyapis/chat/rooms", "4").await;
    let building = rooms.body["data"]["rooms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "building")
        .unwrap()["id"]
        .as_i64()
        .unwrap();

    let mut four = app.socket("4").await;
    let mut one = app.socket("1").await;
    one.ask(json!({"id": 1, "type": "subscribe", "room": building, "since": 0}))
        .await;
    let sent = four
        .ask(json!({"id": 1, "type": "send", "room": building, "text": "hello neighbours"}))
        .await;
    assert_eq!(sent["room"], building);
    let pushed = one.next_of("message").await;
    assert_eq!(pushed["room"], building);
    assert_eq!(pushed["message"]["seq"], 1);

    let history = app
        .get(&format!("/omartyapis/chat/rooms/{building}/messages"), "1")
        .await;
    assert_eq!(history.status, 200, "{}", history.text);
    assert_eq!(history.body["status"], 200);
    assert_eq!(
        history.body["data"]["messages"][0]["text"],
        "hello neighbours"
    );
    let rooms = app.get("/omartyapis/chat/rooms", "1").await;
    let unread: i64 = rooms.body["data"]["rooms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["unread"].as_i64().unwrap())
        .sum();
    assert_eq!(unread, 1);

    let stranger = app
        .get(&format!("/omartyapis/chat/rooms/{building}/messages"), "9")
        .await;
    stranger.assert_panel_error(403);
    // leaving the building leaves its rooms
    app.feed.push("1", 10, 20, false);
    let left = platform_testkit::eventually(Duration::from_secs(5), async || {
        app.get("/omartyapis/chat/rooms", "1").await.body["data"]["rooms"] == json!([])
    })
    .await;
    assert!(left);
}
