use actix_web::{web, HttpResponse};
use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounterVec, Opts, Registry, TextEncoder,
};

/// One Prometheus registry per HTTP surface (the stack runs several in one
/// process, each with its own `/metrics`). Services register their own
/// collectors on [`Metrics::registry`].
#[derive(Clone)]
pub struct Metrics {
    registry: Registry,
    pub requests: IntCounterVec,
    pub duration: HistogramVec,
}

/// A label the handler may set on the request to name its route in metrics
/// when actix has no pattern for it (the gateway's proxied routes). Shared,
/// so setting it on every request copies nothing.
#[derive(Debug, Clone)]
pub struct RouteLabel(pub std::sync::Arc<str>);

impl Metrics {
    #[expect(
        clippy::expect_used,
        reason = "metric names and labels are fixed here: they are valid and registered once"
    )]
    pub fn new(service: &str) -> Metrics {
        let registry = Registry::new_custom(
            None,
            Some([("service".to_string(), service.to_string())].into()),
        )
        .expect("static labels are valid");
        let requests = IntCounterVec::new(
            Opts::new(
                "http_requests_total",
                "HTTP requests served, by route and status",
            ),
            &["route", "method", "status"],
        )
        .expect("static metric");
        let duration = HistogramVec::new(
            HistogramOpts::new("http_request_duration_seconds", "Time to the response head")
                .buckets(vec![
                    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
                    10.0,
                ]),
            &["route"],
        )
        .expect("static metric");
        registry
            .register(Box::new(requests.clone()))
            .expect("registered once");
        registry
            .register(Box::new(duration.clone()))
            .expect("registered once");
        Metrics {
            registry,
            requests,
            duration,
        }
    }

    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    #[expect(
        clippy::expect_used,
        reason = "encoding into a Vec cannot fail, and Prometheus text is UTF-8"
    )]
    pub fn render(&self) -> String {
        let mut out = Vec::new();
        TextEncoder::new()
            .encode(&self.registry.gather(), &mut out)
            .expect("text encoding into a Vec cannot fail");
        String::from_utf8(out).expect("prometheus text is UTF-8")
    }
}

pub async fn metrics_handler(metrics: web::Data<Metrics>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4")
        .body(metrics.render())
}
