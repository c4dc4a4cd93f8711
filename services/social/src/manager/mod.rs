//! The store's side (`/web/store-manager/…`, after the app's store-manager
//! documents): the manager of a store reads and answers its store
//! messages, sends offers to users and broadcasts to its subscribers, and
//! reads its statistics. A manager of several stores names one with
//! `store`; without it, their first store is meant.

pub mod answer;
pub mod messages;
pub mod send_broadcast;
pub mod send_offer;
pub mod statistics;
pub mod store;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/web/store-manager/store-messages").get(messages::messages))
        .service(web::resource("/web/store-manager/answer-store-message").post(answer::answer))
        .service(web::resource("/web/store-manager/send-offer").post(send_offer::send_offer))
        .service(
            web::resource("/web/store-manager/send-broadcast").post(send_broadcast::send_broadcast),
        )
        .service(web::resource("/web/store-manager/statistics").get(statistics::statistics));
}
