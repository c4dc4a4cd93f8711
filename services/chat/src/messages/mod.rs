//! A chat's messages (seed 000's chat messages), sending and read marks.

pub mod list;
pub mod read;
pub mod send;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/web/main-chats")
            .get(list::list)
            .post(send::send),
    )
    .service(web::resource("/web/main-chats/read").post(read::read));
}
