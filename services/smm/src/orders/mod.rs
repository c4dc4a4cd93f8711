//! The user's orders (seed 002): `POST /api/v1/order` places one,
//! `GET /api/v1/order` lists them newest first, `GET /api/v1/order/{id}`
//! shows one.

pub mod create;
pub mod list;
pub mod model;
pub mod place;
pub mod read;
pub mod request;
pub mod rules;
pub mod transition;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/v1/order", web::post().to(create::create))
        .route("/api/v1/order", web::get().to(list::list))
        .route("/api/v1/order/{id}", web::get().to(read::read));
}
