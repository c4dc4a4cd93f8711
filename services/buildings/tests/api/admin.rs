//! The admin API: operators create buildings, blocks and apartments;
//! operators and the building's manager add and remove residents. Each
//! create answers 201 `{"status":201,"data":{"id":N,...}}`.

use crate::helpers::{assert_building_error, send, spawn_app, ALICE, BOB, CAROL, OPERATOR};
use reqwest::Method;
use serde_json::json;

macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        platform_testkit::snapshot_settings().bind(|| {
            insta::assert_json_snapshot!($name, $value);
        })
    };
}

#[tokio::test]
async fn operators_create_the_structure() {
    let app = spawn_app().await;
    let reply = app
        .post(
            OPERATOR,
            "/omartyapis/admin/buildings",
            json!({"name": "برج امارتی", "address": "تهران، ونک"}),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.text);
    snapshot!("admin_building", reply.body);
    let reply = app
        .post(
            OPERATOR,
            "/omartyapis/admin/buildings/1/blocks",
            json!({"name": "A"}),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.text);
    snapshot!("admin_block", reply.body);
    let reply = app
        .post(
            OPERATOR,
            "/omartyapis/admin/blocks/1/apartments",
            json!({"number": "۱۲"}),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.text);
    snapshot!("admin_apartment", reply.body);
    let reply = app
        .post(
            OPERATOR,
            "/omartyapis/admin/apartments/1/residents",
            json!({"user_id": 1001, "role": "owner"}),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.text);
    snapshot!("admin_resident", reply.body);

    // names are unique where they must be; the parents must exist
    let conflicts = [
        (
            "/omartyapis/admin/buildings/1/blocks",
            json!({"name": "A"}),
            409,
        ),
        (
            "/omartyapis/admin/blocks/1/apartments",
            json!({"number": "12"}),
            409,
        ),
        (
            "/omartyapis/admin/apartments/1/residents",
            json!({"user_id": "1001", "role": "tenant"}),
            409,
        ),
        (
            "/omartyapis/admin/buildings/9/blocks",
            json!({"name": "B"}),
            404,
        ),
        (
            "/omartyapis/admin/blocks/9/apartments",
            json!({"number": "1"}),
            404,
        ),
        (
            "/omartyapis/admin/apartments/9/residents",
            json!({"user_id": "7", "role": "owner"}),
            404,
        ),
        ("/omartyapis/admin/buildings", json!({"address": "x"}), 422),
        (
            "/omartyapis/admin/buildings/1/blocks",
            json!({"name": ""}),
            422,
        ),
        ("/omartyapis/admin/blocks/1/apartments", json!({}), 422),
        (
            "/omartyapis/admin/apartments/1/residents",
            json!({"user_id": "7", "role": "landlord"}),
            422,
        ),
        (
            "/omartyapis/admin/apartments/1/residents",
            json!({"user_id": true, "role": "owner"}),
            422,
        ),
        (
            "/omartyapis/admin/apartments/1/residents",
            json!({"role": "owner"}),
            422,
        ),
    ];
    for (path, body, status) in conflicts {
        let reply = app.post(OPERATOR, path, body.clone()).await;
        assert_eq!(reply.status, status, "{path} {body}: {}", reply.text);
        assert_building_error(&reply, status);
    }
    let reply = app
        .post(OPERATOR, "/omartyapis/admin/buildings", json!({}))
        .await;
    assert_eq!(
        reply.body["errors"]["name"].as_array().map(Vec::len),
        Some(1)
    );
}

#[tokio::test]
async fn only_operators_create_the_structure() {
    let app = spawn_app().await;
    let place = app.place("Omarty").await;
    app.settle(place.apartment, ALICE, "manager").await;
    for (path, body) in [
        (
            "/omartyapis/admin/buildings".to_string(),
            json!({"name": "X"}),
        ),
        (
            format!("/omartyapis/admin/buildings/{}/blocks", place.building),
            json!({"name": "B"}),
        ),
        (
            format!("/omartyapis/admin/blocks/{}/apartments", place.block),
            json!({"number": "2"}),
        ),
    ] {
        // even the building's manager
        let reply = app.post(ALICE, &path, body.clone()).await;
        assert_building_error(&reply, 403);
        let reply = send(app.anonymous(Method::POST, &path).json(&body)).await;
        assert_building_error(&reply, 401);
    }
}

#[tokio::test]
async fn the_buildings_manager_adds_and_removes_its_residents_only() {
    let app = spawn_app().await;
    let home = app.place("One").await;
    let other = app.place("Two").await;
    app.settle(home.apartment, ALICE, "manager").await;
    app.settle(other.apartment, CAROL, "owner").await;
    let residents = |apartment: i64| format!("/omartyapis/admin/apartments/{apartment}/residents");

    let reply = app
        .post(
            ALICE,
            &residents(home.apartment),
            json!({"user_id": BOB, "role": "tenant"}),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.text);
    assert_eq!(reply.body["data"]["user_id"], BOB);
    assert_eq!(reply.body["data"]["building_id"], home.building);

    // not another building's apartments; residents who are not managers not at all
    let reply = app
        .post(
            ALICE,
            &residents(other.apartment),
            json!({"user_id": "1077", "role": "tenant"}),
        )
        .await;
    assert_building_error(&reply, 403);
    let reply = app
        .post(
            BOB,
            &residents(home.apartment),
            json!({"user_id": "1077", "role": "owner"}),
        )
        .await;
    assert_building_error(&reply, 403);
    let reply = send(app.as_(
        ALICE,
        Method::DELETE,
        &format!("{}/{CAROL}", residents(other.apartment)),
    ))
    .await;
    assert_building_error(&reply, 403);

    let reply = send(app.as_(
        ALICE,
        Method::DELETE,
        &format!("{}/{BOB}", residents(home.apartment)),
    ))
    .await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert_eq!(reply.body["data"]["user_id"], BOB);
    let reply = send(app.as_(
        ALICE,
        Method::DELETE,
        &format!("{}/{BOB}", residents(home.apartment)),
    ))
    .await;
    assert_building_error(&reply, 404);
    let reply = send(app.as_(
        OPERATOR,
        Method::DELETE,
        &format!("{}/{CAROL}", residents(other.apartment)),
    ))
    .await;
    assert_eq!(reply.status, 200, "{}", reply.text);
}

#[tokio::test]
async fn forms_and_multipart_are_read_too() {
    let app = spawn_app().await;
    for kind in crate::helpers::KINDS {
        let (content_type, bytes) =
            crate::helpers::body(kind, &json!({"name": "Form", "address": "Here"}));
        let reply = send(
            app.as_(OPERATOR, Method::POST, "/omartyapis/admin/buildings")
                .header("Content-Type", content_type)
                .body(bytes),
        )
        .await;
        assert_eq!(reply.status, 201, "{kind:?}: {}", reply.text);
        assert_eq!(reply.body["data"]["address"], "Here");
    }
}
