//! The documented customer fields: how each is read from a body, checked
//! and normalised. The limits are in the README and the OpenAPI document.

use crate::rules::{FieldErrors, Rule};
use crate::schema::customers;
use platform_validate::{digit_string, iranian_mobile, is_clean_text, is_email};
use serde_json::{Map, Value};
use std::ops::RangeInclusive;

pub const NAME_MAX: usize = 255;
pub const COMPANY_MAX: usize = 255;
pub const ADDRESS_MAX: usize = 1000;
pub const POSTAL_CODE: RangeInclusive<usize> = 10..=10;
/// An Iranian landline with area code has 11 digits; room for short
/// internal numbers and for international numbers (E.164: 15).
pub const TEL: RangeInclusive<usize> = 4..=15;
/// Registration numbers and economic codes vary in length between
/// registries and over the years (the document's examples have 8 and 9).
pub const REGISTRATION_NUMBER: RangeInclusive<usize> = 1..=20;
pub const ECONOMICAL_NUMBER: RangeInclusive<usize> = 1..=20;

/// The documented fields a request sets. `None`: not sent, left as it is;
/// `Some("")`: sent empty or `null`, cleared. Used as the update's changeset.
#[derive(Debug, Default, Clone, diesel::AsChangeset)]
#[diesel(table_name = customers)]
pub struct CustomerFields {
    pub name: Option<String>,
    pub company: Option<String>,
    pub address: Option<String>,
    pub postal_code: Option<String>,
    pub tel: Option<String>,
    pub fax: Option<String>,
    pub email: Option<String>,
    pub mobile: Option<String>,
    pub registration_number: Option<String>,
    pub economical_number: Option<String>,
}

enum Kind {
    Text(usize),
    Email,
    Mobile,
    Digits(RangeInclusive<usize>),
}

impl CustomerFields {
    /// Reads every documented field in `body`, adding to `errors` each one
    /// that breaks its rule. Keys the document does not list are ignored,
    /// so a client may send back a customer it read (with `id`, `created`).
    pub fn read(body: &Map<String, Value>, errors: &mut FieldErrors) -> CustomerFields {
        let mut field = |key, kind| read_one(body, key, kind, errors);
        CustomerFields {
            name: field("name", Kind::Text(NAME_MAX)),
            company: field("company", Kind::Text(COMPANY_MAX)),
            address: field("address", Kind::Text(ADDRESS_MAX)),
            postal_code: field("postal_code", Kind::Digits(POSTAL_CODE)),
            tel: field("tel", Kind::Digits(TEL)),
            fax: field("fax", Kind::Digits(TEL)),
            email: field("email", Kind::Email),
            mobile: field("mobile", Kind::Mobile),
            registration_number: field("registration_number", Kind::Digits(REGISTRATION_NUMBER)),
            economical_number: field("economical_number", Kind::Digits(ECONOMICAL_NUMBER)),
        }
    }
}

/// The document's rule, checked on what the customer will hold: an e-mail
/// address or a mobile number. Not repeated when either field already has
/// its own complaint.
pub fn require_contact(email: &str, mobile: &str, errors: &mut FieldErrors) {
    if email.is_empty() && mobile.is_empty() && !errors.has("email") && !errors.has("mobile") {
        errors.add("email", Rule::EmailOrMobile);
        errors.add("mobile", Rule::EmailOrMobile);
    }
}

fn read_one(
    body: &Map<String, Value>,
    key: &'static str,
    kind: Kind,
    errors: &mut FieldErrors,
) -> Option<String> {
    // The document types the digit fields as Integer but its examples send
    // strings; both are taken. A number loses leading zeros, a string keeps
    // them. A mobile sent as a number has lost its 0, which is restored.
    let takes_numbers = matches!(kind, Kind::Digits(_) | Kind::Mobile);
    let text = match body.get(key)? {
        Value::Null => return Some(String::new()),
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) if takes_numbers && n.as_u64().is_some() => n.to_string(),
        _ => {
            errors.add(
                key,
                if takes_numbers {
                    Rule::NotDigits
                } else {
                    Rule::NotText
                },
            );
            return None;
        }
    };
    if text.is_empty() {
        return Some(text);
    }
    let checked = match kind {
        // PostgreSQL refuses NUL in text: it never gets that far
        Kind::Text(_) if !is_clean_text(&text, key == "address") => Err(Rule::ControlCharacters),
        Kind::Text(max) if text.chars().count() > max => Err(Rule::TooLong(max)),
        Kind::Text(_) => Ok(text),
        Kind::Email if is_email(&text) => Ok(text),
        Kind::Email => Err(Rule::Email),
        Kind::Mobile => iranian_mobile(&text).ok_or(Rule::Mobile),
        Kind::Digits(len) => digit_string(&text, len.clone()).ok_or(Rule::Digits {
            min: *len.start(),
            max: *len.end(),
        }),
    };
    checked.map_err(|rule| errors.add(key, rule)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(body: Value) -> (CustomerFields, FieldErrors) {
        let mut errors = FieldErrors::default();
        let Value::Object(map) = body else {
            unreachable!()
        };
        (CustomerFields::read(&map, &mut errors), errors)
    }

    #[test]
    fn normalises_and_keeps_leading_zeros() {
        let (f, errors) = read(json!({
            "mobile": "+98 912 234 5577", "tel": "02188624168", "fax": 2188624168u64,
            "postal_code": "۱۲۳۴۵۶۷۸۹۰", "name": "  آرین  ", "email": null, "extra": [1]
        }));
        assert!(errors.is_empty(), "{errors}");
        assert_eq!(f.mobile.as_deref(), Some("09122345577"));
        assert_eq!(f.tel.as_deref(), Some("02188624168"));
        assert_eq!(f.fax.as_deref(), Some("2188624168"));
        assert_eq!(f.postal_code.as_deref(), Some("1234567890"));
        assert_eq!(f.name.as_deref(), Some("آرین"));
        assert_eq!(f.email.as_deref(), Some(""));
        assert_eq!(f.company, None);
    }

    #[test]
    fn every_broken_field_is_listed() {
        let (_, errors) = read(json!({
            "name": 5, "email": "nope", "mobile": "0812", "tel": -1, "postal_code": "123",
            "address": "x".repeat(ADDRESS_MAX + 1), "registration_number": 1.5,
            "company": "a\u{0}b",
        }));
        for key in [
            "name",
            "email",
            "mobile",
            "tel",
            "postal_code",
            "address",
            "registration_number",
            "company",
        ] {
            assert!(errors.has(key), "{key}: {errors}");
        }
    }

    #[test]
    fn contact_rule_only_when_both_are_empty_and_unrefused() {
        let mut errors = FieldErrors::default();
        require_contact("", "09121234567", &mut errors);
        assert!(errors.is_empty());
        require_contact("", "", &mut errors);
        assert!(errors.has("email") && errors.has("mobile"));
        let mut errors = FieldErrors::single("email", Rule::Email);
        require_contact("", "", &mut errors);
        assert!(!errors.has("mobile"));
    }
}
