use crate::live::Live;
use crate::peers::Peers;
use crate::settings::Settings;
use crate::state::State;
use actix_web::web;
use platform_http::{Dialect, Served};
use platform_service::Kit;

pub use platform_service::StartError;

/// The builder: `Application::build(settings)` binds and returns the server
/// ready to run.
pub struct Application;

impl Application {
    /// The kit's start-up, then fan-out (Redis when `redis_url` is set) and
    /// the reader of buildings' membership feed.
    pub async fn build(settings: Settings) -> Result<Served, StartError> {
        let kit = Kit::open(&settings, &crate::MIGRATIONS).await?;
        let live = match (&settings.common.redis_url, kit.redis()) {
            (Some(url), Some(redis)) => Live::redis(url, &settings.redis_prefix, redis.clone())
                .await
                .map_err(StartError::Redis)?,
            _ => Live::local(),
        };
        let peers = Peers::new(&settings, kit.internal_key().clone());
        if let Some(url) = &settings.buildings_url {
            crate::rooms::sync::start(
                kit.db().clone(),
                url.clone(),
                kit.internal_key().clone(),
                std::time::Duration::from_millis(settings.buildings_poll_ms),
            );
        }
        let state = web::Data::new(State::new(kit.db().clone(), peers, live, &settings));
        kit.serve::<crate::ChatError, _>(Dialect::Bazaar, move |cfg| {
            cfg.app_data(state.clone());
            crate::chats::configure(cfg);
            crate::messages::configure(cfg);
            crate::rooms::configure(cfg);
            crate::ws::configure(cfg);
        })
    }
}
