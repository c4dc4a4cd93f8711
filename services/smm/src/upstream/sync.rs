//! The sync worker: reads the status of every active sent order from its
//! provider, 100 orders per `action=status` call grouped by provider, and
//! applies what changed (`orders::transition`, which refunds exactly
//! once). Each active order is due again `sync_interval` after it was last
//! read, so a provider's change shows within that interval; replicas share
//! the work by claiming due orders with one conditional UPDATE.

use super::client::{Client, Provider};
use crate::caller::now;
use crate::orders::model::{forward, status, Order};
use crate::orders::transition::{self, from_provider, Observed};
use crate::schema::{orders as o, providers as p};
use diesel::prelude::*;
use futures_util::stream::{self, StreamExt};
use platform_db::{AnyConnection, Db, DbError};
use std::collections::HashMap;

/// Orders one pass claims at most.
const CLAIM: i64 = 5_000;
/// Provider calls in flight at once.
const CALLS: usize = 8;

/// The statuses a provider may still change.
const ACTIVE: [&str; 5] = [
    status::PENDING,
    status::PROCESSING,
    status::IN_PROGRESS,
    status::ACTIVE,
    status::PAUSED,
];

pub struct Syncer {
    pub db: Db,
    pub client: Client,
    pub interval_secs: i64,
    pub batch: usize,
    /// Status changes written at once, each its own short transaction:
    /// half the pool, so requests keep the other half.
    pub writes: usize,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Pass {
    /// Orders whose status was asked.
    pub polled: usize,
    /// Orders that changed.
    pub changed: usize,
}

impl Syncer {
    pub async fn pass(&self) -> Result<Pass, DbError> {
        let token = crate::orders::place::new_ids();
        let interval = self.interval_secs;
        let (orders, providers) = self
            .db
            .run(move |conn| claim_due(conn, &token, now(), interval))
            .await?;
        let mut by_provider: HashMap<i64, Vec<Order>> = HashMap::new();
        for order in orders {
            if let Some(provider) = order.api_provider_id {
                by_provider.entry(provider).or_default().push(order);
            }
        }
        let mut calls = Vec::new();
        for (provider_id, orders) in by_provider {
            let Some(provider) = providers.get(&provider_id) else {
                continue;
            };
            for chunk in orders.chunks(self.batch) {
                calls.push((provider.clone(), chunk.to_vec()));
            }
        }
        let polled: usize = calls.iter().map(|(_, c)| c.len()).sum();
        let replies: Vec<Vec<(Order, Observed)>> = stream::iter(calls)
            .map(|(provider, chunk)| self.ask(provider, chunk))
            .buffer_unordered(CALLS)
            .collect()
            .await;
        let changes: Vec<(Order, Observed)> = replies.into_iter().flatten().collect();
        let results: Vec<Result<bool, DbError>> = stream::iter(changes)
            .map(|(order, seen)| {
                let db = self.db.clone();
                async move {
                    let applied = db
                        .run(move |conn| {
                            transition::apply(conn, order.id, &seen, false, now())
                                .map_err(DbError::from)
                        })
                        .await?;
                    Ok(applied != transition::Applied::Unchanged)
                }
            })
            .buffer_unordered(self.writes)
            .collect()
            .await;
        let mut changed = 0;
        for r in results {
            if r? {
                changed += 1;
            }
        }
        Ok(Pass { polled, changed })
    }

    /// One status call; the orders whose reply differs from what is stored.
    async fn ask(&self, provider: Provider, chunk: Vec<Order>) -> Vec<(Order, Observed)> {
        let ids: Vec<i64> = chunk.iter().map(|o| o.api_order_id).collect();
        let replies = match self.client.statuses(&provider, &ids).await {
            Ok(r) => r,
            Err(why) => {
                log::warn!("status of {} orders not read: {why}", ids.len());
                return Vec::new();
            }
        };
        chunk
            .into_iter()
            .filter_map(|order| {
                let remote = match replies.get(&order.api_order_id)? {
                    Ok(remote) => remote,
                    Err(why) => {
                        log::warn!("order {}: provider says {why}", order.id);
                        return None;
                    }
                };
                let Some(new_status) = from_provider(&remote.status) else {
                    log::warn!("order {}: unknown status {:?}", order.id, remote.status);
                    return None;
                };
                let seen = Observed {
                    status: new_status.to_string(),
                    remains: remote.remains,
                    start_count: remote.start_count,
                    posts_done: remote.posts,
                };
                let remains = seen.remains.map(|r| r.clamp(0, order.quantity));
                let unchanged = order.status == seen.status
                    && remains.is_none_or(|r| r == order.remains)
                    && seen
                        .start_count
                        .is_none_or(|s| s.max(0) == order.start_counter)
                    && (seen.posts_done.is_none() || seen.posts_done == order.sub_response_posts);
                (!unchanged).then_some((order, seen))
            })
            .collect()
    }
}

type Claimed = (Vec<Order>, HashMap<i64, Provider>);

fn claim_due(
    conn: &mut AnyConnection,
    token: &str,
    now: i64,
    interval: i64,
) -> Result<Claimed, DbError> {
    let due: Vec<i64> = o::table
        .filter(o::forward.eq(forward::SENT))
        .filter(o::status.eq_any(ACTIVE))
        .filter(o::next_sync_at.le(now))
        .order(o::next_sync_at.asc())
        .limit(CLAIM)
        .select(o::id)
        .load(conn)?;
    if due.is_empty() {
        return Ok((Vec::new(), HashMap::new()));
    }
    for chunk in due.chunks(500) {
        diesel::update(
            o::table
                .filter(o::id.eq_any(chunk))
                .filter(o::next_sync_at.le(now)),
        )
        .set((o::sync_claim.eq(token), o::next_sync_at.eq(now + interval)))
        .execute(conn)?;
    }
    let orders: Vec<Order> = o::table
        .filter(o::sync_claim.eq(token))
        .select(Order::as_select())
        .load(conn)?;
    let providers = p::table
        .select((p::id, p::url, p::api_key))
        .load::<(i64, String, String)>(conn)?
        .into_iter()
        .map(|(id, url, key)| (id, Provider { url, key }))
        .collect();
    Ok((orders, providers))
}
