//! Which store a manager's call is about.

use crate::schema::stores;
use crate::SocialError;
use diesel::prelude::*;
use platform_db::AnyConnection;

/// The store `wanted` if `manager` manages it, else their first store;
/// 403 when they manage none (or not the one named).
pub fn managed(
    conn: &mut AnyConnection,
    manager: i64,
    wanted: Option<i64>,
) -> Result<i64, SocialError> {
    let mine = stores::table.filter(stores::manager.eq(manager));
    let found = match wanted {
        Some(id) => mine
            .filter(stores::id.eq(id))
            .select(stores::id)
            .first::<i64>(conn)
            .optional()?,
        None => mine
            .order(stores::id)
            .select(stores::id)
            .first::<i64>(conn)
            .optional()?,
    };
    found.ok_or(SocialError::NotManager)
}
