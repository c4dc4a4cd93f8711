use crate::db::users::User;
use crate::state::State;
use platform_auth::Claims;
use platform_http::reply::Panel;
use serde::Serialize;

/// A fresh access token for `user` and the seed's answer carrying it. An
/// operator listed in `admins` gets the role `admin`; the token names the
/// account's mobile, which the bazaar apps send as `username`.
pub fn answer(state: &State, user: &User) -> Panel<Token> {
    let role = if state.admins.contains(&user.mobile) {
        platform_auth::ADMIN
    } else {
        &user.role
    };
    let claims = Claims::new(user.id.to_string(), role, state.token_lifetime_secs)
        .with_username(&user.mobile);
    let token = state.keys.sign(&claims);
    Panel::new(
        200,
        Token {
            access_token: token,
            token_type: "Bearer",
            expires_at: claims.exp,
        },
    )
}

/// The seed's answer of `/login/verify` and `/login/password`.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Token {
    access_token: String,
    token_type: &'static str,
    expires_at: i64,
}

impl Token {
    /// The signed token (the bazaar app's login answers it in `data`).
    pub fn access_token(&self) -> &str {
        &self.access_token
    }
}
