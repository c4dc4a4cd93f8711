use crate::money::Money;
use crate::wallet;
use crate::SmmError;
use actix_web::web;
use platform_db::Db;
use serde::Serialize;

/// What identity shows in the profile (seed 002's user object).
#[derive(Serialize)]
pub struct WalletFields {
    balance: Money,
    spent: Money,
    custom_rate: i32,
    /// Masked; null when the account has none.
    api_key: Option<String>,
}

/// `GET /internal/wallets/{user_id}`, for identity (the kit's internal
/// credential guards every `/internal/` path). An account smm has never
/// seen has an empty wallet.
pub async fn wallet(
    path: web::Path<String>,
    db: web::Data<Db>,
) -> Result<web::Json<WalletFields>, SmmError> {
    let user_id: i64 = path
        .trim()
        .parse()
        .map_err(|_| SmmError::Base(platform_service::BaseError::NotFound))?;
    let found = db
        .run(move |conn| wallet::find(conn, user_id).map_err(SmmError::from))
        .await?;
    Ok(web::Json(match found {
        Some(w) => WalletFields {
            balance: Money(w.balance),
            spent: Money(w.spent),
            custom_rate: w.custom_rate,
            api_key: w.api_key_hint,
        },
        None => WalletFields {
            balance: Money(0),
            spent: Money(0),
            custom_rate: 0,
            api_key: None,
        },
    }))
}
