//! Why a field or parameter was refused: the platform's one rule set
//! (`platform_http::rules`), and the per-field list it fills.

pub use platform_http::rules::Rule;

/// Every refused field with every rule it broke: the kit's, each rule's
/// words in both languages.
pub use platform_http::fields::FieldErrors;

#[cfg(test)]
mod tests {
    use super::*;
    use platform_http::{Dialect, Lang};

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
