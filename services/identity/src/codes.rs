//! One-time codes: made by the operating system's CSPRNG, stored only as a
//! keyed hash (HMAC-SHA256), compared in constant time, and sent through the
//! configured SMS provider under the resend cooldown and per-address limits.

use crate::db::{self, codes::Issued};
use crate::error::IdentityError;
use crate::settings::Settings;
use crate::state::State;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, Mac};
use rand::Rng;
use sha2::Sha256;
use std::path::Path;
use subtle::ConstantTimeEq;

const KEY_FILE: &str = "code-hash.key";

pub struct CodeHasher {
    key: Vec<u8>,
}

impl CodeHasher {
    pub fn new(key: Vec<u8>) -> CodeHasher {
        CodeHasher { key }
    }

    /// `code_hash_key` from settings, or in embedded mode the key stored in
    /// `keys_dir` (made on first run), so codes survive a restart.
    pub fn load(settings: &Settings) -> Result<CodeHasher, String> {
        if let Some(key) = &settings.code_hash_key {
            return Ok(CodeHasher::new(key.expose().as_bytes().to_vec()));
        }
        let dir = Path::new(&settings.keys_dir);
        let path = dir.join(KEY_FILE);
        match std::fs::read(&path) {
            Ok(key) if key.len() >= 32 => return Ok(CodeHasher::new(key)),
            Ok(_) => {
                return Err(format!(
                    "keys_dir: {} is shorter than 32 bytes",
                    path.display()
                ))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(format!("keys_dir: reading {}: {e}", path.display())),
        }
        let mut key = vec![0u8; 32];
        rand::rngs::OsRng.fill(&mut key[..]);
        crate::keys::write_secret(dir, KEY_FILE, &key)
            .map_err(|e| format!("keys_dir: writing {}: {e}", path.display()))?;
        Ok(CodeHasher::new(key))
    }

    fn mac(&self, receptor: &str, code: &str) -> Vec<u8> {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.key)
            .expect("HMAC takes a key of any length");
        // the receptor is bound in, so a stored hash is worthless for any
        // other number
        mac.update(receptor.as_bytes());
        mac.update(&[0]);
        mac.update(code.as_bytes());
        mac.finalize().into_bytes().to_vec()
    }

    pub fn hash(&self, receptor: &str, code: &str) -> String {
        STANDARD.encode(self.mac(receptor, code))
    }

    pub fn matches(&self, receptor: &str, code: &str, stored: &str) -> bool {
        let Ok(stored) = STANDARD.decode(stored) else {
            return false;
        };
        self.mac(receptor, code).ct_eq(&stored).into()
    }
}

/// `length` decimal digits, each uniform, from the OS CSPRNG.
pub fn generate(length: usize) -> String {
    let mut rng = rand::rngs::OsRng;
    (0..length)
        .map(|_| char::from(b'0' + rng.gen_range(0..10u8)))
        .collect()
}

/// Sends a new code to `receptor` and returns when it expires. `client` is
/// the requesting address, for the per-address limit. A code for the
/// pending mobile of an account carries that account in `user_id`.
pub async fn send(
    state: &State,
    receptor: &str,
    purpose: &'static str,
    user_id: Option<i64>,
    client: &str,
) -> Result<i64, IdentityError> {
    if !state
        .limiter
        .allow(&state.db, client, &state.limits)
        .await?
    {
        // the window ends at the next multiple of its length
        let window = state.limits.address_window_secs;
        return Err(IdentityError::TooSoon {
            retry_after: window - db::now() % window,
        });
    }
    let now = db::now();
    let code = generate(state.code.length);
    let row = db::codes::Code {
        receptor: receptor.to_string(),
        code_id: uuid::Uuid::new_v4().to_string(),
        code_hash: state.hasher.hash(receptor, &code),
        purpose: purpose.to_string(),
        user_id,
        expires_at: now + state.code.lifetime_secs,
        attempts: 0,
        consumed_at: None,
        cooldown_until: now + state.code.resend_cooldown_secs,
    };
    let expires_at = row.expires_at;
    let (receptor_owned, code_id) = (row.receptor.clone(), row.code_id.clone());
    let issued = state
        .db
        .run(move |conn| db::codes::issue(conn, &row, now).map_err(IdentityError::from))
        .await?;
    if let Issued::TooSoon(retry_after) = issued {
        return Err(IdentityError::TooSoon { retry_after });
    }
    if let Err(e) = state.sms.send(receptor, &code).await {
        // the user did not get the code: it must not start their cooldown
        state
            .db
            .run(move |conn| {
                db::codes::withdraw(conn, &receptor_owned, &code_id).map_err(IdentityError::from)
            })
            .await?;
        return Err(IdentityError::SmsUnavailable(e.to_string()));
    }
    Ok(expires_at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_have_the_length_asked_and_only_digits() {
        for len in [4, 6, 10] {
            let code = generate(len);
            assert_eq!(code.len(), len);
            assert!(code.bytes().all(|b| b.is_ascii_digit()));
        }
        // 20 codes of 10 digits all equal would mean a broken generator
        let many: std::collections::HashSet<_> = (0..20).map(|_| generate(10)).collect();
        assert!(many.len() > 1);
    }

    #[test]
    fn hashes_are_keyed_and_bound_to_the_receptor() {
        let a = CodeHasher::new(vec![1; 32]);
        let b = CodeHasher::new(vec![2; 32]);
        let stored = a.hash("09120000000", "123456");
        assert!(!stored.contains("123456"));
        assert!(a.matches("09120000000", "123456", &stored));
        assert!(!a.matches("09120000000", "123457", &stored));
        assert!(!a.matches("09120000001", "123456", &stored));
        assert!(!b.matches("09120000000", "123456", &stored));
        assert!(!a.matches("09120000000", "123456", "%%%"));
    }
}
