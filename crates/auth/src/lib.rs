//! Access tokens: the claims identity signs, Ed25519 signing keys and their
//! JWKS, and the verifier the gateway and every service use against
//! identity's `/.well-known/jwks.json`.

mod claims;
mod clock;
mod extract;
mod feed;
pub mod internal;
mod keys;
mod revocation;
mod verifier;

/// The JSON answer of `request`, any failure as text without the URL
/// (URLs may carry credentials).
async fn get_json<T: serde::de::DeserializeOwned>(
    request: reqwest::RequestBuilder,
) -> Result<T, String> {
    request
        .send()
        .await
        .and_then(reqwest::Response::error_for_status)
        .map_err(|e| e.without_url().to_string())?
        .json()
        .await
        .map_err(|e| e.without_url().to_string())
}

pub use claims::{Claims, ADMIN};
pub use clock::{TokenClock, DEFAULT_LEEWAY_SECS, MAX_LEEWAY_SECS};
pub use extract::{ambiguous_authorization, bearer_token, query_username, Admin, Authenticated};
pub use feed::RevocationFeed;
pub use internal::{InternalKey, INTERNAL_HEADER};
pub use keys::{jwks_document, SigningKey};
pub use revocation::{NeverRevoked, RevocationCheck};
pub use verifier::{AuthError, JwksVerifier, VerifierOptions};
