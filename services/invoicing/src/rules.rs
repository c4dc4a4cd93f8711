//! Why a field or parameter was refused. The words are chosen when the
//! answer is written, in the request's language, so the checks never need
//! to know it.

use platform_http::fields::Text;
#[cfg(test)]
use platform_http::Dialect;
use platform_http::Lang;

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

/// Every refused field with every rule it broke: the kit's, each rule's
/// words in both languages.
pub use platform_http::fields::FieldErrors;

impl From<Rule> for Text {
    fn from(rule: Rule) -> Text {
        Text::new(rule.message(Lang::Fa), rule.message(Lang::En))
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
            errors.render(Dialect::Ledger, Lang::En),
            serde_json::json!({
                "email": ["Must be a valid e-mail address", "Must be at most 254 characters"],
                "tel": ["Must be 4 to 15 digits"],
            })
        );
        assert_eq!(
            errors.render(Dialect::Ledger, Lang::Fa)["tel"][0],
            "باید بین 4 تا 15 رقم باشد"
        );
    }
}
