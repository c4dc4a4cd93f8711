//! Comments in the database, each counted on its target in the
//! transaction that writes it.

use crate::catalog::counters::{self, Delta};
use crate::catalog::{Kind, Target};
use crate::input::Location;
use crate::schema::comments as cm;
use crate::schema::counters as counted;
use crate::SocialError;
use diesel::prelude::*;
use platform_db::AnyConnection;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = cm)]
pub struct Comment {
    pub id: i64,
    pub user_id: i64,
    pub target_kind: String,
    pub target_id: i64,
    pub text: String,
    pub pros: Option<String>,
    pub cons: Option<String>,
    pub created: i64,
}

pub struct NewComment {
    pub text: String,
    pub pros: Option<String>,
    pub cons: Option<String>,
    pub at: Location,
}

pub fn add(
    conn: &mut AnyConnection,
    user: i64,
    target: Target,
    new: NewComment,
    now: i64,
) -> Result<i64, SocialError> {
    conn.write_transaction(|c| {
        if target.kind != Kind::User {
            counters::apply(
                c,
                target,
                Delta {
                    comments: 1,
                    ..Delta::default()
                },
            )?;
        }
        let id = diesel::insert_into(cm::table)
            .values((
                cm::user_id.eq(user),
                cm::target_kind.eq(target.kind.name()),
                cm::target_id.eq(target.id),
                cm::text.eq(new.text),
                cm::pros.eq(new.pros),
                cm::cons.eq(new.cons),
                cm::x.eq(new.at.x),
                cm::y.eq(new.at.y),
                cm::created.eq(now),
            ))
            .returning(cm::id)
            .get_result(c)?;
        Ok(id)
    })
}

pub fn has(conn: &mut AnyConnection, user: i64, target: Target) -> QueryResult<bool> {
    Ok(cm::table
        .filter(cm::user_id.eq(user))
        .filter(cm::target_kind.eq(target.kind.name()))
        .filter(cm::target_id.eq(target.id))
        .select(cm::id)
        .first::<i64>(conn)
        .optional()?
        .is_some())
}

/// Whose comments a list shows.
#[derive(Debug, Clone, Copy)]
pub enum Whose {
    /// The caller's on every target of the kind.
    Mine(i64),
    /// Everyone's on one target.
    On(i64),
}

/// A page of comments on targets of `kind`, newest first, and how many
/// there are.
pub fn page(
    conn: &mut AnyConnection,
    kind: Kind,
    whose: Whose,
    limit: i64,
    offset: i64,
) -> QueryResult<(i64, Vec<Comment>)> {
    let query = || {
        let q = cm::table
            .filter(cm::target_kind.eq(kind.name()))
            .into_boxed();
        match whose {
            Whose::Mine(user) => q.filter(cm::user_id.eq(user)),
            Whose::On(target) => q.filter(cm::target_id.eq(target)),
        }
    };
    let total = match whose {
        // a catalog target's comments are counted on its counters row,
        // exactly (`counters.rs`): no `COUNT(*)` over a popular target's
        // every comment for each page
        Whose::On(target) if kind != Kind::User => counted::table
            .find((kind.name(), target))
            .select(counted::comments_count)
            .first::<i64>(conn)
            .optional()?
            .unwrap_or(0),
        _ => query().count().get_result(conn)?,
    };
    let rows = query()
        .order(cm::id.desc())
        .limit(limit)
        .offset(offset)
        .select(Comment::as_select())
        .load(conn)?;
    Ok((total, rows))
}
