//! Reading a request's parameters (query, JSON, form or multipart: the
//! seed's examples send GET parameters as a JSON body) and collecting
//! every complaint, so one answer names all the fields at fault.

use crate::money::Money;
use crate::SmmError;
use actix_web::HttpRequest;
use platform_http::fields::FieldErrors;
use platform_http::input::{Fields, Sources, Unreadable};
use platform_http::rules::Rule;
use platform_service::BaseError;

pub struct Params {
    fields: Fields,
    errors: FieldErrors,
}

impl Params {
    pub fn read(req: &HttpRequest, body: &[u8]) -> Result<Params, SmmError> {
        let fields = Fields::read(req, body, Sources::ANYWHERE).map_err(unreadable)?;
        Ok(Params {
            fields,
            errors: FieldErrors::default(),
        })
    }

    /// Parameters already read (the reseller API merges its own).
    pub fn from_fields(fields: Fields) -> Params {
        Params {
            fields,
            errors: FieldErrors::default(),
        }
    }

    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    pub fn fail(&mut self, field: &str, rule: Rule) {
        self.errors
            .add_rule(field.to_string(), field.to_string(), rule);
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// Text of at most `max` characters, without control characters
    /// (line breaks allowed when `multiline`); empty reads as absent.
    pub fn text(&mut self, name: &str, max: usize, multiline: bool) -> Option<String> {
        match self.fields.text(name) {
            Err(_) => {
                self.fail(name, Rule::NotText);
                None
            }
            Ok(None) => None,
            Ok(Some(text)) => {
                let text = text.trim().to_string();
                if text.is_empty() {
                    None
                } else if !platform_validate::is_clean_text(&text, multiline) {
                    self.fail(name, Rule::ControlCharacters);
                    None
                } else if text.chars().count() > max {
                    self.fail(name, Rule::TooLong(max));
                    None
                } else {
                    Some(text)
                }
            }
        }
    }

    pub fn required_text(&mut self, name: &str, max: usize, multiline: bool) -> Option<String> {
        let had_error = self.errors.has(name);
        let text = self.text(name, max, multiline);
        if text.is_none() && !had_error && !self.errors.has(name) {
            self.fail(name, Rule::Blank);
        }
        text
    }

    /// A whole number within `min..=max`. Sent empty, it is no number
    /// (the panel's apps send JSON; an empty value is a client's mistake).
    pub fn integer(&mut self, name: &str, min: i64, max: i64) -> Option<i64> {
        if matches!(self.fields.get(name), Some(serde_json::Value::String(s)) if s.trim().is_empty())
        {
            self.fail(name, Rule::NotInteger);
            return None;
        }
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

    pub fn required_integer(&mut self, name: &str, min: i64, max: i64) -> Option<i64> {
        let n = self.integer(name, min, max);
        if n.is_none() && !self.errors.has(name) {
            self.fail(name, Rule::Blank);
        }
        n
    }

    /// An amount of Toman, exact to the thousandth.
    pub fn money(&mut self, name: &str) -> Option<Money> {
        match self.fields.text(name) {
            Err(_) => {
                self.fail(name, Rule::Invalid);
                None
            }
            Ok(None) => None,
            Ok(Some(text)) if text.trim().is_empty() => None,
            Ok(Some(text)) => match Money::parse(&platform_validate::ascii_digits(&text)) {
                Some(m) => Some(m),
                None => {
                    self.fail(name, Rule::Invalid);
                    None
                }
            },
        }
    }

    pub fn flag(&mut self, name: &str) -> Option<bool> {
        match self.fields.flag(name) {
            Err(_) => {
                self.fail(name, Rule::Invalid);
                None
            }
            Ok(flag) => flag,
        }
    }

    /// One of `allowed`, as sent.
    pub fn choice(&mut self, name: &str, allowed: &[&str]) -> Option<String> {
        let text = self.text(name, 64, false)?;
        if allowed.contains(&text.as_str()) {
            Some(text)
        } else {
            self.fail(name, Rule::Invalid);
            None
        }
    }

    /// `Err` (400, naming every field at fault) when anything was refused.
    pub fn finish(self) -> Result<(), SmmError> {
        self.errors
            .or_fail(|errors| SmmError::Base(BaseError::Unreadable(errors)))
    }
}

pub fn unreadable(why: Unreadable) -> SmmError {
    let rule = match why {
        Unreadable::UnsupportedMediaType => return BaseError::UnsupportedMediaType.into(),
        Unreadable::Empty => Rule::EmptyBody,
        Unreadable::NotAnObject => Rule::NotAnObject,
        Unreadable::MalformedJson => Rule::MalformedJson,
        Unreadable::MalformedForm | Unreadable::MalformedMultipart | Unreadable::MalformedQuery => {
            Rule::MalformedForm
        }
    };
    SmmError::Base(BaseError::Unreadable(FieldErrors::single("body", rule)))
}
