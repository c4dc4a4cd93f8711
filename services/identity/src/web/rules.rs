//! Yii2-style validation of bazaar parameters: each rule adds Yii's message
//! for its attribute ("Name should contain at least 3 characters.") and
//! says what to write: `None` leaves the column alone (parameter absent),
//! `Some(None)` clears it (sent empty), `Some(Some(v))` sets it.

use crate::params::{Param, Params};
use platform_http::fields::FieldErrors;
use platform_http::rules::Rule;
use platform_validate::{ascii_digits, iranian_mobile, is_clean_text, is_email};

pub struct Rules<'a> {
    params: &'a Params,
    pub problems: FieldErrors,
}

type Write<T> = Option<Option<T>>;

impl<'a> Rules<'a> {
    pub fn new(params: &'a Params) -> Rules<'a> {
        Rules {
            params,
            problems: FieldErrors::default(),
        }
    }

    /// The bazaar app shows the rule as Yii's sentence about `label`.
    fn fail(&mut self, field: &'static str, label: &str, rule: Rule) {
        self.problems.add_rule(field, label.to_string(), rule);
    }

    /// The parameter's text, trimmed; an array or object, NUL, and control
    /// characters (but for the address's line breaks) are invalid.
    fn text(&mut self, field: &'static str, label: &str, trim: bool) -> Option<String> {
        match self.params.get(field)? {
            Param::Text(t) if is_clean_text(t, field == "address") => Some(if trim {
                t.trim().to_string()
            } else {
                t.clone()
            }),
            Param::Text(_) | Param::Structured => {
                self.fail(field, label, Rule::Invalid);
                None
            }
        }
    }

    fn length(
        &mut self,
        field: &'static str,
        label: &str,
        value: &str,
        min: usize,
        max: usize,
    ) -> bool {
        let n = value.chars().count();
        if n < min {
            self.fail(field, label, Rule::TooShort(min));
        } else if n > max {
            self.fail(field, label, Rule::TooLong(max));
        } else {
            return true;
        }
        false
    }

    /// Must be sent and not blank.
    pub fn required(
        &mut self,
        field: &'static str,
        label: &str,
        min: usize,
        max: usize,
    ) -> Option<String> {
        self.required_inner(field, label, min, max, true)
    }

    /// As [`Rules::required`], untrimmed: spaces are part of a password.
    pub fn required_secret(
        &mut self,
        field: &'static str,
        label: &str,
        min: usize,
        max: usize,
    ) -> Option<String> {
        self.required_inner(field, label, min, max, false)
    }

    fn required_inner(
        &mut self,
        field: &'static str,
        label: &str,
        min: usize,
        max: usize,
        trim: bool,
    ) -> Option<String> {
        let present = self.params.get(field).is_some();
        match self.text(field, label, trim) {
            Some(v) if !v.is_empty() => self.length(field, label, &v, min, max).then_some(v),
            None if present => None, // already refused as invalid
            _ => {
                self.fail(field, label, Rule::Blank);
                None
            }
        }
    }

    pub fn string(
        &mut self,
        field: &'static str,
        label: &str,
        min: usize,
        max: usize,
    ) -> Write<String> {
        match self.text(field, label, true)? {
            v if v.is_empty() => Some(None),
            v => self.length(field, label, &v, min, max).then_some(Some(v)),
        }
    }

    /// A positive id of the app's place lists (state, city, hood).
    pub fn id(&mut self, field: &'static str, label: &str) -> Write<i64> {
        match self.text(field, label, true)? {
            v if v.is_empty() => Some(None),
            v => match ascii_digits(&v).parse::<i64>() {
                Ok(id) if id > 0 => Some(Some(id)),
                _ => {
                    self.fail(field, label, Rule::Invalid);
                    None
                }
            },
        }
    }

    pub fn integer(&mut self, field: &'static str, label: &str, min: i32, max: i32) -> Write<i32> {
        match self.text(field, label, true)? {
            v if v.is_empty() => Some(None),
            v => match ascii_digits(&v).parse::<i64>() {
                Err(_) => {
                    self.fail(field, label, Rule::NotInteger);
                    None
                }
                Ok(n) if n < i64::from(min) => {
                    self.fail(field, label, Rule::AtLeast(i64::from(min)));
                    None
                }
                Ok(n) if n > i64::from(max) => {
                    self.fail(field, label, Rule::AtMost(i64::from(max)));
                    None
                }
                Ok(n) => Some(Some(n as i32)),
            },
        }
    }

    pub fn one_of(&mut self, field: &'static str, label: &str, allowed: &[&str]) -> Write<String> {
        match self.text(field, label, true)? {
            v if v.is_empty() => Some(None),
            v => {
                let v = v.to_lowercase();
                if allowed.contains(&v.as_str()) {
                    Some(Some(v))
                } else {
                    self.fail(field, label, Rule::Invalid);
                    None
                }
            }
        }
    }

    /// An Iranian mobile or landline (`0` + area code + number), stored
    /// with ASCII digits.
    pub fn phone(&mut self, field: &'static str, label: &str) -> Write<String> {
        match self.text(field, label, true)? {
            v if v.is_empty() => Some(None),
            v => {
                let compact: String = ascii_digits(&v)
                    .chars()
                    .filter(|c| !matches!(c, ' ' | '-'))
                    .collect();
                let landline = compact.len() == 11
                    && compact.starts_with('0')
                    && matches!(compact.as_bytes()[1], b'1'..=b'8')
                    && compact.bytes().all(|b| b.is_ascii_digit());
                match iranian_mobile(&v) {
                    Some(mobile) => Some(Some(mobile)),
                    None if landline => Some(Some(compact)),
                    // the seed's text, without the full stop
                    None => {
                        self.fail(field, label, Rule::Phone);
                        None
                    }
                }
            }
        }
    }

    pub fn email(&mut self, field: &'static str, label: &str) -> Write<String> {
        match self.text(field, label, true)? {
            v if v.is_empty() => Some(None),
            v if is_email(&v) => Some(Some(v.to_lowercase())),
            _ => {
                self.fail(field, label, Rule::Email);
                None
            }
        }
    }

    pub fn url(&mut self, field: &'static str, label: &str, max: usize) -> Write<String> {
        match self.text(field, label, true)? {
            v if v.is_empty() => Some(None),
            v => {
                let ok = v.chars().count() <= max
                    && reqwest::Url::parse(&v).is_ok_and(|u| {
                        matches!(u.scheme(), "http" | "https") && u.host().is_some()
                    });
                if ok {
                    Some(Some(v))
                } else {
                    self.fail(field, label, Rule::Url);
                    None
                }
            }
        }
    }
}
