use super::success;
use crate::auth::CurrentUser;
use crate::codes::Contact;
use crate::error::IdentityError;
use crate::openapi::{BazaarQuery, ConfirmBody};
use crate::params::Params;
use crate::state::State;
use crate::user::change;
use actix_web::{web, HttpRequest};
use platform_http::docs::BazaarError;
use platform_http::reply::BazaarAction;

/// Confirm the e-mail sent to edit (an addition to seed 000)
///
/// `POST /web/user/confirm-email` with `code` (an addition to seed 000): the
/// address sent to `/web/user/edit` becomes the account's.
#[utoipa::path(
    post,
    path = "/web/user/confirm-email",
    operation_id = "confirmEmailBazaar",
    tag = "bazaar",
    params(BazaarQuery),
    request_body(content = ConfirmBody, description = "A form, a JSON object, or the query string"),
    security(("bearer" = []), ("token" = [])),
    responses(
        (status = 200, description = "Confirmed", body = BazaarAction<String>),
        (status = 400, description = "A parameter that cannot be read", body = BazaarError),
        (status = 401, description = "`not login`: no valid token, or a `username` that is not the token's", body = BazaarError),
        (status = 413, description = "A body over `body_limit`", body = BazaarError),
        (status = 415, description = "A body that is no JSON, form or multipart form", body = BazaarError),
        (status = 422, description = "Wrong, expired or used code, or no change pending", body = BazaarError),
    )
)]
pub async fn confirm_email(
    caller: CurrentUser,
    state: web::Data<State>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<BazaarAction<&'static str>, IdentityError> {
    let params = Params::read(&req, &body)?;
    let code = params.required("code")?.to_string();
    change::confirm(&state, caller.user, Contact::Email, &code).await?;
    Ok(success("email confirmed successfully"))
}
