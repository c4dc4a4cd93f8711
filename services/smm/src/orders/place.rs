//! Placing an order: the rules, then in one write transaction the order
//! row, the conditional debit of its charge and its ledger line, the day's
//! stats, and the `Idempotency-Key` that makes a retried placement return
//! the first order instead of charging again. On PostgreSQL that
//! transaction is a single statement ([`super::place_postgres`]).

use super::model::{forward, status, Order};
use super::place_postgres;
use super::request::Request;
use super::rules;
use crate::catalog::model::Service;
use crate::money::Money;
use crate::schema::{idempotency_keys as keys, orders, services, wallets};
use crate::stats;
use crate::wallet::{self, Debit, Entry, Kind};
use crate::SmmError;
use actix_web::http::StatusCode;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use platform_db::AnyConnection;
use rand::RngCore;

/// Where an order came from: the seed's `type`.
#[derive(Debug, Clone, Copy)]
pub enum Source {
    MobileApp,
    Api,
    /// A gift won on the wheel: free, quantity set by the gift.
    MobileAppGift,
}

impl Source {
    fn as_str(self) -> &'static str {
        match self {
            Source::MobileApp => "mobile_app",
            Source::Api => "api",
            Source::MobileAppGift => "mobile_app_gift",
        }
    }
}

pub struct Placement {
    pub user_id: i64,
    pub source: Source,
    pub request: Request,
    pub idempotency_key: Option<String>,
    pub max_runs: i64,
    pub now: i64,
}

#[derive(Insertable)]
#[diesel(table_name = orders)]
pub(super) struct NewOrder<'a> {
    pub(super) ids: &'a str,
    pub(super) uid: i64,
    pub(super) source: &'a str,
    pub(super) cate_id: i64,
    pub(super) service_id: i64,
    pub(super) service_type: &'a str,
    pub(super) api_provider_id: Option<i64>,
    pub(super) api_service_id: Option<&'a str>,
    pub(super) api_order_id: i64,
    pub(super) link: Option<&'a str>,
    pub(super) quantity: i64,
    pub(super) usernames: Option<&'a str>,
    pub(super) username: Option<&'a str>,
    pub(super) hashtags: Option<&'a str>,
    pub(super) hashtag: Option<&'a str>,
    pub(super) media: Option<&'a str>,
    pub(super) comments: Option<&'a str>,
    pub(super) sub_posts: Option<i64>,
    pub(super) sub_min: Option<i64>,
    pub(super) sub_max: Option<i64>,
    pub(super) sub_delay: Option<i64>,
    pub(super) sub_expiry: Option<&'a str>,
    pub(super) rate: i64,
    pub(super) charge: i64,
    pub(super) status: &'a str,
    pub(super) remains: i64,
    pub(super) is_drip_feed: i32,
    pub(super) runs: i64,
    pub(super) run_interval: i64,
    pub(super) dripfeed_quantity: i64,
    pub(super) forward: &'a str,
    pub(super) changed: i64,
    pub(super) created: i64,
}

impl NewOrder<'_> {
    /// The order as stored under `id`, without reading it back: the
    /// columns not set here start at their defaults.
    fn stored(&self, id: i64) -> Order {
        let text = |v: Option<&str>| v.map(str::to_string);
        Order {
            id,
            ids: self.ids.to_string(),
            uid: self.uid,
            source: self.source.to_string(),
            cate_id: self.cate_id,
            service_id: self.service_id,
            service_type: self.service_type.to_string(),
            api_provider_id: self.api_provider_id,
            api_service_id: text(self.api_service_id),
            api_order_id: self.api_order_id,
            link: text(self.link),
            quantity: self.quantity,
            usernames: text(self.usernames),
            username: text(self.username),
            hashtags: text(self.hashtags),
            hashtag: text(self.hashtag),
            media: text(self.media),
            comments: text(self.comments),
            sub_posts: self.sub_posts,
            sub_min: self.sub_min,
            sub_max: self.sub_max,
            sub_delay: self.sub_delay,
            sub_expiry: text(self.sub_expiry),
            sub_response_orders: None,
            sub_response_posts: None,
            sub_status: None,
            rate: self.rate,
            charge: self.charge,
            refunded: 0,
            status: self.status.to_string(),
            start_counter: 0,
            remains: self.remains,
            is_drip_feed: self.is_drip_feed,
            runs: self.runs,
            run_interval: self.run_interval,
            dripfeed_quantity: self.dripfeed_quantity,
            note: None,
            forward: self.forward.to_string(),
            changed: self.changed,
            created: self.created,
        }
    }
}

enum Fail {
    Db(DieselError),
    Refused(SmmError),
}

impl From<DieselError> for Fail {
    fn from(e: DieselError) -> Self {
        Fail::Db(e)
    }
}

pub fn insufficient_balance() -> SmmError {
    SmmError::refused(
        StatusCode::UNPROCESSABLE_ENTITY,
        "insufficient_balance",
        "موجودی حساب شما کافی نیست",
        "Not enough funds on balance",
    )
}

pub fn service_not_found() -> SmmError {
    SmmError::refused(
        StatusCode::NOT_FOUND,
        "service_not_found",
        "سرویس مورد نظر یافت نشد",
        "Incorrect service ID",
    )
}

/// The placed order, or the one an earlier placement with the same key
/// made.
pub fn place(conn: &mut AnyConnection, p: Placement) -> Result<Order, SmmError> {
    let fingerprint = p.request.fingerprint();
    if let Some(key) = &p.idempotency_key {
        if let Some(order) = by_key(conn, p.user_id, key, &fingerprint)? {
            return Ok(order);
        }
    }
    // the service and the account's discount in one round trip
    let (service, custom_rate): (Service, Option<i32>) = services::table
        .left_join(wallets::table.on(wallets::user_id.eq(p.user_id)))
        .filter(services::id.eq(p.request.service_id))
        .select((Service::as_select(), wallets::custom_rate.nullable()))
        .first(conn)
        .optional()?
        .ok_or_else(service_not_found)?;
    let custom_rate = custom_rate.unwrap_or(0);
    let checked = rules::check(p.request, &service, custom_rate, p.max_runs)?;
    let ids = new_ids();
    let (api, now) = (service.is_api(), p.now);
    let r = &checked.request;
    let row = NewOrder {
        ids: &ids,
        uid: p.user_id,
        source: p.source.as_str(),
        cate_id: service.cate_id,
        service_id: service.id,
        service_type: checked.kind.as_str(),
        api_provider_id: service.api_provider_id.filter(|_| api),
        api_service_id: service.api_service_id.as_deref().filter(|_| api),
        api_order_id: if api { -1 } else { 0 },
        link: r.link.as_deref(),
        quantity: checked.quantity,
        usernames: r.usernames.as_deref(),
        username: r.username.as_deref(),
        hashtags: r.hashtags.as_deref(),
        hashtag: r.hashtag.as_deref(),
        media: r.media.as_deref(),
        comments: r.comments.as_deref(),
        sub_posts: r.sub_posts.filter(|_| r.subscription),
        sub_min: r.sub_min.filter(|_| r.subscription),
        sub_max: r.sub_max.filter(|_| r.subscription),
        sub_delay: r.sub_delay.filter(|_| r.subscription),
        sub_expiry: r.sub_expiry.as_deref().filter(|_| r.subscription),
        rate: checked.rate.0,
        charge: checked.charge.0,
        status: if r.subscription {
            status::ACTIVE
        } else {
            status::PENDING
        },
        remains: checked.quantity,
        is_drip_feed: i32::from(r.drip_feed),
        runs: r.runs.unwrap_or(0),
        run_interval: r.interval.unwrap_or(0),
        dripfeed_quantity: checked.dripfeed_quantity,
        forward: if api {
            forward::WAITING
        } else {
            forward::MANUAL
        },
        changed: now,
        created: now,
    };
    let key = p
        .idempotency_key
        .as_deref()
        .map(|k| (k, fingerprint.as_str()));
    let result = match conn {
        AnyConnection::Postgresql(pg) => {
            let extras = place_postgres::Extras {
                day: stats::day(now),
                shard: stats::shard(p.user_id),
                key,
            };
            match place_postgres::place(pg, &row, &extras) {
                Ok(Some(id)) => Ok(row.stored(id)),
                Ok(None) => Err(Fail::Refused(insufficient_balance())),
                Err(e) => Err(Fail::Db(e)),
            }
        }
        AnyConnection::Sqlite(_) => conn.write_transaction(|c| one_by_one(c, &row, key)),
    };
    match result {
        Ok(order) => Ok(order),
        Err(Fail::Refused(e)) => Err(e),
        // the same key won a race with this placement: answer its order
        Err(Fail::Db(DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, info)))
            if p.idempotency_key.is_some() =>
        {
            let key = p.idempotency_key.as_deref().unwrap_or_default();
            by_key(conn, p.user_id, key, &fingerprint)?.ok_or_else(|| {
                SmmError::from(DieselError::DatabaseError(
                    DatabaseErrorKind::UniqueViolation,
                    info,
                ))
            })
        }
        Err(Fail::Db(e)) => Err(e.into()),
    }
}

/// The placement's steps one by one in the caller's write transaction:
/// SQLite's way, where a statement costs no round trip.
fn one_by_one(
    c: &mut AnyConnection,
    row: &NewOrder<'_>,
    key: Option<(&str, &str)>,
) -> Result<Order, Fail> {
    let id: i64 = diesel::insert_into(orders::table)
        .values(row)
        .returning(orders::id)
        .get_result(c)?;
    let charge = Entry {
        user_id: row.uid,
        kind: Kind::Charge,
        amount: Money(row.charge),
        order_id: Some(id),
        reference: None,
        reason: "order",
    };
    if wallet::debit(c, &charge, row.created)? == Debit::NotEnough {
        return Err(Fail::Refused(insufficient_balance()));
    }
    stats::record(c, row.created, row.uid, row.service_id, 1, row.charge)?;
    if let Some((key, fingerprint)) = key {
        diesel::insert_into(keys::table)
            .values((
                keys::user_id.eq(row.uid),
                keys::idem_key.eq(key),
                keys::fingerprint.eq(fingerprint),
                keys::order_id.eq(id),
                keys::created.eq(row.created),
            ))
            .execute(c)?;
    }
    Ok(row.stored(id))
}

/// A gift's order: free (charge 0, no ledger line), `quantity` as the
/// gift says whatever the service's bounds, through the same columns and
/// the same forwarding as any order. Runs inside the caller's write
/// transaction, the one that marks the gift used.
pub fn place_gift(
    c: &mut AnyConnection,
    user_id: i64,
    service: &Service,
    link: &str,
    quantity: i64,
    now: i64,
) -> QueryResult<Order> {
    let ids = new_ids();
    let api = service.is_api();
    let row = NewOrder {
        ids: &ids,
        uid: user_id,
        source: Source::MobileAppGift.as_str(),
        cate_id: service.cate_id,
        service_id: service.id,
        service_type: service.kind().as_str(),
        api_provider_id: service.api_provider_id.filter(|_| api),
        api_service_id: service.api_service_id.as_deref().filter(|_| api),
        api_order_id: if api { -1 } else { 0 },
        link: Some(link),
        quantity,
        usernames: None,
        username: None,
        hashtags: None,
        hashtag: None,
        media: None,
        comments: None,
        sub_posts: None,
        sub_min: None,
        sub_max: None,
        sub_delay: None,
        sub_expiry: None,
        rate: 0,
        charge: 0,
        status: status::PENDING,
        remains: quantity,
        is_drip_feed: 0,
        runs: 0,
        run_interval: 0,
        dripfeed_quantity: 0,
        forward: if api {
            forward::WAITING
        } else {
            forward::MANUAL
        },
        changed: now,
        created: now,
    };
    let id: i64 = diesel::insert_into(orders::table)
        .values(&row)
        .returning(orders::id)
        .get_result(c)?;
    stats::record(c, now, user_id, service.id, 1, 0)?;
    Ok(row.stored(id))
}

/// The order an earlier placement with `key` made; a key sent again with
/// another request is refused rather than answered with the wrong order.
fn by_key(
    conn: &mut AnyConnection,
    user_id: i64,
    key: &str,
    fingerprint: &str,
) -> Result<Option<Order>, SmmError> {
    let found: Option<(String, i64)> = keys::table
        .find((user_id, key))
        .select((keys::fingerprint, keys::order_id))
        .first(conn)
        .optional()?;
    let Some((stored, order_id)) = found else {
        return Ok(None);
    };
    if stored != fingerprint {
        return Err(SmmError::refused(
            StatusCode::UNPROCESSABLE_ENTITY,
            "idempotency_key_reused",
            "این کلید تکرار پیش‌تر برای سفارش دیگری به کار رفته است",
            "This Idempotency-Key was used for another request",
        ));
    }
    Ok(Some(
        orders::table
            .find(order_id)
            .select(Order::as_select())
            .first(conn)?,
    ))
}

/// The seed's `ids`: 32 random hex digits.
pub fn new_ids() -> String {
    let mut bytes = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
