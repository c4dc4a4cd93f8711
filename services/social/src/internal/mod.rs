//! `/internal/stores…`: what the chat service shows of a store (its name,
//! avatar and manager). The kit answers these only to callers with the
//! platform's internal credential (`X-Internal-Token`); the gateway never
//! routes them.

pub mod stores;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/internal/stores").get(stores::many))
        .service(web::resource("/internal/stores/{id}").get(stores::one));
}
