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
    cfg.service(web::resource("/web/chats").get(list::list))
        .service(web::resource("/web/chats/start").post(start::start))
        .service(web::resource("/web/chats/accept").post(accept::accept))
        .service(web::resource("/web/chats/finish").post(finish::finish))
        .service(web::resource("/web/store-manager/chats").get(store_list::list));
}
