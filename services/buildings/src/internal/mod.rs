//! `/internal/buildings/…`: for the chat service's building and block
//! rooms. The kit answers these only to callers with the platform's
//! internal credential (`X-Internal-Token`); the gateway never routes them.

pub mod changes;
pub mod members;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/internal/buildings/members").get(members::members))
        .service(web::resource("/internal/buildings/changes").get(changes::changes));
}
