//! What identity lets other services show of a user (first and last name,
//! the masked mobile), from its `GET /internal/users?ids=`. smm keeps no
//! copy: tickets and stats ask when they answer, with a short timeout, and
//! show nulls when identity is not set or does not answer in time.

use platform_auth::{InternalKey, INTERNAL_HEADER};
use serde::Deserialize;
use std::collections::HashMap;
use std::time::Duration;

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Person {
    pub id: i64,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    /// Masked by identity (`0912****402`).
    pub mobile: Option<String>,
}

#[derive(Deserialize)]
struct Users {
    users: Vec<Person>,
}

#[derive(Clone)]
pub struct Directory {
    http: reqwest::Client,
    base: Option<String>,
    key: InternalKey,
}

/// identity answers at most this many ids per call.
const PER_CALL: usize = 100;

impl Directory {
    pub fn new(base: Option<&str>, timeout: Duration, key: InternalKey) -> Result<Self, String> {
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .build()
            .map_err(|e| format!("identity_url: no HTTP client: {e}"))?;
        Ok(Directory {
            http,
            base: base.map(|b| b.trim_end_matches('/').to_string()),
            key,
        })
    }

    /// The people of `ids` that identity knows; empty when it is not
    /// configured or fails (logged, without the URL).
    pub async fn lookup(&self, ids: &[i64]) -> HashMap<i64, Person> {
        let mut found = HashMap::new();
        let Some(base) = &self.base else {
            return found;
        };
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        for chunk in ids.chunks(PER_CALL) {
            let list: Vec<String> = chunk.iter().map(i64::to_string).collect();
            let mut request = self
                .http
                .get(format!("{base}/internal/users"))
                .query(&[("ids", list.join(","))]);
            if let Some(secret) = self.key.secret() {
                request = request.header(INTERNAL_HEADER, secret);
            }
            let answer = match request.send().await {
                Ok(res) => res.error_for_status().map_err(reqwest::Error::without_url),
                Err(e) => Err(e.without_url()),
            };
            match answer {
                Ok(res) => match res.json::<Users>().await {
                    Ok(users) => found.extend(users.users.into_iter().map(|p| (p.id, p))),
                    Err(e) => log::warn!(
                        "identity's user look-up answered unreadably: {}",
                        e.without_url()
                    ),
                },
                Err(e) => log::warn!("identity's user look-up failed: {e}"),
            }
        }
        found
    }

    pub async fn one(&self, id: i64) -> Option<Person> {
        self.lookup(&[id]).await.remove(&id)
    }
}
