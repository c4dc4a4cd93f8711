use crate::db::users::User;
use crate::state::State;
use actix_web::HttpResponse;
use platform_auth::Claims;
use serde_json::json;

/// A fresh access token for `user` and the seed's answer carrying it.
pub fn answer(state: &State, user: &User) -> HttpResponse {
    let claims = Claims::new(user.id.to_string(), &user.role, state.token_lifetime_secs);
    let token = state.keys.sign(&claims);
    HttpResponse::Ok().json(json!({
        "status": 200,
        "access_token": token,
        "token_type": "Bearer",
        "expires_at": claims.exp,
    }))
}
