//! `GET /api/v1/categories` and `GET /api/v1/services` as seed 002 shows
//! them, with parameters from the query or a JSON body.

use crate::helpers::{send, spawn_app};
use platform_testkit::snapshot_settings;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn the_seed_examples_give_the_documented_shapes() {
    let app = spawn_app().await;
    let free = app.category("⭐ سرویس رایگان ⭐ ").await;
    let facebook = app.category("فیسبوک").await;
    app.service(
        free,
        json!({"name": "ویو استوری اینستاگرام سرعت متوسط ", "price": 1, "min": 100, "max": 500}),
    )
    .await;
    app.service(facebook, json!({"name": "لایک", "price": 22000, "original_price": 15000, "min": 100, "max": 2000, "dripfeed": 1})).await;

    let categories = send(app.anonymous(Method::GET, "/api/v1/categories")).await;
    assert_eq!(categories.status, 200, "{}", categories.text);
    // the seed's curl sends GET parameters as a JSON body
    let services = send(
        app.anonymous(Method::GET, "/api/v1/services")
            .json(&json!({"cate_id": free, "status": "1", "order_by": "id"})),
    )
    .await;
    assert_eq!(services.status, 200, "{}", services.text);
    assert_eq!(services.body["services"].as_array().unwrap().len(), 1);
    snapshot_settings().bind(|| {
        insta::assert_json_snapshot!("categories", categories.body, {
            ".categories[].id" => "[id]", ".categories[].changed" => "[time]", ".categories[].created" => "[time]",
        });
        insta::assert_json_snapshot!("services", services.body, {
            ".services[].id" => "[id]", ".services[].cate_id" => "[id]",
            ".services[].changed" => "[time]", ".services[].created" => "[time]",
        });
    });
}

#[tokio::test]
async fn filters_and_order_by_work_from_the_query_too() {
    let app = spawn_app().await;
    let c = app.category("c").await;
    let other = app.category("other").await;
    app.service(c, json!({"name": "b", "price": 900})).await;
    app.service(c, json!({"name": "a", "price": 100})).await;
    app.service(other, json!({"name": "z"})).await;
    app.service(c, json!({"name": "off", "status": 0})).await;
    let names = |reply: &platform_testkit::Reply| -> Vec<String> {
        reply.body["services"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["name"].as_str().unwrap().to_string())
            .collect()
    };
    let by_price = send(app.anonymous(
        Method::GET,
        &format!("/api/v1/services?cate_id={c}&order_by=price"),
    ))
    .await;
    assert_eq!(names(&by_price), ["a", "b"]);
    let newest = send(app.anonymous(Method::GET, &format!("/api/v1/services?cate_id={c}"))).await;
    assert_eq!(names(&newest), ["a", "b"]);
    let by_name_desc = send(app.anonymous(
        Method::GET,
        &format!("/api/v1/services?cate_id={c}&order_by=-name"),
    ))
    .await;
    assert_eq!(names(&by_name_desc), ["b", "a"]);
    let withdrawn = send(app.anonymous(Method::GET, "/api/v1/services?status=0")).await;
    assert_eq!(names(&withdrawn), ["off"]);
    let categories = send(app.anonymous(Method::GET, "/api/v1/categories?order_by=name")).await;
    let listed: Vec<&str> = categories.body["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(listed, ["c", "other"]);
}

#[tokio::test]
async fn bad_parameters_are_400_in_the_panel_dialect() {
    let app = spawn_app().await;
    for path in [
        "/api/v1/services?order_by=password",
        "/api/v1/services?cate_id=abc",
        "/api/v1/services?status=impedit",
        "/api/v1/categories?order_by=%00",
    ] {
        let reply = send(app.anonymous(Method::GET, path)).await;
        reply.assert_panel_error(400);
    }
    let malformed = send(
        app.anonymous(Method::GET, "/api/v1/services")
            .header("content-type", "application/json")
            .body("{not json"),
    )
    .await;
    malformed.assert_panel_error(400);
}
