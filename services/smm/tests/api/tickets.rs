//! Support tickets: the seed's shapes and messages, isolation between
//! accounts, and an operator's answer notifying the user.

use crate::helpers::{send, spawn_app, ALICE, BOB};
use platform_testkit::snapshot_settings;
use reqwest::Method;
use serde_json::json;

fn redact() -> insta::Settings {
    let mut s = snapshot_settings();
    for f in [
        ".ticket.id",
        ".ticket.created",
        ".ticket.changed",
        ".ticket.user[].changed",
        ".ticket.user[].created",
        ".ticket.messages[].id",
        ".ticket.messages[].ticket_id",
        ".ticket.messages[].created",
        ".ticket.messages[].changed",
        ".tickets[].id",
        ".tickets[].created",
        ".tickets[].changed",
        ".ticket_message.id",
        ".ticket_message.ticket_id",
        ".ticket_message.created",
        ".ticket_message.changed",
    ] {
        s.add_redaction(f, "[redacted]");
    }
    s
}

#[tokio::test]
async fn a_ticket_is_opened_read_answered_and_closed() {
    let app = spawn_app().await;
    app.fund(ALICE, 352).await;
    let opened = app
        .post(
            ALICE,
            "/api/v1/user/tickets",
            json!({"subject": "test", "description": "test description"}),
        )
        .await;
    assert_eq!(opened.status, 201, "{}", opened.text);
    redact().bind(|| insta::assert_json_snapshot!("ticket_opened", opened.body));
    let id = opened.body["ticket"]["id"].as_i64().unwrap();
    let path = format!("/api/v1/user/tickets/{id}");

    let reply = app.post(ALICE, &path, json!({"message": "test"})).await;
    assert_eq!(reply.status, 201, "{}", reply.text);
    redact().bind(|| insta::assert_json_snapshot!("ticket_reply", reply.body));
    let list = app.get(ALICE, "/api/v1/user/tickets").await;
    redact().bind(|| insta::assert_json_snapshot!("tickets", list.body));

    // the operators see it open, answer it: the user hears of it
    let open = send(app.as_operator(Method::GET, "/api/v1/admin/tickets")).await;
    assert_eq!(open.body["tickets"][0]["id"], id, "{}", open.text);
    let answered = app
        .admin_post(
            &format!("/api/v1/admin/tickets/{id}"),
            json!({"message": "<p>سلام</p>"}),
        )
        .await;
    assert_eq!(answered.status, 201, "{}", answered.text);
    assert_eq!(answered.body["ticket"]["status"], "answered");
    assert_eq!(
        app.notifications(ALICE).await,
        vec![format!("Ehsan عزیز، به تیکت شماره {id} شما پاسخ داده شد.")]
    );
    let read = app.get(ALICE, &path).await;
    assert_eq!(read.status, 200, "{}", read.text);
    assert_eq!(read.body["ticket"]["messages"].as_array().unwrap().len(), 2);
    redact().bind(|| insta::assert_json_snapshot!("ticket_detail", read.body));

    // closing: no more replies, and it leaves the operators' list
    let closed = app
        .admin_post(
            &format!("/api/v1/admin/tickets/{id}"),
            json!({"close": true}),
        )
        .await;
    assert_eq!(closed.body["ticket"]["status"], "closed", "{}", closed.text);
    let late = app.post(ALICE, &path, json!({"message": "again"})).await;
    late.assert_panel_error(422);
    let open = send(app.as_operator(Method::GET, "/api/v1/admin/tickets")).await;
    assert_eq!(open.body["tickets"], json!([]));
    let nothing = app
        .admin_post(&format!("/api/v1/admin/tickets/{id}"), json!({}))
        .await;
    nothing.assert_panel_error(400);
}

#[tokio::test]
async fn the_seed_refusals() {
    let app = spawn_app().await;
    for body in [
        json!({"subject": "x"}),
        json!({"description": "x"}),
        json!({"subject": " ", "description": "x"}),
    ] {
        let r = app.post(ALICE, "/api/v1/user/tickets", body).await;
        r.assert_panel_error(400);
        assert_eq!(r.body["message"], "پارامتر های وارد شده اشتباه هستند");
    }
    let opened = app
        .post(
            ALICE,
            "/api/v1/user/tickets",
            json!({"subject": "s", "description": "d"}),
        )
        .await;
    let id = opened.body["ticket"]["id"].as_i64().unwrap();
    let path = format!("/api/v1/user/tickets/{id}");
    // another account's ticket: read or reply, 403 منع دسترسی
    for r in [
        app.get(BOB, &path).await,
        app.post(BOB, &path, json!({"message": "x"})).await,
    ] {
        r.assert_panel_error(403);
        assert_eq!(r.body["message"], "منع دسترسی");
    }
    let empty = app.post(ALICE, &path, json!({})).await;
    empty.assert_panel_error(400);
    assert_eq!(empty.body["message"], "پارامتر های وارد شده اشتباه هستند");
    for missing in [
        "/api/v1/user/tickets/autem",
        &format!("/api/v1/user/tickets/{}", id + 100),
    ] {
        app.get(ALICE, missing).await.assert_panel_error(404);
    }
    let not_operator = send(app.as_(ALICE, Method::GET, "/api/v1/admin/tickets")).await;
    not_operator.assert_panel_error(403);
    assert!(app.get(BOB, "/api/v1/user/tickets").await.body["tickets"] == json!([]));
}
