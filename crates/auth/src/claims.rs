use serde::{Deserialize, Serialize};

/// The claims of an access token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// The user id.
    pub sub: String,
    /// The token id, the key of revocation.
    pub jti: String,
    pub iat: i64,
    pub exp: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nbf: Option<i64>,
    #[serde(default = "default_role")]
    pub role: String,
    /// The account's mobile when the token was signed: the bazaar apps send
    /// it as `username` beside the token, and a `username` that is not the
    /// token's is refused (`Authenticated`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
}

fn default_role() -> String {
    "user".to_string()
}

impl Claims {
    /// Claims for `sub` valid from now for `lifetime_secs`, with a fresh `jti`.
    pub fn new(sub: impl Into<String>, role: impl Into<String>, lifetime_secs: i64) -> Claims {
        let now = now();
        Claims {
            sub: sub.into(),
            jti: uuid::Uuid::new_v4().to_string(),
            iat: now,
            exp: now + lifetime_secs,
            nbf: None,
            role: role.into(),
            username: None,
        }
    }

    /// The same claims naming the account's mobile.
    pub fn with_username(mut self, username: impl Into<String>) -> Claims {
        self.username = Some(username.into());
        self
    }

    pub fn is_admin(&self) -> bool {
        self.role == ADMIN
    }
}

/// The role that operators' tokens carry.
pub const ADMIN: &str = "admin";

pub(crate) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}
