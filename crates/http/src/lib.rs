//! What every HTTP surface of the platform shares: the wire dialects of the
//! apps, extractor rejections in those dialects, request ids, access logs,
//! Prometheus metrics and the health endpoints.

pub mod client_ip;
pub mod dialect;
pub mod digits;
pub mod docs;
pub mod extract;
pub mod fields;
pub mod health;
pub mod input;
pub mod lang;
pub mod localized;
pub mod metrics;
pub mod observe;
pub mod reply;
pub mod request_id;
pub mod rules;
mod served;

pub use client_ip::TrustedProxies;
pub use dialect::Dialect;
pub use lang::Lang;
pub use metrics::Metrics;
pub use request_id::RequestId;
pub use served::Served;

use std::net::TcpListener;

/// Binds `host:port` (port 0 picks a free one) before the server is built, so
/// a builder can report its port to tests and to the stack. The error names
/// the `listen` setting, as every start-up error names its key.
pub fn bind(listen: &str) -> std::io::Result<TcpListener> {
    TcpListener::bind(listen)
        .map_err(|e| std::io::Error::new(e.kind(), format!("listen: cannot bind `{listen}`: {e}")))
}

/// `workers = 0` in settings means one per core.
pub fn workers(configured: usize) -> usize {
    if configured == 0 {
        std::thread::available_parallelism().map_or(2, std::num::NonZero::get)
    } else {
        configured
    }
}
