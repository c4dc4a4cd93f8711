//! Access tokens: the claims identity signs, Ed25519 signing keys and their
//! JWKS, and the verifier the gateway and every service use against
//! identity's `/.well-known/jwks.json`.

mod claims;
mod clock;
mod extract;
mod keys;
mod revocation;
mod verifier;

pub use claims::Claims;
pub use clock::{TokenClock, DEFAULT_LEEWAY_SECS, MAX_LEEWAY_SECS};
pub use extract::{ambiguous_authorization, bearer_token, Authenticated};
pub use keys::{jwks_document, SigningKey};
pub use revocation::{NeverRevoked, RevocationCheck};
pub use verifier::{AuthError, JwksVerifier, VerifierOptions};
