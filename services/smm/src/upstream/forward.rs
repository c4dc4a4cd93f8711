//! The forwarding worker: sends waiting orders of `api` services to their
//! provider (`action=add`) and stores the provider's order id.
//!
//! The protocol has no idempotency key, so a send must never be repeated
//! blindly. A worker claims an order with one conditional UPDATE
//! (`waiting` → `sending`, with its claim token and a lease), so two
//! replicas never both send it. Then:
//! - the provider's order id: `sent`;
//! - the provider's `{"error"}`: `failed`, and the order canceled with its
//!   full refund in the same transaction;
//! - no connection made: back to `waiting`, tried again later;
//! - a timeout or broken reply after the request left: `review`, for an
//!   operator, because the provider may have taken it;
//! - a claim whose lease ran out (a worker that died mid-send): `review`.

use super::client::{Client, Outcome, Provider};
use crate::caller::now;
use crate::kinds::ServiceKind;
use crate::orders::model::{forward, status, Order};
use crate::orders::transition::{self, Observed};
use crate::schema::{orders as o, providers as p};
use diesel::prelude::*;
use platform_db::{AnyConnection, Db, DbError};

/// Orders one pass claims at most.
const BATCH: i64 = 50;
/// How long after a failed connection an order is tried again.
const RETRY_SECS: i64 = 10;

pub struct Forwarder {
    pub db: Db,
    pub client: Client,
    /// Longer than any send can take (the provider timeout and margin).
    pub lease_secs: i64,
}

impl Forwarder {
    /// One pass: expired claims to review, then claim and send.
    pub async fn pass(&self) -> Result<usize, DbError> {
        let lease = self.lease_secs;
        let claim = crate::orders::place::new_ids();
        let token = claim.clone();
        let claimed = self
            .db
            .run(
                move |conn| -> Result<Vec<(Order, Option<Provider>)>, DbError> {
                    expire_claims(conn, now())?;
                    Ok(claim_batch(conn, &token, now(), lease)?)
                },
            )
            .await?;
        let count = claimed.len();
        for (order, provider) in claimed {
            let outcome = match provider {
                Some(provider) => self.client.add(&provider, &add_params(&order)).await,
                None => Outcome::Refused("the service's provider no longer exists".into()),
            };
            let claim = claim.clone();
            self.db
                .run(move |conn| settle(conn, &order, &claim, outcome, now()))
                .await?;
        }
        Ok(count)
    }
}

fn expire_claims(conn: &mut AnyConnection, now: i64) -> QueryResult<usize> {
    diesel::update(
        o::table
            .filter(o::forward.eq(forward::SENDING))
            .filter(o::lease_until.lt(now)),
    )
    .set((
        o::forward.eq(forward::REVIEW),
        o::note.eq("the send's outcome is unknown: its worker stopped mid-send"),
        o::changed.eq(now),
    ))
    .execute(conn)
}

fn claim_batch(
    conn: &mut AnyConnection,
    token: &str,
    now: i64,
    lease: i64,
) -> QueryResult<Vec<(Order, Option<Provider>)>> {
    let candidates: Vec<i64> = o::table
        .filter(o::forward.eq(forward::WAITING))
        .filter(o::lease_until.le(now))
        .order(o::id.asc())
        .limit(BATCH)
        .select(o::id)
        .load(conn)?;
    if candidates.is_empty() {
        return Ok(Vec::new());
    }
    // the condition is checked again under each row's lock: a row another
    // replica claimed meanwhile is left out
    diesel::update(
        o::table
            .filter(o::id.eq_any(&candidates))
            .filter(o::forward.eq(forward::WAITING))
            .filter(o::lease_until.le(now)),
    )
    .set((
        o::forward.eq(forward::SENDING),
        o::forward_claim.eq(token),
        o::lease_until.eq(now + lease),
        o::attempts.eq(o::attempts + 1),
    ))
    .execute(conn)?;
    let mine: Vec<Order> = o::table
        .filter(o::forward_claim.eq(token))
        .filter(o::forward.eq(forward::SENDING))
        .select(Order::as_select())
        .load(conn)?;
    let mut out = Vec::with_capacity(mine.len());
    for order in mine {
        let provider = match order.api_provider_id {
            Some(id) => p::table
                .find(id)
                .select((p::url, p::api_key))
                .first::<(String, String)>(conn)
                .optional()?
                .map(|(url, key)| Provider { url, key }),
            None => None,
        };
        out.push((order, provider));
    }
    Ok(out)
}

/// Records what the send gave, only while the claim is still this
/// worker's.
fn settle(
    conn: &mut AnyConnection,
    order: &Order,
    claim: &str,
    outcome: Outcome<i64>,
    now: i64,
) -> Result<(), DbError> {
    let mine = o::table
        .find(order.id)
        .filter(o::forward.eq(forward::SENDING))
        .filter(o::forward_claim.eq(claim));
    match outcome {
        Outcome::Done(upstream_id) => {
            diesel::update(mine)
                .set((
                    o::forward.eq(forward::SENT),
                    o::api_order_id.eq(upstream_id),
                    o::next_sync_at.eq(now),
                    o::changed.eq(now),
                ))
                .execute(conn)?;
        }
        Outcome::NotSent(why) => {
            log::warn!(
                "order {}: provider unreachable, trying again: {why}",
                order.id
            );
            diesel::update(mine)
                .set((
                    o::forward.eq(forward::WAITING),
                    o::lease_until.eq(now + RETRY_SECS),
                ))
                .execute(conn)?;
        }
        Outcome::Unknown(why) => {
            log::warn!(
                "order {}: send outcome unknown, held for review: {why}",
                order.id
            );
            diesel::update(mine)
                .set((
                    o::forward.eq(forward::REVIEW),
                    o::note.eq(format!("send outcome unknown: {why}")),
                    o::changed.eq(now),
                ))
                .execute(conn)?;
        }
        Outcome::Refused(why) => {
            conn.write_transaction(|c| -> Result<(), DbError> {
                let n = diesel::update(mine)
                    .set((
                        o::forward.eq(forward::FAILED),
                        o::note.eq(format!("provider refused: {why}")),
                    ))
                    .execute(c)?;
                if n == 1 {
                    let canceled = Observed {
                        status: status::CANCELED.into(),
                        ..Observed::default()
                    };
                    transition::apply_in(c, order.id, &canceled, false, now)?;
                }
                Ok(())
            })?;
        }
    }
    Ok(())
}

/// The `add` parameters of `order`'s type (reference: smm.md).
pub fn add_params(order: &Order) -> Vec<(&'static str, String)> {
    let mut form = vec![("service", order.api_service_id.clone().unwrap_or_default())];
    let mut put = |name: &'static str, value: &Option<String>| {
        if let Some(v) = value {
            form.push((name, v.clone()));
        }
    };
    let kind = ServiceKind::parse(&order.service_type).unwrap_or(ServiceKind::Default);
    if kind != ServiceKind::Subscriptions {
        put("link", &order.link);
    }
    match kind {
        ServiceKind::Package => {}
        ServiceKind::CustomComments | ServiceKind::CustomCommentsPackage => {
            put("comments", &order.comments)
        }
        ServiceKind::MentionsCustomList => put("usernames", &order.usernames),
        ServiceKind::MentionsWithHashtags => {
            put("usernames", &order.usernames);
            put("hashtags", &order.hashtags);
        }
        ServiceKind::MentionsHashtag => put("hashtag", &order.hashtag),
        ServiceKind::MentionsUserFollowers | ServiceKind::CommentLikes => {
            put("username", &order.username)
        }
        ServiceKind::MentionsMediaLikers => put("media", &order.media),
        ServiceKind::Subscriptions => {
            put("username", &order.username);
            let number = |n: Option<i64>| n.map(|n| n.to_string());
            put("min", &number(order.sub_min));
            put("max", &number(order.sub_max));
            put("posts", &number(order.sub_posts));
            put("delay", &number(order.sub_delay));
            put("expiry", &order.sub_expiry);
        }
        ServiceKind::Default => {}
    }
    if kind.quantity_from_input() {
        let per_run = if order.is_drip_feed == 1 {
            order.dripfeed_quantity
        } else {
            order.quantity
        };
        form.push(("quantity", per_run.to_string()));
    }
    if order.is_drip_feed == 1 {
        form.push(("runs", order.runs.to_string()));
        form.push(("interval", order.run_interval.to_string()));
    }
    form
}
