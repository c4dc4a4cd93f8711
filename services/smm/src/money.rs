//! Money: whole thousandths of a Toman in an `i64`, so a charge such as 15
//! units of a 1-Toman-per-1000 service (0.015 Toman) is exact and sums never
//! drift. Clients see Toman as a JSON number (`352`, `7.5`), the way seed 002
//! writes balances and charges; the reseller API shows it as a string
//! (`"7.500"`), the way that protocol writes rates and charges.

use serde::{Serialize, Serializer};

/// Thousandths of a Toman in one Toman.
pub const SCALE: i64 = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Money(pub i64);

impl Money {
    pub fn toman(whole: i64) -> Money {
        Money(whole.saturating_mul(SCALE))
    }

    /// Reads `352`, `7.5`, `0.015`, `-20` (a JSON number's or a form's
    /// text). More than three decimals, exponents, or a value past
    /// 10^12 Toman is `None`: money is never rounded on the way in.
    pub fn parse(text: &str) -> Option<Money> {
        let text = text.trim();
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let ascii = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || whole.len() > 12 || fraction.len() > 3 || !ascii(whole) {
            return None;
        }
        if !ascii(fraction) {
            return None;
        }
        let whole: i64 = whole.parse().ok()?;
        let mut thousandths: i64 = 0;
        for (i, b) in fraction.bytes().enumerate() {
            thousandths += i64::from(b - b'0') * 10_i64.pow(2 - i as u32);
        }
        let value = whole * SCALE + thousandths;
        Some(Money(if negative { -value } else { value }))
    }

    /// As a JSON number of Toman. The value is exact in thousandths; the
    /// shortest decimal that reads back as the same double is the exact
    /// decimal for every amount below 2^53 thousandths.
    pub fn as_toman_f64(self) -> f64 {
        self.0 as f64 / SCALE as f64
    }

    /// `7.500`, `-0.015`: the reseller protocol's strings.
    pub fn decimal_text(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{}.{:03}", abs / SCALE as u64, abs % SCALE as u64)
    }

    /// What `quantity` units cost at `rate` per 1000 units, rounded up to
    /// the thousandth so the panel never sells below its price.
    pub fn for_quantity(rate: Money, quantity: i64) -> Money {
        let product = i128::from(rate.0) * i128::from(quantity);
        Money(div_ceil(product, 1000))
    }

    /// What `units` undelivered units give back at `rate` per 1000,
    /// rounded down so a refund never exceeds what was charged for them.
    pub fn refund_for(rate: Money, units: i64) -> Money {
        let product = i128::from(rate.0) * i128::from(units.max(0));
        Money(i64::try_from(product / 1000).unwrap_or(i64::MAX))
    }

    /// `self` less `percent` per cent, rounded up.
    pub fn discounted(self, percent: i32) -> Money {
        let keep = i128::from(100 - percent.clamp(0, 100));
        Money(div_ceil(i128::from(self.0) * keep, 100))
    }

    /// `self × part / whole`, rounded down (a share of a charge).
    pub fn share(self, part: i64, whole: i64) -> Money {
        if whole <= 0 {
            return Money(0);
        }
        let part = part.clamp(0, whole);
        Money(i64::try_from(i128::from(self.0) * i128::from(part) / i128::from(whole)).unwrap_or(0))
    }
}

fn div_ceil(n: i128, d: i128) -> i64 {
    let q = if n >= 0 { (n + d - 1) / d } else { n / d };
    i64::try_from(q).unwrap_or(i64::MAX)
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0 % SCALE == 0 {
            s.serialize_i64(self.0 / SCALE)
        } else {
            s.serialize_f64(self.as_toman_f64())
        }
    }
}

impl utoipa::PartialSchema for Money {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::Number)
            .description(Some("Toman, exact to a thousandth"))
            .into()
    }
}

impl utoipa::ToSchema for Money {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_exact_amounts_only() {
        assert_eq!(Money::parse("352"), Some(Money(352_000)));
        assert_eq!(Money::parse("7.5"), Some(Money(7_500)));
        assert_eq!(Money::parse("0.015"), Some(Money(15)));
        assert_eq!(Money::parse("-20"), Some(Money(-20_000)));
        for bad in [
            "",
            "1.2345",
            "1e3",
            "abc",
            ".5",
            "-",
            "1234567890123",
            " 1 2",
        ] {
            assert_eq!(Money::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn charges_round_up_and_refunds_round_down() {
        // seed 002: quantity 100 of a service priced 500 costs 50
        assert_eq!(
            Money::for_quantity(Money::toman(500), 100),
            Money::toman(50)
        );
        assert_eq!(Money::for_quantity(Money::toman(1), 15), Money(15));
        assert_eq!(Money::for_quantity(Money(1), 1), Money(1));
        assert_eq!(Money::refund_for(Money(1), 1), Money(0));
        assert_eq!(Money::refund_for(Money::toman(500), -5), Money(0));
        assert_eq!(Money::toman(100).discounted(12), Money::toman(88));
        assert_eq!(Money(1).discounted(50), Money(1));
        assert_eq!(Money(1000).share(1, 3), Money(333));
    }

    #[test]
    fn renders_as_the_seed_does() {
        let json = |m: Money| serde_json::to_string(&m).unwrap();
        assert_eq!(json(Money::toman(352)), "352");
        assert_eq!(json(Money(7_500)), "7.5");
        assert_eq!(json(Money(15)), "0.015");
        assert_eq!(Money(7_500).decimal_text(), "7.500");
        assert_eq!(Money(-15).decimal_text(), "-0.015");
    }
}
