//! An order's status changing, from its provider's reply or an operator,
//! with the refund that goes with it, exactly once.
//!
//! The refund an order is owed is a function of its status and remains:
//! partial gives back `remains × rate / 1000` (computed as
//! `charge × remains / quantity`, rounded down, remains clamped to
//! 0..=quantity), canceled gives back everything, a subscription that
//! expires or is canceled gives back its unused posts. `refunded` holds
//! what was already given back; a change books only the difference, and
//! only through an UPDATE conditional on the status and `refunded` it
//! read, so two replicas (or a poll and an operator) applying the same
//! reply book it once, and a poll after the order is final changes
//! nothing.

use super::model::{status, Order};
use crate::kinds::ServiceKind;
use crate::money::Money;
use crate::notifications::{notify, text};
use crate::schema::orders as o;
use crate::stats;
use crate::wallet::{self, Entry, Kind};
use diesel::prelude::*;
use platform_db::AnyConnection;

/// What a provider (or an operator) says of an order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Observed {
    /// One of [`status::ALL`].
    pub status: String,
    pub remains: Option<i64>,
    pub start_count: Option<i64>,
    /// A subscription's posts done so far.
    pub posts_done: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// Nothing new: the same status, an order already final, or another
    /// worker got there first.
    Unchanged,
    Changed {
        refund: Money,
    },
}

/// The provider protocol's status words in the panel's spelling.
pub fn from_provider(text: &str) -> Option<&'static str> {
    let t = text
        .trim()
        .to_ascii_lowercase()
        .replace([' ', '_', '-'], "");
    Some(match t.as_str() {
        "pending" => status::PENDING,
        "inprogress" => status::IN_PROGRESS,
        "processing" => status::PROCESSING,
        "completed" | "complete" => status::COMPLETED,
        "partial" => status::PARTIAL,
        "canceled" | "cancelled" | "refunded" => status::CANCELED,
        "active" => status::ACTIVE,
        "paused" => status::PAUSED,
        "expired" => status::EXPIRED,
        _ => return None,
    })
}

/// What `order` is owed back in `new_status` with `remains` undelivered.
pub fn refund_owed(
    order: &Order,
    new_status: &str,
    remains: i64,
    posts_done: Option<i64>,
) -> Money {
    let charge = Money(order.charge);
    let subscription = order.service_type == ServiceKind::Subscriptions.as_str();
    let owed = match new_status {
        status::CANCELED | status::EXPIRED if subscription => match order.sub_posts {
            Some(posts) => {
                let done = posts_done.or(order.sub_response_posts).unwrap_or(0);
                charge.share(posts - done.clamp(0, posts), posts)
            }
            None => charge,
        },
        status::CANCELED => charge,
        status::PARTIAL => charge.share(remains.clamp(0, order.quantity), order.quantity),
        _ => Money(0),
    };
    owed.max(Money(order.refunded))
}

/// Applies `seen` to order `id`. `operator` lets a final order change
/// again (an operator correcting it); a provider's reply never does.
pub fn apply(
    conn: &mut AnyConnection,
    id: i64,
    seen: &Observed,
    operator: bool,
    now: i64,
) -> QueryResult<Applied> {
    conn.write_transaction(|c| apply_in(c, id, seen, operator, now))
}

/// [`apply`] inside the caller's write transaction.
pub fn apply_in(
    c: &mut AnyConnection,
    id: i64,
    seen: &Observed,
    operator: bool,
    now: i64,
) -> QueryResult<Applied> {
    {
        let order: Order = o::table.find(id).select(Order::as_select()).first(c)?;
        if status::is_final(&order.status) && !operator {
            return Ok(Applied::Unchanged);
        }
        let remains = seen
            .remains
            .unwrap_or(order.remains)
            .clamp(0, order.quantity);
        let start = seen.start_count.unwrap_or(order.start_counter).max(0);
        let posts = seen.posts_done.or(order.sub_response_posts);
        let same = order.status == seen.status
            && order.remains == remains
            && order.start_counter == start
            && order.sub_response_posts == posts;
        if same {
            return Ok(Applied::Unchanged);
        }
        let owed = refund_owed(&order, &seen.status, remains, posts);
        let subscription = order.service_type == ServiceKind::Subscriptions.as_str();
        let n = diesel::update(
            o::table
                .find(id)
                .filter(o::status.eq(&order.status))
                .filter(o::refunded.eq(order.refunded)),
        )
        .set((
            o::status.eq(&seen.status),
            o::remains.eq(remains),
            o::start_counter.eq(start),
            o::refunded.eq(owed.0),
            o::sub_response_posts.eq(posts),
            o::sub_status.eq(subscription.then_some(seen.status.as_str())),
            o::changed.eq(now),
        ))
        .execute(c)?;
        if n == 0 {
            return Ok(Applied::Unchanged);
        }
        let refund = Money(owed.0 - order.refunded);
        tell(c, &order, &seen.status, refund, now)?;
        if refund.0 > 0 {
            stats::record(c, order.created, order.uid, order.service_id, 0, -refund.0)?;
            wallet::credit(
                c,
                &Entry {
                    user_id: order.uid,
                    kind: Kind::Refund,
                    amount: refund,
                    order_id: Some(id),
                    reference: Some(format!("refund:{id}:{}", owed.0)),
                    reason: &seen.status,
                },
                now,
            )?;
        }
        Ok(Applied::Changed { refund })
    }
}

/// The notification of a change the user cares about: completed, partial
/// or canceled (with what came back), once, in the change's transaction.
fn tell(
    c: &mut AnyConnection,
    order: &Order,
    new_status: &str,
    refund: Money,
    now: i64,
) -> QueryResult<()> {
    if order.status == new_status {
        return Ok(());
    }
    let message = match new_status {
        status::COMPLETED => text::completed(order.id),
        status::PARTIAL => text::partial(order.id, refund),
        status::CANCELED => text::canceled(order.id, refund),
        _ => return Ok(()),
    };
    notify(c, order.uid, &message, now)
}
