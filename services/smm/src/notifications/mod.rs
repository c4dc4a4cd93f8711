//! The user's notifications (seed 002): `GET /api/v1/user/notifications`,
//! `GET .../unread`, `POST` to mark them read. They are written by the
//! events a user cares about, each in the transaction of its event, so a
//! notification exists exactly when its event happened.

pub mod list;
pub mod mark;
pub mod unread;

use crate::money::Money;
use crate::schema::notifications as n;
use actix_web::web;
use diesel::prelude::*;
use platform_db::AnyConnection;
use serde::Serialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    // one resource per path: another method is a 405, not a 404
    cfg.service(
        web::resource("/api/v1/user/notifications")
            .route(web::get().to(list::list))
            .route(web::post().to(mark::mark)),
    );
    cfg.service(
        web::resource("/api/v1/user/notifications/unread").route(web::get().to(unread::unread)),
    );
}

/// Writes a notification inside the caller's transaction. `message` is
/// the text after the greeting, which is added when it is read (the name
/// is identity's, and may change).
pub fn notify(conn: &mut AnyConnection, user_id: i64, message: &str, now: i64) -> QueryResult<()> {
    diesel::insert_into(n::table)
        .values((
            n::id.eq(uuid::Uuid::new_v4().to_string()),
            n::user_id.eq(user_id),
            n::message.eq(message),
            n::created.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Toman as the messages write them: `12000`, `7.5`.
pub fn toman(amount: Money) -> String {
    serde_json::to_string(&amount).unwrap_or_default()
}

/// The texts, in one place.
pub mod text {
    use super::toman;
    use crate::money::Money;

    pub fn topup(amount: Money) -> String {
        format!("حساب کاربری شما {} تومان شارژ شد.", toman(amount))
    }

    pub fn completed(order_id: i64) -> String {
        format!("سفارش شماره {order_id} شما تکمیل شد.")
    }

    pub fn partial(order_id: i64, refund: Money) -> String {
        format!(
            "سفارش شماره {order_id} شما به صورت ناقص انجام شد و {} تومان به حساب شما بازگشت.",
            toman(refund)
        )
    }

    pub fn canceled(order_id: i64, refund: Money) -> String {
        format!(
            "سفارش شماره {order_id} شما لغو شد و {} تومان به حساب شما بازگشت.",
            toman(refund)
        )
    }

    pub fn ticket_answered(ticket_id: i64) -> String {
        format!("به تیکت شماره {ticket_id} شما پاسخ داده شد.")
    }

    pub fn gift(quantity: i64, service: &str) -> String {
        format!(
            "شما یک هدیه برنده شدید: {quantity} عدد «{}». تا پایان اعتبارش از بخش هدیه ها استفاده کنید.",
            service.trim()
        )
    }

    pub fn free_credit(amount: Money) -> String {
        format!(
            "{} تومان اعتبار رایگان به حساب شما اضافه شد.",
            toman(amount)
        )
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = n)]
pub struct Notification {
    pub id: String,
    pub message: String,
    pub read_at: Option<i64>,
    pub created: i64,
}

/// Seed 002's notification in the full list.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct NotificationObject {
    /// A UUID.
    id: String,
    message: String,
    created_at: i64,
    read_at: Option<i64>,
}

/// Seed 002's notification in the unread list (no `read_at`).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct UnreadObject {
    id: String,
    message: String,
    created_at: i64,
}

/// "Ehsan عزیز، ...": the greeting with the first name identity gives, or
/// "کاربر" without one.
pub fn greet(first_name: Option<&str>, message: &str) -> String {
    let name = first_name
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .unwrap_or("کاربر");
    format!("{name} عزیز، {message}")
}

impl NotificationObject {
    pub fn new(n: Notification, first_name: Option<&str>) -> Self {
        NotificationObject {
            message: greet(first_name, &n.message),
            id: n.id,
            created_at: n.created,
            read_at: n.read_at,
        }
    }
}

impl UnreadObject {
    pub fn new(n: Notification, first_name: Option<&str>) -> Self {
        UnreadObject {
            message: greet(first_name, &n.message),
            id: n.id,
            created_at: n.created,
        }
    }
}

/// The newest notifications read at most.
pub const MAX_LISTED: i64 = 100;

/// The caller's newest notifications (only the unread ones when
/// `unread_only`) and the first name their greeting uses.
pub async fn newest(
    db: &platform_db::Db,
    state: &crate::state::State,
    user_id: i64,
    unread_only: bool,
) -> Result<(Vec<Notification>, Option<String>), crate::SmmError> {
    let rows = db
        .run(move |conn| -> Result<Vec<Notification>, crate::SmmError> {
            let mut query = n::table
                .filter(n::user_id.eq(user_id))
                .select(Notification::as_select())
                .into_boxed();
            if unread_only {
                query = query.filter(n::read_at.is_null());
            }
            Ok(query.order(n::seq.desc()).limit(MAX_LISTED).load(conn)?)
        })
        .await?;
    // no lookup for an empty list
    let name = if rows.is_empty() {
        None
    } else {
        state.people.one(user_id).await.and_then(|p| p.first_name)
    };
    Ok((rows, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_message_reads_as_written() {
        assert_eq!(
            greet(Some("Ehsan"), &text::topup(Money::toman(12000))),
            "Ehsan عزیز، حساب کاربری شما 12000 تومان شارژ شد."
        );
        assert_eq!(greet(None, "x"), "کاربر عزیز، x");
    }
}
