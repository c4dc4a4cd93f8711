//! Store messages: from a user to a store (`/web/user/submit-store-message`),
//! answered by the store's manager, and read back with the answer by the
//! user who sent them (`/web/store-messages`) and by the store
//! (`/web/store-manager/store-messages`).

pub mod list;
pub mod submit;

use crate::people::People;
use crate::schema::store_messages as sm;
use actix_web::web;
use diesel::prelude::*;
use serde::Serialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/web/store-messages").get(list::list))
        .service(web::resource("/web/user/submit-store-message").post(submit::submit));
}

pub const TITLE_MAX: usize = 255;
pub const TEXT_MAX: usize = 5000;
/// An attachment is the path or URL of a file the app uploaded elsewhere.
pub const ATTACHMENT_MAX: usize = 1000;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sm)]
pub struct Row {
    pub id: i64,
    pub user_id: i64,
    pub store_id: i64,
    pub title: String,
    pub text: String,
    pub attachment: Option<String>,
    pub read: i32,
    pub answer: Option<String>,
    pub answer_date: Option<i64>,
    pub answer_attachment: Option<String>,
    pub created: i64,
}

/// A store message as the app shows it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StoreMessage {
    pub id: i64,
    pub user: i64,
    pub title: String,
    pub text: String,
    pub attachment: Option<String>,
    pub send_date: i64,
    /// 1 once the store has answered.
    pub read: i32,
    pub store: i64,
    pub answer: Option<String>,
    pub answer_date: Option<i64>,
    pub answer_attachment: Option<String>,
    /// Always `active`.
    pub status: &'static str,
    /// The sender's name (identity's), null when unknown.
    pub sender_name: Option<String>,
}

/// `rows` as the app shows them, with their senders' names.
pub async fn shown(rows: Vec<Row>, people: &People) -> Vec<StoreMessage> {
    let senders: Vec<i64> = rows.iter().map(|r| r.user_id).collect();
    let names = people.names(&senders).await;
    rows.into_iter()
        .map(|r| StoreMessage {
            sender_name: names.get(&r.user_id).and_then(|p| p.title.clone()),
            id: r.id,
            user: r.user_id,
            title: r.title,
            text: r.text,
            attachment: r.attachment,
            send_date: r.created,
            read: r.read,
            store: r.store_id,
            answer: r.answer,
            answer_date: r.answer_date,
            answer_attachment: r.answer_attachment,
            status: "active",
        })
        .collect()
}
