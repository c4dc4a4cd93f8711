use super::object::UserBody;
use super::{change, user_reply};
use crate::auth::CurrentUser;
use crate::codes::Contact;
use crate::db::{self, users};
use crate::error::IdentityError;
use crate::openapi::{AcceptLanguage, UpdateBody};
use crate::params::Params;
use crate::password;
use crate::state::State;
use actix_web::{web, HttpRequest};
use platform_http::docs::PanelError;
use platform_http::fields::{FieldErrors, Text};
use platform_http::reply::Panel;
use platform_validate::{iranian_mobile, is_clean_text, is_email};

const NAME_MAX: usize = 64;

/// Update the caller's profile
///
/// `POST /api/v1/user`: every field optional; a field left out stays as it
/// is. A new mobile or e-mail is kept pending and a code is sent to it; it
/// becomes the account's when that code is confirmed at
/// `/api/v1/user/{mobile,email}/confirm` (`user::change`).
#[utoipa::path(
    post,
    path = "/api/v1/user",
    operation_id = "updateUser",
    tag = "profile",
    params(AcceptLanguage),
    request_body(content = Option<UpdateBody>, description = "JSON or a form; every field optional"),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The user object after the change", body = Panel<UserBody>),
        (status = 400, description = "Fields break their rules (`errors` names them)", body = PanelError),
        (status = 401, description = "Missing, malformed, expired, revoked or foreign token", body = PanelError),
        (status = 413, description = "A body over `body_limit`", body = PanelError),
        (status = 415, description = "A body that is no JSON, form or multipart form", body = PanelError),
        (status = 422, description = "The e-mail or mobile belongs to another account", body = PanelError),
        (status = 429, description = "A change of this kind was asked for too recently", body = PanelError),
        (status = 503, description = "The code could not be sent", body = PanelError),
    )
)]
pub async fn update(
    state: web::Data<State>,
    req: HttpRequest,
    caller: CurrentUser,
    body: web::Bytes,
) -> Result<Panel<UserBody>, IdentityError> {
    let params = Params::read(&req, &body)?;
    let user = caller.user;
    let mut problems = FieldErrors::default();
    let mut problem = |field, fa: &'static str, en: &'static str| {
        problems.add(field, Text::new(fa, en));
    };
    let mut changes = users::Changes::default();
    for (field, slot) in [
        ("first_name", &mut changes.first_name),
        ("last_name", &mut changes.last_name),
    ] {
        if let Some(value) = params.optional(field)? {
            let value = value.trim();
            if value.is_empty() || value.chars().count() > NAME_MAX || !is_clean_text(value, false)
            {
                problem(
                    field,
                    "باید بین ۱ تا ۶۴ حرف باشد",
                    "must have 1 to 64 characters",
                );
            } else {
                *slot = Some(Some(value.to_string()));
            }
        }
    }
    let email = params.optional("email")?.map(|e| e.trim().to_lowercase());
    if email.as_deref().is_some_and(|e| !is_email(e)) {
        problem("email", "ایمیل معتبر نیست", "is not a valid e-mail address");
    }
    let password = params.optional("password")?;
    if let Some(p) = password {
        if !(password::MIN_CHARS..=password::MAX_CHARS).contains(&p.chars().count())
            || !is_clean_text(p, false)
        {
            problem(
                "password",
                "باید بین ۸ تا ۱۲۸ حرف باشد",
                "must have 8 to 128 characters",
            );
        }
    }
    let mobile = params.optional("mobile")?.map(iranian_mobile);
    if let Some(None) = mobile {
        problem(
            "mobile",
            "شماره موبایل معتبر نیست",
            "is not an Iranian mobile number",
        );
    }
    if !problems.is_empty() {
        return Err(IdentityError::Invalid(problems));
    }

    // sending the current value again cancels a pending change
    match mobile.flatten() {
        Some(m) if m == user.mobile => changes.pending_mobile = Some(None),
        Some(m) => change::request(&state, &req, &user, Contact::Mobile, m).await?,
        None => {}
    }
    match email {
        Some(e) if user.email.as_deref() == Some(e.as_str()) => changes.pending_email = Some(None),
        Some(e) => change::request(&state, &req, &user, Contact::Email, e).await?,
        None => {}
    }
    if let Some(p) = password {
        changes.password_hash = Some(Some(password::hash(p.to_string()).await?));
    }
    changes.changed = Some(db::now());
    let id = user.id;
    let user = state
        .db
        .run(move |conn| -> Result<users::User, IdentityError> {
            users::update(conn, id, &changes)?;
            users::by_id(conn, id)?.ok_or(IdentityError::Unauthorized)
        })
        .await?;
    Ok(user_reply(&state, &user).await)
}
