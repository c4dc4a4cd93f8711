//! Reading a request's parameters wherever the app put them (query, form,
//! multipart or JSON), checking the app's `username` against the token,
//! and collecting every complaint so one answer lists them all (the app's
//! `Server Error` with Yii's sentences).

use crate::SocialError;
use actix_web::HttpRequest;
use platform_auth::Claims;
use platform_http::fields::FieldErrors;
use platform_http::input::{Fields, Sources, Unreadable};
use platform_http::rules::Rule;
use platform_service::BaseError;

pub struct Params {
    fields: Fields,
    errors: FieldErrors,
}

/// The device's position the app sends with every call.
#[derive(Debug, Clone, Copy, Default)]
pub struct Location {
    pub x: Option<f64>,
    pub y: Option<f64>,
}

impl Params {
    /// The request's fields. A `username` that is not the token's account,
    /// sent anywhere (the kit checks only the query), is `not login`.
    pub fn read(req: &HttpRequest, body: &[u8], claims: &Claims) -> Result<Params, SocialError> {
        let fields = Fields::read(req, body, Sources::ANYWHERE).map_err(unreadable)?;
        if let Ok(Some(username)) = fields.text("username") {
            let named = platform_validate::iranian_mobile(&username);
            if !username.trim().is_empty()
                && (named.is_none() || named.as_deref() != claims.username.as_deref())
            {
                return Err(BaseError::Unauthorized.into());
            }
        }
        Ok(Params {
            fields,
            errors: FieldErrors::default(),
        })
    }

    /// Parameters of a route no user calls as the app (admin, internal).
    pub fn read_plain(req: &HttpRequest, body: &[u8]) -> Result<Params, SocialError> {
        let fields = Fields::read(req, body, Sources::ANYWHERE).map_err(unreadable)?;
        Ok(Params {
            fields,
            errors: FieldErrors::default(),
        })
    }

    fn fail(&mut self, name: &str, rule: Rule) {
        self.errors.add_rule(name.to_string(), label(name), rule);
    }

    /// Text of at most `max` characters without control characters (line
    /// breaks allowed when `multiline`); empty reads as absent.
    pub fn text(&mut self, name: &str, max: usize, multiline: bool) -> Option<String> {
        match self.fields.text(name) {
            Err(_) => {
                self.fail(name, Rule::NotText);
                None
            }
            Ok(None) => None,
            Ok(Some(text)) => {
                let text = text.trim();
                if text.is_empty() {
                    None
                } else if !platform_validate::is_clean_text(text, multiline) {
                    self.fail(name, Rule::ControlCharacters);
                    None
                } else if text.chars().count() > max {
                    self.fail(name, Rule::TooLong(max));
                    None
                } else {
                    Some(text.to_string())
                }
            }
        }
    }

    pub fn required_text(&mut self, name: &str, max: usize, multiline: bool) -> Option<String> {
        let text = self.text(name, max, multiline);
        if text.is_none() && !self.errors.has(name) {
            self.fail(name, Rule::Blank);
        }
        text
    }

    /// A whole number of at least 1 (a row id).
    pub fn id(&mut self, name: &str) -> Option<i64> {
        self.integer(name, 1, i64::MAX)
    }

    pub fn required_id(&mut self, name: &str) -> Option<i64> {
        let id = self.id(name);
        if id.is_none() && !self.errors.has(name) {
            self.fail(name, Rule::Blank);
        }
        id
    }

    pub fn integer(&mut self, name: &str, min: i64, max: i64) -> Option<i64> {
        match self.fields.integer(name) {
            Err(_) => {
                self.fail(name, Rule::NotInteger);
                None
            }
            Ok(None) => None,
            Ok(Some(n)) if n < min => {
                self.fail(name, Rule::AtLeast(min));
                None
            }
            Ok(Some(n)) if n > max => {
                self.fail(name, Rule::AtMost(max));
                None
            }
            Ok(Some(n)) => Some(n),
        }
    }

    /// `x` (longitude) and `y` (latitude), each optional, within the globe.
    pub fn location(&mut self) -> Location {
        Location {
            x: self.coordinate("x", 180.0),
            y: self.coordinate("y", 90.0),
        }
    }

    fn coordinate(&mut self, name: &str, bound: f64) -> Option<f64> {
        let text = self.text(name, 32, false)?;
        match platform_validate::ascii_digits(&text).parse::<f64>() {
            Ok(v) if v.is_finite() && v.abs() <= bound => Some(v),
            _ => {
                self.fail(name, Rule::Invalid);
                None
            }
        }
    }

    /// `Err` (422, naming every field at fault) when anything was refused.
    pub fn finish(self) -> Result<(), SocialError> {
        self.errors.or_fail(SocialError::Invalid)
    }
}

/// A list's query: the app's `username` (checked against the token) and
/// `x`, `y`, which are coordinates when sent (else 422, as on the actions).
pub fn list_query(req: &HttpRequest, claims: &Claims) -> Result<Location, SocialError> {
    let mut params = Params::read(req, &[], claims)?;
    let location = params.location();
    params.finish()?;
    Ok(location)
}

/// Yii's label of a field: its name with a capital.
fn label(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub fn unreadable(why: Unreadable) -> SocialError {
    let rule = match why {
        Unreadable::UnsupportedMediaType => return BaseError::UnsupportedMediaType.into(),
        Unreadable::Empty => Rule::EmptyBody,
        Unreadable::NotAnObject => Rule::NotAnObject,
        Unreadable::MalformedJson => Rule::MalformedJson,
        Unreadable::MalformedForm | Unreadable::MalformedMultipart | Unreadable::MalformedQuery => {
            Rule::MalformedForm
        }
    };
    SocialError::Base(BaseError::Unreadable(FieldErrors::single("body", rule)))
}
