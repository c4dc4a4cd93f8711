use crate::settings::Settings;
use actix_web::middleware::from_fn;
use actix_web::{web, App, HttpServer};
use platform_auth::{JwksVerifier, TokenClock, VerifierOptions};
use platform_db::{Db, DbError, DbOptions};
use platform_http::health::Readiness;
use platform_http::Served;
use platform_http::{Dialect, Metrics};
use std::sync::Arc;

/// Why the service did not start; each message names the setting at fault.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("{0}")]
    Setting(String),
    #[error("database_url: {0}")]
    Database(DbError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// The builder: `Application::build(settings)` binds and returns the server
/// ready to run.
pub struct Application;

impl Application {
    /// Checks the settings, binds the listener (port 0 picks a free one),
    /// opens the database and runs its migrations.
    pub async fn build(settings: Settings) -> Result<Served, StartError> {
        settings.check().map_err(StartError::Setting)?;
        let listener = platform_http::bind(&settings.listen)?;
        let port = listener.local_addr()?.port();
        let url = settings.database_url.clone();
        let options = DbOptions {
            max_connections: settings.max_connections,
            ..DbOptions::default()
        };
        let db = Db::open(&url, &crate::MIGRATIONS, &options)
            .await
            .map_err(StartError::Database)?;
        let clock = TokenClock::from_setting("token_leeway_secs", settings.token_leeway_secs)
            .map_err(StartError::Setting)?;
        let verifier = Arc::new(JwksVerifier::new(
            settings.jwks_url.clone(),
            VerifierOptions {
                clock,
                ..VerifierOptions::default()
            },
        ));
        let metrics = Metrics::new("invoicing");
        let readiness = {
            let db = db.clone();
            Readiness::new(move || {
                let db = db.clone();
                Box::pin(async move { db.ping().await.map_err(|e| e.to_string()) })
            })
        };
        let body_limit = settings.body_limit;
        let server = HttpServer::new(move || {
            App::new()
                .app_data(Dialect::Ledger)
                .app_data(web::Data::new(metrics.clone()))
                .app_data(web::Data::new(readiness.clone()))
                .app_data(web::Data::from(verifier.clone()))
                .app_data(web::Data::new(db.clone()))
                // create and update read the raw body to take JSON or a form
                .app_data(web::PayloadConfig::new(body_limit))
                .configure(platform_http::extract::configure(
                    Dialect::Ledger,
                    body_limit,
                ))
                .wrap(from_fn(
                    platform_http::localized::localized::<crate::InvoicingError>,
                ))
                .wrap(from_fn(platform_http::extract::dialect_errors))
                .wrap(from_fn(platform_http::observe::observe))
                .configure(platform_http::health::configure)
                .configure(crate::customers::configure)
                .default_service(web::to(platform_http::extract::not_found(Dialect::Ledger)))
        })
        .workers(platform_http::workers(settings.workers))
        .listen(listener)?
        .run();
        Ok(Served::new(port, server))
    }
}
