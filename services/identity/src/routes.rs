use actix_web::web;
use platform_http::{extract, health, Dialect};

/// JSON and form bodies above this are refused with 413 in the dialect.
pub const BODY_LIMIT: usize = 16 * 1024;

/// Every route. Each scope carries its dialect, so extractor rejections,
/// 404/405 and [`crate::IdentityError`] answers come in that dialect. Routes
/// are resources (not `cfg.route`, which turns a wrong method into a 404).
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/api/v1")
            .app_data(Dialect::Panel)
            .configure(extract::configure(Dialect::Panel, BODY_LIMIT))
            .configure(crate::login::configure)
            .configure(crate::user::configure)
            .default_service(web::to(extract::not_found(Dialect::Panel))),
    )
    .service(
        web::scope("/web")
            .app_data(Dialect::Bazaar)
            .app_data(web::PayloadConfig::new(BODY_LIMIT))
            .configure(extract::configure(Dialect::Bazaar, BODY_LIMIT))
            .configure(crate::web::configure)
            .default_service(web::to(extract::not_found(Dialect::Bazaar))),
    )
    .service(
        web::scope("/internal")
            .app_data(Dialect::Panel)
            .configure(extract::configure(Dialect::Panel, BODY_LIMIT))
            .configure(crate::internal::configure)
            .default_service(web::to(extract::not_found(Dialect::Panel))),
    )
    .route("/.well-known/jwks.json", web::get().to(crate::jwks::serve))
    .configure(health::configure);
}
