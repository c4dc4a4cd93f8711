use crate::codes::CodeHasher;
use crate::db::MIGRATIONS;
use crate::keys::KeyRing;
use crate::limiter::SendLimiter;
use crate::settings::Settings;
use crate::state::State;
use crate::{error, mail, routes, sms};
use actix_web::web;
use platform_http::{Dialect, Served};
use platform_service::Kit;

pub use platform_service::StartError;

/// The builder: `Application::build(settings)` binds and returns the server
/// ready to run.
pub struct Application;

impl Application {
    /// The service kit binds, opens and migrates the database and connects
    /// Redis; identity adds its keys, code hasher, SMS and mail providers.
    pub async fn build(settings: Settings) -> Result<Served, StartError> {
        let kit = Kit::open(&settings, &MIGRATIONS).await?;
        let keys = KeyRing::load(&settings).map_err(StartError::Setting)?;
        let hasher = CodeHasher::load(&settings).map_err(StartError::Setting)?;
        let sms = sms::from_settings(&settings.sms).map_err(StartError::Setting)?;
        let mail = mail::from_settings(&settings.mail).map_err(StartError::Setting)?;
        let limiter = SendLimiter::new(kit.redis().cloned(), &settings.redis_prefix);
        log::info!(
            "identity: {} signing key(s), active kid {}, sms provider {:?}",
            keys.jwks()["keys"].as_array().map_or(0, Vec::len),
            keys.active().kid(),
            settings.sms.provider
        );
        let state = web::Data::new(
            State::new(&settings, &kit, keys, hasher, sms, mail, limiter)
                .map_err(StartError::Setting)?,
        );
        let body_limit = settings.common.body_limit;
        kit.serve::<error::IdentityError, _>(Dialect::Panel, move |cfg| {
            cfg.app_data(state.clone());
            routes::configure(cfg, body_limit);
        })
    }
}
