//! `action=services` and `action=balance`.

use super::Reply;
use crate::catalog::model::Service;
use crate::money::Money;
use crate::schema::{categories as c, services as s};
use crate::state::State;
use crate::wallet;
use crate::SmmError;
use diesel::prelude::*;
use platform_db::Db;
use serde::Serialize;

/// A service in the protocol's shape: the rate per 1000 and the bounds
/// as text, as its clients parse them.
#[derive(Serialize)]
pub struct ServiceItem {
    service: i64,
    name: String,
    #[serde(rename = "type")]
    kind: &'static str,
    category: String,
    rate: String,
    min: String,
    max: String,
    refill: bool,
    cancel: bool,
    dripfeed: bool,
}

#[derive(Serialize)]
pub struct Balance {
    balance: String,
    currency: String,
}

pub async fn services(db: &Db) -> Result<Reply, SmmError> {
    let rows = db
        .run(|conn| -> Result<Vec<(Service, String)>, SmmError> {
            Ok(s::table
                .inner_join(c::table.on(c::id.eq(s::cate_id)))
                .filter(s::status.eq(1))
                .filter(c::status.eq(1))
                .order((c::sort.asc(), s::id.asc()))
                .select((Service::as_select(), c::name))
                .load(conn)?)
        })
        .await?;
    Ok(Reply::Services(
        rows.into_iter()
            .map(|(service, category)| ServiceItem {
                service: service.id,
                kind: service.kind().display(),
                name: service.name,
                category,
                rate: Money(service.price).decimal_text(),
                min: service.min_quantity.to_string(),
                max: service.max_quantity.to_string(),
                refill: service.refill == 1,
                cancel: service.cancel == 1,
                dripfeed: service.dripfeed == 1,
            })
            .collect(),
    ))
}

pub async fn balance(db: &Db, state: &State, user: i64) -> Result<Reply, SmmError> {
    let found = db
        .run(move |conn| wallet::find(conn, user).map_err(SmmError::from))
        .await?;
    Ok(Reply::Balance(Balance {
        balance: Money(found.map_or(0, |w| w.balance)).decimal_text(),
        currency: state.currency.clone(),
    }))
}
