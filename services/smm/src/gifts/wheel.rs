use super::model::{self, UserGift, WonObject};
use crate::allowance::{self, Limit, Taken};
use crate::notifications::{notify, text};
use crate::schema::user_gifts as ug;
use crate::state::State;
use crate::{caller, SmmError};
use actix_web::http::StatusCode;
use actix_web::web;
use diesel::prelude::*;
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::docs::PanelError;
use platform_http::reply::Panel;
use rand::seq::SliceRandom;
use rand::Rng;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct WonBody {
    user_gift: WonObject,
}

/// Spin the wheel of fortune
///
/// Wins one of the operators' gifts at random, with a random quantity in
/// its range, usable until `expired_at`. At most one every
/// `wheel.interval_days` (429 "شما در هر N روز می توانید یک هدیه دریافت
/// کنید.", `wof_too_soon`) and `wheel.monthly_max` a month (429 "شما به
/// حداکثر تعداد جایزه، در ماه رسیده اید", `wof_monthly_limit`). No gift
/// defined: 404 `no_gifts`, and the spin is not used up.
#[utoipa::path(
    get,
    path = "/api/v1/user/wof",
    operation_id = "spinWheel",
    tag = "gifts",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Won", body = Panel<WonBody>),
        (status = 401, description = "No valid token", body = PanelError),
        (status = 404, description = "No gift to win", body = PanelError),
        (status = 429, description = "Too soon, or this month's are used up", body = PanelError),
    )
)]
pub async fn spin(
    Authenticated(claims): Authenticated,
    db: web::Data<Db>,
    state: web::Data<State>,
) -> Result<Panel<WonBody>, SmmError> {
    let user_id = caller::user_id(&claims)?;
    let wheel = state.wheel.clone();
    let now = caller::now();
    let limit = Limit {
        kind: "wof",
        interval_secs: wheel.interval_days * 86_400,
        monthly_max: wheel.monthly_max,
    };
    let won = db
        .run(move |conn| {
            conn.write_transaction(|c| -> Result<WonObject, SmmError> {
                let choices = model::winnable(c)?;
                let mut rng = rand::thread_rng();
                let Some((gift, service)) = choices.choose(&mut rng).cloned() else {
                    return Err(no_gifts());
                };
                match allowance::take(c, user_id, &limit, now)? {
                    Taken::Yes { .. } => {}
                    Taken::Wait(_) => return Err(too_soon(wheel.interval_days)),
                    Taken::MonthDone => return Err(month_done()),
                }
                let quantity = rng.gen_range(gift.min_quantity..=gift.max_quantity);
                diesel::insert_into(ug::table)
                    .values((
                        ug::uid.eq(user_id),
                        ug::gift_id.eq(gift.id),
                        ug::quantity.eq(quantity),
                        ug::expired_at.eq(now + wheel.gift_lifetime_secs),
                        ug::changed.eq(now),
                        ug::created.eq(now),
                    ))
                    .execute(c)?;
                // the allowance row, locked by this transaction, keeps the
                // account's newest gift this one
                let won: UserGift = ug::table
                    .filter(ug::uid.eq(user_id))
                    .order(ug::id.desc())
                    .select(UserGift::as_select())
                    .first(c)?;
                notify(c, user_id, &text::gift(quantity, &service.name), now)?;
                Ok(WonObject::new(won, service))
            })
        })
        .await?;
    Ok(Panel::new(200, WonBody { user_gift: won }))
}

fn no_gifts() -> SmmError {
    SmmError::refused(
        StatusCode::NOT_FOUND,
        "no_gifts",
        "در حال حاضر هدیه ای برای گردونه تعریف نشده است",
        "There is no gift to win now",
    )
}

fn too_soon(days: i64) -> SmmError {
    SmmError::refused_with(
        StatusCode::TOO_MANY_REQUESTS,
        "wof_too_soon",
        format!("شما در هر {days} روز می توانید یک هدیه دریافت کنید."),
        format!("You can win one gift every {days} days."),
    )
}

fn month_done() -> SmmError {
    SmmError::refused(
        StatusCode::TOO_MANY_REQUESTS,
        "wof_monthly_limit",
        "شما به حداکثر تعداد جایزه، در ماه رسیده اید",
        "You have won this month's most gifts",
    )
}
