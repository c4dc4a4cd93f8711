//! One clock for tokens. The gateway, identity and every service judge a
//! token's time claims by the same rule with the same leeway, so a token
//! cannot be good at one component and refused at the next because their
//! checks differ.

use crate::{AuthError, Claims};

/// The clock skew allowed between the signer and a verifier, unless
/// settings say otherwise: a few seconds, for hosts kept in sync by NTP.
pub const DEFAULT_LEEWAY_SECS: u64 = 5;

/// The most leeway settings may give: more would keep logged-out or
/// expired tokens alive for noticeably long.
pub const MAX_LEEWAY_SECS: u64 = 60;

/// The time rule for access tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenClock {
    leeway: i64,
}

impl Default for TokenClock {
    fn default() -> Self {
        TokenClock::new(DEFAULT_LEEWAY_SECS)
    }
}

impl TokenClock {
    pub fn new(leeway_secs: u64) -> TokenClock {
        TokenClock {
            leeway: leeway_secs.min(MAX_LEEWAY_SECS) as i64,
        }
    }

    /// A settings value for the leeway, checked; the message names `key`.
    pub fn from_setting(key: &str, leeway_secs: u64) -> Result<TokenClock, String> {
        if leeway_secs > MAX_LEEWAY_SECS {
            return Err(format!(
                "{key}: {leeway_secs} is more than {MAX_LEEWAY_SECS} seconds"
            ));
        }
        Ok(TokenClock::new(leeway_secs))
    }

    pub fn leeway_secs(&self) -> u64 {
        self.leeway as u64
    }

    /// Whether `claims` are in date now: not expired, not before `nbf`, and
    /// not issued in the future, each give or take the leeway.
    pub fn check(&self, claims: &Claims) -> Result<(), AuthError> {
        self.check_at(claims, crate::claims::now())
    }

    pub fn check_at(&self, claims: &Claims, now: i64) -> Result<(), AuthError> {
        if claims.exp.saturating_add(self.leeway) <= now {
            return Err(AuthError::Invalid("expired".into()));
        }
        if claims
            .nbf
            .is_some_and(|nbf| nbf.saturating_sub(self.leeway) > now)
        {
            return Err(AuthError::Invalid("not yet valid".into()));
        }
        // a token from the future was signed by a clock no component shares,
        // or made to outlive its stated lifetime
        if claims.iat.saturating_sub(self.leeway) > now {
            return Err(AuthError::Invalid("issued in the future".into()));
        }
        Ok(())
    }

    /// The signature-only validation to decode with: time claims are left
    /// to [`TokenClock::check`], so every component applies the same rule.
    pub fn validation(algorithm: jsonwebtoken::Algorithm) -> jsonwebtoken::Validation {
        let mut validation = jsonwebtoken::Validation::new(algorithm);
        validation.validate_exp = false;
        validation.validate_nbf = false;
        validation.leeway = 0;
        validation.set_required_spec_claims(&["exp", "sub"]);
        validation
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(iat: i64, exp: i64, nbf: Option<i64>) -> Claims {
        Claims {
            sub: "1".into(),
            jti: "j".into(),
            iat,
            exp,
            nbf,
            role: "user".into(),
            username: None,
        }
    }

    #[test]
    fn exp_nbf_and_iat_are_judged_with_one_leeway() {
        let clock = TokenClock::new(5);
        let now = 1_000_000;
        assert!(clock.check_at(&claims(now, now + 60, None), now).is_ok());
        // expired, inside and outside the leeway
        assert!(clock
            .check_at(&claims(now - 100, now - 4, None), now)
            .is_ok());
        assert!(clock
            .check_at(&claims(now - 100, now - 5, None), now)
            .is_err());
        assert!(clock
            .check_at(&claims(now - 100, now - 30, None), now)
            .is_err());
        // not yet valid
        assert!(clock
            .check_at(&claims(now, now + 60, Some(now + 5)), now)
            .is_ok());
        assert!(clock
            .check_at(&claims(now, now + 60, Some(now + 6)), now)
            .is_err());
        assert!(clock
            .check_at(&claims(now, now + 60, Some(now + 30)), now)
            .is_err());
        // issued in the future
        assert!(clock
            .check_at(&claims(now + 5, now + 60, None), now)
            .is_ok());
        assert!(clock
            .check_at(&claims(now + 6, now + 3600, None), now)
            .is_err());
        assert!(clock
            .check_at(&claims(now + 3600, now + 7200, None), now)
            .is_err());
    }

    #[test]
    fn settings_past_the_bound_are_refused() {
        assert!(TokenClock::from_setting("token_leeway_secs", 61).is_err());
        assert_eq!(
            TokenClock::from_setting("token_leeway_secs", 3)
                .unwrap()
                .leeway_secs(),
            3
        );
    }
}
