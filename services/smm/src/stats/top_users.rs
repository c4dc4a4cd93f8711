use super::{period, ranked, Ranked};
use crate::input::Params;
use crate::money::Money;
use crate::schema::wallets as w;
use crate::state::State;
use crate::SmmError;
use actix_web::{web, HttpRequest};
use diesel::prelude::*;
use platform_db::Db;
use platform_http::docs::PanelError;
use platform_http::reply::Panel;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Serialize, utoipa::ToSchema)]
pub struct TopUser {
    id: i64,
    first_name: Option<String>,
    last_name: Option<String>,
    /// Masked (`0912****402`).
    mobile: Option<String>,
    order_count: i64,
    custom_rate: i32,
    /// Toman spent in the period (charges less refunds).
    amount: Money,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct TopUsersBody {
    users: Vec<TopUser>,
}

/// The accounts that spent most
///
/// Since `offset` (unix seconds, counted from the start of its UTC day;
/// default 0), at most `limit` (default and most 10), by Toman spent.
/// Names and masked mobiles are identity's (null when it does not answer).
#[utoipa::path(
    get,
    path = "/api/v1/stats/top_users",
    operation_id = "topUsers",
    tag = "stats",
    params(
        ("limit" = Option<i64>, Query, description = "1 to 10, default 10"),
        ("offset" = Option<i64>, Query, description = "The period's start, unix seconds"),
    ),
    responses(
        (status = 200, description = "The ranking", body = Panel<TopUsersBody>),
        (status = 400, description = "A parameter not a number", body = PanelError),
    )
)]
pub async fn top_users(
    req: HttpRequest,
    body: web::Bytes,
    db: web::Data<Db>,
    state: web::Data<State>,
) -> Result<Panel<TopUsersBody>, SmmError> {
    let mut params = Params::read(&req, &body)?;
    let (limit, offset) = period(&mut params);
    params.finish()?;
    let (rows, rates) = db
        .run(
            move |conn| -> Result<(Vec<Ranked>, HashMap<i64, i32>), SmmError> {
                let rows = ranked(conn, "user_stats", "uid", "amount", offset, limit)?;
                let ids: Vec<i64> = rows.iter().map(|r| r.item).collect();
                let rates = w::table
                    .filter(w::user_id.eq_any(&ids))
                    .select((w::user_id, w::custom_rate))
                    .load::<(i64, i32)>(conn)?
                    .into_iter()
                    .collect();
                Ok((rows, rates))
            },
        )
        .await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.item).collect();
    let mut people = state.people.lookup(&ids).await;
    let users = rows
        .into_iter()
        .map(|r| {
            let person = people.remove(&r.item).unwrap_or_default();
            TopUser {
                id: r.item,
                first_name: person.first_name,
                last_name: person.last_name,
                mobile: person.mobile,
                order_count: r.orders,
                custom_rate: rates.get(&r.item).copied().unwrap_or(0),
                amount: Money(r.amount),
            }
        })
        .collect();
    Ok(Panel::new(200, TopUsersBody { users }))
}
