use actix_web::http::header::{HeaderMap, HeaderName};

/// Hop-by-hop headers (RFC 9110 §7.6.1) are about one connection and never
/// forwarded, in either direction.
const HOP_BY_HOP: [&str; 8] = [
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
];

/// Headers a client might send to pose as someone: the gateway removes them
/// rather than merge them, and writes its own `X-Forwarded-*`.
const INTERNAL_PREFIXES: [&str; 5] = [
    "x-user-",
    "x-auth-",
    "x-internal-",
    "x-gateway-",
    "x-forwarded-",
];
const INTERNAL_EXACT: [&str; 4] = ["x-user", "x-real-ip", "forwarded", "x-request-id"];

pub fn is_hop_by_hop(name: &str, connection_listed: &[String]) -> bool {
    HOP_BY_HOP.contains(&name) || connection_listed.iter().any(|c| c == name)
}

/// The header names a `Connection` header lists, which are hop-by-hop too.
pub fn connection_listed(headers: &HeaderMap) -> Vec<String> {
    headers
        .get_all(actix_web::http::header::CONNECTION)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|s| s.trim().to_ascii_lowercase())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Whether a request header from the client is passed on to the upstream.
pub fn forward_request_header(name: &HeaderName, connection_listed: &[String]) -> bool {
    let n = name.as_str();
    !(is_hop_by_hop(n, connection_listed)
        || n == "host"
        || n == "content-length"
        || INTERNAL_EXACT.contains(&n)
        || INTERNAL_PREFIXES.iter().any(|p| n.starts_with(p)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_what_it_should() {
        let listed = vec!["x-custom-hop".to_string()];
        let pass = |n: &str| {
            forward_request_header(&HeaderName::from_bytes(n.as_bytes()).unwrap(), &listed)
        };
        assert!(pass("content-type"));
        assert!(pass("authorization"));
        assert!(pass("accept-language"));
        assert!(!pass("x-user-id"));
        assert!(!pass("X-Auth-Subject"));
        assert!(!pass("x-forwarded-for"));
        assert!(!pass("connection"));
        assert!(!pass("transfer-encoding"));
        assert!(!pass("x-custom-hop"));
        assert!(!pass("host"));
    }
}
