//! `action=add` and `action=status`.

use super::{order_ids, Ids, Reply};
use crate::caller::now;
use crate::input::Params;
use crate::money::Money;
use crate::orders::model::{status, Order};
use crate::orders::place::{self, Placement, Source};
use crate::orders::request::Request;
use crate::schema::orders as o;
use crate::state::State;
use crate::SmmError;
use diesel::prelude::*;
use platform_db::Db;
use serde::Serialize;
use std::collections::BTreeMap;

pub async fn add(
    db: &Db,
    state: &State,
    user: i64,
    params: &mut Params,
) -> Result<Reply, SmmError> {
    let request = Request::from_reseller(params);
    let Some(request) = request.filter(|_| !params.has_errors()) else {
        return Err(super::error("Incorrect request parameters"));
    };
    let placement = Placement {
        user_id: user,
        source: Source::Api,
        request,
        idempotency_key: None,
        max_runs: state.max_runs,
        now: now(),
    };
    let order = db.run(move |conn| place::place(conn, placement)).await?;
    state.forwarder.wake();
    Ok(Reply::Added { order: order.id })
}

/// One order's status as the protocol writes it, or its error.
#[derive(Serialize)]
#[serde(untagged)]
pub enum StatusItem {
    Found {
        charge: String,
        start_count: String,
        status: &'static str,
        remains: String,
        currency: String,
    },
    Error {
        error: &'static str,
    },
}

/// The protocol's words for the panel's statuses.
fn display(status: &str) -> &'static str {
    match status {
        status::IN_PROGRESS => "In progress",
        status::PROCESSING => "Processing",
        status::COMPLETED => "Completed",
        status::PARTIAL => "Partial",
        status::CANCELED => "Canceled",
        status::ACTIVE => "Active",
        status::PAUSED => "Paused",
        status::EXPIRED => "Expired",
        _ => "Pending",
    }
}

pub async fn status(
    db: &Db,
    state: &State,
    user: i64,
    params: &mut Params,
) -> Result<Reply, SmmError> {
    let ids = order_ids(params, "order", "orders")?;
    let wanted = match &ids {
        Ids::One(id) => vec![*id],
        Ids::Many(ids) => ids.clone(),
    };
    let found: Vec<Order> = db
        .run(move |conn| -> Result<Vec<Order>, SmmError> {
            Ok(o::table
                .filter(o::id.eq_any(&wanted))
                .filter(o::uid.eq(user))
                .select(Order::as_select())
                .load(conn)?)
        })
        .await?;
    let item = |id: i64| match found.iter().find(|o| o.id == id) {
        Some(order) => StatusItem::Found {
            charge: Money(order.charge - order.refunded).decimal_text(),
            start_count: order.start_counter.to_string(),
            status: display(&order.status),
            remains: order.remains.to_string(),
            currency: state.currency.clone(),
        },
        None => StatusItem::Error {
            error: "Incorrect order ID",
        },
    };
    Ok(match ids {
        Ids::One(id) => match item(id) {
            StatusItem::Error { .. } => return Err(SmmError::order_not_found()),
            found => Reply::Status(found),
        },
        Ids::Many(ids) => Reply::Statuses(
            ids.into_iter()
                .map(|id| (id.to_string(), item(id)))
                .collect::<BTreeMap<_, _>>(),
        ),
    })
}
