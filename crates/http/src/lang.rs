use actix_web::HttpRequest;

/// The language of user-facing messages. Persian is the default;
/// `Accept-Language: en` (first preference) gives English where a seed
/// document does not fix the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Fa,
    En,
}

impl Lang {
    pub fn of(req: &HttpRequest) -> Lang {
        Self::from_header(
            req.headers()
                .get(actix_web::http::header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok()),
        )
    }

    pub fn from_header(value: Option<&str>) -> Lang {
        let first = value.and_then(|v| v.split(',').next()).map(|tag| {
            tag.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        });
        match first.as_deref() {
            Some(tag) if tag == "en" || tag.starts_with("en-") => Lang::En,
            _ => Lang::Fa,
        }
    }

    /// Picks the text for this language.
    pub fn pick<'a>(self, fa: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Fa => fa,
            Lang::En => en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_only_when_asked_first() {
        assert_eq!(Lang::from_header(None), Lang::Fa);
        assert_eq!(Lang::from_header(Some("en")), Lang::En);
        assert_eq!(Lang::from_header(Some("en-US,fa;q=0.5")), Lang::En);
        assert_eq!(Lang::from_header(Some("fa,en;q=0.9")), Lang::Fa);
        assert_eq!(Lang::from_header(Some("de")), Lang::Fa);
    }
}
