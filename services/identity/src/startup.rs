use crate::codes::CodeHasher;
use crate::db::MIGRATIONS;
use crate::keys::KeyRing;
use crate::limiter::SendLimiter;
use crate::settings::Settings;
use crate::state::State;
use crate::{error, mail, routes, sms};
use actix_web::middleware::from_fn;
use actix_web::{web, App, HttpServer};
use platform_db::{Db, DbOptions};
use platform_http::health::Readiness;
use platform_http::Served;
use platform_http::{extract, observe, Dialect, Metrics};
use std::sync::Arc;

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("identity settings: {0}")]
    Settings(String),
    #[error("identity database: {0}")]
    Database(#[from] platform_db::DbError),
    #[error("identity: {0}")]
    Io(#[from] std::io::Error),
}

/// The builder: `Application::build(settings)` binds and returns the server
/// ready to run.
pub struct Application;

impl Application {
    /// Binds first (port 0 picks a free port), then opens the database and
    /// runs its migrations, loads the keys and builds the server.
    pub async fn build(settings: Settings) -> Result<Served, StartError> {
        settings.validate().map_err(StartError::Settings)?;
        let listener = platform_http::bind(&settings.listen)?;
        let port = listener.local_addr()?.port();

        let url = settings.database_url.clone();
        let db = Db::open(&url, &MIGRATIONS, &DbOptions::default()).await?;
        let keys = KeyRing::load(&settings).map_err(StartError::Settings)?;
        let hasher = CodeHasher::load(&settings).map_err(StartError::Settings)?;
        let sms = sms::from_settings(&settings.sms).map_err(StartError::Settings)?;
        let mail = mail::from_settings(&settings.mail).map_err(StartError::Settings)?;
        let limiter = SendLimiter::connect(settings.redis_url.as_deref(), &settings.redis_prefix)
            .await
            .map_err(StartError::Settings)?;
        log::info!(
            "identity: {} signing key(s), active kid {}, sms provider {:?}",
            keys.jwks()["keys"].as_array().map_or(0, Vec::len),
            keys.active().kid(),
            settings.sms.provider
        );

        let state = web::Data::new(State {
            db,
            keys,
            hasher,
            sms,
            mail,
            limiter,
            proxies: platform_http::TrustedProxies::parse(&settings.trusted_proxies)
                .map_err(StartError::Settings)?,
            code: settings.code.clone(),
            limits: settings.limits.clone(),
            token_lifetime_secs: settings.token_lifetime_secs,
            clock: platform_auth::TokenClock::new(settings.token_leeway_secs),
        });
        let metrics = web::Data::new(Metrics::new("identity"));
        let readiness = web::Data::new(readiness(Arc::clone(&state)));

        let server = HttpServer::new(move || {
            App::new()
                .wrap(from_fn(
                    platform_http::localized::localized::<error::IdentityError>,
                ))
                .wrap(from_fn(extract::dialect_errors))
                .wrap(from_fn(observe::observe))
                .app_data(state.clone())
                .app_data(metrics.clone())
                .app_data(readiness.clone())
                .app_data(Dialect::Panel)
                .configure(routes::configure)
                .default_service(web::to(extract::not_found(Dialect::Panel)))
        })
        .workers(platform_http::workers(settings.workers))
        .listen(listener)?
        .run();
        Ok(Served::new(port, server))
    }
}

/// `/readyz`: the database answers, and Redis when configured.
fn readiness(state: Arc<State>) -> Readiness {
    Readiness::new(move || {
        let state = Arc::clone(&state);
        Box::pin(async move {
            state.db.ping().await.map_err(|e| e.to_string())?;
            state.limiter.ping().await
        })
    })
}
