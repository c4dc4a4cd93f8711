//! Requests no app should send still get a 4xx in the building dialect,
//! never a 5xx and never a plain-text body: wrong types, values of a
//! megabyte, malformed multipart, NUL bytes. CI runs this on PostgreSQL,
//! where a NUL that reached a query would be a 500.

use crate::helpers::{
    add_contact, assert_building_error, body, send, spawn_app, Kind, ALICE, BOUNDARY, KINDS,
    OPERATOR,
};
use reqwest::Method;
use serde_json::{json, Value};

async fn post_raw(
    app: &crate::helpers::TestApp,
    content_type: Option<&str>,
    bytes: Vec<u8>,
) -> crate::helpers::Reply {
    let mut request = app
        .as_(ALICE, Method::POST, "/omartyapis/Update/")
        .body(bytes);
    if let Some(content_type) = content_type {
        request = request.header("Content-Type", content_type);
    }
    send(request).await
}

#[tokio::test]
async fn wrong_types_and_nul_are_422_naming_the_field() {
    let app = spawn_app().await;
    let home = app.home_of(ALICE).await;
    let json_only: Vec<(&str, Value)> = vec![
        ("blockId", json!([1])),
        ("apartmentId", json!({"id": 1})),
        ("blockId", json!(1.5)),
        ("apartmentId", json!(true)),
        ("email", json!(["a@example.com"])),
        ("phoneNumber", json!({"n": 1})),
        ("phoneNumber", json!(-1122334455i64)),
        ("longitude", json!([1])),
    ];
    for (key, bad) in json_only {
        let reply = app
            .update(
                ALICE,
                Kind::Json,
                &add_contact(home, json!({key: bad.clone()})),
            )
            .await;
        assert_building_error(&reply, 422);
        assert!(
            reply.body["errors"][key].is_array(),
            "{key}={bad}: {}",
            reply.text
        );
    }
    let every_kind: Vec<(&str, &str)> = vec![
        ("blockId", "abc"),
        ("apartmentId", "0"),
        ("blockId", "-1"),
        ("blockId", "1\u{0}"),
        ("blockId", "99999999999999999999999"),
        ("email", "not-an-email"),
        ("email", "a\u{0}b@example.com"),
        ("phoneNumber", "0912"),
        ("phoneNumber", "0112233\u{0}4455"),
        ("phoneNumber", "true"),
        ("latitude", "\u{0}"),
    ];
    for kind in KINDS {
        for (key, bad) in &every_kind {
            let reply = app
                .update(ALICE, kind, &add_contact(home, json!({*key: bad})))
                .await;
            assert_building_error(&reply, 422);
            assert!(
                reply.body["errors"][*key].is_array(),
                "{kind:?} {key}={bad:?}: {}",
                reply.text
            );
        }
    }
    // an api with NUL names no operation; it is echoed, escaped
    let reply = app
        .update(ALICE, Kind::Multipart, &json!({"api": "Add\u{0}Contact"}))
        .await;
    assert_building_error(&reply, 404);
    let reply = app
        .update(ALICE, Kind::Json, &json!({"api": ["AddContact"]}))
        .await;
    assert_building_error(&reply, 422);
    assert_eq!(app.contacts(ALICE).await, json!({}), "nothing was written");
}

#[tokio::test]
async fn megabyte_values_are_413() {
    let app = spawn_app().await;
    let home = app.home_of(ALICE).await;
    let huge = "x".repeat(1024 * 1024);
    for kind in KINDS {
        for key in ["email", "phoneNumber", "api", "longitude"] {
            let reply = app
                .update(ALICE, kind, &add_contact(home, json!({key: huge})))
                .await;
            assert_building_error(&reply, 413);
        }
    }
    // under the body limit, a long value is a 422
    let long = format!("{}@example.com", "a".repeat(2000));
    let reply = app
        .update(
            ALICE,
            Kind::Form,
            &add_contact(home, json!({"email": long})),
        )
        .await;
    assert_building_error(&reply, 422);
    let reply = app
        .update(
            ALICE,
            Kind::Form,
            &add_contact(home, json!({"phoneNumber": "1".repeat(5000)})),
        )
        .await;
    assert_building_error(&reply, 422);
    let reply = app
        .post(
            OPERATOR,
            "/omartyapis/admin/buildings",
            json!({"name": "n".repeat(256)}),
        )
        .await;
    assert_building_error(&reply, 422);
}

#[tokio::test]
async fn malformed_bodies_are_400_and_other_types_415() {
    let app = spawn_app().await;
    let multipart = format!("multipart/form-data; boundary={BOUNDARY}");
    let part = |name: &str, value: &str| {
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        )
    };
    let cases: Vec<(Option<String>, Vec<u8>, u16)> =
        vec![
        // no closing delimiter
        (Some(multipart.clone()), part("api", "GetContacts").into_bytes(), 400),
        // another boundary than announced
        (
            Some(multipart.clone()),
            b"--other\r\nContent-Disposition: form-data; name=\"api\"\r\n\r\nx\r\n--other--\r\n"
                .to_vec(),
            400,
        ),
        // a part without a name
        (
            Some(multipart.clone()),
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data\r\n\r\nx\r\n--{BOUNDARY}--\r\n")
                .into_bytes(),
            400,
        ),
        // a part whose value is not UTF-8
        (
            Some(multipart.clone()),
            [
                format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"api\"\r\n\r\n")
                    .into_bytes(),
                vec![0xff, 0xfe],
                format!("\r\n--{BOUNDARY}--\r\n").into_bytes(),
            ]
            .concat(),
            400,
        ),
        // no boundary at all
        (Some("multipart/form-data".into()), b"api=x".to_vec(), 400),
        (Some("application/json".into()), b"{".to_vec(), 400),
        (Some("application/json".into()), b"[1]".to_vec(), 400),
        (Some("application/json".into()), b"{\"api\":\"\xff\"}".to_vec(), 400),
        (
            Some("application/json".into()),
            format!("{}{}", "[".repeat(5000), "]".repeat(5000)).into_bytes(),
            400,
        ),
        (Some("text/plain".into()), b"api=GetContacts".to_vec(), 415),
        (Some("application/xml".into()), b"<api/>".to_vec(), 415),
        // no body at all: no api
        (None, Vec::new(), 422),
    ];
    for (content_type, bytes, status) in cases {
        let reply = post_raw(&app, content_type.as_deref(), bytes.clone()).await;
        assert_eq!(
            reply.status,
            status,
            "{content_type:?} {}: {}",
            String::from_utf8_lossy(&bytes[..bytes.len().min(60)]),
            reply.text
        );
        assert_building_error(&reply, status);
    }
    // a file where a value belongs
    let file = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"api\"; filename=\"a.txt\"\r\n\r\nAddContact\r\n--{BOUNDARY}--\r\n"
    );
    let reply = post_raw(&app, Some(&multipart), file.into_bytes()).await;
    assert_building_error(&reply, 422);
    // the admin API reads the same bodies
    let (content_type, bytes) = body(Kind::Multipart, &json!({"name": "a\u{0}b"}));
    let reply = send(
        app.as_(OPERATOR, Method::POST, "/omartyapis/admin/buildings")
            .header("Content-Type", content_type)
            .body(bytes),
    )
    .await;
    assert_building_error(&reply, 422);
    let reply = send(
        app.as_(
            OPERATOR,
            Method::POST,
            "/omartyapis/admin/buildings/abc/blocks",
        )
        .json(&json!({"name": "A"})),
    )
    .await;
    assert_building_error(&reply, 404);
}
