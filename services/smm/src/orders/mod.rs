//! The user's orders (seed 002): `POST /api/v1/order` places one,
//! `GET /api/v1/order` lists them newest first, `GET /api/v1/order/{id}`
//! shows one.

pub mod create;
pub mod list;
pub mod model;
pub mod place;
mod place_postgres;
pub mod read;
pub mod request;
pub mod rules;
pub mod transition;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    // one resource per path: another method is a 405, not a 404
    cfg.service(
        web::resource("/api/v1/order")
            .route(web::post().to(create::create))
            .route(web::get().to(list::list)),
    );
    cfg.service(web::resource("/api/v1/order/{id}").route(web::get().to(read::read)));
}
