//! Service-to-service endpoints. The gateway never routes `/internal/`.

mod revocations;
mod users;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/revocations").get(revocations::list))
        .service(web::resource("/revocations/{jti}").get(revocations::one))
        .service(web::resource("/users").get(users::many));
}
