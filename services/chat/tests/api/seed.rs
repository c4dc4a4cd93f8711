//! Seeds 000 and 001's chat logs and chat messages replayed: the same
//! parameters give the documented shapes (snapshots, ids and dates
//! redacted), and the documented refusals.

use crate::helpers::{spawn, App, BUYER, SELLER, STRANGER};

/// Seed 000's chat 7: test, test2, test3, test4 from both sides.
async fn example(app: &App) -> i64 {
    let id = app.chatting().await;
    for (who, text) in [
        (BUYER, "test"),
        (SELLER, "test2"),
        (SELLER, "test3"),
        (BUYER, "test4"),
    ] {
        let sent = app
            .post(
                "/web/main-chats",
                who,
                &[("id", &id.to_string()), ("text", text)],
            )
            .await;
        assert_eq!(sent.status, 200, "{}", sent.text);
    }
    id
}

#[tokio::test]
async fn chat_logs_and_messages_have_the_documented_shapes() {
    let app = spawn().await;
    let id = example(&app).await;
    let query = "username=09121122777&x=35.235564&y=45.234523&perPage=10&page=1";
    // the app's username is the token's account
    let token = app
        .identity
        .sign(&platform_auth::Claims::new(BUYER, "user", 3600).with_username("09121122777"));
    let get = |path: String| {
        platform_testkit::send(app.http.get(app.chat.url(&path)).bearer_auth(&token))
    };
    let logs = get(format!("/web/chats?{query}")).await;
    assert_eq!(logs.status, 200, "{}", logs.text);
    let messages = get(format!("/web/main-chats?{query}&id={id}")).await;
    assert_eq!(messages.status, 200, "{}", messages.text);
    let texts: Vec<&str> = messages.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["test4", "test3", "test2", "test"], "newest first");
    platform_testkit::snapshot_settings().bind(|| {
        insta::assert_json_snapshot!("chat_logs", logs.body, {
            ".items[].id" => "[id]", ".items[].startDate" => "[date]",
        });
        insta::assert_json_snapshot!("chat_messages", messages.body, {
            ".items[].id" => "[id]", ".items[].chat" => "[id]", ".items[].sentDate" => "[date]",
            "._links.self.href" => "[href]",
        });
    });
}

#[tokio::test]
async fn another_users_chat_and_no_token_are_refused_in_the_documented_words() {
    let app = spawn().await;
    let id = example(&app).await;
    let theirs = app.get(&format!("/web/main-chats?id={id}"), STRANGER).await;
    theirs.assert_bazaar_error(403);
    assert_eq!(theirs.body["message"], "there is no chat for u");
    let missing = app.get("/web/main-chats?id=999", BUYER).await;
    assert_eq!(missing.body["message"], "there is no chat for u");
    let anonymous = platform_testkit::send(app.http.get(app.chat.url("/web/chats"))).await;
    anonymous.assert_bazaar_error(401);
    assert_eq!(anonymous.body["message"], "not login");
    let wrong_user = platform_testkit::send(
        app.http
            .get(app.chat.url("/web/chats?username=09120000000"))
            .bearer_auth(app.token(BUYER)),
    )
    .await;
    wrong_user.assert_bazaar_error(401);
}
