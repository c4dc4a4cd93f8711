use crate::caller::now;
use crate::input::Params;
use crate::money::Money;
use crate::orders::place::insufficient_balance;
use crate::schema::wallets as w;
use crate::wallet::{self, Debit, Entry, Kind};
use crate::SmmError;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest};
use diesel::prelude::*;
use platform_auth::Admin;
use platform_db::Db;
use platform_http::docs::PanelError;
use platform_http::reply::Panel;
use platform_http::rules::Rule;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct WalletBody {
    user_id: i64,
    balance: Money,
    spent: Money,
    custom_rate: i32,
}

/// Adjust an account's wallet
///
/// `amount` in Toman, positive to add and negative to take (never below
/// zero: 422 `insufficient_balance`), with a `reason` kept in the ledger;
/// `custom_rate` (0 to 100) sets the account's discount in per cent on
/// every later charge. Either may come alone.
#[utoipa::path(
    post,
    path = "/api/v1/admin/wallets/{user_id}",
    operation_id = "adminAdjustWallet",
    tag = "admin",
    security(("bearer" = [])),
    params(("user_id" = String, Path, description = "The account id")),
    request_body(content = String, description = "`amount`, `reason`, `custom_rate`", content_type = "application/json"),
    responses(
        (status = 201, description = "The wallet after the change", body = Panel<WalletBody>),
        (status = 401, description = "No valid token", body = PanelError),
        (status = 400, description = "A field missing or malformed", body = PanelError),
        (status = 403, description = "Not an operator", body = PanelError),
        (status = 404, description = "Not an account id", body = PanelError),
        (status = 422, description = "The balance would go below zero", body = PanelError),
    )
)]
pub async fn adjust(
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Bytes,
    _: Admin,
    db: web::Data<Db>,
) -> Result<Panel<WalletBody>, SmmError> {
    let user_id = super::path_id(&path, || {
        SmmError::refused(
            StatusCode::NOT_FOUND,
            "user_not_found",
            "کاربر شناسایی نشد",
            "No such account",
        )
    })?;
    let mut params = Params::read(&req, &body)?;
    let amount = params.money("amount");
    let reason = params.text("reason", 500, false);
    let custom_rate = params.integer("custom_rate", 0, 100);
    if amount.is_some_and(|a| a.0 != 0) && reason.is_none() {
        params.fail("reason", Rule::Blank);
    }
    if amount.is_none() && custom_rate.is_none() && !params.has_errors() {
        params.fail("amount", Rule::Blank);
    }
    params.finish()?;
    let now = now();
    let reason = reason.unwrap_or_default();
    let wallet = db
        .run(move |conn| -> Result<wallet::Wallet, SmmError> {
            conn.write_transaction(|c| {
                wallet::ensure(c, user_id, now)?;
                if let Some(rate) = custom_rate {
                    diesel::update(w::table.find(user_id))
                        .set((w::custom_rate.eq(rate as i32), w::changed.eq(now)))
                        .execute(c)?;
                }
                match amount {
                    Some(a) if a.0 > 0 => {
                        let entry = Entry {
                            user_id,
                            kind: Kind::Adjustment,
                            amount: a,
                            order_id: None,
                            reference: None,
                            reason: &reason,
                        };
                        wallet::credit(c, &entry, now)?;
                    }
                    Some(a) if a.0 < 0 => {
                        let entry = Entry {
                            user_id,
                            kind: Kind::Adjustment,
                            amount: Money(-a.0),
                            order_id: None,
                            reference: None,
                            reason: &reason,
                        };
                        if wallet::debit(c, &entry, now)? == Debit::NotEnough {
                            return Err(insufficient_balance());
                        }
                    }
                    _ => {}
                }
                wallet::find(c, user_id)?
                    .ok_or_else(|| SmmError::internal(std::io::Error::other("wallet vanished")))
            })
        })
        .await?;
    Ok(Panel::new(
        201,
        WalletBody {
            user_id: wallet.user_id,
            balance: Money(wallet.balance),
            spent: Money(wallet.spent),
            custom_rate: wallet.custom_rate,
        },
    ))
}
