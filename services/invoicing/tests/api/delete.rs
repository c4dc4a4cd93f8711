//! Deleting keeps the row for invoices that may refer to it, and hides the
//! customer from every route.

use crate::helpers::{id_of, spawn_app, LedgerReply, ALICE};
use diesel::prelude::*;
use platform_db::{Db, DbOptions};
use serde_json::json;

#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::BigInt>)]
    deleted_at: Option<i64>,
}

#[tokio::test]
async fn a_deleted_customer_is_gone_from_every_route_but_kept_in_the_table() {
    let app = spawn_app().await;
    let kept = app
        .create(ALICE, json!({"email": "kept@example.com"}))
        .await;
    let gone = id_of(
        &app.create(ALICE, json!({"email": "gone@example.com"}))
            .await,
    );

    let reply = app.delete(ALICE, &gone).await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert_eq!(
        reply.body,
        json!({"data": {"Customer": {"id": gone}}, "success": true, "status": 200,
               "message": "Customer deleted successfully"})
    );

    app.get(ALICE, &gone).await.assert_ledger_error(404);
    app.put(ALICE, &gone, json!({"name": "back"}))
        .await
        .assert_ledger_error(404);
    app.delete(ALICE, &gone).await.assert_ledger_error(404);
    for query in ["", "email=gone@example.com", "q=gone"] {
        let list = app.list(ALICE, query).await;
        assert!(
            list.customers().iter().all(|c| c["id"] != json!(gone)),
            "{query}: {}",
            list.text
        );
    }
    let list = app.list(ALICE, "").await;
    assert_eq!(list.header("x-total-count"), Some("1"));
    assert_eq!(list.customers()[0]["id"], kept["id"]);

    // the row is still there, marked
    let url = app.db_url.clone();
    let rows: Vec<Row> = tokio::task::spawn_blocking(move || {
        let db = Db::connect(&url, &invoicing::MIGRATIONS, &DbOptions::default()).unwrap();
        let mut conn = db.get().unwrap();
        diesel::sql_query("SELECT deleted_at FROM customers WHERE id = $1")
            .bind::<diesel::sql_types::Text, _>(gone)
            .load(&mut *conn)
            .unwrap()
    })
    .await
    .unwrap();
    assert_eq!(rows.len(), 1);
    assert!(rows[0].deleted_at.is_some());
}

#[tokio::test]
async fn the_same_contact_can_be_added_again_after_a_delete() {
    let app = spawn_app().await;
    let first = id_of(&app.create(ALICE, json!({"mobile": "09121234567"})).await);
    assert_eq!(app.delete(ALICE, &first).await.status, 200);
    let second = id_of(&app.create(ALICE, json!({"mobile": "09121234567"})).await);
    assert_ne!(first, second);
    let list = app.list(ALICE, "mobile=09121234567").await;
    assert_eq!(list.customers().len(), 1);
    assert_eq!(list.customers()[0]["id"], json!(second));
}
