//! Changing the mobile or the e-mail of an account. The new value waits as
//! pending, a code goes to it, and it becomes the account's only when the
//! account itself confirms that code. The code is no login code: it has its
//! own slot, text and hash binding (`codes::Purpose::Change`), only the
//! confirmation routes read it, and only for the account that asked. A
//! pending value is nobody's login, never holds up its owner's sign-up or
//! login, and is cancelled when its owner claims it first.

use super::object::UserBody;
use super::{masked_mobile, user_reply};
use crate::auth::CurrentUser;
use crate::client_addr;
use crate::codes::{self, Checked, Contact, Purpose};
use crate::db::{self, users, users::User};
use crate::error::IdentityError;
use crate::openapi::{AcceptLanguage, ConfirmBody};
use crate::params::Params;
use crate::state::State;
use actix_web::{web, HttpRequest};
use diesel::result::{DatabaseErrorKind, Error};
use platform_http::docs::PanelError;
use platform_http::reply::Panel;
use platform_validate::digit_string;

/// Starts the change of `user`'s `contact` to `value`: refused when another
/// account already holds the value; otherwise a code is sent to it and it
/// is recorded as pending.
pub async fn request(
    state: &State,
    req: &HttpRequest,
    user: &User,
    contact: Contact,
    value: String,
) -> Result<(), IdentityError> {
    let id = user.id;
    let check = value.clone();
    let taken = state
        .db
        .run(move |conn| {
            match contact {
                Contact::Mobile => users::mobile_taken(conn, &check, id),
                Contact::Email => users::email_taken(conn, &check, id),
            }
            .map_err(IdentityError::from)
        })
        .await?;
    if taken {
        return Err(IdentityError::Taken(contact.name()));
    }
    let purpose = Purpose::Change {
        user_id: id,
        contact,
        value: value.clone(),
        account: masked_mobile(&user.mobile),
    };
    let client = client_addr::client_key(&state.proxies, req);
    codes::send(state, &purpose, &client).await?;
    let mut changes = users::Changes {
        changed: Some(db::now()),
        ..Default::default()
    };
    match contact {
        Contact::Mobile => changes.pending_mobile = Some(Some(value)),
        Contact::Email => changes.pending_email = Some(Some(value)),
    }
    state
        .db
        .run(move |conn| users::update(conn, id, &changes).map_err(IdentityError::from))
        .await?;
    Ok(())
}

/// Confirms the pending change of `user`'s `contact` with `code`; returns
/// the account as it now is.
pub async fn confirm(
    state: &web::Data<State>,
    user: User,
    contact: Contact,
    code: &str,
) -> Result<User, IdentityError> {
    let code = digit_string(code, 1..=12).ok_or(IdentityError::ChangeCodeRejected)?;
    let pending = match contact {
        Contact::Mobile => user.pending_mobile.clone(),
        Contact::Email => user.pending_email.clone(),
    }
    .ok_or(IdentityError::ChangeCodeRejected)?;
    let st = state.clone();
    state
        .db
        .run(move |conn| -> Result<User, IdentityError> {
            let now = db::now();
            let purpose = Purpose::Change {
                user_id: user.id,
                contact,
                value: pending.clone(),
                account: String::new(),
            };
            let Checked::Right { code_id } = codes::check(conn, &st, &purpose, &code, now)? else {
                return Err(IdentityError::ChangeCodeRejected);
            };
            let slot = purpose.slot();
            conn.write_transaction(|c| -> Result<(), IdentityError> {
                if !db::codes::consume(c, &slot, &code_id, now)? {
                    return Err(IdentityError::ChangeCodeRejected);
                }
                match users::confirm_pending(c, user.id, contact, &pending, now) {
                    Ok(true) => Ok(()),
                    // the change was cancelled meanwhile (its owner claimed it)
                    Ok(false) => Err(IdentityError::ChangeCodeRejected),
                    Err(Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => {
                        Err(IdentityError::Taken(contact.name()))
                    }
                    Err(e) => Err(e.into()),
                }
            })?;
            users::by_id(conn, user.id)?.ok_or(IdentityError::Unauthorized)
        })
        .await
}

/// Confirm the pending mobile with the code sent to it
///
/// `POST /api/v1/user/mobile/confirm` `{code}`.
#[utoipa::path(
    post,
    path = "/api/v1/user/mobile/confirm",
    operation_id = "confirmMobile",
    tag = "profile",
    params(AcceptLanguage),
    request_body(content = ConfirmBody, description = "JSON or a form"),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The user object, the new mobile its login", body = Panel<UserBody>),
        (status = 400, description = "A missing or malformed parameter: the seed's text", body = PanelError),
        (status = 401, description = "Missing, malformed, expired, revoked or foreign token", body = PanelError),
        (status = 413, description = "A body over `body_limit`", body = PanelError),
        (status = 415, description = "A body that is no JSON, form or multipart form", body = PanelError),
        (status = 422, description = "Wrong, expired or used code, no change pending, or the mobile taken meanwhile", body = PanelError),
    )
)]
pub async fn confirm_mobile(
    state: web::Data<State>,
    req: HttpRequest,
    caller: CurrentUser,
    body: web::Bytes,
) -> Result<Panel<UserBody>, IdentityError> {
    confirm_panel(state, req, caller, body, Contact::Mobile).await
}

/// Confirm the pending e-mail with the code mailed to it
///
/// `POST /api/v1/user/email/confirm` `{code}`.
#[utoipa::path(
    post,
    path = "/api/v1/user/email/confirm",
    operation_id = "confirmEmail",
    tag = "profile",
    params(AcceptLanguage),
    request_body(content = ConfirmBody, description = "JSON or a form"),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The user object, the new address its e-mail", body = Panel<UserBody>),
        (status = 400, description = "A missing or malformed parameter: the seed's text", body = PanelError),
        (status = 401, description = "Missing, malformed, expired, revoked or foreign token", body = PanelError),
        (status = 413, description = "A body over `body_limit`", body = PanelError),
        (status = 415, description = "A body that is no JSON, form or multipart form", body = PanelError),
        (status = 422, description = "Wrong, expired or used code, no change pending, or the address taken meanwhile", body = PanelError),
    )
)]
pub async fn confirm_email(
    state: web::Data<State>,
    req: HttpRequest,
    caller: CurrentUser,
    body: web::Bytes,
) -> Result<Panel<UserBody>, IdentityError> {
    confirm_panel(state, req, caller, body, Contact::Email).await
}

async fn confirm_panel(
    state: web::Data<State>,
    req: HttpRequest,
    caller: CurrentUser,
    body: web::Bytes,
    contact: Contact,
) -> Result<Panel<UserBody>, IdentityError> {
    let params = Params::read(&req, &body)?;
    let code = params.required("code")?.to_string();
    let user = confirm(&state, caller.user, contact, &code).await?;
    Ok(user_reply(&state, &user).await)
}
