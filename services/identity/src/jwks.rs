use crate::state::State;
use actix_web::http::header::{CacheControl, CacheDirective};
use actix_web::{web, HttpResponse};

/// `GET /.well-known/jwks.json`: every key that may have signed a live
/// token. Cached briefly; verifiers refetch on an unknown `kid` anyway.
#[utoipa::path(
    get,
    path = "/.well-known/jwks.json",
    operation_id = "jwks",
    tag = "keys",
    responses(
        (status = 200, description = "A JWK set", body = Object),
    )
)]
pub async fn serve(state: web::Data<State>) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header(CacheControl(vec![
            CacheDirective::Public,
            CacheDirective::MaxAge(60),
        ]))
        .json(state.keys.jwks())
}
