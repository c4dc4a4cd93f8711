use crate::metrics::metrics_handler;
use actix_web::{web, HttpResponse};
use futures_util::future::LocalBoxFuture;
use serde_json::json;
use std::sync::Arc;

type Check = dyn Fn() -> LocalBoxFuture<'static, Result<(), String>> + Send + Sync;

/// What `/readyz` asks: the service's database, Redis when configured, or
/// for the gateway its upstreams.
#[derive(Clone)]
pub struct Readiness(Arc<Check>);

impl Readiness {
    pub fn new<F>(check: F) -> Readiness
    where
        F: Fn() -> LocalBoxFuture<'static, Result<(), String>> + Send + Sync + 'static,
    {
        Readiness(Arc::new(check))
    }

    pub async fn check(&self) -> Result<(), String> {
        (self.0)().await
    }
}

/// `/healthz`, `/readyz` and `/metrics`. Needs `web::Data<Readiness>` and
/// `web::Data<Metrics>` in the app data.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/healthz", web::get().to(healthz))
        .route("/readyz", web::get().to(readyz))
        .route("/metrics", web::get().to(metrics_handler));
}

async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(json!({"status": "ok"}))
}

async fn readyz(readiness: web::Data<Readiness>) -> HttpResponse {
    match readiness.check().await {
        Ok(()) => HttpResponse::Ok().json(json!({"status": "ok"})),
        Err(reason) => {
            log::warn!("not ready: {reason}");
            HttpResponse::ServiceUnavailable()
                .json(json!({"status": "unavailable", "reason": reason}))
        }
    }
}
