//! `/internal/stores`: the chat service's shape, only with the credential.

use crate::helpers::spawn_app;
use platform_testkit::{send, INTERNAL_SECRET};
use serde_json::json;

#[tokio::test]
async fn stores_for_the_chat_service() {
    let app = spawn_app().await;
    let c = app.catalog(900).await;
    let get = |path: String| {
        app.client
            .get(app.url(&path))
            .header(platform_auth::INTERNAL_HEADER, INTERNAL_SECRET)
    };
    let one = send(get(format!("/internal/stores/{}", c.store))).await;
    assert_eq!(one.status, 200, "{}", one.text);
    assert_eq!(
        one.body,
        json!({"stores": [{"id": c.store, "name": "حجره", "avatar": "s.png", "manager": 900}]})
    );
    let many = send(get(format!(
        "/internal/stores?ids={},{}",
        c.store,
        c.store + 50
    )))
    .await;
    assert_eq!(
        many.body["stores"].as_array().unwrap().len(),
        1,
        "unknown ids left out"
    );
    let none = send(get(format!("/internal/stores/{}", c.store + 50))).await;
    assert_eq!(none.body, json!({"stores": []}));
    let too_many = (1..=101)
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(",");
    assert_eq!(
        send(get(format!("/internal/stores?ids={too_many}")))
            .await
            .status,
        400
    );
    assert_eq!(send(get("/internal/stores?ids=a".into())).await.status, 400);
    let without = send(
        app.client
            .get(app.url(&format!("/internal/stores/{}", c.store))),
    )
    .await;
    assert_eq!(without.status, 401);
}
