use prometheus::{IntCounter, IntCounterVec, Opts};

/// The gateway's own collectors, beside the request counts and latency
/// histogram that every service has (`platform_http::Metrics`).
#[derive(Clone)]
pub struct GatewayMetrics {
    pub ratelimit_decisions: IntCounterVec,
    pub upstream_failures: IntCounterVec,
    pub redis_failures: IntCounter,
    pub auth_rejections: IntCounterVec,
}

impl GatewayMetrics {
    #[expect(
        clippy::expect_used,
        reason = "metric names and labels are fixed here: they are valid and registered once"
    )]
    pub fn register(registry: &prometheus::Registry) -> GatewayMetrics {
        let m = GatewayMetrics {
            ratelimit_decisions: IntCounterVec::new(
                Opts::new(
                    "gateway_ratelimit_decisions_total",
                    "Rate-limit decisions by policy",
                ),
                &["policy", "decision"],
            )
            .expect("static metric"),
            upstream_failures: IntCounterVec::new(
                Opts::new(
                    "gateway_upstream_failures_total",
                    "Upstream calls that failed, by kind",
                ),
                &["upstream", "kind"],
            )
            .expect("static metric"),
            redis_failures: IntCounter::new(
                "gateway_redis_failures_total",
                "Rate-limit calls to Redis that failed",
            )
            .expect("static metric"),
            auth_rejections: IntCounterVec::new(
                Opts::new(
                    "gateway_auth_rejections_total",
                    "Requests refused for their token",
                ),
                &["reason"],
            )
            .expect("static metric"),
        };
        registry
            .register(Box::new(m.ratelimit_decisions.clone()))
            .expect("once");
        registry
            .register(Box::new(m.upstream_failures.clone()))
            .expect("once");
        registry
            .register(Box::new(m.redis_failures.clone()))
            .expect("once");
        registry
            .register(Box::new(m.auth_rejections.clone()))
            .expect("once");
        m
    }
}
