use actix_web::web;
use platform_http::{extract, Dialect};

/// Every route but the kit's (`/healthz`, `/readyz`, `/metrics`). Each
/// scope carries its dialect, so extractor rejections, 404/405 and
/// [`crate::IdentityError`] answers come in that dialect; bodies over
/// `body_limit` are a 413 in it. Routes are resources (not `cfg.route`,
/// which turns a wrong method into a 404). `/internal` answers only the
/// platform's internal credential (the kit's guard).
pub fn configure(cfg: &mut web::ServiceConfig, body_limit: usize) {
    cfg.service(
        web::scope("/api/v1")
            .app_data(Dialect::Panel)
            .configure(extract::configure(Dialect::Panel, body_limit))
            .configure(crate::login::configure)
            .configure(crate::user::configure)
            .default_service(web::to(extract::not_found(Dialect::Panel))),
    )
    .service(
        web::scope("/web")
            .app_data(Dialect::Bazaar)
            .configure(extract::configure(Dialect::Bazaar, body_limit))
            .configure(crate::web::configure)
            .default_service(web::to(extract::not_found(Dialect::Bazaar))),
    )
    .service(
        web::scope("/internal")
            .app_data(Dialect::Panel)
            .configure(extract::configure(Dialect::Panel, body_limit))
            .configure(crate::internal::configure)
            .default_service(web::to(extract::not_found(Dialect::Panel))),
    )
    .service(web::resource("/.well-known/jwks.json").get(crate::jwks::serve));
}
