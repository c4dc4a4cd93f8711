//! Input rules that several services share, so that a mobile number means
//! the same thing to identity, invoicing and the rest.

/// Persian (U+06F0–U+06F9) and Arabic-Indic (U+0660–U+0669) digits become
/// ASCII digits; everything else is kept.
pub fn ascii_digits(input: &str) -> String {
    input
        .chars()
        .map(|c| match c {
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            other => other,
        })
        .collect()
}

/// Text a person typed, fit to keep: no NUL (PostgreSQL refuses it in
/// text, so it must never reach a query) and no other control character,
/// except tab and line breaks where the field is `multiline`.
pub fn is_clean_text(input: &str, multiline: bool) -> bool {
    !input
        .chars()
        .any(|c| c.is_control() && !(multiline && matches!(c, '\t' | '\n' | '\r')))
}

/// An Iranian mobile number in its one stored form `09XXXXXXXXX`, from
/// `09XXXXXXXXX`, `9XXXXXXXXX`, `989XXXXXXXXX`, `+989XXXXXXXXX` or
/// `00989XXXXXXXXX`, in any of the digit sets; spaces and dashes between
/// digits are allowed. `None` for anything else.
pub fn iranian_mobile(input: &str) -> Option<String> {
    let digits = ascii_digits(input.trim());
    let compact: String = digits.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    let national = if let Some(rest) = compact.strip_prefix("+98") {
        rest
    } else if let Some(rest) = compact.strip_prefix("0098") {
        rest
    } else if compact.len() == 12 && compact.starts_with("98") {
        &compact[2..]
    } else if let Some(rest) = compact.strip_prefix('0') {
        rest
    } else {
        &compact
    };
    let ok = national.len() == 10
        && national.starts_with('9')
        && national.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| format!("0{national}"))
}

/// A plausible e-mail address: one `@`, a local part and a dotted domain of
/// letters, digits and the usual punctuation, at most 254 characters.
pub fn is_email(input: &str) -> bool {
    if input.len() > 254 || input.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let Some((local, domain)) = input.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(char::is_alphabetic));
    local_ok && domain_ok
}

/// A string of ASCII digits (after [`ascii_digits`]) with a length in `len`.
pub fn digit_string(input: &str, len: std::ops::RangeInclusive<usize>) -> Option<String> {
    let digits = ascii_digits(input.trim());
    (len.contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_has_no_nul_and_no_stray_controls() {
        assert!(is_clean_text("آرین نجفی", false));
        assert!(!is_clean_text("a\u{0}b", false));
        assert!(!is_clean_text("a\u{0}b", true));
        assert!(!is_clean_text("a\u{1b}[31m", true));
        assert!(!is_clean_text("a\u{85}b", true));
        assert!(!is_clean_text("line\nbreak", false));
        assert!(is_clean_text("line\r\nbreak\tand tab", true));
    }

    #[test]
    fn mobile_forms_normalise_to_one() {
        for form in [
            "09121234567",
            "9121234567",
            "989121234567",
            "+989121234567",
            "00989121234567",
            "۰۹۱۲۱۲۳۴۵۶۷",
            "٠٩١٢١٢٣٤٥٦٧",
            "+98 912 123-4567",
        ] {
            assert_eq!(
                iranian_mobile(form).as_deref(),
                Some("09121234567"),
                "{form}"
            );
        }
        for bad in [
            "",
            "0912123456",
            "091212345678",
            "08121234567",
            "abc",
            "+1 912 123 4567",
            "98912123456",
        ] {
            assert_eq!(iranian_mobile(bad), None, "{bad}");
        }
    }

    #[test]
    fn emails() {
        for ok in [
            "a@b.co",
            "first.last+tag@mail.example.ir",
            "x@sub-domain.example.com",
        ] {
            assert!(is_email(ok), "{ok}");
        }
        for bad in [
            "", "a", "a@", "@b.co", "a@b", "a b@c.co", "a@b..co", "a@-b.co", ".a@b.co", "a@b.c0",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn digit_strings() {
        assert_eq!(
            digit_string("۱۲۳۴۵۶۷۸۹۰", 10..=10).as_deref(),
            Some("1234567890")
        );
        assert_eq!(digit_string("12345", 10..=10), None);
        assert_eq!(digit_string("12a45", 1..=10), None);
    }
}
