//! `proto-docs/platform.postman_collection.json` is what the generated
//! documents make, and every operation of every document is in it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test fails by panicking"
)]

#[test]
fn the_committed_collection_is_the_generated_one() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../proto-docs/platform.postman_collection.json"
    );
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    let generated = stack::postman::collection(&stack::documents()).unwrap();
    assert!(
        committed == generated,
        "proto-docs/platform.postman_collection.json differs from the documents: run `cargo run -p stack --bin openapi` and commit it"
    );
}

#[test]
fn every_operation_is_a_request() {
    let collection: serde_json::Value =
        serde_json::from_str(&stack::postman::collection(&stack::documents()).unwrap()).unwrap();
    let folders = collection["item"].as_array().unwrap();
    assert_eq!(folders.len(), stack::documents().len());
    let smm = folders.iter().find(|f| f["name"] == "smm").unwrap();
    let place = smm["item"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| {
            i["request"]["url"]["raw"] == "{{baseUrl}}/api/v1/order"
                && i["request"]["method"] == "POST"
        })
        .expect("POST /api/v1/order");
    assert_eq!(place["request"]["auth"]["type"], "bearer");
    let read = smm["item"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["request"]["url"]["raw"] == "{{baseUrl}}/api/v1/order/:id")
        .expect("GET /api/v1/order/{id} with a path variable");
    assert_eq!(read["request"]["url"]["variable"][0]["key"], "id");
    let categories = smm["item"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["request"]["url"]["raw"] == "{{baseUrl}}/api/v1/categories")
        .unwrap();
    assert_eq!(categories["request"]["auth"]["type"], "noauth");
}
