use crate::Claims;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use ring::signature::{Ed25519KeyPair, KeyPair};
use serde_json::{json, Value};

/// An Ed25519 signing key (EdDSA). Its `kid` is derived from the public key,
/// so the same key always has the same id.
pub struct SigningKey {
    kid: String,
    pkcs8: Vec<u8>,
    public: Vec<u8>,
    encoding: EncodingKey,
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningKey")
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

impl SigningKey {
    #[expect(
        clippy::expect_used,
        reason = "without the system's random numbers no key can be made at all"
    )]
    pub fn generate() -> SigningKey {
        let rng = ring::rand::SystemRandom::new();
        let doc = Ed25519KeyPair::generate_pkcs8(&rng).expect("the system RNG works");
        Self::from_pkcs8(doc.as_ref()).expect("a key ring just made is valid")
    }

    /// Reads a PKCS#8 DER Ed25519 key (what [`SigningKey::pkcs8`] writes).
    pub fn from_pkcs8(der: &[u8]) -> Result<SigningKey, String> {
        let pair = Ed25519KeyPair::from_pkcs8_maybe_unchecked(der)
            .map_err(|e| format!("not an Ed25519 PKCS#8 key: {e}"))?;
        let public = pair.public_key().as_ref().to_vec();
        let digest = ring::digest::digest(&ring::digest::SHA256, &public);
        Ok(SigningKey {
            kid: URL_SAFE_NO_PAD.encode(&digest.as_ref()[..12]),
            pkcs8: der.to_vec(),
            public,
            encoding: EncodingKey::from_ed_der(der),
        })
    }

    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// The private key as PKCS#8 DER, for storing it.
    pub fn pkcs8(&self) -> &[u8] {
        &self.pkcs8
    }

    /// The public key as a JWK.
    pub fn jwk(&self) -> Value {
        json!({
            "kty": "OKP",
            "crv": "Ed25519",
            "x": URL_SAFE_NO_PAD.encode(&self.public),
            "kid": self.kid,
            "alg": "EdDSA",
            "use": "sig",
        })
    }

    #[expect(
        clippy::expect_used,
        reason = "Ed25519 signing of serializable claims cannot fail"
    )]
    pub fn sign(&self, claims: &Claims) -> String {
        let mut header = Header::new(Algorithm::EdDSA);
        header.kid = Some(self.kid.clone());
        jsonwebtoken::encode(&header, claims, &self.encoding).expect("Ed25519 signing cannot fail")
    }
}

/// `{"keys":[...]}` for the given keys, as `/.well-known/jwks.json` serves it.
pub fn jwks_document<'a>(keys: impl IntoIterator<Item = &'a SigningKey>) -> Value {
    json!({ "keys": keys.into_iter().map(SigningKey::jwk).collect::<Vec<_>>() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_key_comes_back_with_the_same_kid() {
        let key = SigningKey::generate();
        let again = SigningKey::from_pkcs8(key.pkcs8()).unwrap();
        assert_eq!(key.kid(), again.kid());
        assert_eq!(key.jwk(), again.jwk());
        assert!(SigningKey::from_pkcs8(b"nonsense").is_err());
    }
}
