use crate::handler;
use crate::metrics::GatewayMetrics;
use crate::ratelimit::{RateLimiter, RedisStore};
use crate::routes::RouteTable;
use crate::settings::Settings;
use crate::upstream;
use actix_web::middleware::{from_fn, Condition};
use actix_web::{web, App, HttpServer};
use platform_auth::{
    InternalKey, JwksVerifier, NeverRevoked, RevocationCheck, RevocationFeed, TokenClock,
    VerifierOptions,
};
use platform_http::health::Readiness;
use platform_http::Metrics;
use platform_http::{Served, TrustedProxies};
use std::sync::Arc;
use std::time::Duration;

/// Everything a request needs, shared by the workers.
pub struct Gateway {
    pub(crate) routes: RouteTable,
    pub(crate) verifier: JwksVerifier,
    pub(crate) revocations: Arc<dyn RevocationCheck>,
    pub(crate) limiter: RateLimiter,
    pub(crate) proxies: TrustedProxies,
    pub(crate) metrics: GatewayMetrics,
    /// Relayed WebSockets.
    pub(crate) sockets: Arc<crate::websocket::Registry>,
    pub(crate) ws: crate::settings::WsSettings,
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("gateway settings: {0}")]
    Settings(String),
    #[error("gateway listener: {0}")]
    Io(#[from] std::io::Error),
}

/// The builder: `Application::build(settings)` binds and returns the server
/// ready to run.
pub struct Application;

impl Application {
    /// Checks the settings, binds `listen` (port 0 picks one) and builds the
    /// server. Must be called inside a tokio runtime (the revocation poller
    /// starts here).
    pub async fn build(settings: Settings) -> Result<Served, StartError> {
        let bad = StartError::Settings;
        let routes = RouteTable::build(&settings).map_err(bad)?;
        let proxies = TrustedProxies::parse(&settings.trusted_proxies).map_err(bad)?;
        let clock = TokenClock::from_setting("token_leeway_secs", settings.token_leeway_secs)
            .map_err(bad)?;
        let internal =
            InternalKey::from_setting("internal_secret", settings.internal_secret.as_ref())
                .map_err(bad)?;
        let metrics = Metrics::new("gateway");
        let gw_metrics = GatewayMetrics::register(metrics.registry());
        let redis = match &settings.redis_url {
            Some(url) => Some(
                RedisStore::new(
                    url,
                    &settings.redis_prefix,
                    Duration::from_millis(settings.rate_limit.redis_timeout_ms),
                    settings.rate_limit.lease,
                    settings.rate_limit.lease_ms,
                )
                .map_err(bad)?,
            ),
            None => None,
        };
        let limiter = RateLimiter::new(redis, settings.rate_limit.fail_closed, gw_metrics.clone());
        let revocations: Arc<dyn RevocationCheck> = match &settings.revocations_url {
            Some(url) => RevocationFeed::start(
                url.clone(),
                Duration::from_millis(settings.revocation_poll_ms.max(50)),
                internal,
            ),
            None => Arc::new(NeverRevoked),
        };
        let upstreams = routes.upstreams();
        let sockets = Arc::new(crate::websocket::Registry::default());
        crate::websocket::Registry::sweep(
            Arc::downgrade(&sockets),
            Arc::clone(&revocations),
            Duration::from_millis(settings.ws.sweep_ms.max(10)),
        );
        let gateway = web::Data::new(Gateway {
            routes,
            verifier: JwksVerifier::new(
                settings.jwks_url.clone(),
                VerifierOptions {
                    clock,
                    ..VerifierOptions::default()
                },
            ),
            revocations,
            limiter,
            proxies,
            metrics: gw_metrics,
            sockets,
            ws: settings.ws.clone(),
        });
        let readiness = readiness(gateway.clone(), &settings);
        let metrics = web::Data::new(metrics);
        let cors = settings.cors.clone();

        let listener = platform_http::bind(&settings.listen)?;
        let port = listener.local_addr()?.port();
        let server = HttpServer::new(move || {
            App::new()
                .app_data(gateway.clone())
                // each worker its own: a worker is one thread, so no lock
                .app_data(upstream::Pool::new(upstreams))
                .app_data(metrics.clone())
                .app_data(web::Data::new(readiness.clone()))
                .wrap(Condition::new(
                    !cors.allowed_origins.is_empty(),
                    crate::cors::build(&cors),
                ))
                .wrap(from_fn(platform_http::observe::observe))
                .configure(platform_http::health::configure)
                .configure(crate::docs::configure)
                .default_service(web::to(handler::handle))
        })
        .workers(platform_http::workers(settings.workers))
        .listen(listener)?
        .run();
        Ok(Served::new(port, server))
    }
}

/// Ready when every upstream a route names answers its `/readyz`, and Redis
/// answers when the limiter is set to fail closed without it.
#[expect(
    clippy::expect_used,
    reason = "a client with only a timeout set builds; failing means no TLS backend, a broken build"
)]
fn readiness(gateway: web::Data<Gateway>, settings: &Settings) -> Readiness {
    let mut upstreams: Vec<(String, String)> = gateway
        .routes
        .routes()
        .iter()
        .map(|r| (r.upstream_name.clone(), format!("{}/readyz", r.upstream)))
        .collect();
    upstreams.sort();
    upstreams.dedup();
    let fail_closed = settings.rate_limit.fail_closed;
    let http = reqwest::Client::builder()
        .timeout(Duration::from_millis(settings.ready_timeout_ms))
        .no_proxy()
        .build()
        .expect("a plain reqwest client builds");
    Readiness::new(move || {
        let upstreams = upstreams.clone();
        let http = http.clone();
        let gateway = gateway.clone();
        Box::pin(async move {
            let checks = upstreams.iter().map(|(name, url)| {
                let http = http.clone();
                async move {
                    match http.get(url).send().await {
                        Ok(r) if r.status().is_success() => Ok(()),
                        Ok(r) => Err(format!("{name}: {}", r.status())),
                        Err(e) => Err(format!("{name}: {}", e.without_url())),
                    }
                }
            });
            let failed: Vec<String> = futures_util::future::join_all(checks)
                .await
                .into_iter()
                .filter_map(Result::err)
                .collect();
            if fail_closed {
                gateway
                    .limiter
                    .ready()
                    .await
                    .map_err(|e| format!("rate limit store: {e}"))?;
            }
            if failed.is_empty() {
                Ok(())
            } else {
                Err(failed.join("; "))
            }
        })
    })
}
