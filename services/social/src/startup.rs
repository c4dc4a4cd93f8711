use crate::people::People;
use crate::settings::Settings;
use actix_web::web;
use platform_http::{Dialect, Served};
use platform_service::{Kit, StartError};
use std::time::Duration;

/// The builder: `Application::build(settings)` binds, migrates and returns
/// the server ready to run.
pub struct Application;

impl Application {
    pub async fn build(settings: Settings) -> Result<Served, StartError> {
        let kit = Kit::open(&settings, &crate::MIGRATIONS).await?;
        let people = People::new(
            &settings.identity_url,
            Duration::from_millis(settings.identity_timeout_ms),
            kit.internal_key().clone(),
        )
        .map_err(StartError::Setting)?;
        let people = web::Data::new(people);
        kit.serve::<crate::SocialError, _>(Dialect::Bazaar, move |cfg| {
            cfg.app_data(people.clone());
            configure(cfg);
        })
    }
}

/// Every route; order matters where patterns overlap: the fixed
/// `/web/user/…` and `/web/store-manager/…` paths and the comment lists
/// come before the lists' `/web/{target}-user-{kind}`.
fn configure(cfg: &mut web::ServiceConfig) {
    crate::reactions::configure(cfg);
    crate::comments::configure(cfg);
    crate::offers::configure(cfg);
    crate::store_messages::configure(cfg);
    crate::broadcasts::configure(cfg);
    crate::manager::configure(cfg);
    crate::admin::configure(cfg);
    crate::internal::configure(cfg);
    crate::reactions::configure_lists(cfg);
}
