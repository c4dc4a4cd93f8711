//! The contact fields of a request, `email` and `phoneNumber`, checked
//! and normalised.

use super::phone;
use super::store::Value;
use crate::input::{is_given, text};
use platform_http::fields::{FieldErrors, Text};
use platform_http::input::Fields;
use platform_http::rules::Rule;
use platform_validate::is_email;

pub const EMAIL: &str = "email";
pub const PHONE: &str = "phoneNumber";
const EMAIL_MAX: usize = 254;
/// Longer than any phone number in any form.
const PHONE_MAX: usize = 32;

/// Which contact fields the request fills (`""` and `null` fill none).
pub fn given(fields: &Fields) -> (bool, bool) {
    (is_given(fields, EMAIL), is_given(fields, PHONE))
}

/// The one contact the request names, checked; otherwise why not:
/// neither field, or a field that breaks its rule. The caller has already
/// dealt with both fields at once.
pub fn one(fields: &Fields) -> Result<Value, FieldErrors> {
    let mut errors = FieldErrors::default();
    let value = match given(fields) {
        (true, _) => email(fields, &mut errors).map(Value::Email),
        (false, true) => phone(fields, &mut errors).map(Value::Phone),
        (false, false) => {
            let text = Text::new(
                "شماره تلفن یا ایمیل را وارد کنید",
                "Enter a phone number or an e-mail address",
            );
            errors.add(PHONE, text.clone());
            errors.add(EMAIL, text);
            None
        }
    };
    value.ok_or(errors)
}

fn email(fields: &Fields, errors: &mut FieldErrors) -> Option<String> {
    let value = text(fields, EMAIL, EMAIL_MAX, errors)?;
    if is_email(&value) {
        Some(value)
    } else {
        errors.add(EMAIL, Rule::Email);
        None
    }
}

/// A JSON number is taken too: the document's example sends one.
fn phone(fields: &Fields, errors: &mut FieldErrors) -> Option<String> {
    let Ok(raw) = fields.text(PHONE) else {
        errors.add(PHONE, Rule::NotDigits);
        return None;
    };
    let raw = raw?;
    let normalised = (raw.chars().count() <= PHONE_MAX)
        .then(|| phone::normalise(&raw))
        .flatten();
    if normalised.is_none() {
        errors.add(PHONE, Rule::Phone);
    }
    normalised
}
