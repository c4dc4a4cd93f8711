use crate::{AuthError, Claims, JwksVerifier};
use actix_web::dev::Payload;
use actix_web::http::{header, StatusCode};
use actix_web::{web, FromRequest, HttpRequest, HttpResponse, ResponseError};
use futures_util::future::LocalBoxFuture;
use platform_http::extract::message_for;
use platform_http::{Dialect, Lang};
use std::fmt;
use std::sync::Arc;

/// The bearer token of a request, if it has one. Read as bytes: a token is
/// a few hundred ASCII characters, and `HeaderValue::to_str`'s check of each
/// one was a visible part of every authenticated request's cost at the
/// gateway.
///
/// A request with two `Authorization` headers has none that counts: which
/// one a component would read is not something a client may decide.
pub fn bearer_token(req: &HttpRequest) -> Option<&str> {
    let mut values = req.headers().get_all(header::AUTHORIZATION);
    let value = values.next()?.as_bytes();
    if values.next().is_some() {
        return None;
    }
    let space = value.iter().position(|&b| b == b' ')?;
    let (scheme, token) = value.split_at(space);
    if !scheme.eq_ignore_ascii_case(b"bearer") {
        return None;
    }
    let token = token.trim_ascii();
    if token.is_empty() || !token.is_ascii() {
        return None;
    }
    std::str::from_utf8(token).ok()
}

/// True when the request has more than one `Authorization` header: such a
/// request carries no credential anyone may pick from.
pub fn ambiguous_authorization(req: &HttpRequest) -> bool {
    req.headers()
        .get_all(header::AUTHORIZATION)
        .nth(1)
        .is_some()
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
                .map(|claims| Authenticated(Arc::unwrap_or_clone(claims)))
                .map_err(reject)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::bearer_token;
    use actix_web::test::TestRequest;

    #[test]
    fn reads_only_a_bearer_token() {
        let token = |value: &[u8]| {
            let req = TestRequest::default()
                .insert_header(("authorization", value))
                .to_http_request();
            bearer_token(&req).map(str::to_string)
        };
        assert_eq!(token(b"Bearer abc.def").as_deref(), Some("abc.def"));
        assert_eq!(token(b"bearer   abc ").as_deref(), Some("abc"));
        assert_eq!(token(b"BEARER x").as_deref(), Some("x"));
        for refused in [
            &b"Basic abc"[..],
            b"Bearer ",
            b"Bearer",
            b"Bearerabc",
            b"Bearer \xc3\xa9",
        ] {
            assert_eq!(
                token(refused),
                None,
                "{:?}",
                String::from_utf8_lossy(refused)
            );
        }
        assert_eq!(
            bearer_token(&TestRequest::default().to_http_request()),
            None
        );
        let twice = TestRequest::default()
            .append_header(("authorization", "Bearer a.b"))
            .append_header(("authorization", "Bearer c.d"))
            .to_http_request();
        assert_eq!(bearer_token(&twice), None, "two headers, none believed");
    }
}
