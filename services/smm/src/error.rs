//! The one error type of the service. Panel routes (`/api/v1`) answer
//! `{"status":N,"message":"...","code":"..."}` with the real status on the
//! status line; the reseller API (`/api/v2`) answers HTTP 200
//! `{"error":"..."}` in English, as that protocol's clients expect.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use platform_db::DbError;
use platform_http::fields::Text;
use platform_http::{Dialect, Lang};
use platform_service::BaseError;
use serde::Serialize;

#[derive(Debug, Clone, thiserror::Error)]
pub enum SmmError {
    #[error(transparent)]
    Base(#[from] BaseError),
    /// A rule of the panel refused the request: `code` is stable for
    /// clients to branch on, `text` is what a person reads.
    #[error("{code}")]
    Refused {
        status: StatusCode,
        code: &'static str,
        text: Text,
    },
}

impl SmmError {
    pub fn refused(
        status: StatusCode,
        code: &'static str,
        fa: &'static str,
        en: &'static str,
    ) -> Self {
        SmmError::Refused {
            status,
            code,
            text: Text::new(fa, en),
        }
    }

    /// A rule whose words carry a number or a name.
    pub fn refused_with(status: StatusCode, code: &'static str, fa: String, en: String) -> Self {
        SmmError::Refused {
            status,
            code,
            text: Text::new(fa, en),
        }
    }

    pub fn internal(e: impl std::error::Error + Send + Sync + 'static) -> Self {
        SmmError::Base(BaseError::internal(e))
    }

    pub fn forbidden() -> Self {
        SmmError::Base(BaseError::Forbidden)
    }

    pub fn order_not_found() -> Self {
        Self::refused(
            StatusCode::NOT_FOUND,
            "order_not_found",
            "سفارش مورد نظر یافت نشد",
            "Incorrect order ID",
        )
    }

    pub fn status(&self) -> StatusCode {
        match self {
            SmmError::Base(base) => base.status(),
            SmmError::Refused { status, .. } => *status,
        }
    }

    /// The stable code, for logs and tests.
    pub fn code(&self) -> Option<&'static str> {
        match self {
            SmmError::Refused { code, .. } => Some(code),
            SmmError::Base(_) => None,
        }
    }
}

#[derive(Serialize)]
struct PanelRefusal<'a> {
    status: u16,
    message: &'a str,
    code: &'a str,
}

impl From<DbError> for SmmError {
    fn from(e: DbError) -> Self {
        SmmError::Base(e.into())
    }
}

impl From<diesel::result::Error> for SmmError {
    fn from(e: diesel::result::Error) -> Self {
        DbError::from(e).into()
    }
}

impl platform_http::localized::Localized for SmmError {
    fn render(&self, dialect: Dialect, lang: Lang) -> HttpResponse {
        match (self, dialect) {
            (SmmError::Base(base), _) => base.render(dialect, lang),
            (SmmError::Refused { text, .. }, Dialect::Reseller) => {
                Dialect::Reseller.error(self.status(), text.pick(Lang::En), None)
            }
            (SmmError::Refused { status, code, text }, _) => {
                HttpResponse::build(*status).json(PanelRefusal {
                    status: status.as_u16(),
                    message: text.pick(lang),
                    code,
                })
            }
        }
    }
}

impl ResponseError for SmmError {
    fn status_code(&self) -> StatusCode {
        self.status()
    }

    fn error_response(&self) -> HttpResponse {
        platform_http::localized::Localized::render(self, Dialect::Panel, Lang::Fa)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use platform_http::localized::Localized;

    #[test]
    fn the_reseller_api_hears_200_and_english() {
        let e = SmmError::order_not_found();
        assert_eq!(
            e.render(Dialect::Reseller, Lang::Fa).status(),
            StatusCode::OK
        );
        assert_eq!(
            e.render(Dialect::Panel, Lang::Fa).status(),
            StatusCode::NOT_FOUND
        );
    }
}
