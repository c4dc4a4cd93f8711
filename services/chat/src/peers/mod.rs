//! The peers chat shows names from: social's stores (name, avatar,
//! manager) and identity's users (name, avatar), over their internal APIs
//! with the platform's credential, cached briefly.

mod cache;

use crate::error::ChatError;
use cache::Cache;
use platform_auth::{InternalKey, INTERNAL_HEADER};
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashMap;
use std::time::Duration;

/// Ids per call to a peer (identity takes at most 100).
const BATCH: usize = 100;

#[derive(Debug, Clone)]
pub struct Store {
    pub id: i64,
    pub name: String,
    pub avatar: Option<String>,
    /// The user who answers the store's chats.
    pub manager: i64,
}

/// What chat shows of a user.
#[derive(Debug, Clone, Default)]
pub struct Card {
    pub name: String,
    pub avatar: Option<String>,
}

pub struct Peers {
    http: reqwest::Client,
    social: String,
    identity: String,
    key: InternalKey,
    stores: Cache<Store>,
    users: Cache<Card>,
}

#[derive(Deserialize)]
struct Stores {
    stores: Vec<StoreRow>,
}

#[derive(Deserialize)]
struct StoreRow {
    id: Value,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    avatar: Option<String>,
    manager: Value,
}

#[derive(Deserialize)]
struct Users {
    users: Vec<UserRow>,
}

#[derive(Deserialize)]
struct UserRow {
    id: Value,
    first_name: Option<String>,
    last_name: Option<String>,
    avatar: Option<String>,
}

/// An id sent as a number or as digits.
fn id_of(v: &Value) -> Option<i64> {
    v.as_i64().or_else(|| v.as_str()?.trim().parse().ok())
}

impl Peers {
    #[expect(
        clippy::expect_used,
        reason = "a client with only a timeout set builds; failing means no TLS backend, a broken build"
    )]
    pub fn new(settings: &crate::Settings, key: InternalKey) -> Peers {
        let ttl = Duration::from_secs(settings.peer_cache_secs);
        Peers {
            http: reqwest::Client::builder()
                .timeout(Duration::from_millis(settings.peer_timeout_ms))
                .build()
                .expect("a plain reqwest client builds"),
            social: settings.social_url.trim_end_matches('/').to_string(),
            identity: settings.identity_url.trim_end_matches('/').to_string(),
            key,
            stores: Cache::new(ttl),
            users: Cache::new(ttl),
        }
    }

    async fn get<T: serde::de::DeserializeOwned>(&self, url: String) -> Result<T, String> {
        let mut request = self.http.get(url);
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

    /// The stores among `ids` that social knows; `Err` when social does not
    /// answer.
    pub async fn stores(&self, ids: &[i64]) -> Result<HashMap<i64, Store>, ChatError> {
        let (mut found, missing) = self.stores.split(ids);
        for batch in missing.chunks(BATCH) {
            let list = join(batch);
            let answer: Stores = self
                .get(format!("{}/internal/stores?ids={list}", self.social))
                .await
                .map_err(|e| ChatError::peer(format!("social: {e}")))?;
            for row in answer.stores {
                let (Some(id), Some(manager)) = (id_of(&row.id), id_of(&row.manager)) else {
                    continue;
                };
                let store = Store {
                    id,
                    name: row.name.unwrap_or_default(),
                    avatar: row.avatar,
                    manager,
                };
                self.stores.put(id, store.clone());
                found.insert(id, store);
            }
        }
        Ok(found)
    }

    pub async fn store(&self, id: i64) -> Result<Option<Store>, ChatError> {
        Ok(self.stores(&[id]).await?.remove(&id))
    }

    /// Names and avatars of `ids`. When identity does not answer, the
    /// unknown get an empty name: a chat stays readable without it.
    pub async fn users(&self, ids: &[i64]) -> HashMap<i64, Card> {
        let (mut found, missing) = self.users.split(ids);
        for batch in missing.chunks(BATCH) {
            let url = format!("{}/internal/users?ids={}", self.identity, join(batch));
            match self.get::<Users>(url).await {
                Ok(answer) => {
                    for row in answer.users {
                        let Some(id) = id_of(&row.id) else { continue };
                        let name = [row.first_name, row.last_name]
                            .into_iter()
                            .flatten()
                            .filter(|s| !s.trim().is_empty())
                            .collect::<Vec<_>>()
                            .join(" ");
                        let card = Card {
                            name,
                            avatar: row.avatar,
                        };
                        self.users.put(id, card.clone());
                        found.insert(id, card);
                    }
                }
                Err(e) => log::warn!("identity's users unavailable, names left empty: {e}"),
            }
        }
        found
    }
}

fn join(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}
