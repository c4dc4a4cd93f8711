//! The SMM panel's profile: `GET /api/v1/user` and `POST /api/v1/user`.

mod object;
mod read;
mod update;

pub use object::{masked_mobile, user_object};

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/user")
            .route(web::get().to(read::read))
            .route(web::post().to(update::update)),
    );
}
