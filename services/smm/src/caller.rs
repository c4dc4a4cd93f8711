//! Who is calling: the account id of a verified token.

use crate::SmmError;
use platform_auth::Claims;
use platform_service::BaseError;

/// identity's accounts have numeric ids; a token whose subject is not one
/// was not issued for this panel.
pub fn user_id(claims: &Claims) -> Result<i64, SmmError> {
    claims
        .sub
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or(SmmError::Base(BaseError::Unauthorized))
}

pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}
