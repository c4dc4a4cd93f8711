//! The address a request came from, for per-address limits: the shared
//! `platform_http::TrustedProxies` rule, as the key the limiter counts by.

use platform_http::TrustedProxies;

/// The client's address as a limiter key; `unknown` for a request without a
/// peer (only built in tests).
pub fn client_key(proxies: &TrustedProxies, req: &actix_web::HttpRequest) -> String {
    proxies
        .client_of(req)
        .map_or_else(|| "unknown".to_string(), |ip| ip.to_string())
}
