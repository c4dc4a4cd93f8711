use crate::settings::Settings;
use actix_web::web;
use platform_http::{Dialect, Served};
use platform_service::Kit;

pub use platform_service::StartError;

/// The builder: `Application::build(settings)` binds and returns the server
/// ready to run.
pub struct Application;

impl Application {
    /// Everything but the routes is the service kit's.
    pub async fn build(settings: Settings) -> Result<Served, StartError> {
        let kit = Kit::open(&settings, &crate::MIGRATIONS).await?;
        kit.serve::<crate::BuildingsError, _>(Dialect::Building, configure)
    }
}

fn configure(cfg: &mut web::ServiceConfig) {
    crate::update::configure(cfg);
    crate::contacts::configure(cfg);
    crate::me::configure(cfg);
    crate::admin::configure(cfg);
    crate::internal::configure(cfg);
}
