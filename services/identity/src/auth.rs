//! The caller of a token-protected route. Identity checks its own tokens
//! with its own keys, then asks its database whether the token was revoked
//! and whether the account still may log in, so a request sent straight to
//! identity with a forged, foreign, expired or logged-out token is refused
//! just as the gateway would refuse it. On the bazaar routes a `username`
//! query parameter that is not the account's mobile is refused too.

use crate::db::{self, users::User};
use crate::error::IdentityError;
use crate::state::State;
use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;
use platform_auth::{bearer_token, query_username, Claims};
use platform_http::Dialect;
use platform_validate::iranian_mobile;

pub struct CurrentUser {
    pub user: User,
    pub claims: Claims,
}

impl FromRequest for CurrentUser {
    type Error = IdentityError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        // the gateway moves a bazaar app's `token` query parameter into this
        // header; identity reads no other place
        let token = bearer_token(req).map(str::to_string);
        let state = req.app_data::<web::Data<State>>().cloned();
        let username = match req.app_data::<Dialect>() {
            Some(Dialect::Bazaar) => query_username(req),
            _ => None,
        };
        Box::pin(async move {
            let state = state.ok_or_else(|| {
                IdentityError::internal(std::io::Error::other("State is not in the app data"))
            })?;
            let claims = token
                .and_then(|t| state.keys.verify(&t, &state.clock))
                .ok_or(IdentityError::Unauthorized)?;
            let id: i64 = claims
                .sub
                .parse()
                .map_err(|_| IdentityError::Unauthorized)?;
            let jti = claims.jti.clone();
            let user = state
                .db
                .run(move |conn| -> Result<Option<User>, IdentityError> {
                    if db::revocations::is_revoked(conn, &jti)? {
                        return Ok(None);
                    }
                    Ok(db::users::by_id(conn, id)?)
                })
                .await?
                .filter(|u| u.status == db::users::ACTIVE)
                .ok_or(IdentityError::Unauthorized)?;
            if let Some(username) = username {
                if iranian_mobile(&username).as_deref() != Some(user.mobile.as_str()) {
                    return Err(IdentityError::Unauthorized);
                }
            }
            Ok(CurrentUser { user, claims })
        })
    }
}
