//! Phone numbers as residents type them: Iranian mobiles (through
//! `platform_validate::iranian_mobile`, as identity and invoicing read
//! them) and landlines, in ASCII, Persian or Arabic-Indic digits.

use platform_validate::{ascii_digits, iranian_mobile};

/// The one stored form of a phone number: a mobile as `09XXXXXXXXX`, a
/// landline as `0` + area code + number (11 digits, the area code starting
/// with 1 to 8), from the national form, `+98…`, `0098…` or `98…`; spaces,
/// dashes and parentheses between digits allowed. A landline sent as a
/// JSON number has lost its leading zero (`1122334455`), which is restored.
/// `None` for anything else.
pub fn normalise(input: &str) -> Option<String> {
    // a dash only between digits: `-1122334455` is a negative JSON number
    if input.trim_start().starts_with('-') {
        return None;
    }
    if let Some(mobile) = iranian_mobile(input) {
        return Some(mobile);
    }
    let compact: String = ascii_digits(input.trim())
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')'))
        .collect();
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
    let landline = national.len() == 10
        && matches!(national.as_bytes()[0], b'1'..=b'8')
        && national.bytes().all(|b| b.is_ascii_digit());
    landline.then(|| format!("0{national}"))
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn landlines_in_every_form_are_one() {
        for form in [
            "01122334455",
            "1122334455",
            "+981122334455",
            "00981122334455",
            "981122334455",
            "۰۱۱۲۲۳۳۴۴۵۵",
            "٠١١٢٢٣٣٤٤٥٥",
            "011 2233-4455",
            "(011) 22334455",
        ] {
            assert_eq!(normalise(form).as_deref(), Some("01122334455"), "{form}");
        }
        assert_eq!(normalise("02188624168").as_deref(), Some("02188624168"));
    }

    #[test]
    fn mobiles_in_every_form_are_one() {
        for form in [
            "09121234567",
            "+98 912 123 4567",
            "۰۹۱۲۱۲۳۴۵۶۷",
            "9121234567",
        ] {
            assert_eq!(normalise(form).as_deref(), Some("09121234567"), "{form}");
        }
    }

    #[test]
    fn anything_else_is_refused() {
        for bad in [
            "",
            "0",
            "00122334455",
            "0112233445",
            "011223344556",
            "abc",
            "+1 212 555 0100",
            "0912123456",
            "-1122334455",
            "11.22334455",
            "0112233445\u{0}5",
        ] {
            assert_eq!(normalise(bad), None, "{bad}");
        }
    }
}
