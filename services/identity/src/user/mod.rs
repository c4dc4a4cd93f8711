//! The SMM panel's profile: `GET /api/v1/user` and `POST /api/v1/user`,
//! and the confirmation of a changed mobile or e-mail.

pub mod change;
pub mod object;
pub mod read;
pub mod update;

pub use object::{masked_mobile, user_object, user_reply};

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/user")
            .route(web::get().to(read::read))
            .route(web::post().to(update::update)),
    )
    .service(web::resource("/user/mobile/confirm").post(change::confirm_mobile))
    .service(web::resource("/user/email/confirm").post(change::confirm_email));
}
