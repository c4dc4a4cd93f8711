//! The list's query parameters: filters and paging.

use crate::rules::{FieldErrors, Rule};
use crate::InvoicingError;
use platform_validate::{ascii_digits, iranian_mobile, is_clean_text};
use std::collections::HashMap;

pub const DEFAULT_LIMIT: u64 = 10;
pub const MAX_LIMIT: u64 = 100;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListParams {
    /// Compared without regard to case.
    pub email: Option<String>,
    /// Normalised as stored; a value that is no mobile number is compared
    /// as given and so matches nothing.
    pub mobile: Option<String>,
    /// Contained in the company name.
    pub company: Option<String>,
    /// Contained in the name, company, e-mail or mobile.
    pub q: Option<String>,
    pub limit: i64,
    /// Rows skipped: `offset + (page - 1) * limit`.
    pub start: i64,
}

impl ListParams {
    /// Parameters other than the documented ones (`access_token` sent
    /// straight to the service, cache busters) are ignored. A parameter sent
    /// empty counts as not sent; every bad one is listed (400).
    pub fn parse(query: &str) -> Result<ListParams, InvoicingError> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).map_err(|_| {
            InvoicingError::Unreadable(FieldErrors::single("query", Rule::MalformedForm))
        })?;
        let params: HashMap<String, String> = pairs
            .into_iter()
            .map(|(k, v)| (k, v.trim().to_string()))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        let text = |key: &str| params.get(key).cloned();
        let mut errors = FieldErrors::default();
        for key in ["email", "mobile", "company", "q"] {
            if params.get(key).is_some_and(|v| !is_clean_text(v, false)) {
                errors.add(key, Rule::ControlCharacters);
            }
        }
        let mut number = |key: &'static str, default: u64| match params.get(key) {
            None => Some(default),
            Some(raw) => whole_number(raw).map_err(|rule| errors.add(key, rule)).ok(),
        };
        let limit = number("limit", DEFAULT_LIMIT);
        let offset = number("offset", 0);
        let page = number("page", 1);
        let limit = limit.filter(|l| {
            let ok = (1..=MAX_LIMIT).contains(l);
            if !ok {
                errors.add(
                    "limit",
                    Rule::Range {
                        min: 1,
                        max: MAX_LIMIT,
                    },
                );
            }
            ok
        });
        let page = page.filter(|p| {
            if *p == 0 {
                errors.add("page", Rule::AtLeast(1));
            }
            *p > 0
        });
        let start = match (limit, offset, page) {
            (Some(limit), Some(offset), Some(page)) => {
                let start = (page - 1)
                    .checked_mul(limit)
                    .and_then(|skip| skip.checked_add(offset))
                    .filter(|s| i64::try_from(*s).is_ok());
                if start.is_none() {
                    errors.add(if page > 1 { "page" } else { "offset" }, Rule::TooLarge);
                }
                start
            }
            _ => None,
        };
        errors.or_fail(InvoicingError::Unreadable)?;
        let (Some(limit), Some(start)) = (limit, start) else {
            unreachable!("a missing value was listed as an error")
        };
        Ok(ListParams {
            email: text("email"),
            mobile: text("mobile").map(|m| iranian_mobile(&m).unwrap_or(m)),
            company: text("company"),
            q: text("q"),
            limit: limit as i64,
            start: start as i64,
        })
    }
}

/// ASCII, Persian or Arabic-Indic digits only: no sign, no fraction.
fn whole_number(raw: &str) -> Result<u64, Rule> {
    let digits = ascii_digits(raw);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Rule::WholeNumber);
    }
    digits.parse().map_err(|_| Rule::TooLarge)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(query: &str) -> Vec<String> {
        match ListParams::parse(query) {
            Err(InvoicingError::Unreadable(errors)) => {
                let json = errors.render(platform_http::Dialect::Ledger, platform_http::Lang::En);
                json.as_object().unwrap().keys().cloned().collect()
            }
            other => panic!("{query}: {other:?}"),
        }
    }

    #[test]
    fn defaults_and_page_arithmetic() {
        let p = ListParams::parse("access_token=x&limit=").unwrap();
        assert_eq!((p.limit, p.start), (10, 0));
        let p = ListParams::parse("limit=20&page=3").unwrap();
        assert_eq!((p.limit, p.start), (20, 40));
        let p = ListParams::parse("limit=5&page=2&offset=1").unwrap();
        assert_eq!((p.limit, p.start), (5, 6));
        let p = ListParams::parse("limit=۱۰۰&mobile=%2B989121234567").unwrap();
        assert_eq!(p.limit, 100);
        assert_eq!(p.mobile.as_deref(), Some("09121234567"));
    }

    #[test]
    fn every_bad_number_is_listed() {
        assert_eq!(refused("limit=101"), ["limit"]);
        assert_eq!(refused("limit=0"), ["limit"]);
        assert_eq!(
            refused("limit=-1&offset=1.5&page=abc"),
            ["limit", "offset", "page"]
        );
        assert_eq!(refused("page=0"), ["page"]);
        assert_eq!(refused("offset=99999999999999999999"), ["offset"]);
        assert_eq!(refused("offset=9223372036854775807&page=2"), ["page"]);
    }
}
