//! Offers: sent by a store to one user (`/web/store-manager/send-offer`),
//! seen only by that user (`/web/offers`), marked read by them
//! (`/web/user/read-offer`).

pub mod list;
pub mod read;

use actix_web::web;
use serde::Serialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/web/offers").get(list::list))
        .service(web::resource("/web/user/read-offer").post(read::read_offer));
}

/// An offer as the app shows it.
#[derive(Debug, Serialize, diesel::Queryable, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Offer {
    pub id: i64,
    pub user: i64,
    pub text: String,
    pub sent_date: i64,
    /// 0 or 1.
    pub read: i32,
    /// The store's id.
    pub store: i64,
    /// The store's name.
    pub target_name: String,
}
