//! Which broadcasts a caller sees: the platform's to everyone or to the
//! caller's role, those addressed to the caller, and those of the stores
//! the caller subscribed to (Add Notification).

use crate::schema::{broadcasts as b, reactions as r};
use diesel::dsl::exists;
use diesel::prelude::*;
use platform_db::AnyConnection;

type Backend = <AnyConnection as diesel::Connection>::Backend;

/// The broadcasts `user` (of the app's role `role`) may see.
pub fn to(user: i64, role: i64) -> b::BoxedQuery<'static, Backend> {
    let platform = b::user_id
        .is_null()
        .and(b::store_id.is_null())
        .and(b::role.is_null().or(b::role.eq(role)));
    let subscribed = exists(
        r::table
            .filter(r::user_id.eq(user))
            .filter(r::kind.eq("notification"))
            .filter(r::target_kind.eq("store"))
            .filter(b::store_id.eq(r::target_id.nullable())),
    );
    b::table
        .filter(platform.or(b::user_id.eq(user)).or(subscribed))
        .into_boxed()
}
