//! Chats between a buyer and a store (seeds 000 and 001): the lists, and
//! the additions that let a chat live (start, accept, finish).

pub mod accept;
pub mod finish;
pub mod list;
pub mod start;
pub mod store_list;
pub mod view;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/web/chats", web::get().to(list::list))
        .route("/web/chats/start", web::post().to(start::start))
        .route("/web/chats/accept", web::post().to(accept::accept))
        .route("/web/chats/finish", web::post().to(finish::finish))
        .route("/web/store-manager/chats", web::get().to(store_list::list));
}
