//! The one error type of the service, always in the bazaar dialect:
//! `{"status":"error","message":"...","data":...}` with the real status on
//! the status line. The app's own words are kept as its documents write
//! them (`Invalid Target`, `Server Error` with the list of sentences).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use platform_db::DbError;
use platform_http::fields::FieldErrors;
use platform_http::{Dialect, Lang};
use platform_service::BaseError;

#[derive(Debug, Clone, thiserror::Error)]
pub enum SocialError {
    #[error(transparent)]
    Base(#[from] BaseError),
    /// Fields break their rules: the app's `Server Error` with every
    /// sentence listed (422).
    #[error("invalid fields: {0}")]
    Invalid(FieldErrors),
    /// A target kind the route does not know, or a target that does not
    /// exist (404).
    #[error("invalid target")]
    InvalidTarget,
    /// A `type` (or list kind) the route does not know (422).
    #[error("invalid type")]
    InvalidType,
    /// The caller manages no store, or not the store named (403).
    #[error("not the store's manager")]
    NotManager,
}

impl SocialError {
    pub fn status(&self) -> StatusCode {
        match self {
            SocialError::Base(base) => base.status(),
            SocialError::Invalid(_) | SocialError::InvalidType => StatusCode::UNPROCESSABLE_ENTITY,
            SocialError::InvalidTarget => StatusCode::NOT_FOUND,
            SocialError::NotManager => StatusCode::FORBIDDEN,
        }
    }

    /// For a write a unique index may refuse.
    pub fn is_unique_violation(e: &diesel::result::Error) -> bool {
        matches!(
            e,
            diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _
            )
        )
    }
}

impl From<DbError> for SocialError {
    fn from(e: DbError) -> Self {
        SocialError::Base(e.into())
    }
}

impl From<diesel::result::Error> for SocialError {
    fn from(e: diesel::result::Error) -> Self {
        DbError::from(e).into()
    }
}

impl platform_http::localized::Localized for SocialError {
    fn render(&self, _: Dialect, lang: Lang) -> HttpResponse {
        let status = self.status();
        let bazaar = Dialect::Bazaar;
        match self {
            SocialError::Base(base) => base.render(bazaar, lang),
            SocialError::Invalid(fields) => {
                bazaar.error(status, "Server Error", Some(fields.render(bazaar, lang)))
            }
            SocialError::InvalidTarget => bazaar.error(status, "Invalid Target", None),
            SocialError::InvalidType => bazaar.error(status, "Invalid Type", None),
            SocialError::NotManager => bazaar.error(
                status,
                lang.pick(
                    "شما مدیر این فروشگاه نیستید",
                    "You are not this store's manager",
                ),
                None,
            ),
        }
    }
}

impl ResponseError for SocialError {
    fn status_code(&self) -> StatusCode {
        self.status()
    }

    fn error_response(&self) -> HttpResponse {
        platform_http::localized::Localized::render(self, Dialect::Bazaar, Lang::Fa)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_failures_are_5xx_and_missing_rows_404() {
        let broken = SocialError::from(diesel::result::Error::BrokenTransactionManager);
        assert_eq!(broken.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let missing = SocialError::from(diesel::result::Error::NotFound);
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
        assert_eq!(
            SocialError::InvalidType.status(),
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
}
