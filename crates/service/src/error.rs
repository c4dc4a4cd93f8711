//! The base error every service extends: the failures all services share,
//! each with its status, its words in every dialect and language, and for
//! 5xx the whole cause chain for the log (never for the client).

use actix_web::http::{header, StatusCode};
use actix_web::HttpResponse;
use platform_db::DbError;
use platform_http::extract::message_for;
use platform_http::fields::FieldErrors;
use platform_http::{Dialect, Lang};
use std::fmt;
use std::sync::Arc;

/// What went wrong inside, kept for the log with its sources.
#[derive(Clone)]
pub struct Cause(Arc<dyn std::error::Error + Send + Sync>);

impl Cause {
    pub fn new(e: impl std::error::Error + Send + Sync + 'static) -> Cause {
        Cause(Arc::new(e))
    }
}

impl fmt::Debug for Cause {
    /// The error and every source, `: `-separated (the observe middleware
    /// logs a 5xx's `Debug`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)?;
        let mut source = self.0.source();
        while let Some(cause) = source {
            write!(f, ": {cause}")?;
            source = cause.source();
        }
        Ok(())
    }
}

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum BaseError {
    #[error("not found")]
    NotFound,
    #[error("no valid credentials")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    /// The request was read, and these fields break their rules.
    #[error("invalid fields: {0}")]
    Invalid(FieldErrors),
    /// The request could not be read (malformed body, bad query).
    #[error("unreadable request: {0}")]
    Unreadable(FieldErrors),
    #[error("unsupported content type")]
    UnsupportedMediaType,
    #[error("request body too large")]
    TooLarge,
    #[error("rate limited ({retry_after}s)")]
    RateLimited { retry_after: u64 },
    /// A passing overload or outage (a busy database, an exhausted pool):
    /// worth a retry after `retry_after` seconds.
    #[error("unavailable: {cause:?}")]
    Unavailable { retry_after: u64, cause: Cause },
    #[error("internal: {0:?}")]
    Internal(Cause),
}

impl BaseError {
    pub fn internal(e: impl std::error::Error + Send + Sync + 'static) -> BaseError {
        BaseError::Internal(Cause::new(e))
    }

    pub fn status(&self) -> StatusCode {
        match self {
            BaseError::NotFound => StatusCode::NOT_FOUND,
            BaseError::Unauthorized => StatusCode::UNAUTHORIZED,
            BaseError::Forbidden => StatusCode::FORBIDDEN,
            BaseError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            BaseError::Unreadable(_) => StatusCode::BAD_REQUEST,
            BaseError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            BaseError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            BaseError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            BaseError::Unavailable { .. } => StatusCode::SERVICE_UNAVAILABLE,
            BaseError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The body in `dialect` and `lang`, with the standard message of the
    /// status (a service's own variants bring their own words), and
    /// `Retry-After` where a retry helps.
    pub fn render(&self, dialect: Dialect, lang: Lang) -> HttpResponse {
        let status = self.status();
        let details = match self {
            BaseError::Invalid(fields) | BaseError::Unreadable(fields) => {
                Some(fields.render(dialect, lang))
            }
            _ => None,
        };
        let mut res = dialect.error(status, message_for(dialect, status, lang), details);
        let retry_after = match self {
            BaseError::RateLimited { retry_after } | BaseError::Unavailable { retry_after, .. } => {
                Some((*retry_after).max(1))
            }
            _ => None,
        };
        if let Some(secs) = retry_after {
            res.headers_mut()
                .insert(header::RETRY_AFTER, header::HeaderValue::from(secs));
        }
        res
    }
}

/// The one place where the database's errors become answers: a missing row
/// is a 404; a busy or unreachable database, or an exhausted pool, a 503
/// with `Retry-After` (a passing condition, never the client's fault and
/// never a 500); anything else a 500.
impl From<DbError> for BaseError {
    fn from(e: DbError) -> Self {
        if e.is_not_found() {
            return BaseError::NotFound;
        }
        if e.is_unavailable() {
            return BaseError::Unavailable {
                retry_after: 1,
                cause: Cause::new(e),
            };
        }
        BaseError::internal(e)
    }
}

impl From<diesel::result::Error> for BaseError {
    fn from(e: diesel::result::Error) -> Self {
        DbError::from(e).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_errors_map_to_404_503_and_500() {
        let missing = BaseError::from(diesel::result::Error::NotFound);
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
        let broken = BaseError::from(diesel::result::Error::BrokenTransactionManager);
        assert_eq!(broken.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let res = broken.render(Dialect::Ledger, Lang::En);
        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let busy = BaseError::from(DbError::Query(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::Unknown,
            Box::new("database is locked".to_string()),
        )));
        assert_eq!(busy.status(), StatusCode::SERVICE_UNAVAILABLE);
        let res = busy.render(Dialect::Panel, Lang::Fa);
        assert_eq!(
            res.headers()
                .get(header::RETRY_AFTER)
                .map(header::HeaderValue::as_bytes),
            Some(&b"1"[..])
        );
    }
}
