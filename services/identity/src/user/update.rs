use super::user_object;
use crate::auth::CurrentUser;
use crate::db::{self, codes::MOBILE, users};
use crate::error::{IdentityError, Problem};
use crate::password;
use crate::state::State;
use crate::{client_addr, codes};
use actix_web::{web, HttpRequest, HttpResponse};
use diesel::result::{DatabaseErrorKind, Error};
use platform_http::Lang;
use platform_validate::{iranian_mobile, is_email};
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize)]
pub struct Body {
    first_name: Option<String>,
    last_name: Option<String>,
    email: Option<String>,
    password: Option<String>,
    mobile: Option<String>,
}

const NAME_MAX: usize = 64;

/// `POST /api/v1/user`: every field optional; a field left out stays as it
/// is. A new mobile is kept pending, and a code is sent to it; it becomes
/// the account's login when that code is verified at `/login/verify`.
pub async fn update(
    state: web::Data<State>,
    req: HttpRequest,
    caller: CurrentUser,
    body: web::Json<Body>,
) -> Result<HttpResponse, IdentityError> {
    let lang = Lang::of(&req);
    let body = body.into_inner();
    let user = caller.user;
    let mut problems = Vec::new();
    let mut problem = |field, fa: &str, en: &str| {
        problems.push(Problem {
            field,
            message: lang.pick(fa, en).to_string(),
        })
    };
    let mut changes = users::Changes::default();
    for (field, value, slot) in [
        ("first_name", body.first_name, &mut changes.first_name),
        ("last_name", body.last_name, &mut changes.last_name),
    ] {
        if let Some(value) = value {
            let value = value.trim();
            if value.is_empty()
                || value.chars().count() > NAME_MAX
                || value.chars().any(char::is_control)
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
    let email = body.email.map(|e| e.trim().to_lowercase());
    if let Some(email) = &email {
        if is_email(email) {
            changes.email = Some(Some(email.clone()));
        } else {
            problem("email", "ایمیل معتبر نیست", "is not a valid e-mail address");
        }
    }
    if let Some(p) = &body.password {
        if !(password::MIN_CHARS..=password::MAX_CHARS).contains(&p.chars().count()) {
            problem(
                "password",
                "باید بین ۸ تا ۱۲۸ حرف باشد",
                "must have 8 to 128 characters",
            );
        }
    }
    let mobile = match body.mobile.as_deref().map(iranian_mobile) {
        Some(None) => {
            problem(
                "mobile",
                "شماره موبایل معتبر نیست",
                "is not an Iranian mobile number",
            );
            None
        }
        Some(Some(m)) => Some(m),
        None => None,
    };
    if !problems.is_empty() {
        return Err(IdentityError::Invalid(problems));
    }

    // a mobile to confirm: neither the current login nor another's
    let id = user.id;
    let to_confirm = match mobile {
        Some(m) if m == user.mobile => {
            changes.pending_mobile = Some(None);
            None
        }
        other => other,
    };
    let (check_email, check_mobile) = (email.clone(), to_confirm.clone());
    state
        .db
        .run(move |conn| -> Result<(), IdentityError> {
            if let Some(e) = &check_email {
                if users::email_taken(conn, e, id)? {
                    return Err(IdentityError::Taken("email"));
                }
            }
            if let Some(m) = &check_mobile {
                if users::mobile_taken(conn, m, id)? {
                    return Err(IdentityError::Taken("mobile"));
                }
            }
            Ok(())
        })
        .await?;
    if let Some(m) = &to_confirm {
        let client = client_addr::client_key(&state.proxies, &req);
        codes::send(&state, m, MOBILE, Some(id), &client).await?;
        changes.pending_mobile = Some(Some(m.clone()));
    }
    if let Some(p) = body.password {
        changes.password_hash = Some(Some(password::hash(p).await?));
    }
    changes.changed = Some(db::now());
    let user = state
        .db
        .run(move |conn| -> Result<users::User, IdentityError> {
            match users::update(conn, id, &changes) {
                Err(Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => {
                    return Err(IdentityError::Taken("email"))
                }
                other => other?,
            };
            users::by_id(conn, id)?.ok_or(IdentityError::Unauthorized)
        })
        .await?;
    Ok(HttpResponse::Ok().json(json!({"status": 200, "user": user_object(&user)})))
}
