//! Display names and avatars from identity (`GET /internal/users?ids=`),
//! for comment writers and store-message senders. Lists never fail for
//! want of them: when identity is slow or down they show nulls.

use platform_auth::{InternalKey, INTERNAL_HEADER};
use serde::Deserialize;
use std::collections::HashMap;
use std::time::Duration;

/// identity's page size for look-ups.
const MAX_IDS: usize = 100;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Person {
    /// First and last name, as the app's `userTitle` and `senderName`.
    pub title: Option<String>,
    pub avatar: Option<String>,
}

#[derive(Clone)]
pub struct People {
    client: reqwest::Client,
    users_url: String,
    key: InternalKey,
}

#[derive(Deserialize)]
struct Users {
    users: Vec<User>,
}

#[derive(Deserialize)]
struct User {
    id: i64,
    first_name: Option<String>,
    last_name: Option<String>,
    avatar: Option<String>,
}

impl People {
    pub fn new(identity_url: &str, timeout: Duration, key: InternalKey) -> Result<People, String> {
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .build()
            .map_err(|e| format!("identity_timeout_ms: {e}"))?;
        Ok(People {
            client,
            users_url: format!("{}/internal/users", identity_url.trim_end_matches('/')),
            key,
        })
    }

    /// The people of `ids` that identity knows; `Err` when it did not
    /// answer.
    pub async fn lookup(&self, ids: &[i64]) -> Result<HashMap<i64, Person>, String> {
        let mut ids: Vec<i64> = ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        let mut found = HashMap::new();
        for chunk in ids.chunks(MAX_IDS) {
            let list = chunk
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(",");
            let mut request = self.client.get(&self.users_url).query(&[("ids", list)]);
            if let Some(secret) = self.key.secret() {
                request = request.header(INTERNAL_HEADER, secret);
            }
            let users: Users = request
                .send()
                .await
                .and_then(reqwest::Response::error_for_status)
                .map_err(|e| e.without_url().to_string())?
                .json()
                .await
                .map_err(|e| e.without_url().to_string())?;
            for u in users.users {
                let name = [u.first_name, u.last_name]
                    .into_iter()
                    .flatten()
                    .filter(|n| !n.trim().is_empty())
                    .collect::<Vec<_>>()
                    .join(" ");
                found.insert(
                    u.id,
                    Person {
                        title: (!name.is_empty()).then_some(name),
                        avatar: u.avatar,
                    },
                );
            }
        }
        Ok(found)
    }

    /// As [`People::lookup`], nulls (and one warning) when identity does
    /// not answer.
    pub async fn names(&self, ids: &[i64]) -> HashMap<i64, Person> {
        if ids.is_empty() {
            return HashMap::new();
        }
        self.lookup(ids).await.unwrap_or_else(|e| {
            log::warn!("identity's names are unavailable: {e}");
            HashMap::new()
        })
    }
}
