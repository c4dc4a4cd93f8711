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
    cfg.route(
        "/web/store-manager/store-messages",
        web::get().to(messages::messages),
    )
    .route(
        "/web/store-manager/answer-store-message",
        web::post().to(answer::answer),
    )
    .route(
        "/web/store-manager/send-offer",
        web::post().to(send_offer::send_offer),
    )
    .route(
        "/web/store-manager/send-broadcast",
        web::post().to(send_broadcast::send_broadcast),
    )
    .route(
        "/web/store-manager/statistics",
        web::get().to(statistics::statistics),
    );
}
