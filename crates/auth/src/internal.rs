//! The credential of the platform's own components. Endpoints under
//! `/internal/` serve only callers that show it: the gateway never routes
//! those paths, and strips any client-sent `X-Internal-*` header, but a
//! service's port may still be reachable from elsewhere in its network.
//!
//! The credential is one shared secret (`internal_secret` in every
//! component's settings; the stack makes one per run). Without it a
//! component serves no internal endpoint at all and asks none.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::middleware::Next;
use actix_web::{web, Error};
use platform_http::extract::message_for;
use platform_http::{Dialect, Lang};
use platform_settings::Secret;
use subtle::ConstantTimeEq;

/// The header that carries the credential.
pub const INTERNAL_HEADER: &str = "x-internal-token";

/// The shortest secret a component accepts: guessing it must be hopeless.
pub const MIN_SECRET_CHARS: usize = 32;

/// This component's copy of the credential, if it has one.
#[derive(Clone, Default)]
pub struct InternalKey(Option<Secret>);

impl InternalKey {
    pub fn new(secret: Option<Secret>) -> InternalKey {
        InternalKey(secret)
    }

    /// The setting checked; the message names `key`.
    pub fn from_setting(key: &str, secret: Option<&Secret>) -> Result<InternalKey, String> {
        match secret {
            Some(s) if s.expose().chars().count() < MIN_SECRET_CHARS => Err(format!(
                "{key}: must have at least {MIN_SECRET_CHARS} characters"
            )),
            other => Ok(InternalKey(other.cloned())),
        }
    }

    /// What to send as [`INTERNAL_HEADER`] when calling a peer.
    pub fn secret(&self) -> Option<&str> {
        self.0.as_ref().map(Secret::expose)
    }

    /// True when `shown` is the credential, compared in constant time.
    /// Always false without a credential of our own.
    pub fn admits(&self, shown: Option<&[u8]>) -> bool {
        match (&self.0, shown) {
            (Some(mine), Some(shown)) => mine.expose().as_bytes().ct_eq(shown).into(),
            _ => false,
        }
    }
}

/// True for `/internal` and every path below it.
pub fn is_internal_path(path: &str) -> bool {
    path == "/internal" || path.starts_with("/internal/")
}

/// App-wide middleware: any request to a path under `/internal/` without
/// the credential is a 401 in the app's dialect and reaches no handler, so
/// no service can forget to guard an internal route. Needs
/// `web::Data<InternalKey>` in the app data.
pub async fn guard_internal(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    if !is_internal_path(req.path()) {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_boxed_body);
    }
    let admitted = req.app_data::<web::Data<InternalKey>>().is_some_and(|key| {
        key.admits(
            req.headers()
                .get(INTERNAL_HEADER)
                .map(actix_web::http::header::HeaderValue::as_bytes),
        )
    });
    if admitted {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_boxed_body);
    }
    let dialect = req.app_data::<Dialect>().copied().unwrap_or(Dialect::Panel);
    let status = StatusCode::UNAUTHORIZED;
    let body = dialect.error(
        status,
        message_for(dialect, status, Lang::of(req.request())),
        None,
    );
    Ok(req.into_response(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_same_secret_is_admitted() {
        let secret = "s".repeat(MIN_SECRET_CHARS);
        let key =
            InternalKey::from_setting("internal_secret", Some(&Secret::new(&secret))).unwrap();
        assert!(key.admits(Some(secret.as_bytes())));
        assert!(!key.admits(Some(b"guess")));
        assert!(!key.admits(None));
        assert!(
            !InternalKey::default().admits(Some(b"")),
            "no credential, no entry"
        );
        assert!(InternalKey::from_setting("internal_secret", Some(&Secret::new("short"))).is_err());
    }
}
