use crate::metrics::{Metrics, RouteLabel};
use crate::request_id::{RequestId, HEADER};
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{web, Error, HttpMessage};
use std::time::Instant;

/// Request id, access log, error log and metrics for every request.
///
/// Wrap it outermost: `App::new().wrap(from_fn(observe))`, with a
/// `web::Data<Metrics>` in the app data.
pub async fn observe(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let started = Instant::now();
    let id = RequestId::from_header(req.headers().get(HEADER).and_then(|v| v.to_str().ok()));
    let header = HeaderValue::from_str(&id.0).ok();
    req.extensions_mut().insert(id);
    let metrics = req.app_data::<web::Data<Metrics>>().cloned();

    let mut res = next.call(req).await?;

    let status = res.status();
    let elapsed = started.elapsed();
    {
        // read off the request the response carries: nothing copied up front
        let request = res.request();
        let (method, path) = (request.method().as_str(), request.path());
        let extensions = request.extensions();
        let id = extensions
            .get::<RequestId>()
            .map_or("-", |id| id.0.as_str());
        let pattern;
        let route = match extensions.get::<RouteLabel>() {
            Some(label) => &*label.0,
            None => {
                pattern = request.match_pattern();
                pattern.as_deref().unwrap_or("unmatched")
            }
        };
        if let Some(m) = metrics {
            m.requests
                .with_label_values(&[route, method, status.as_str()])
                .inc();
            m.duration
                .with_label_values(&[route])
                .observe(elapsed.as_secs_f64());
        }
        // the error's whole cause chain goes to the log, never to the client
        if let Some(err) = res.response().error() {
            if status.is_server_error() {
                log::error!("request_id={id} {method} {path} -> {status}: {err:?}");
            } else {
                log::debug!("request_id={id} {method} {path} -> {status}: {err}");
            }
        }
        // probes and service-to-service polls (the gateway asks identity's
        // revocation feed four times a second) would drown the access log
        let routine = status.as_u16() < 400
            && (path.starts_with("/internal/")
                || matches!(path, "/healthz" | "/readyz" | "/metrics"));
        let level = if routine {
            log::Level::Debug
        } else {
            log::Level::Info
        };
        log::log!(
            level,
            "request_id={id} {method} {path} {} {:.1}ms",
            status.as_u16(),
            elapsed.as_secs_f64() * 1000.0
        );
    }
    if let Some(value) = header {
        res.headers_mut()
            .insert(HeaderName::from_static(HEADER), value);
    }
    Ok(res)
}
