//! Reading a request's parameters, whatever way the app sent them (a
//! multipart form as the document shows, a URL-encoded form, JSON, or the
//! query string), through the kit's reader, and the typed readers every
//! route here shares. Each reader adds its complaint to a [`FieldErrors`]
//! so that every refused field is listed at once.

use crate::BuildingsError;
use actix_web::HttpRequest;
use platform_http::fields::FieldErrors;
use platform_http::input::{Fields, Sources, Unreadable};
use platform_http::rules::Rule;
use platform_service::BaseError;
use platform_validate::is_clean_text;

/// The request's fields: query and body (the body wins on a name in both).
pub fn read(req: &HttpRequest, body: &[u8]) -> Result<Fields, BuildingsError> {
    let unreadable = |rule| BuildingsError::Unreadable(FieldErrors::single("body", rule));
    match Fields::read(req, body, Sources::ANYWHERE) {
        Ok(fields) => Ok(fields),
        Err(Unreadable::UnsupportedMediaType) => Err(BaseError::UnsupportedMediaType.into()),
        Err(Unreadable::Empty) => Err(unreadable(Rule::EmptyBody)),
        Err(Unreadable::NotAnObject) => Err(unreadable(Rule::NotAnObject)),
        Err(Unreadable::MalformedJson) => Err(unreadable(Rule::MalformedJson)),
        Err(Unreadable::MalformedQuery) => Err(BuildingsError::Unreadable(FieldErrors::single(
            "query",
            Rule::MalformedForm,
        ))),
        Err(Unreadable::MalformedForm | Unreadable::MalformedMultipart) => {
            Err(unreadable(Rule::MalformedForm))
        }
    }
}

/// A text field, trimmed; `None` when absent, empty or refused (then
/// `errors` says why): one line, no control character, at most `max`
/// characters.
pub fn text(fields: &Fields, key: &str, max: usize, errors: &mut FieldErrors) -> Option<String> {
    let raw = match fields.text(key) {
        Ok(raw) => raw?,
        Err(_) => {
            errors.add(key, Rule::NotText);
            return None;
        }
    };
    let value = raw.trim();
    if value.is_empty() {
        return None;
    }
    let refused = if !is_clean_text(value, false) {
        Some(Rule::ControlCharacters)
    } else if value.chars().count() > max {
        Some(Rule::TooLong(max))
    } else {
        None
    };
    match refused {
        Some(rule) => {
            errors.add(key, rule);
            None
        }
        None => Some(value.to_string()),
    }
}

/// A row id: a whole number of at least 1, as a JSON number or digits in
/// any digit set. `None` when absent or empty, or refused (then `errors`
/// says why).
pub fn id(fields: &Fields, key: &str, errors: &mut FieldErrors) -> Option<i64> {
    match fields.integer(key) {
        Ok(Some(n)) if n >= 1 => Some(n),
        Ok(Some(_)) => {
            errors.add(key, Rule::AtLeast(1));
            None
        }
        Ok(None) => None,
        Err(_) => {
            errors.add(key, Rule::NotInteger);
            None
        }
    }
}

/// True when `key` was sent with something in it (a JSON `null`, `""` or
/// spaces count as not sent, as the document's `"phoneNumber": ,` does).
pub fn is_given(fields: &Fields, key: &str) -> bool {
    match fields.get(key) {
        None | Some(serde_json::Value::Null) => false,
        Some(serde_json::Value::String(s)) => !s.trim().is_empty(),
        Some(_) => true,
    }
}
