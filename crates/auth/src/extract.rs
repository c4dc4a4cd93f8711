use crate::{AuthError, Claims, JwksVerifier};
use actix_web::dev::Payload;
use actix_web::http::{header, StatusCode};
use actix_web::{web, FromRequest, HttpRequest, HttpResponse, ResponseError};
use futures_util::future::LocalBoxFuture;
use platform_http::extract::message_for;
use platform_http::{Dialect, Lang};
use std::fmt;
use std::sync::Arc;

/// The bearer token of a request, if it has one.
pub fn bearer_token(req: &HttpRequest) -> Option<&str> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

/// The verified caller of a service endpoint. A service never takes a user
/// id from a header a client could write: it verifies the token the gateway
/// forwards against identity's keys, as the gateway did. Needs
/// `web::Data<JwksVerifier>`; rejects in the app's `Dialect`.
#[derive(Debug, Clone)]
pub struct Authenticated(pub Claims);

#[derive(Debug)]
pub struct Rejected {
    dialect: Dialect,
    lang: Lang,
    error: AuthError,
}

impl fmt::Display for Rejected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.fmt(f)
    }
}

impl ResponseError for Rejected {
    fn status_code(&self) -> StatusCode {
        self.dialect.status_line(self.status())
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status();
        self.dialect
            .error(status, message_for(self.dialect, status, self.lang), None)
    }
}

impl Rejected {
    fn status(&self) -> StatusCode {
        if self.error.is_unavailable() {
            StatusCode::SERVICE_UNAVAILABLE
        } else {
            StatusCode::UNAUTHORIZED
        }
    }
}

impl FromRequest for Authenticated {
    type Error = Rejected;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let dialect = req.app_data::<Dialect>().copied().unwrap_or(Dialect::Panel);
        let lang = Lang::of(req);
        let token = bearer_token(req).map(str::to_string);
        let verifier = req
            .app_data::<web::Data<JwksVerifier>>()
            .map(|d| Arc::clone(d));
        Box::pin(async move {
            let reject = |error| Rejected {
                dialect,
                lang,
                error,
            };
            let token = token.ok_or_else(|| reject(AuthError::Missing))?;
            let verifier = verifier.ok_or_else(|| {
                reject(AuthError::KeysUnavailable("no verifier configured".into()))
            })?;
            verifier
                .verify(&token)
                .await
                .map(Authenticated)
                .map_err(reject)
        })
    }
}
