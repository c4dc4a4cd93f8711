//! `action=refill`, `action=refill_status` and `action=cancel`, forwarded
//! to the order's provider when its service allows them.

use super::{order_ids, Ids, Reply};
use crate::caller::now;
use crate::input::Params;
use crate::orders::model::{forward, status, Order};
use crate::orders::transition::{self, Observed};
use crate::schema::{orders as o, providers as p, refills as r, services as s};
use crate::state::State;
use crate::upstream::client::{Outcome, Provider};
use crate::SmmError;
use diesel::prelude::*;
use platform_db::{AnyConnection, Db};
use serde::Serialize;

#[derive(Serialize)]
#[serde(untagged)]
pub enum Result1<T> {
    Ok(T),
    Error { error: String },
}

#[derive(Serialize)]
pub struct RefillItem {
    order: i64,
    refill: Result1<i64>,
}

#[derive(Serialize)]
pub struct RefillStatusItem {
    refill: i64,
    status: Result1<String>,
}

#[derive(Serialize)]
pub struct CancelItem {
    order: i64,
    cancel: Result1<i64>,
}

/// An order of this account with its service's permissions and provider.
struct Target {
    order: Order,
    refill: bool,
    cancel: bool,
    provider: Option<Provider>,
}

fn target(conn: &mut AnyConnection, user: i64, id: i64) -> QueryResult<Option<Target>> {
    let Some(order) = o::table
        .find(id)
        .filter(o::uid.eq(user))
        .select(Order::as_select())
        .first(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let (refill, cancel): (i32, i32) = s::table
        .find(order.service_id)
        .select((s::refill, s::cancel))
        .first(conn)
        .optional()?
        .unwrap_or((0, 0));
    let provider = match order.api_provider_id {
        Some(pid) => p::table
            .find(pid)
            .select((p::url, p::api_key))
            .first::<(String, String)>(conn)
            .optional()?
            .map(|(url, key)| Provider { url, key }),
        None => None,
    };
    Ok(Some(Target {
        order,
        refill: refill == 1,
        cancel: cancel == 1,
        provider,
    }))
}

async fn load(db: &Db, user: i64, id: i64) -> Result<Option<Target>, SmmError> {
    db.run(move |conn| target(conn, user, id).map_err(SmmError::from))
        .await
}

fn fail<T>(why: &str) -> Result1<T> {
    Result1::Error {
        error: why.to_string(),
    }
}

/// Asks for a refill of one order; our refill id.
async fn refill_one(db: &Db, state: &State, user: i64, id: i64) -> Result<Result1<i64>, SmmError> {
    let Some(t) = load(db, user, id).await? else {
        return Ok(fail("Incorrect order ID"));
    };
    if !t.refill {
        return Ok(fail("Refill is disabled for this service"));
    }
    if !matches!(t.order.status.as_str(), status::COMPLETED | status::PARTIAL) {
        return Ok(fail("The order is not completed"));
    }
    let upstream = match (&t.provider, t.order.api_order_id) {
        (Some(provider), upstream_order) if upstream_order > 0 => {
            match state.client.refill(provider, upstream_order).await {
                Outcome::Done(refill) => Some(refill),
                Outcome::Refused(why) => return Ok(fail(&why)),
                Outcome::NotSent(_) | Outcome::Unknown(_) => {
                    return Ok(fail("The provider is unavailable, try again later"))
                }
            }
        }
        // a manual order's refill waits for an operator
        _ => None,
    };
    let now = now();
    let order_id = t.order.id;
    let refill_id = db
        .run(move |conn| -> Result<i64, SmmError> {
            conn.write_transaction(|c| {
                diesel::insert_into(r::table)
                    .values((
                        r::order_id.eq(order_id),
                        r::uid.eq(user),
                        r::api_refill_id.eq(upstream),
                        r::status.eq("Pending"),
                        r::changed.eq(now),
                        r::created.eq(now),
                    ))
                    .execute(c)?;
                Ok(r::table.order(r::id.desc()).select(r::id).first(c)?)
            })
        })
        .await?;
    Ok(Result1::Ok(refill_id))
}

pub async fn refill(
    db: &Db,
    state: &State,
    user: i64,
    params: &mut Params,
) -> Result<Reply, SmmError> {
    match order_ids(params, "order", "orders")? {
        Ids::One(id) => match refill_one(db, state, user, id).await? {
            Result1::Ok(refill) => Ok(Reply::Refill {
                refill: refill.to_string(),
            }),
            Result1::Error { error } => Err(SmmError::refused_with(
                actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
                "refill_refused",
                error.clone(),
                error,
            )),
        },
        Ids::Many(ids) => {
            let mut items = Vec::with_capacity(ids.len());
            for id in ids {
                items.push(RefillItem {
                    order: id,
                    refill: refill_one(db, state, user, id).await?,
                });
            }
            Ok(Reply::Refills(items))
        }
    }
}

async fn refill_status_one(
    db: &Db,
    state: &State,
    user: i64,
    id: i64,
) -> Result<Result1<String>, SmmError> {
    let found = db
        .run(
            move |conn| -> Result<Option<(i64, Option<String>, String)>, SmmError> {
                Ok(r::table
                    .find(id)
                    .filter(r::uid.eq(user))
                    .select((r::order_id, r::api_refill_id, r::status))
                    .first(conn)
                    .optional()?)
            },
        )
        .await?;
    let Some((order_id, upstream, stored)) = found else {
        return Ok(fail("Incorrect refill ID"));
    };
    let (Some(upstream), Some(t)) = (upstream, load(db, user, order_id).await?) else {
        return Ok(Result1::Ok(stored));
    };
    let Some(provider) = t.provider else {
        return Ok(Result1::Ok(stored));
    };
    match state.client.refill_status(&provider, &upstream).await {
        Ok(fresh) => {
            let (keep, now) = (fresh.clone(), now());
            db.run(move |conn| -> Result<(), SmmError> {
                diesel::update(r::table.find(id))
                    .set((r::status.eq(keep), r::changed.eq(now)))
                    .execute(conn)?;
                Ok(())
            })
            .await?;
            Ok(Result1::Ok(fresh))
        }
        // the provider is away: what it said last
        Err(_) => Ok(Result1::Ok(stored)),
    }
}

pub async fn refill_status(
    db: &Db,
    state: &State,
    user: i64,
    params: &mut Params,
) -> Result<Reply, SmmError> {
    match order_ids(params, "refill", "refills")? {
        Ids::One(id) => match refill_status_one(db, state, user, id).await? {
            Result1::Ok(status) => Ok(Reply::RefillStatus { status }),
            Result1::Error { error } => Err(SmmError::refused_with(
                actix_web::http::StatusCode::NOT_FOUND,
                "refill_not_found",
                error.clone(),
                error,
            )),
        },
        Ids::Many(ids) => {
            let mut items = Vec::with_capacity(ids.len());
            for id in ids {
                items.push(RefillStatusItem {
                    refill: id,
                    status: refill_status_one(db, state, user, id).await?,
                });
            }
            Ok(Reply::RefillStatuses(items))
        }
    }
}

/// Cancels one order: at once (with its full refund) while it has not
/// left for its provider, else by asking the provider, whose reply comes
/// back through the sync as any status does.
async fn cancel_one(db: &Db, state: &State, user: i64, id: i64) -> Result<Result1<i64>, SmmError> {
    let Some(t) = load(db, user, id).await? else {
        return Ok(fail("Incorrect order ID"));
    };
    if !t.cancel {
        return Ok(fail("Cancel is disabled for this service"));
    }
    if status::is_final(&t.order.status) {
        return Ok(fail("The order can not be canceled"));
    }
    match t.order.forward.as_str() {
        forward::WAITING | forward::MANUAL => {
            let from = t.order.forward.clone();
            let done = db
                .run(move |conn| -> Result<bool, SmmError> {
                    let now = now();
                    Ok(conn.write_transaction(|c| -> QueryResult<bool> {
                        let n = diesel::update(
                            o::table
                                .find(id)
                                .filter(o::forward.eq(&from))
                                .filter(o::status.eq(status::PENDING)),
                        )
                        .set((
                            o::forward.eq(forward::FAILED),
                            o::note.eq("canceled by the customer"),
                        ))
                        .execute(c)?;
                        if n == 0 {
                            return Ok(false);
                        }
                        let canceled = Observed {
                            status: status::CANCELED.into(),
                            ..Observed::default()
                        };
                        transition::apply_in(c, id, &canceled, false, now)?;
                        Ok(true)
                    })?)
                })
                .await?;
            Ok(if done {
                Result1::Ok(1)
            } else {
                fail("The order can not be canceled now")
            })
        }
        forward::SENT => {
            let Some(provider) = t.provider else {
                return Ok(fail("The order can not be canceled now"));
            };
            Ok(
                match state.client.cancel(&provider, t.order.api_order_id).await {
                    Outcome::Done(()) => Result1::Ok(1),
                    Outcome::Refused(why) => fail(&why),
                    Outcome::NotSent(_) | Outcome::Unknown(_) => {
                        fail("The provider is unavailable, try again later")
                    }
                },
            )
        }
        _ => Ok(fail("The order can not be canceled now")),
    }
}

pub async fn cancel(
    db: &Db,
    state: &State,
    user: i64,
    params: &mut Params,
) -> Result<Reply, SmmError> {
    let ids = match order_ids(params, "order", "orders")? {
        Ids::One(id) => vec![id],
        Ids::Many(ids) => ids,
    };
    let mut items = Vec::with_capacity(ids.len());
    for id in ids {
        items.push(CancelItem {
            order: id,
            cancel: cancel_one(db, state, user, id).await?,
        });
    }
    Ok(Reply::Cancels(items))
}
