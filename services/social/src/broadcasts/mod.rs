//! Broadcasts: the platform's own (to everyone or to one role), those
//! addressed to one user, and those a store sends to its subscribers (the
//! users who added its notification). Each caller sees only theirs.

pub mod list;
pub mod read;
pub mod visible;

use crate::schema::broadcasts as b;
use actix_web::web;
use serde::Serialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/web/broadcasts").get(list::list))
        .service(web::resource("/web/broadcasts/{id}").get(read::read));
}

/// A broadcast as seed 000 shows it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Broadcast {
    pub id: i64,
    pub title: String,
    pub text: String,
    /// The one user it is addressed to, null for many.
    pub user: Option<i64>,
    /// The app's role number it is addressed to (8: customers), or null.
    pub role: Option<i64>,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Always `yes`.
    pub show: &'static str,
}

pub type Row = (i64, String, String, Option<i64>, Option<i64>, String);

/// The columns of a [`Row`].
pub const COLUMNS: (b::id, b::title, b::text, b::user_id, b::role, b::date) =
    (b::id, b::title, b::text, b::user_id, b::role, b::date);

impl From<Row> for Broadcast {
    fn from((id, title, text, user, role, date): Row) -> Broadcast {
        Broadcast {
            id,
            title,
            text,
            user,
            role,
            date,
            show: "yes",
        }
    }
}
