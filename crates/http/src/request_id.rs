use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage, HttpRequest};
use std::future::{ready, Ready};

pub const HEADER: &str = "x-request-id";

/// The id of the request being served, set by the observe middleware and
/// carried in every log line of the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestId(pub String);

impl RequestId {
    /// Keeps a client's id when it is well-formed (1 to 128 characters of
    /// `[A-Za-z0-9._-]`), so it cannot inject into logs; makes one otherwise.
    pub fn from_header(value: Option<&str>) -> RequestId {
        match value {
            Some(v) if is_well_formed(v) => RequestId(v.to_string()),
            _ => RequestId(uuid::Uuid::new_v4().to_string()),
        }
    }

    pub fn of(req: &HttpRequest) -> String {
        req.extensions()
            .get::<RequestId>()
            .map(|id| id.0.clone())
            .unwrap_or_else(|| "-".to_string())
    }
}

pub fn is_well_formed(v: &str) -> bool {
    (1..=128).contains(&v.len())
        && v.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

impl FromRequest for RequestId {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(RequestId(RequestId::of(req))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_well_formed_ids_only() {
        assert_eq!(RequestId::from_header(Some("abc-1.2_3")).0, "abc-1.2_3");
        assert_ne!(RequestId::from_header(Some("a b\nc")).0, "a b\nc");
        assert_ne!(RequestId::from_header(Some(&"x".repeat(129))).0.len(), 129);
        assert_eq!(RequestId::from_header(None).0.len(), 36);
    }
}
