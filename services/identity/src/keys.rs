//! The signing keys. Several may be known at once: all are published in the
//! JWKS, so tokens signed by an older key keep verifying until they expire,
//! and one (the newest unless `active_kid` says otherwise) signs new tokens.
//! Rotation: add a key file whose name sorts last, restart; drop the old
//! file once the longest token lifetime has passed.

use crate::settings::Settings;
use base64::Engine;
use jsonwebtoken::jwk::Jwk;
use jsonwebtoken::{Algorithm, DecodingKey};
use platform_auth::{jwks_document, Claims, SigningKey, TokenClock};
use std::path::Path;

pub struct KeyRing {
    keys: Vec<(SigningKey, DecodingKey)>,
    active: usize,
}

impl KeyRing {
    /// Keys from `keys_dir` (`*.der`, in file-name order) then from
    /// `signing_keys`; a fresh key written to `keys_dir` when there are none
    /// and `generate_keys` is on.
    pub fn load(settings: &Settings) -> Result<KeyRing, String> {
        let dir = Path::new(&settings.keys_dir);
        let mut keys = read_dir_keys(dir)?;
        if let Some(list) = &settings.signing_keys {
            for (i, encoded) in list
                .expose()
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .enumerate()
            {
                let der = base64::engine::general_purpose::STANDARD
                    .decode(encoded)
                    .map_err(|e| format!("signing_keys: key {}: not base64: {e}", i + 1))?;
                let key = SigningKey::from_pkcs8(&der)
                    .map_err(|e| format!("signing_keys: key {}: {e}", i + 1))?;
                keys.push(key);
            }
        }
        if keys.is_empty() {
            if !settings.generate_keys {
                return Err(format!(
                    "keys_dir: no signing key (*.der) in {} and signing_keys is unset",
                    dir.display()
                ));
            }
            let key = SigningKey::generate();
            let name = format!("ed25519-{:012}.der", crate::db::now());
            write_secret(dir, &name, key.pkcs8())
                .map_err(|e| format!("keys_dir: writing a new key into {}: {e}", dir.display()))?;
            log::info!("generated signing key {} in {}", key.kid(), dir.display());
            keys.push(key);
        }
        KeyRing::new(keys, settings.active_kid.as_deref())
    }

    /// `keys` in age order (the last is the newest).
    pub fn new(keys: Vec<SigningKey>, active_kid: Option<&str>) -> Result<KeyRing, String> {
        let mut ring: Vec<(SigningKey, DecodingKey)> = Vec::new();
        for key in keys {
            // the same key given as a file and in settings is one key
            if ring.iter().any(|(k, _)| k.kid() == key.kid()) {
                continue;
            }
            let jwk: Jwk = serde_json::from_value(key.jwk()).map_err(|e| e.to_string())?;
            let decoding = DecodingKey::from_jwk(&jwk).map_err(|e| e.to_string())?;
            ring.push((key, decoding));
        }
        let active = match active_kid {
            Some(kid) => ring
                .iter()
                .position(|(k, _)| k.kid() == kid)
                .ok_or_else(|| format!("active_kid: no key has kid `{kid}`"))?,
            None => ring.len().checked_sub(1).ok_or("no signing key")?,
        };
        Ok(KeyRing { keys: ring, active })
    }

    pub fn active(&self) -> &SigningKey {
        &self.keys[self.active].0
    }

    pub fn jwks(&self) -> serde_json::Value {
        jwks_document(self.keys.iter().map(|(k, _)| k))
    }

    pub fn sign(&self, claims: &Claims) -> String {
        self.active().sign(claims)
    }

    /// The claims of a token one of our keys signed and that is in date by
    /// `clock`, the rule every component shares.
    pub fn verify(&self, token: &str, clock: &TokenClock) -> Option<Claims> {
        let header = jsonwebtoken::decode_header(token).ok()?;
        // only EdDSA: `alg: none` or HS256 "signed" with a public key end here
        if header.alg != Algorithm::EdDSA {
            return None;
        }
        let kid = header.kid?;
        let (_, decoding) = self.keys.iter().find(|(k, _)| k.kid() == kid)?;
        let validation = TokenClock::validation(Algorithm::EdDSA);
        let claims = jsonwebtoken::decode::<Claims>(token, decoding, &validation)
            .ok()?
            .claims;
        clock.check(&claims).ok()?;
        Some(claims)
    }
}

fn read_dir_keys(dir: &Path) -> Result<Vec<SigningKey>, String> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(format!("keys_dir: reading {}: {e}", dir.display())),
    };
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "der"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let der = std::fs::read(path)
                .map_err(|e| format!("keys_dir: reading {}: {e}", path.display()))?;
            SigningKey::from_pkcs8(&der).map_err(|e| format!("keys_dir: {}: {e}", path.display()))
        })
        .collect()
}

/// Writes a new file readable by its owner only; never replaces one.
pub(crate) fn write_secret(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    std::fs::create_dir_all(dir)?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(dir.join(name))?;
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_key_signs_and_all_verify() {
        let old = SigningKey::generate();
        let new = SigningKey::generate();
        let old_ring =
            KeyRing::new(vec![SigningKey::from_pkcs8(old.pkcs8()).unwrap()], None).unwrap();
        let claims = Claims::new("7", "user", 600);
        let old_token = old_ring.sign(&claims);

        let (old_kid, new_kid) = (old.kid().to_string(), new.kid().to_string());
        let ring = KeyRing::new(vec![old, new], None).unwrap();
        assert_eq!(ring.active().kid(), new_kid);
        assert_eq!(
            ring.verify(&old_token, &TokenClock::default()).unwrap().sub,
            "7"
        );
        assert_eq!(ring.jwks()["keys"].as_array().unwrap().len(), 2);

        let pinned = KeyRing::new(
            ring.keys
                .iter()
                .map(|(k, _)| SigningKey::from_pkcs8(k.pkcs8()).unwrap())
                .collect(),
            Some(&old_kid),
        )
        .unwrap();
        assert_eq!(pinned.active().kid(), old_kid);
        assert!(KeyRing::new(vec![SigningKey::generate()], Some("nope")).is_err());
    }

    #[test]
    fn foreign_and_expired_tokens_fail() {
        let ring = KeyRing::new(vec![SigningKey::generate()], None).unwrap();
        let stranger = SigningKey::generate();
        assert!(ring
            .verify(
                &stranger.sign(&Claims::new("1", "user", 600)),
                &TokenClock::default()
            )
            .is_none());
        let mut old = Claims::new("1", "user", 600);
        old.exp = old.iat - 60;
        assert!(ring
            .verify(&ring.sign(&old), &TokenClock::default())
            .is_none());
        assert!(ring.verify("not.a.token", &TokenClock::default()).is_none());
    }
}
