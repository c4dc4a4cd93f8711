//! Reading what every route reads: the caller, the page, the fields.

use crate::error::ChatError;
use actix_web::HttpRequest;
use platform_auth::Claims;
use platform_http::fields::FieldErrors;
use platform_http::input::{Fields, Sources};
use platform_http::reply::Paging;
use platform_http::rules::Rule;
use platform_service::BaseError;

/// The caller's user id: identity's ids are numbers.
pub fn caller(claims: &Claims) -> Result<i64, ChatError> {
    claims
        .sub
        .parse()
        .map_err(|_| ChatError::Base(BaseError::Unauthorized))
}

pub fn paging(req: &HttpRequest) -> Result<Paging, ChatError> {
    Paging::from_query(req.query_string()).map_err(|name| {
        ChatError::Base(BaseError::Unreadable(FieldErrors::single(
            name,
            Rule::Range {
                min: 1,
                max: Paging::MAX_PER_PAGE,
            },
        )))
    })
}

/// The request's fields, from the query and any body (the bazaar apps
/// send "URL Params" even on POST).
pub fn fields(req: &HttpRequest, body: &[u8]) -> Result<Fields, ChatError> {
    Fields::read(req, body, Sources::ANYWHERE).map_err(|why| {
        use platform_http::input::Unreadable as U;
        ChatError::Base(match why {
            U::UnsupportedMediaType => BaseError::UnsupportedMediaType,
            U::Empty => BaseError::Unreadable(FieldErrors::single("body", Rule::EmptyBody)),
            U::MalformedJson => {
                BaseError::Unreadable(FieldErrors::single("body", Rule::MalformedJson))
            }
            U::NotAnObject => BaseError::Unreadable(FieldErrors::single("body", Rule::NotAnObject)),
            _ => BaseError::Unreadable(FieldErrors::single("body", Rule::MalformedForm)),
        })
    })
}

/// A required positive whole number, `label` in the bazaar's sentence.
pub fn id(
    fields: &Fields,
    name: &'static str,
    label: &'static str,
    errors: &mut FieldErrors,
) -> Option<i64> {
    match fields.integer(name) {
        Ok(Some(n)) if n > 0 => Some(n),
        Ok(None) => {
            errors.add_rule(name, label, Rule::Blank);
            None
        }
        _ => {
            errors.add_rule(name, label, Rule::WholeNumber);
            None
        }
    }
}

/// An optional text field.
pub fn text(
    fields: &Fields,
    name: &'static str,
    label: &'static str,
    errors: &mut FieldErrors,
) -> Option<String> {
    match fields.text(name) {
        Ok(v) => v,
        Err(_) => {
            errors.add_rule(name, label, Rule::NotText);
            None
        }
    }
}

/// The request's path and query, for the Yii list's links.
pub fn url(req: &HttpRequest) -> String {
    match req.uri().query() {
        Some(q) => format!("{}?{q}", req.uri().path()),
        None => req.uri().path().to_string(),
    }
}
