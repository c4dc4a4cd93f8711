use super::view::ChatItem;
use crate::error::ChatError;
use crate::state::State;
use actix_web::{web, HttpRequest};
use platform_auth::Authenticated;
use platform_http::reply::YiiList;

/// `GET /web/store-manager/chats`: the chats of the stores the caller
/// manages, newest first, each with its customer.
#[utoipa::path(
    get,
    path = "/web/store-manager/chats",
    tag = "chats",
    params(("page" = Option<u64>, Query), ("perPage" = Option<u64>, Query)),
    responses(
        (status = 200, description = "Yii2 list of the store's chats", body = crate::openapi::ChatItems),
        (status = 400, description = "A page or page size out of bounds", body = platform_http::docs::BazaarError),
        (status = 401, description = "`not login`", body = platform_http::docs::BazaarError),
    )
)]
pub async fn list(
    req: HttpRequest,
    Authenticated(claims): Authenticated,
    state: web::Data<State>,
) -> Result<YiiList<ChatItem>, ChatError> {
    super::list::page(req, &claims, state, true).await
}
