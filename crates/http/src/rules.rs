//! The one rule set: why a field or parameter was refused, in words chosen
//! when the answer is written, for the dialect and language asked, so the
//! checks never need to know either. Field-keyed messages (panel, ledger,
//! building) are Persian unless `Accept-Language: en`; the bazaar app gets
//! Yii's English sentences with the field's label.

use crate::Lang;

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
    AtLeast(i64),
    TooLarge,
    /// Sent empty where a value is required.
    Blank,
    TooShort(usize),
    /// A value of none of the accepted forms.
    Invalid,
    NotInteger,
    AtMost(i64),
    /// Neither a mobile nor a landline.
    Phone,
    /// Not an http(s) URL with a host.
    Url,
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
            Rule::Blank => fixed("وارد کردن این مقدار الزامی است", "Is required"),
            Rule::TooShort(min) => match lang {
                Lang::Fa => format!("دست‌کم {min} نویسه لازم است"),
                Lang::En => format!("Must be at least {min} characters"),
            },
            Rule::Invalid => fixed("این مقدار معتبر نیست", "Is invalid"),
            Rule::NotInteger => fixed("باید یک عدد صحیح باشد", "Must be a whole number"),
            Rule::AtMost(max) => match lang {
                Lang::Fa => format!("باید حداکثر {max} باشد"),
                Lang::En => format!("Must be at most {max}"),
            },
            Rule::Phone => fixed(
                "شماره تلفن معتبر نیست",
                "Must be a mobile or landline number",
            ),
            Rule::Url => fixed("نشانی اینترنتی معتبر نیست", "Must be an http(s) URL"),
        }
    }

    /// The bazaar app's Yii-style sentence about the field called `label`
    /// (seed 000: "Name should contain at least 3 characters.").
    pub fn sentence(&self, label: &str) -> String {
        match self {
            Rule::Blank => format!("{label} cannot be blank."),
            Rule::TooShort(min) => format!("{label} should contain at least {min} characters."),
            Rule::TooLong(max) => format!("{label} should contain at most {max} characters."),
            Rule::NotInteger => format!("{label} must be an integer."),
            Rule::AtLeast(min) => format!("{label} must be no less than {min}."),
            Rule::AtMost(max) => format!("{label} must be no greater than {max}."),
            // the seed's text, without the full stop
            Rule::Phone => format!("{label} is not valid"),
            Rule::Email => format!("{label} is not a valid email address."),
            Rule::Url => format!("{label} is not a valid URL."),
            _ => format!("{label} is invalid."),
        }
    }
}
