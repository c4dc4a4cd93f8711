//! The one error type of the service. Handlers return it without knowing
//! the route's dialect; [`in_dialect`] renders it in the dialect of the scope
//! the request was routed to (panel for /api/v1, bazaar for /web) and in the
//! language the client asked for.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use platform_http::extract::message_for;
use platform_http::fields::{FieldErrors, Text};
use platform_http::{Dialect, Lang};
use platform_service::BaseError;
use serde_json::Value;
use std::fmt;

/// The kit's [`BaseError`] and identity's own failures.
#[derive(Clone, thiserror::Error)]
pub enum IdentityError {
    #[error(transparent)]
    Base(#[from] BaseError),
    /// A username or code that is neither of its accepted forms.
    #[error("bad format")]
    BadFormat,
    /// Fields of a profile or password form that failed validation.
    #[error("invalid fields: {0}")]
    Invalid(FieldErrors),
    #[error("{0} already taken")]
    Taken(&'static str),
    #[error("no such user")]
    UserNotFound,
    #[error("wrong or expired code")]
    CodeRejected,
    /// A wrong, expired or used code at a change's confirmation, or no
    /// change pending. Not a 401: the caller's token is fine.
    #[error("wrong or expired confirmation code")]
    ChangeCodeRejected,
    #[error("wrong username or password")]
    WrongPassword,
    #[error("sending again too soon ({retry_after}s)")]
    TooSoon { retry_after: i64 },
    #[error("account locked ({retry_after}s)")]
    Locked { retry_after: i64 },
    #[error("no valid token")]
    Unauthorized,
    #[error("account disabled")]
    Disabled,
    #[error("sms provider failed: {0}")]
    SmsUnavailable(String),
    /// The marketplace app's own answer, in its words (`Incorrect Code`,
    /// `User not found`, …); `data` is `-1` where the app documents it
    /// ("registered but not activated"), else `""`.
    #[error("{message}")]
    Said {
        status: StatusCode,
        message: &'static str,
        minus_one: bool,
    },
}

impl IdentityError {
    pub fn internal(e: impl std::error::Error + Send + Sync + 'static) -> IdentityError {
        IdentityError::Base(BaseError::internal(e))
    }

    pub fn status(&self) -> StatusCode {
        match self {
            IdentityError::BadFormat => StatusCode::BAD_REQUEST,
            IdentityError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            IdentityError::Taken(_) | IdentityError::ChangeCodeRejected => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            IdentityError::UserNotFound => StatusCode::NOT_FOUND,
            IdentityError::CodeRejected
            | IdentityError::WrongPassword
            | IdentityError::Unauthorized => StatusCode::UNAUTHORIZED,
            IdentityError::TooSoon { .. } | IdentityError::Locked { .. } => {
                StatusCode::TOO_MANY_REQUESTS
            }
            IdentityError::Disabled => StatusCode::FORBIDDEN,
            IdentityError::SmsUnavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            IdentityError::Said { status, .. } => *status,
            IdentityError::Base(base) => base.status(),
        }
    }

    /// The response in `dialect` and `lang`.
    pub fn render(&self, dialect: Dialect, lang: Lang) -> HttpResponse {
        if let IdentityError::Base(base) = self {
            return base.render(dialect, lang);
        }
        let mut status = self.status();
        let (message, details): (&str, Option<Value>) = match (self, dialect) {
            // texts the seed fixes are sent as written, whatever the language
            (IdentityError::BadFormat, _) => ("فرمت پارامتر مورد نظر اشتباه است", None),
            // the bazaar app's validation answer (seed 000, Edit Profile)
            (IdentityError::Invalid(fields), Dialect::Bazaar) => {
                ("Server Error", Some(fields.render(dialect, lang)))
            }
            // the panel's POST /api/v1/user answer (seed 002): 400 and its text
            (IdentityError::Invalid(fields), _) => {
                status = StatusCode::BAD_REQUEST;
                (
                    "فرمت پارامتر اشتباه است",
                    Some(fields.render(dialect, lang)),
                )
            }
            (IdentityError::Taken(field), _) => {
                let text = taken(field);
                let details = FieldErrors::single(*field, text.clone()).render(dialect, lang);
                let message = match dialect {
                    Dialect::Bazaar => "Server Error",
                    _ => text.pick(lang),
                };
                return self.respond(dialect, status, message, Some(details));
            }
            (IdentityError::UserNotFound, _) => ("کاربر شناسایی نشد", None),
            (IdentityError::ChangeCodeRejected, _) => {
                let text = Text::new(
                    "کد تایید اشتباه یا منقضی شده است",
                    "Code is incorrect or has expired.",
                );
                let details = FieldErrors::single("code", text.clone()).render(dialect, lang);
                let message = match dialect {
                    Dialect::Bazaar => "Server Error",
                    _ => text.pick(lang),
                };
                return self.respond(dialect, status, message, Some(details));
            }
            (IdentityError::CodeRejected, _) => ("توکن اشتباه یا منقضی شده است", None),
            (IdentityError::TooSoon { .. }, _) => ("محدودیت ارسال درخواست", None),
            (IdentityError::WrongPassword, _) => (
                lang.pick(
                    "نام کاربری یا رمز عبور اشتباه است",
                    "Wrong username or password",
                ),
                None,
            ),
            (IdentityError::Locked { .. }, _) => (
                lang.pick(
                    "حساب کاربری به دلیل تلاش‌های ناموفق موقتا قفل شده است",
                    "Account temporarily locked after failed attempts",
                ),
                None,
            ),
            // the bazaar app's documented body: data is an empty string
            (IdentityError::Unauthorized, Dialect::Bazaar) => ("not login", None),
            (
                IdentityError::Said {
                    message, minus_one, ..
                },
                _,
            ) => (*message, minus_one.then(|| Value::from(-1))),
            _ => (message_for(dialect, status, lang), None),
        };
        self.respond(dialect, status, message, details)
    }

    /// The dialect's error body, with `Retry-After` where a wait is known.
    fn respond(
        &self,
        dialect: Dialect,
        status: StatusCode,
        message: &str,
        details: Option<Value>,
    ) -> HttpResponse {
        let mut res = dialect.error(status, message, details);
        if let IdentityError::TooSoon { retry_after } | IdentityError::Locked { retry_after } = self
        {
            if let Ok(value) = header::HeaderValue::from_str(&retry_after.max(&1).to_string()) {
                res.headers_mut().insert(header::RETRY_AFTER, value);
            }
        }
        res
    }
}

/// Another account holds this e-mail or mobile.
fn taken(field: &str) -> Text {
    if field == "email" {
        Text::new(
            "این ایمیل قبلا ثبت شده است",
            "This email address has already been taken.",
        )
    } else {
        Text::new(
            "این شماره موبایل قبلا ثبت شده است",
            "This mobile number has already been taken.",
        )
    }
}

/// The kit's one mapping: a busy or unreachable database is a 503 with
/// `Retry-After`, never a 500.
impl From<platform_db::DbError> for IdentityError {
    fn from(e: platform_db::DbError) -> Self {
        IdentityError::Base(e.into())
    }
}

impl From<diesel::result::Error> for IdentityError {
    fn from(e: diesel::result::Error) -> Self {
        IdentityError::Base(e.into())
    }
}

/// Without [`in_dialect`] (it is always installed) the panel in Persian.
// The log gets the whole cause chain (the observe middleware logs 5xx
// errors with `{:?}`).
impl fmt::Debug for IdentityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let IdentityError::Base(base) = self {
            // a 5xx's cause chain, as the kit writes it
            return write!(f, "{base}");
        }
        write!(f, "{self}")?;
        let mut source = std::error::Error::source(self);
        while let Some(cause) = source {
            write!(f, ": {cause}")?;
            source = cause.source();
        }
        Ok(())
    }
}

impl platform_http::localized::Localized for IdentityError {
    fn render(&self, dialect: Dialect, lang: Lang) -> HttpResponse {
        IdentityError::render(self, dialect, lang)
    }
}

impl ResponseError for IdentityError {
    fn status_code(&self) -> StatusCode {
        self.status()
    }

    fn error_response(&self) -> HttpResponse {
        self.render(Dialect::Panel, Lang::Fa)
    }
}
