//! Start-up, the same for every service: settings checked, port bound (0 in
//! tests), database opened and migrated, Redis connected when configured,
//! token verification with the shared clock and identity's revocation
//! feed, then one `App` with metrics, readiness, request ids, dialect
//! errors and 404s, localized messages, body limits and the internal
//! credential on `/internal`.

use crate::settings::ServiceSettings;
use actix_web::middleware::from_fn;
use actix_web::{web, App, HttpServer};
use platform_auth::{
    InternalKey, JwksVerifier, NeverRevoked, RevocationCheck, RevocationFeed, TokenClock,
    VerifierOptions,
};
use platform_db::{Db, DbError, DbOptions, Migrations};
use platform_http::health::Readiness;
use platform_http::localized::Localized;
use platform_http::{extract, health, observe, Dialect, Metrics, Served};
use redis::aio::ConnectionManager;
use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

/// How often a service reads identity's logout feed.
const REVOCATION_POLL: Duration = Duration::from_millis(250);

/// Why a service did not start; each message names the setting at fault.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("{0}")]
    Setting(String),
    #[error("database_url: {0}")]
    Database(#[source] DbError),
    #[error("redis_url: {0}")]
    Redis(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

type Check = Arc<
    dyn Fn() -> futures_util::future::LocalBoxFuture<'static, Result<(), String>> + Send + Sync,
>;

/// A service on its way up: bound and connected, not yet serving.
pub struct Kit {
    name: &'static str,
    listener: TcpListener,
    port: u16,
    workers: usize,
    body_limit: usize,
    db: Db,
    redis: Option<ConnectionManager>,
    verifier: Arc<JwksVerifier>,
    revocations: Arc<dyn RevocationCheck>,
    internal: InternalKey,
    checks: Vec<Check>,
}

impl Kit {
    /// Checks `settings` (the common keys, then the service's own), binds,
    /// opens and migrates the database, connects Redis when configured and
    /// starts reading identity's revocation feed when `revocations_url` is
    /// set. Must run inside a tokio runtime.
    pub async fn open<S: ServiceSettings>(
        settings: &S,
        migrations: &'static Migrations,
    ) -> Result<Kit, StartError> {
        let common = settings.common();
        common.check().map_err(StartError::Setting)?;
        settings.check().map_err(StartError::Setting)?;
        let listener = platform_http::bind(&common.listen)?;
        let port = listener.local_addr()?.port();
        let options = DbOptions {
            max_connections: common.max_connections,
            ..DbOptions::default()
        };
        let db = Db::open(&common.database_url, migrations, &options)
            .await
            .map_err(StartError::Database)?;
        let redis = match &common.redis_url {
            Some(url) => {
                let client = redis::Client::open(url.as_str())
                    .map_err(|e| StartError::Redis(e.to_string()))?;
                // Bounded calls and a short reconnect: without them a call
                // made while Redis restarts waited on the manager's
                // reconnection for over a minute (chat's sends hung behind
                // their fan-out publish; the topology run, issue 16).
                let config = redis::aio::ConnectionManagerConfig::new()
                    .set_connection_timeout(Duration::from_millis(500))
                    .set_response_timeout(Duration::from_millis(500))
                    .set_number_of_retries(2)
                    .set_max_delay(1000);
                Some(
                    ConnectionManager::new_with_config(client, config)
                        .await
                        .map_err(|e| StartError::Redis(format!("cannot connect: {e}")))?,
                )
            }
            None => None,
        };
        let internal =
            InternalKey::from_setting("internal_secret", common.internal_secret.as_ref())
                .map_err(StartError::Setting)?;
        let clock = TokenClock::from_setting("token_leeway_secs", common.token_leeway_secs)
            .map_err(StartError::Setting)?;
        let verifier = Arc::new(JwksVerifier::new(
            common.jwks_url.clone(),
            VerifierOptions {
                clock,
                ..VerifierOptions::default()
            },
        ));
        let revocations: Arc<dyn RevocationCheck> = match &common.revocations_url {
            Some(url) => RevocationFeed::start(url.clone(), REVOCATION_POLL, internal.clone()),
            None => Arc::new(NeverRevoked),
        };
        Ok(Kit {
            name: S::NAME,
            listener,
            port,
            workers: platform_http::workers(common.workers),
            body_limit: common.body_limit,
            db,
            redis,
            verifier,
            revocations,
            internal,
            checks: Vec::new(),
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    /// Redis, when `redis_url` is set; `/readyz` asks it.
    pub fn redis(&self) -> Option<&ConnectionManager> {
        self.redis.as_ref()
    }

    /// The internal credential, to show to peers' `/internal/` endpoints.
    pub fn internal_key(&self) -> &InternalKey {
        &self.internal
    }

    /// A further check for `/readyz` (an outside provider, a worker).
    pub fn ready_also<F>(&mut self, check: F)
    where
        F: Fn() -> futures_util::future::LocalBoxFuture<'static, Result<(), String>>
            + Send
            + Sync
            + 'static,
    {
        self.checks.push(Arc::new(check));
    }

    /// Builds the server: `configure` adds the service's own routes and app
    /// data; errors of type `E` answer in the routed scope's dialect
    /// (`dialect` unless a scope sets its own) and the asked language.
    /// Every path under `/internal/` answers only the internal credential
    /// (`platform_auth::internal::guard_internal`), whatever routes the
    /// service puts there.
    pub fn serve<E, F>(self, dialect: Dialect, configure: F) -> Result<Served, StartError>
    where
        E: Localized,
        F: Fn(&mut web::ServiceConfig) + Clone + Send + 'static,
    {
        let metrics = Metrics::new(self.name);
        let readiness = readiness(self.db.clone(), self.redis.clone(), self.checks);
        let (db, body_limit) = (self.db, self.body_limit);
        let verifier = web::Data::from(self.verifier);
        let revocations: web::Data<dyn RevocationCheck> = web::Data::from(self.revocations);
        let internal = web::Data::new(self.internal);
        let server = HttpServer::new(move || {
            App::new()
                .wrap(from_fn(platform_http::localized::localized::<E>))
                .wrap(from_fn(extract::dialect_errors))
                .wrap(from_fn(platform_auth::internal::guard_internal))
                .wrap(from_fn(observe::observe))
                .app_data(dialect)
                .app_data(web::Data::new(metrics.clone()))
                .app_data(web::Data::new(readiness.clone()))
                .app_data(web::Data::new(db.clone()))
                .app_data(verifier.clone())
                .app_data(revocations.clone())
                .app_data(internal.clone())
                // handlers that read the raw body (JSON, form or multipart)
                .app_data(web::PayloadConfig::new(body_limit))
                .configure(extract::configure(dialect, body_limit))
                .configure(health::configure)
                .configure(configure.clone())
                .default_service(web::to(extract::not_found(dialect)))
        })
        .workers(self.workers)
        .listen(self.listener)?
        .run();
        Ok(Served::new(self.port, server))
    }
}

/// `/readyz`: the database answers, Redis when configured, and the
/// service's own checks.
fn readiness(db: Db, redis: Option<ConnectionManager>, checks: Vec<Check>) -> Readiness {
    Readiness::new(move || {
        let (db, redis, checks) = (db.clone(), redis.clone(), checks.clone());
        Box::pin(async move {
            db.ping().await.map_err(|e| e.to_string())?;
            if let Some(mut redis) = redis {
                redis::cmd("PING")
                    .query_async::<String>(&mut redis)
                    .await
                    .map_err(|e| format!("redis: {e}"))?;
            }
            for check in &checks {
                check().await?;
            }
            Ok(())
        })
    })
}
