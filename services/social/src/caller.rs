//! Who is calling: identity's numeric account id from a verified token,
//! and the app's role number for broadcasts addressed to a role.

use crate::SocialError;
use platform_auth::Claims;
use platform_service::BaseError;

/// The app's role numbers (seed 000's broadcasts go to role 8, its
/// customers); the platform's `admin` role is the app's operators, 1.
pub const CUSTOMER_ROLE: i64 = 8;
pub const OPERATOR_ROLE: i64 = 1;

/// identity's accounts have numeric ids; a token whose subject is not one
/// was not issued for this app.
pub fn user_id(claims: &Claims) -> Result<i64, SocialError> {
    claims
        .sub
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or(SocialError::Base(BaseError::Unauthorized))
}

pub fn role_number(claims: &Claims) -> i64 {
    if claims.is_admin() {
        OPERATOR_ROLE
    } else {
        CUSTOMER_ROLE
    }
}
