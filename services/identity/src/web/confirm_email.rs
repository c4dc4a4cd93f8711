use super::success;
use crate::auth::CurrentUser;
use crate::codes::Contact;
use crate::error::IdentityError;
use crate::params::Params;
use crate::state::State;
use crate::user::change;
use actix_web::{web, HttpRequest};
use platform_http::reply::BazaarAction;

/// `POST /web/user/confirm-email` with `code` (an addition to seed 000): the
/// address sent to `/web/user/edit` becomes the account's.
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
