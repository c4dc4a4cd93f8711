use crate::{Claims, TokenClock};
use jsonwebtoken::jwk::{AlgorithmParameters, JwkSet};
use jsonwebtoken::{Algorithm, DecodingKey};
use rustc_hash::FxBuildHasher;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum AuthError {
    #[error("no token")]
    Missing,
    #[error("malformed token")]
    Malformed,
    #[error("token without kid")]
    NoKid,
    #[error("unknown signing key")]
    UnknownKey,
    #[error("algorithm does not match the key")]
    WrongAlgorithm,
    #[error("token rejected: {0}")]
    Invalid(String),
    #[error("token revoked")]
    Revoked,
    /// A good token without the role the route needs.
    #[error("not allowed")]
    Forbidden,
    #[error("signing keys unavailable: {0}")]
    KeysUnavailable(String),
}

impl AuthError {
    /// The identity provider could not be asked: a 503, not the client's fault.
    pub fn is_unavailable(&self) -> bool {
        matches!(self, AuthError::KeysUnavailable(_))
    }
}

#[derive(Debug, Clone)]
pub struct VerifierOptions {
    /// How `exp`, `nbf` and `iat` are judged: the one rule every
    /// component shares.
    pub clock: TokenClock,
    /// An unknown `kid` refetches the JWKS at most this often, so a flood of
    /// made-up kids cannot hammer identity.
    pub refetch_cooldown: Duration,
    /// Keys are refetched on use once older than this, so a key identity
    /// has dropped stops verifying.
    pub max_age: Duration,
    pub fetch_timeout: Duration,
}

impl Default for VerifierOptions {
    fn default() -> Self {
        VerifierOptions {
            clock: TokenClock::default(),
            refetch_cooldown: Duration::from_secs(10),
            max_age: Duration::from_secs(300),
            fetch_timeout: Duration::from_secs(2),
        }
    }
}

struct Key {
    decoding: DecodingKey,
    algorithm: Algorithm,
}

#[derive(Default)]
struct Cache {
    keys: HashMap<String, Arc<Key>>,
    fetched_at: Option<Instant>,
    attempted_at: Option<Instant>,
}

/// Tokens already verified, by their exact text (signature included), so
/// a client's every request does not pay for the signature check again.
/// Cleared whenever the key set changes; bounded by clearing when full.
///
/// FxHash, not the default SipHash: tokens are a few hundred bytes, hashed
/// on every request. Only verified tokens are ever inserted, so a client
/// cannot fill the map with keys chosen to collide.
#[derive(Default)]
struct Verified {
    claims: HashMap<String, Arc<Claims>, FxBuildHasher>,
}

const VERIFIED_MAX: usize = 50_000;

/// Verifies access tokens against a JWKS fetched over HTTP and cached.
pub struct JwksVerifier {
    url: String,
    http: reqwest::Client,
    options: VerifierOptions,
    cache: RwLock<Cache>,
    verified: RwLock<Verified>,
    // one fetch at a time; others wait for it and then use its result
    fetching: tokio::sync::Mutex<()>,
}

impl JwksVerifier {
    #[expect(
        clippy::expect_used,
        reason = "a client with only a timeout set builds; failing means no TLS backend, a broken build"
    )]
    pub fn new(url: impl Into<String>, options: VerifierOptions) -> JwksVerifier {
        JwksVerifier {
            url: url.into(),
            http: reqwest::Client::builder()
                .timeout(options.fetch_timeout)
                .build()
                .expect("a plain reqwest client builds"),
            options,
            cache: RwLock::new(Cache::default()),
            verified: RwLock::new(Verified::default()),
            fetching: tokio::sync::Mutex::new(()),
        }
    }

    /// The token's claims, shared with the cache of verified tokens.
    pub async fn verify(&self, token: &str) -> Result<Arc<Claims>, AuthError> {
        if let Some(claims) = self.already_verified(token) {
            return Ok(claims);
        }
        let claims = Arc::new(self.verify_signature(token).await?);
        let mut verified = self
            .verified
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if verified.claims.len() >= VERIFIED_MAX {
            verified.claims.clear();
        }
        verified
            .claims
            .insert(token.to_string(), Arc::clone(&claims));
        Ok(claims)
    }

    /// A token verified before, if its time window still holds (the same
    /// rule as a full check).
    fn already_verified(&self, token: &str) -> Option<Arc<Claims>> {
        let verified = self
            .verified
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let claims = verified.claims.get(token)?;
        self.options
            .clock
            .check(claims)
            .is_ok()
            .then(|| Arc::clone(claims))
    }

    async fn verify_signature(&self, token: &str) -> Result<Claims, AuthError> {
        let header = jsonwebtoken::decode_header(token).map_err(|_| AuthError::Malformed)?;
        let kid = header.kid.ok_or(AuthError::NoKid)?;
        let key = match self.cached(&kid, false) {
            Some(key) => key,
            None => {
                self.refresh(&kid).await?;
                self.cached(&kid, true).ok_or(AuthError::UnknownKey)?
            }
        };
        // Only the key's own algorithm: `alg: none` and an HS256 token
        // "signed" with the public key both end here.
        if header.alg != key.algorithm {
            return Err(AuthError::WrongAlgorithm);
        }
        let validation = TokenClock::validation(key.algorithm);
        let claims = jsonwebtoken::decode::<Claims>(token, &key.decoding, &validation)
            .map(|data| data.claims)
            .map_err(|e| AuthError::Invalid(e.to_string()))?;
        self.options.clock.check(&claims)?;
        Ok(claims)
    }

    /// The key for `kid` when cached and, unless `stale_ok`, not past max age.
    fn cached(&self, kid: &str, stale_ok: bool) -> Option<Arc<Key>> {
        let cache = self
            .cache
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let fresh = cache
            .fetched_at
            .is_some_and(|at| at.elapsed() < self.options.max_age);
        if !fresh && !stale_ok {
            return None;
        }
        cache.keys.get(kid).cloned()
    }

    async fn refresh(&self, kid: &str) -> Result<(), AuthError> {
        let _one_at_a_time = self.fetching.lock().await;
        {
            let cache = self
                .cache
                .read()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let fresh = cache
                .fetched_at
                .is_some_and(|at| at.elapsed() < self.options.max_age);
            if fresh && cache.keys.contains_key(kid) {
                return Ok(()); // fetched by someone else while we waited
            }
            if cache
                .attempted_at
                .is_some_and(|at| at.elapsed() < self.options.refetch_cooldown)
            {
                return match cache.fetched_at {
                    Some(_) => Ok(()),
                    None => Err(AuthError::KeysUnavailable("no keys fetched yet".into())),
                };
            }
        }
        self.cache
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .attempted_at = Some(Instant::now());
        match self.fetch().await {
            Ok(keys) => {
                let mut cache = self
                    .cache
                    .write()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                let changed = keys.len() != cache.keys.len()
                    || keys.keys().any(|k| !cache.keys.contains_key(k));
                cache.keys = keys;
                cache.fetched_at = Some(Instant::now());
                if changed {
                    // a key that left the set must stop vouching for its tokens
                    self.verified
                        .write()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .claims
                        .clear();
                }
                Ok(())
            }
            Err(e) => {
                log::warn!("fetching the JWKS failed: {e}");
                // keys fetched before keep serving until identity answers again
                match self
                    .cache
                    .read()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .fetched_at
                {
                    Some(_) => Ok(()),
                    None => Err(AuthError::KeysUnavailable(e)),
                }
            }
        }
    }

    async fn fetch(&self) -> Result<HashMap<String, Arc<Key>>, String> {
        let set: JwkSet = crate::get_json(self.http.get(&self.url)).await?;
        let mut keys = HashMap::new();
        for jwk in &set.keys {
            let Some(kid) = jwk.common.key_id.clone() else {
                continue;
            };
            let algorithm = match (&jwk.algorithm, jwk.common.key_algorithm) {
                (AlgorithmParameters::OctetKeyPair(_), _) => Algorithm::EdDSA,
                (AlgorithmParameters::RSA(_), Some(jsonwebtoken::jwk::KeyAlgorithm::RS384)) => {
                    Algorithm::RS384
                }
                (AlgorithmParameters::RSA(_), Some(jsonwebtoken::jwk::KeyAlgorithm::RS512)) => {
                    Algorithm::RS512
                }
                (AlgorithmParameters::RSA(_), _) => Algorithm::RS256,
                (AlgorithmParameters::EllipticCurve(_), _) => Algorithm::ES256,
                // symmetric keys have no place in a public key set
                (AlgorithmParameters::OctetKey(_), _) => continue,
            };
            match DecodingKey::from_jwk(jwk) {
                Ok(decoding) => {
                    keys.insert(
                        kid,
                        Arc::new(Key {
                            decoding,
                            algorithm,
                        }),
                    );
                }
                Err(e) => log::warn!("skipping JWK {kid}: {e}"),
            }
        }
        Ok(keys)
    }
}
