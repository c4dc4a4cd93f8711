use super::{cellphone, said};
use crate::client_addr;
use crate::codes::{self, Purpose};
use crate::db::{registrations, users};
use crate::error::IdentityError;
use crate::openapi::UsernameBody;
use crate::params::Params;
use crate::state::State;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest};
use platform_http::docs::BazaarError;
use platform_http::reply::BazaarAction;

/// Send a new activation code (marketplace app)
///
/// `POST /web/user/newactivationcode` with `username`: a new code by SMS
/// for a registration not yet activated, under the resend cooldown.
#[utoipa::path(
    post,
    path = "/web/user/newactivationcode",
    operation_id = "bazaarNewActivationCode",
    tag = "bazaar account",
    request_body(content = UsernameBody, description = "A form, a JSON object, or the query string"),
    responses(
        (status = 200, description = "`New Activation Code Generated`", body = BazaarAction<String>),
        (status = 400, description = "A body that cannot be read, or a parameter sent as an array or object", body = BazaarError),
        (status = 404, description = "`User is not registered`", body = BazaarError),
        (status = 413, description = "A body over `body_limit`", body = BazaarError),
        (status = 415, description = "A body that is no JSON, form or multipart form", body = BazaarError),
        (status = 422, description = "`User is Activated`, or a cellphone that is none", body = BazaarError),
        (status = 429, description = "Inside the cooldown or over the address's limit", body = BazaarError),
        (status = 503, description = "The SMS provider did not take the code", body = BazaarError),
    )
)]
pub async fn new_activation_code(
    state: web::Data<State>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<BazaarAction<&'static str>, IdentityError> {
    let params = Params::read(&req, &body)?;
    let mobile = cellphone(&params)?;
    let m = mobile.clone();
    state
        .db
        .run(move |conn| -> Result<(), IdentityError> {
            if registrations::by_mobile(conn, &m)?.is_some() {
                return Ok(());
            }
            if users::by_mobile(conn, &m)?.is_some() {
                return Err(said(StatusCode::UNPROCESSABLE_ENTITY, "User is Activated"));
            }
            Err(said(StatusCode::NOT_FOUND, "User is not registered"))
        })
        .await?;
    let client = client_addr::client_key(&state.proxies, &req);
    codes::send(&state, &Purpose::Login { mobile }, &client).await?;
    Ok(BazaarAction::done("New Activation Code Generated"))
}
