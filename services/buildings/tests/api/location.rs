//! The device location of every contacts call is written to the location
//! log with the user, the operation and the time, read here straight from
//! the service's database.

use crate::helpers::{add_contact, assert_building_error, send, spawn_app, Kind, ALICE, BOB};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text};
use reqwest::Method;
use serde_json::json;

#[derive(Debug, QueryableByName, PartialEq)]
struct Logged {
    #[diesel(sql_type = Text)]
    user_id: String,
    #[diesel(sql_type = Text)]
    operation: String,
    #[diesel(sql_type = Nullable<Text>)]
    longitude: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    latitude: Option<String>,
    #[diesel(sql_type = BigInt)]
    created: i64,
}

const SQL: &str =
    "SELECT user_id, operation, longitude, latitude, created FROM location_log ORDER BY id";

fn logged(db_url: &str) -> Vec<Logged> {
    match db_url.strip_prefix("sqlite://") {
        Some(path) => diesel::sql_query(SQL)
            .load(&mut SqliteConnection::establish(path).unwrap())
            .unwrap(),
        None => diesel::sql_query(SQL)
            .load(&mut PgConnection::establish(db_url).unwrap())
            .unwrap(),
    }
}

#[tokio::test]
async fn every_call_is_logged_with_user_operation_location_and_time() {
    let app = spawn_app().await;
    let home = app.home_of(ALICE).await;
    let before = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let reply = app
        .update(
            ALICE,
            Kind::Multipart,
            &add_contact(home, json!({"email": "Test.Test@Test.com"})),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    // refused calls are logged too: the location is of the call
    let reply = app
        .update(
            BOB,
            Kind::Form,
            &add_contact(
                home,
                json!({"email": "b@example.com", "longitude": "-3.5", "latitude": ""}),
            ),
        )
        .await;
    assert_building_error(&reply, 403);
    let reply = send(app.as_(
        ALICE,
        Method::GET,
        "/omartyapis/contacts?longitude=51.389&latitude=35.6892",
    ))
    .await;
    assert_eq!(reply.status, 200, "{}", reply.text);

    let rows = logged(&app.db_url);
    let got: Vec<_> = rows
        .iter()
        .map(|r| {
            (
                r.user_id.as_str(),
                r.operation.as_str(),
                r.longitude.as_deref(),
                r.latitude.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (ALICE, "AddContact", Some("121.12221"), Some("20.233")),
            (BOB, "AddContact", Some("-3.5"), None),
            (ALICE, "GetContacts", Some("51.389"), Some("35.6892")),
        ]
    );
    for row in &rows {
        assert!((before - 1..=before + 60).contains(&row.created), "{row:?}");
    }
}

#[tokio::test]
async fn a_location_that_is_none_is_refused_and_not_logged() {
    let app = spawn_app().await;
    let home = app.home_of(ALICE).await;
    for (key, bad) in [
        ("longitude", "181"),
        ("latitude", "-90.5"),
        ("longitude", "east"),
        ("latitude", "1e1"),
        ("longitude", "NaN"),
        ("latitude", "1\u{0}"),
    ] {
        let reply = app
            .update(
                ALICE,
                Kind::Json,
                &add_contact(home, json!({"email": "a@example.com", key: bad})),
            )
            .await;
        assert_building_error(&reply, 422);
        assert!(
            reply.body["errors"][key].is_array(),
            "{key}={bad:?}: {}",
            reply.text
        );
    }
    assert!(logged(&app.db_url).is_empty());
    assert_eq!(app.contacts(ALICE).await, json!({}));
}
