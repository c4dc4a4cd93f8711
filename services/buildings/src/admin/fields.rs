//! The admin API's fields: required text within bounds, a resident's user
//! id and role.

use crate::community::ROLES;
use crate::input::text;
use platform_http::fields::FieldErrors;
use platform_http::input::Fields;
use platform_http::rules::Rule;

pub const NAME_MAX: usize = 255;
pub const ADDRESS_MAX: usize = 1000;
/// Apartment numbers are short labels: `12`, `3B`, `۱۲`.
pub const NUMBER_MAX: usize = 20;
/// Identity's user ids are numbers; room for other forms.
pub const USER_ID_MAX: usize = 64;

/// Text that must be there.
pub fn required(
    fields: &Fields,
    key: &str,
    max: usize,
    errors: &mut FieldErrors,
) -> Option<String> {
    let had_error = errors.has(key);
    let value = text(fields, key, max, errors);
    if value.is_none() && !had_error && !errors.has(key) {
        errors.add(key, Rule::Blank);
    }
    value
}

/// `role`: one of `owner`, `tenant`, `manager`.
pub fn role(fields: &Fields, errors: &mut FieldErrors) -> Option<String> {
    let role = required(fields, "role", 16, errors)?;
    if ROLES.contains(&role.as_str()) {
        Some(role)
    } else {
        errors.add("role", Rule::Invalid);
        None
    }
}

/// `user_id`: text or a whole JSON number, the id identity gave the user.
pub fn user_id(fields: &Fields, errors: &mut FieldErrors) -> Option<String> {
    if let Some(serde_json::Value::Bool(_)) = fields.get("user_id") {
        errors.add("user_id", Rule::NotText);
        return None;
    }
    required(fields, "user_id", USER_ID_MAX, errors)
}
