use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use platform_db::DbError;
use platform_http::extract::message_for;
use platform_http::fields::FieldErrors;
use platform_http::{Dialect, Lang};
use platform_service::BaseError;
use serde_json::Value;

/// What a refused request was about, for 404 and 409 messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Thing {
    Building,
    Block,
    Apartment,
    Resident,
    Contact,
}

impl Thing {
    fn name(self, lang: Lang) -> &'static str {
        match self {
            Thing::Building => lang.pick("ساختمان", "Building"),
            Thing::Block => lang.pick("بلوک", "Block"),
            Thing::Apartment => lang.pick("واحد", "Apartment"),
            Thing::Resident => lang.pick("ساکن", "Resident"),
            Thing::Contact => lang.pick("اطلاعات تماس", "Contact"),
        }
    }
}

/// Every way a request to this service can fail: the kit's [`BaseError`]
/// and the service's own, always in the building dialect
/// (`{"status":N,"message":...}`, `errors` where fields are at fault). The
/// cause chain of a 5xx goes only to the log.
#[derive(Debug, thiserror::Error)]
pub enum BuildingsError {
    #[error(transparent)]
    Base(#[from] BaseError),
    /// The request was read but its fields break rules (422).
    #[error("invalid fields: {0}")]
    Invalid(FieldErrors),
    /// The request could not be read: malformed JSON, form or multipart (400).
    #[error("unreadable request: {0}")]
    Unreadable(FieldErrors),
    /// A required key of the dispatcher was missing or empty: the
    /// document's "Please enter (key) ID.", naming the key (422).
    #[error("missing key {0}")]
    MissingKey(&'static str),
    /// An `api` value the dispatcher does not know: the document's 404.
    #[error("unknown api {0:?}")]
    UnknownApi(String),
    /// The caller does not live in the apartment named (403).
    #[error("not a resident of that apartment")]
    NotResident,
    /// Neither an operator nor the building's manager (403).
    #[error("not an operator or the building's manager")]
    NotManager,
    #[error("no such {0:?}")]
    NotFound(Thing),
    #[error("{0:?} already exists")]
    Conflict(Thing),
}

impl From<DbError> for BuildingsError {
    fn from(e: DbError) -> Self {
        BuildingsError::Base(e.into())
    }
}

impl From<diesel::result::Error> for BuildingsError {
    fn from(e: diesel::result::Error) -> Self {
        DbError::from(e).into()
    }
}

impl BuildingsError {
    /// For a write that a unique index may refuse: a row that is already
    /// there is a 409 about `thing` (two requests racing included), not a
    /// 500.
    pub fn unless_unique(thing: Thing) -> impl Fn(diesel::result::Error) -> BuildingsError {
        move |e| {
            let e = DbError::from(e);
            if e.is_unique_violation() {
                BuildingsError::Conflict(thing)
            } else {
                e.into()
            }
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            BuildingsError::Invalid(_) | BuildingsError::MissingKey(_) => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            BuildingsError::Unreadable(_) => StatusCode::BAD_REQUEST,
            BuildingsError::UnknownApi(_) | BuildingsError::NotFound(_) => StatusCode::NOT_FOUND,
            BuildingsError::NotResident | BuildingsError::NotManager => StatusCode::FORBIDDEN,
            BuildingsError::Conflict(_) => StatusCode::CONFLICT,
            BuildingsError::Base(base) => base.status(),
        }
    }

    /// The building body in `lang`. The dispatcher's two messages are the
    /// document's and stay English whatever the language.
    pub fn body(&self, lang: Lang) -> Value {
        let status = self.status();
        let standard = || message_for(Dialect::Building, status, lang).to_string();
        let (message, errors) = match self {
            BuildingsError::Invalid(errors) | BuildingsError::Unreadable(errors) => {
                (standard(), Some(errors.render(Dialect::Building, lang)))
            }
            BuildingsError::MissingKey(key) => (format!("Please enter {key} ID."), None),
            BuildingsError::UnknownApi(api) => {
                (format!("Method Update::{api} value() does not exist"), None)
            }
            BuildingsError::NotResident => (
                lang.pick(
                    "شما ساکن این واحد در این بلوک نیستید",
                    "You are not a resident of this apartment in this block",
                )
                .to_string(),
                None,
            ),
            BuildingsError::NotManager => (
                lang.pick(
                    "فقط اپراتور یا مدیر این ساختمان می‌تواند ساکنان را تغییر دهد",
                    "Only an operator or this building's manager can change its residents",
                )
                .to_string(),
                None,
            ),
            BuildingsError::NotFound(thing) => (
                match lang {
                    Lang::Fa => format!("{} یافت نشد", thing.name(lang)),
                    Lang::En => format!("{} not found", thing.name(lang)),
                },
                None,
            ),
            BuildingsError::Conflict(thing) => (
                match lang {
                    Lang::Fa => format!("{} از پیش ثبت شده است", thing.name(lang)),
                    Lang::En => format!("{} already exists", thing.name(lang)),
                },
                None,
            ),
            BuildingsError::Base(_) => (standard(), None),
        };
        Dialect::Building.error_body(status, &message, errors)
    }
}

// Always the building dialect; the language is the request's.
impl platform_http::localized::Localized for BuildingsError {
    fn render(&self, _: Dialect, lang: Lang) -> HttpResponse {
        match self {
            BuildingsError::Base(base) => base.render(Dialect::Building, lang),
            _ => HttpResponse::build(self.status()).json(self.body(lang)),
        }
    }
}

impl ResponseError for BuildingsError {
    fn status_code(&self) -> StatusCode {
        self.status()
    }

    /// In Persian, the default; `platform_http::localized` renders it
    /// again when the request asked for English.
    fn error_response(&self) -> HttpResponse {
        platform_http::localized::Localized::render(self, Dialect::Building, Lang::Fa)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_documents_messages_are_kept_verbatim() {
        assert_eq!(
            BuildingsError::MissingKey("blockId").body(Lang::Fa),
            json!({"status": 422, "message": "Please enter blockId ID."})
        );
        assert_eq!(
            BuildingsError::UnknownApi("Foo".into()).body(Lang::En),
            json!({"status": 404, "message": "Method Update::Foo value() does not exist"})
        );
    }

    #[test]
    fn database_failures_are_5xx_without_their_cause() {
        let broken = BuildingsError::from(diesel::result::Error::BrokenTransactionManager);
        assert_eq!(broken.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert!(!broken.body(Lang::En).to_string().contains("Transaction"));
    }
}
