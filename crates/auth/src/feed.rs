use crate::internal::{InternalKey, INTERNAL_HEADER};
use crate::{Claims, RevocationCheck};
use futures_util::future::BoxFuture;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::{Arc, RwLock, Weak};
use std::time::Duration;

/// The revoked tokens, kept in memory from identity's feed
/// (`GET /internal/revocations?after=<seq>`, with the platform's internal
/// credential), polled every few hundred milliseconds. Every gateway replica
/// and every service polls, so a logout is refused everywhere within one
/// interval, with or without Redis, and checking a token costs no network
/// call.
pub struct RevocationFeed {
    revoked: RwLock<HashMap<String, i64>>,
}

#[derive(Deserialize)]
struct Page {
    revocations: Vec<Entry>,
    last: i64,
    /// The highest seq identity ever handed out; below our cursor when the
    /// feed started again. Older identities do not send it.
    #[serde(default)]
    newest: Option<i64>,
}

#[derive(Deserialize)]
struct Entry {
    jti: String,
    exp: i64,
}

const PAGE: usize = 1000;

impl RevocationFeed {
    /// Starts polling `url` on the current runtime, showing `key`; the
    /// poller ends when the feed is dropped.
    pub fn start(url: String, every: Duration, key: InternalKey) -> Arc<RevocationFeed> {
        let feed = Arc::new(RevocationFeed {
            revoked: RwLock::new(HashMap::new()),
        });
        let weak = Arc::downgrade(&feed);
        tokio::spawn(poll(weak, url, every, key));
        feed
    }

    fn contains(&self, jti: &str) -> bool {
        self.revoked
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .contains_key(jti)
    }

    fn absorb(&self, entries: Vec<Entry>, now: i64) {
        let mut revoked = self
            .revoked
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        revoked.retain(|_, exp| *exp > now);
        revoked.extend(
            entries
                .into_iter()
                .filter(|e| e.exp > now)
                .map(|e| (e.jti, e.exp)),
        );
    }
}

#[expect(
    clippy::expect_used,
    reason = "a client with only a timeout set builds; failing means no TLS backend, a broken build"
)]
async fn poll(feed: Weak<RevocationFeed>, url: String, every: Duration, key: InternalKey) {
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(2))
        .build()
        .expect("a plain reqwest client builds");
    let mut after = 0i64;
    let mut failing = false;
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let Some(feed) = feed.upgrade() else { return };
        loop {
            match fetch(&http, &url, after, &key).await {
                Ok(page) => {
                    if failing {
                        log::info!("revocation feed is back");
                        failing = false;
                    }
                    if let Some(newest) = page.newest.filter(|n| *n < after) {
                        // a new or restored identity database numbers its
                        // revocations from below our cursor: without this,
                        // its logouts would go unseen until it caught up
                        log::warn!(
                            "revocation feed started again (newest {newest} < cursor {after}): reading it from the start"
                        );
                        after = 0;
                        continue;
                    }
                    let full = page.revocations.len() >= PAGE;
                    after = after.max(page.last);
                    feed.absorb(page.revocations, now());
                    if !full {
                        break;
                    }
                }
                Err(e) => {
                    if !failing {
                        log::warn!("revocation feed unavailable, keeping what is known: {e}");
                        failing = true;
                    }
                    break;
                }
            }
        }
    }
}

async fn fetch(
    http: &reqwest::Client,
    url: &str,
    after: i64,
    key: &InternalKey,
) -> Result<Page, String> {
    let mut request = http.get(url).query(&[("after", after)]);
    if let Some(secret) = key.secret() {
        request = request.header(INTERNAL_HEADER, secret);
    }
    crate::get_json(request).await
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

impl RevocationCheck for RevocationFeed {
    fn is_revoked<'a>(&'a self, claims: &'a Claims) -> BoxFuture<'a, Result<bool, String>> {
        Box::pin(async move { Ok(self.contains(&claims.jti)) })
    }
}
