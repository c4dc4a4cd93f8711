//! What a `username` may be: an Iranian mobile (any of its written forms,
//! in any digit set) or an e-mail address.

use platform_validate::{iranian_mobile, is_email};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Username {
    /// Normalised to `09XXXXXXXXX`.
    Mobile(String),
    /// Lower-cased, so one address is one account whatever its spelling.
    Email(String),
}

impl Username {
    pub fn parse(raw: &str) -> Option<Username> {
        // longer than any e-mail: refused before any other work
        if raw.len() > 254 {
            return None;
        }
        if let Some(mobile) = iranian_mobile(raw) {
            return Some(Username::Mobile(mobile));
        }
        let trimmed = raw.trim();
        is_email(trimmed).then(|| Username::Email(trimmed.to_lowercase()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobiles_emails_and_nothing_else() {
        assert_eq!(
            Username::parse("+98 912 000 1122"),
            Some(Username::Mobile("09120001122".into()))
        );
        assert_eq!(
            Username::parse(" Ali@Example.COM "),
            Some(Username::Email("ali@example.com".into()))
        );
        assert_eq!(Username::parse("ali"), None);
        assert_eq!(Username::parse(&"9".repeat(300)), None);
    }
}
