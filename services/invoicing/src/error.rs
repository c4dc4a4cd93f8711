use crate::rules::FieldErrors;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use platform_db::DbError;
use platform_http::extract::message_for;
use platform_http::{Dialect, Lang};
use platform_service::BaseError;
use serde_json::Value;

/// Every way a request to this service can fail: the kit's [`BaseError`]
/// and the service's own. The body is written in the ledger dialect; the
/// cause chain of a 5xx goes only to the log (the `observe` middleware logs
/// the error's `Debug`).
#[derive(Debug, thiserror::Error)]
pub enum InvoicingError {
    #[error(transparent)]
    Base(#[from] BaseError),
    /// The request was read but its fields break rules (422).
    #[error("invalid fields: {0}")]
    Invalid(FieldErrors),
    /// The request could not be read: bad JSON, empty body, bad query (400).
    #[error("unreadable request: {0}")]
    Unreadable(FieldErrors),
    /// No such customer for this account, or a malformed id.
    #[error("no such customer")]
    NotFound,
}

/// A missing row is this service's 404 ("customer not found"); the rest is
/// the kit's one mapping (a busy database is a 503, never a 500).
impl From<DbError> for InvoicingError {
    fn from(e: DbError) -> Self {
        if e.is_not_found() {
            InvoicingError::NotFound
        } else {
            InvoicingError::Base(e.into())
        }
    }
}

impl From<diesel::result::Error> for InvoicingError {
    fn from(e: diesel::result::Error) -> Self {
        DbError::from(e).into()
    }
}

impl InvoicingError {
    pub fn status(&self) -> StatusCode {
        match self {
            InvoicingError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            InvoicingError::Unreadable(_) => StatusCode::BAD_REQUEST,
            InvoicingError::NotFound => StatusCode::NOT_FOUND,
            InvoicingError::Base(base) => base.status(),
        }
    }

    /// The ledger body in `lang`.
    pub fn body(&self, lang: Lang) -> Value {
        let status = self.status();
        let (message, errors) = match self {
            InvoicingError::Invalid(errors) => (
                lang.pick("اطلاعات ارسال شده معتبر نیست", "The given data is invalid"),
                Some(errors.render(Dialect::Ledger, lang)),
            ),
            InvoicingError::Unreadable(errors) => (
                message_for(Dialect::Ledger, status, lang),
                Some(errors.render(Dialect::Ledger, lang)),
            ),
            InvoicingError::NotFound => (lang.pick("مشتری یافت نشد", "Customer not found"), None),
            _ => (message_for(Dialect::Ledger, status, lang), None),
        };
        Dialect::Ledger.error_body(status, message, errors)
    }
}

// Always the ledger dialect; the language is the request's.
impl platform_http::localized::Localized for InvoicingError {
    fn render(&self, _: platform_http::Dialect, lang: Lang) -> HttpResponse {
        match self {
            InvoicingError::Base(base) => base.render(Dialect::Ledger, lang),
            _ => HttpResponse::build(self.status()).json(self.body(lang)),
        }
    }
}

impl ResponseError for InvoicingError {
    fn status_code(&self) -> StatusCode {
        self.status()
    }

    /// In Persian, the default; `platform_http::localized` renders it
    /// again when the request asked for English.
    fn error_response(&self) -> HttpResponse {
        platform_http::localized::Localized::render(self, platform_http::Dialect::Ledger, Lang::Fa)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_row_is_a_404_and_other_failures_are_5xx() {
        let missing = InvoicingError::from(diesel::result::Error::NotFound);
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
        let broken = InvoicingError::from(diesel::result::Error::BrokenTransactionManager);
        assert_eq!(broken.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = broken.body(Lang::En);
        assert_eq!(body["message"], "Internal server error");
        assert!(!body.to_string().contains("Transaction"), "{body}");
    }
}
