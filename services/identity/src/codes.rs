//! One-time codes: made by the operating system's CSPRNG, stored only as a
//! keyed hash (HMAC-SHA256), compared in constant time, and sent through the
//! configured SMS provider under the resend cooldown and per-address limits.

use crate::db::{self, codes::Issued};
use crate::error::IdentityError;
use crate::limiter::Bucket;
use crate::mail::Mail;
use crate::settings::Settings;
use crate::sms::Sms;
use crate::state::State;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, Mac};
use platform_db::AnyConnection;
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

    /// `code_hash_key` from settings, else the file `code-hash.key` in
    /// `keys_dir` (a Secret mounted beside the signing keys), so codes
    /// survive a restart. Only with `generate_keys` is a missing file made:
    /// production mounts `keys_dir` read-only and nothing is written there.
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
        if !settings.generate_keys {
            return Err(format!(
                "code_hash_key: unset, and no {KEY_FILE} in keys_dir {} \
                 (generate_keys is false, so none is made)",
                dir.display()
            ));
        }
        let mut key = vec![0u8; 32];
        rand::rngs::OsRng.fill(&mut key[..]);
        crate::keys::write_secret(dir, KEY_FILE, &key)
            .map_err(|e| format!("keys_dir: writing {}: {e}", path.display()))?;
        Ok(CodeHasher::new(key))
    }

    #[expect(clippy::expect_used, reason = "HMAC takes a key of any length")]
    fn mac(&self, receptor: &str, code: &str) -> Vec<u8> {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.key)
            .expect("HMAC takes a key of any length");
        // the receptor (`Purpose::bound`) is bound in, so a stored hash is
        // worthless for any other number or purpose
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

/// The contact a change confirms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Contact {
    Mobile,
    Email,
}

impl Contact {
    pub fn name(self) -> &'static str {
        match self {
            Contact::Mobile => "mobile",
            Contact::Email => "email",
        }
    }
}

/// What a code is for. It decides the code's slot (one live code per
/// slot, each slot its own cooldown), what the stored hash is bound to, and
/// the message that carries it, so a code of one purpose is worth nothing
/// for another.
#[derive(Debug, Clone)]
pub enum Purpose {
    /// Logging in, or signing up, with this mobile.
    Login { mobile: String },
    /// Confirming that the account `user_id` holds `value`, its new
    /// `contact`. `account` names the account in the message (its masked
    /// current mobile), so the receiver can tell it is no login code.
    Change {
        user_id: i64,
        contact: Contact,
        value: String,
        account: String,
    },
}

impl Purpose {
    /// The code's slot in `login_codes`. A change's slot is never a mobile
    /// number, so a login can never find a change's code, and a change
    /// never starts or shares the cooldown of anybody's login.
    pub fn slot(&self) -> String {
        match self {
            Purpose::Login { mobile } => mobile.clone(),
            Purpose::Change {
                user_id, contact, ..
            } => change_slot(*user_id, *contact),
        }
    }

    /// What the hash binds the code to: a change's code is only good for
    /// the value it was sent to.
    pub fn bound(&self) -> String {
        match self {
            Purpose::Login { mobile } => mobile.clone(),
            Purpose::Change { value, .. } => format!("{}:{value}", self.slot()),
        }
    }
}

pub fn change_slot(user_id: i64, contact: Contact) -> String {
    format!("change:{}:{user_id}", contact.name())
}

/// Sends a new code for `purpose` and returns when it expires. `client` is
/// the requesting address, for the per-address limit.
pub async fn send(state: &State, purpose: &Purpose, client: &str) -> Result<i64, IdentityError> {
    if !state
        .limiter
        .allow(&state.db, Bucket::Sends, client, &state.limits)
        .await?
    {
        return Err(IdentityError::TooSoon {
            retry_after: state.limits.window_left(),
        });
    }
    let now = db::now();
    let code = generate(state.code.length);
    let row = db::codes::Code {
        receptor: purpose.slot(),
        code_id: uuid::Uuid::new_v4().to_string(),
        code_hash: state.hasher.hash(&purpose.bound(), &code),
        expires_at: now + state.code.lifetime_secs,
        attempts: 0,
        consumed_at: None,
        cooldown_until: now + state.code.resend_cooldown_secs,
    };
    let expires_at = row.expires_at;
    let (slot, code_id) = (row.receptor.clone(), row.code_id.clone());
    let issued = state
        .db
        .run(move |conn| db::codes::issue(conn, &row, now).map_err(IdentityError::from))
        .await?;
    if let Issued::TooSoon(retry_after) = issued {
        return Err(IdentityError::TooSoon { retry_after });
    }
    let delivered = match purpose {
        Purpose::Login { mobile } => state
            .sms
            .send(&Sms::login(mobile, &code))
            .await
            .map_err(|e| e.to_string()),
        Purpose::Change {
            contact: Contact::Mobile,
            value,
            account,
            ..
        } => state
            .sms
            .send(&Sms::change(value, &code, account))
            .await
            .map_err(|e| e.to_string()),
        Purpose::Change {
            contact: Contact::Email,
            value,
            account,
            ..
        } => state
            .mail
            .send(&Mail::change(value, &code, account))
            .await
            .map_err(|e| e.to_string()),
    };
    if let Err(e) = delivered {
        // the user did not get the code: it must not start their cooldown
        state
            .db
            .run(move |conn| {
                db::codes::withdraw(conn, &slot, &code_id).map_err(IdentityError::from)
            })
            .await?;
        return Err(IdentityError::SmsUnavailable(e));
    }
    Ok(expires_at)
}

/// What a code typed for a purpose turned out to be.
pub enum Checked {
    /// The slot holds no code that may still be tried (none sent, used,
    /// expired or out of attempts): nothing was compared.
    NoLiveCode,
    /// A live code, and this was not it. `first` when this was the code's
    /// first wrong guess, so a code counts once against its account however
    /// many of its attempts fail.
    Wrong { first: bool },
    /// The right code; the caller consumes it (`db::codes::consume`) in the
    /// transaction that acts on it.
    Right { code_id: String },
}

/// Compares `code` with the live code for `purpose`, after taking one of
/// its attempts.
pub fn check(
    conn: &mut AnyConnection,
    state: &State,
    purpose: &Purpose,
    code: &str,
    now: i64,
) -> Result<Checked, IdentityError> {
    let slot = purpose.slot();
    let Some(live) = db::codes::current(conn, &slot)? else {
        return Ok(Checked::NoLiveCode);
    };
    let max = state.code.max_attempts;
    let Some(attempt) = db::codes::take_attempt(conn, &slot, &live.code_id, max, now)? else {
        return Ok(Checked::NoLiveCode);
    };
    if !state
        .hasher
        .matches(&purpose.bound(), code, &live.code_hash)
    {
        // a right code is consumed on its attempt, so every attempt before
        // it was wrong: the first attempt is the first wrong guess
        return Ok(Checked::Wrong {
            first: attempt == 1,
        });
    }
    Ok(Checked::Right {
        code_id: live.code_id,
    })
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

    fn listing(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn production_reads_the_code_hash_key_from_the_mount_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(KEY_FILE), [7u8; 32]).unwrap();
        let settings = Settings {
            keys_dir: dir.path().display().to_string(),
            generate_keys: false,
            ..Settings::default()
        };
        let from_file = CodeHasher::load(&settings).unwrap();
        assert_eq!(from_file.key, vec![7u8; 32]);
        assert_eq!(listing(dir.path()), [KEY_FILE]);
        // the setting, when given, wins over the file
        let given = Settings {
            code_hash_key: Some(platform_settings::Secret::new("k".repeat(32))),
            ..settings
        };
        assert_eq!(CodeHasher::load(&given).unwrap().key, b"k".repeat(32));
    }

    #[test]
    fn production_without_a_code_hash_key_stops_instead_of_writing_one() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("ed25519-1.der"), b"mounted").unwrap();
        let settings = Settings {
            keys_dir: dir.path().display().to_string(),
            generate_keys: false,
            ..Settings::default()
        };
        let err = CodeHasher::load(&settings).err().unwrap();
        assert!(err.starts_with("code_hash_key"), "{err}");
        assert_eq!(listing(dir.path()), ["ed25519-1.der"]);
        // embedded mode makes it once and reads it back after a restart
        let embedded = Settings {
            generate_keys: true,
            ..settings
        };
        let made = CodeHasher::load(&embedded).unwrap();
        assert_eq!(listing(dir.path()), [KEY_FILE, "ed25519-1.der"]);
        assert_eq!(CodeHasher::load(&embedded).unwrap().key, made.key);
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
