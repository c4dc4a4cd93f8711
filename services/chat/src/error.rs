//! The one error type of the service, answered in the routed scope's
//! dialect: the bazaar's `{"status":"error","message":...,"data":""}` on
//! `/web`, the building app's `{"status":N,"message":...}` on
//! `/omartyapis/chat`, and `{"type":"error","code":N,"message":...}` on a
//! socket (`ws::protocol`).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use platform_db::DbError;
use platform_http::fields::{FieldErrors, Text};
use platform_http::{Dialect, Lang};
use platform_service::BaseError;

#[derive(Debug, Clone, thiserror::Error)]
pub enum ChatError {
    #[error(transparent)]
    Base(#[from] BaseError),
    /// Not the caller's chat, or no such chat: seed 000's words, the same
    /// either way so ids cannot be probed.
    #[error("there is no chat for u")]
    NoChat,
    /// Not a room the caller lives in, or no such room.
    #[error("no such room for the caller")]
    NoRoom,
    /// A rule of the chat refused the request.
    #[error("{code}")]
    Refused {
        status: StatusCode,
        code: &'static str,
        text: Text,
    },
}

impl ChatError {
    pub fn refused(
        status: StatusCode,
        code: &'static str,
        fa: &'static str,
        en: &'static str,
    ) -> Self {
        ChatError::Refused {
            status,
            code,
            text: Text::new(fa, en),
        }
    }

    pub fn invalid(errors: FieldErrors) -> Self {
        ChatError::Base(BaseError::Invalid(errors))
    }

    pub fn internal(e: impl std::error::Error + Send + Sync + 'static) -> Self {
        ChatError::Base(BaseError::internal(e))
    }

    /// A peer service did not answer as it should: worth a retry.
    pub fn peer(cause: String) -> Self {
        ChatError::Base(BaseError::Unavailable {
            retry_after: 1,
            cause: platform_service::Cause::new(PeerFailed(cause)),
        })
    }

    pub fn finished() -> Self {
        Self::refused(
            StatusCode::UNPROCESSABLE_ENTITY,
            "chat_finished",
            "این گفتگو به پایان رسیده است",
            "chat is finished",
        )
    }

    pub fn status(&self) -> StatusCode {
        match self {
            ChatError::Base(base) => base.status(),
            ChatError::NoChat | ChatError::NoRoom => StatusCode::FORBIDDEN,
            ChatError::Refused { status, .. } => *status,
        }
    }

    /// The words a person reads, in `lang` (`dialect` picks the kit's
    /// standard words for the base errors).
    pub fn message(&self, dialect: Dialect, lang: Lang) -> String {
        match self {
            ChatError::Base(base) => {
                platform_http::extract::message_for(dialect, base.status(), lang).to_string()
            }
            ChatError::NoChat => "there is no chat for u".into(),
            ChatError::NoRoom => lang
                .pick("شما عضو این گفتگو نیستید", "there is no room for u")
                .into(),
            ChatError::Refused { text, .. } => text.pick(lang).into(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("peer: {0}")]
struct PeerFailed(String);

impl From<DbError> for ChatError {
    fn from(e: DbError) -> Self {
        ChatError::Base(e.into())
    }
}

impl From<diesel::result::Error> for ChatError {
    fn from(e: diesel::result::Error) -> Self {
        DbError::from(e).into()
    }
}

impl platform_http::localized::Localized for ChatError {
    fn render(&self, dialect: Dialect, lang: Lang) -> HttpResponse {
        match self {
            ChatError::Base(base) => base.render(dialect, lang),
            _ => dialect.error(self.status(), &self.message(dialect, lang), None),
        }
    }
}

impl ResponseError for ChatError {
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
    fn not_your_chat_is_seed_000s_403() {
        assert_eq!(ChatError::NoChat.status(), StatusCode::FORBIDDEN);
        assert_eq!(
            ChatError::NoChat.message(Dialect::Bazaar, Lang::Fa),
            "there is no chat for u"
        );
        let missing = ChatError::from(diesel::result::Error::NotFound);
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    }
}
