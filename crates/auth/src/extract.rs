use crate::{AuthError, Claims, JwksVerifier, RevocationCheck};
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
/// forwards against identity's keys, and refuses it when identity's
/// revocation feed lists it, as strictly as the gateway does. On bazaar
/// routes a `username` query parameter that is not the token's account is
/// refused too. Needs `web::Data<JwksVerifier>` and
/// `web::Data<dyn RevocationCheck>`; rejects in the app's `Dialect`.
#[derive(Debug, Clone)]
pub struct Authenticated(pub Claims);

/// [`Authenticated`] with the `admin` role (operators, from identity's
/// `admins` setting); any other caller is a 403 in the route's dialect.
#[derive(Debug, Clone)]
pub struct Admin(pub Claims);

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
        match &self.error {
            AuthError::Forbidden => StatusCode::FORBIDDEN,
            e if e.is_unavailable() => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::UNAUTHORIZED,
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
        let username = match dialect {
            Dialect::Bazaar => query_username(req),
            _ => None,
        };
        let verifier = req
            .app_data::<web::Data<JwksVerifier>>()
            .map(|d| Arc::clone(d));
        let revocations = req
            .app_data::<web::Data<dyn RevocationCheck>>()
            .map(|d| d.clone().into_inner());
        Box::pin(async move {
            let reject = |error| Rejected {
                dialect,
                lang,
                error,
            };
            let token = token.ok_or_else(|| reject(AuthError::Missing))?;
            let (Some(verifier), Some(revocations)) = (verifier, revocations) else {
                return Err(reject(AuthError::KeysUnavailable(
                    "no verifier or revocation check configured".into(),
                )));
            };
            let claims = verifier.verify(&token).await.map_err(reject)?;
            match revocations.is_revoked(&claims).await {
                Ok(false) => {}
                Ok(true) => return Err(reject(AuthError::Revoked)),
                Err(e) => return Err(reject(AuthError::KeysUnavailable(e))),
            }
            if let Some(username) = username {
                if !names_the_account(&username, &claims) {
                    return Err(reject(AuthError::Invalid(
                        "username is not the token's".into(),
                    )));
                }
            }
            Ok(Authenticated(Arc::unwrap_or_clone(claims)))
        })
    }
}

impl FromRequest for Admin {
    type Error = Rejected;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let dialect = req.app_data::<Dialect>().copied().unwrap_or(Dialect::Panel);
        let lang = Lang::of(req);
        let caller = Authenticated::from_request(req, payload);
        Box::pin(async move {
            let Authenticated(claims) = caller.await?;
            if claims.is_admin() {
                Ok(Admin(claims))
            } else {
                Err(Rejected {
                    dialect,
                    lang,
                    error: AuthError::Forbidden,
                })
            }
        })
    }
}

/// The bazaar apps' `username` query parameter, when sent and not blank.
pub fn query_username(req: &HttpRequest) -> Option<String> {
    serde_urlencoded::from_str::<Vec<(String, String)>>(req.query_string())
        .ok()?
        .into_iter()
        .find(|(k, _)| k == "username")
        .map(|(_, v)| v)
        .filter(|v| !v.trim().is_empty())
}

/// Whether the app's `username` is the token's account: its mobile, in any
/// of the forms a mobile is written in.
fn names_the_account(username: &str, claims: &Claims) -> bool {
    let Some(mobile) = claims.username.as_deref() else {
        return false;
    };
    platform_validate::iranian_mobile(username).as_deref() == Some(mobile)
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
