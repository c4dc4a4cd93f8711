//! A chat's messages (seed 000's chat messages), sending and read marks.

pub mod list;
pub mod read;
pub mod send;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/web/main-chats", web::get().to(list::list))
        .route("/web/main-chats", web::post().to(send::send))
        .route("/web/main-chats/read", web::post().to(read::read));
}
