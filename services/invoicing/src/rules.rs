//! Why a field or parameter was refused. The words are chosen when the
//! answer is written, in the request's language, so the checks never need
//! to know it.

use platform_http::Lang;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    /// Neither `email` nor `mobile` would be left on the customer.
    EmailOrMobile,
    /// A JSON number, boolean, array or object where text belongs.
    NotText,
    /// A digit field given something other than a string or whole number.
    NotDigits,
    /// NUL or another control character (line breaks only in the address).
    ControlCharacters,
    TooLong(usize),
    Email,
    Mobile,
    Digits {
        min: usize,
        max: usize,
    },
    EmptyBody,
    MalformedJson,
    MalformedForm,
    NotAnObject,
    WholeNumber,
    Range {
        min: u64,
        max: u64,
    },
    AtLeast(u64),
    TooLarge,
}

impl Rule {
    pub fn message(&self, lang: Lang) -> String {
        let fixed = |fa: &str, en: &str| lang.pick(fa, en).to_string();
        match self {
            Rule::EmailOrMobile => fixed(
                "وارد کردن ایمیل یا شماره موبایل مشتری الزامی است",
                "Either email or mobile is required",
            ),
            Rule::NotText => fixed("این مقدار باید متن باشد", "Must be a string"),
            Rule::ControlCharacters => fixed(
                "این مقدار نباید نویسه‌های کنترلی (مانند NUL) داشته باشد",
                "Must not contain control characters such as NUL",
            ),
            Rule::NotDigits => fixed(
                "این مقدار باید رشته‌ای از ارقام یا یک عدد باشد",
                "Must be a string of digits or a whole number",
            ),
            Rule::TooLong(max) => match lang {
                Lang::Fa => format!("حداکثر {max} نویسه مجاز است"),
                Lang::En => format!("Must be at most {max} characters"),
            },
            Rule::Email => fixed("آدرس ایمیل معتبر نیست", "Must be a valid e-mail address"),
            Rule::Mobile => fixed(
                "شماره موبایل معتبر نیست (نمونه: 09121234567)",
                "Must be an Iranian mobile number such as 09121234567",
            ),
            Rule::Digits { min, max } if min == max => match lang {
                Lang::Fa => format!("باید {min} رقم باشد"),
                Lang::En => format!("Must be exactly {min} digits"),
            },
            Rule::Digits { min, max } => match lang {
                Lang::Fa => format!("باید بین {min} تا {max} رقم باشد"),
                Lang::En => format!("Must be {min} to {max} digits"),
            },
            Rule::EmptyBody => fixed("محتوای درخواست خالی است", "The request body is empty"),
            Rule::MalformedJson => fixed(
                "محتوای درخواست JSON معتبر نیست",
                "The request body is not valid JSON",
            ),
            Rule::MalformedForm => fixed(
                "محتوای فرم درخواست خوانا نیست",
                "The form body cannot be read",
            ),
            Rule::NotAnObject => fixed(
                "محتوای درخواست باید یک شیء JSON باشد",
                "The request body must be a JSON object",
            ),
            Rule::WholeNumber => fixed(
                "باید یک عدد صحیح نامنفی باشد",
                "Must be a non-negative whole number",
            ),
            Rule::Range { min, max } => match lang {
                Lang::Fa => format!("باید بین {min} و {max} باشد"),
                Lang::En => format!("Must be between {min} and {max}"),
            },
            Rule::AtLeast(min) => match lang {
                Lang::Fa => format!("باید دست‌کم {min} باشد"),
                Lang::En => format!("Must be at least {min}"),
            },
            Rule::TooLarge => fixed("این مقدار بیش از حد بزرگ است", "Is too large"),
        }
    }
}

/// Every refused field with every rule it broke, in the ledger dialect's
/// `errors` shape: `{"field": ["message", ...]}`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(BTreeMap<&'static str, Vec<Rule>>);

impl FieldErrors {
    pub fn add(&mut self, field: &'static str, rule: Rule) {
        self.0.entry(field).or_default().push(rule);
    }

    pub fn has(&self, field: &str) -> bool {
        self.0.contains_key(field)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn to_json(&self, lang: Lang) -> Value {
        let map: Map<String, Value> = self
            .0
            .iter()
            .map(|(field, rules)| {
                let messages = rules.iter().map(|r| Value::String(r.message(lang)));
                (field.to_string(), Value::Array(messages.collect()))
            })
            .collect();
        Value::Object(map)
    }

    /// `Ok(())` when nothing was refused, otherwise `err(self)`.
    pub fn or_fail<E>(self, err: impl FnOnce(FieldErrors) -> E) -> Result<(), E> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(err(self))
        }
    }

    pub fn single(field: &'static str, rule: Rule) -> FieldErrors {
        let mut errors = FieldErrors::default();
        errors.add(field, rule);
        errors
    }
}

/// For the log: field names and rules, in English.
impl fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_json(Lang::En).to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_every_rule_of_every_field() {
        let mut errors = FieldErrors::default();
        errors.add("tel", Rule::Digits { min: 4, max: 15 });
        errors.add("email", Rule::Email);
        errors.add("email", Rule::TooLong(254));
        assert_eq!(
            errors.to_json(Lang::En),
            serde_json::json!({
                "email": ["Must be a valid e-mail address", "Must be at most 254 characters"],
                "tel": ["Must be 4 to 15 digits"],
            })
        );
        assert_eq!(
            errors.to_json(Lang::Fa)["tel"][0],
            "باید بین 4 تا 15 رقم باشد"
        );
    }
}
