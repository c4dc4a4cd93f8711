//! The wallet fields of the panel's user object (`balance`, `spent`,
//! `custom_rate`, `api_key`) belong to smm. Each profile reply asks smm's
//! `GET /internal/wallets/{user_id}` with a short timeout; when smm is slow,
//! down or answers nonsense, the reply shows the last values smm gave for
//! that user, or nulls when there are none, and never fails for it.

use crate::settings::Settings;
use platform_auth::{InternalKey, INTERNAL_HEADER};
use serde::Deserialize;
use serde_json::Number;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

/// The most users whose last wallet is remembered (about 100 bytes each).
const REMEMBERED: usize = 100_000;

/// One user's wallet as smm reports it. Amounts stay the JSON numbers smm
/// wrote (Toman, maybe with decimals), so `352` is shown as `352`, not
/// `352.0`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Wallet {
    pub balance: Number,
    pub spent: Number,
    /// Percent off every charge.
    pub custom_rate: i64,
    /// Already masked by smm.
    pub api_key: Option<String>,
}

pub struct Wallets {
    smm: Option<Smm>,
    known: Mutex<Known>,
    /// Set while smm fails, so a burst of failures logs one warning.
    failing: AtomicBool,
}

struct Smm {
    http: reqwest::Client,
    base: String,
    key: InternalKey,
}

/// Two generations: a lookup checks both, and when the young one is full
/// it becomes the old one and the old one is dropped. At most `REMEMBERED`
/// entries, and the users seen lately survive a turnover.
#[derive(Default)]
struct Known {
    young: HashMap<i64, Wallet>,
    old: HashMap<i64, Wallet>,
}

impl Known {
    fn get(&self, user_id: i64) -> Option<Wallet> {
        self.young
            .get(&user_id)
            .or_else(|| self.old.get(&user_id))
            .cloned()
    }

    fn put(&mut self, user_id: i64, wallet: Wallet) {
        if self.young.len() >= REMEMBERED / 2 && !self.young.contains_key(&user_id) {
            self.old = std::mem::take(&mut self.young);
        }
        self.old.remove(&user_id);
        self.young.insert(user_id, wallet);
    }
}

impl Wallets {
    /// Asks smm when `smm_url` is set, showing `key`.
    pub fn new(settings: &Settings, key: InternalKey) -> Result<Wallets, String> {
        let smm = match &settings.smm_url {
            Some(base) => Some(Smm {
                http: reqwest::Client::builder()
                    .timeout(Duration::from_millis(settings.smm_timeout_ms))
                    .build()
                    .map_err(|e| format!("smm_url: no HTTP client: {e}"))?,
                base: base.trim_end_matches('/').to_string(),
                key,
            }),
            None => None,
        };
        Ok(Wallets {
            smm,
            known: Mutex::default(),
            failing: AtomicBool::new(false),
        })
    }

    /// `user_id`'s wallet now, else the last one smm gave, else `None`.
    pub async fn of(&self, user_id: i64) -> Option<Wallet> {
        let smm = self.smm.as_ref()?;
        match smm.fetch(user_id).await {
            Ok(wallet) => {
                if self.failing.swap(false, Ordering::Relaxed) {
                    log::info!("smm answers wallet look-ups again");
                }
                self.known().put(user_id, wallet.clone());
                Some(wallet)
            }
            Err(e) => {
                if !self.failing.swap(true, Ordering::Relaxed) {
                    log::warn!("smm wallet look-up failed, showing last known values: {e}");
                }
                self.known().get(user_id)
            }
        }
    }

    fn known(&self) -> std::sync::MutexGuard<'_, Known> {
        self.known.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Smm {
    /// Errors leave the URL out, as every outgoing call's log lines do.
    async fn fetch(&self, user_id: i64) -> Result<Wallet, String> {
        let mut request = self
            .http
            .get(format!("{}/internal/wallets/{user_id}", self.base));
        if let Some(secret) = self.key.secret() {
            request = request.header(INTERNAL_HEADER, secret);
        }
        request
            .send()
            .await
            .and_then(reqwest::Response::error_for_status)
            .map_err(|e| e.without_url().to_string())?
            .json()
            .await
            .map_err(|e| e.without_url().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wallet(balance: u64) -> Wallet {
        Wallet {
            balance: balance.into(),
            spent: 0.into(),
            custom_rate: 0,
            api_key: None,
        }
    }

    #[test]
    fn the_memory_stays_bounded_and_keeps_recent_users() {
        let mut known = Known::default();
        for id in 0..(REMEMBERED as i64 * 3) {
            known.put(id, wallet(id as u64));
            assert!(known.young.len() + known.old.len() <= REMEMBERED);
        }
        // the last half of the entries is young, the half before it old
        let last = REMEMBERED as i64 * 3 - 1;
        let older = last - REMEMBERED as i64 / 2;
        assert_eq!(known.get(last), Some(wallet(last as u64)));
        assert_eq!(known.get(older), Some(wallet(older as u64)));
        assert_eq!(known.get(0), None);
    }

    #[test]
    fn a_new_value_replaces_the_old_generations_copy() {
        let mut known = Known::default();
        known.put(1, wallet(1));
        for id in 2..=(REMEMBERED as i64 / 2) {
            known.put(id, wallet(0));
        }
        // young is full: the next new user turns it into old
        known.put(-1, wallet(0));
        assert!(known.old.contains_key(&1));
        known.put(1, wallet(2));
        assert_eq!(known.get(1), Some(wallet(2)));
        assert!(!known.old.contains_key(&1));
    }

    #[test]
    fn amounts_keep_how_smm_wrote_them() {
        let w: Wallet = serde_json::from_str(
            r#"{"balance":352,"spent":1200.5,"custom_rate":0,"api_key":"a1b2****"}"#,
        )
        .unwrap();
        assert_eq!(serde_json::to_string(&w.balance).unwrap(), "352");
        assert_eq!(serde_json::to_string(&w.spent).unwrap(), "1200.5");
    }
}
