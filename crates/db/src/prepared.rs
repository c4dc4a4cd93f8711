//! Hand-written PostgreSQL statements that diesel prepares once per
//! connection and then only executes.
//!
//! diesel never caches an `UPDATE`, an upsert, an insert with a `DEFAULT`
//! or a `sql_query`: each runs as a fresh unnamed statement, parsed and
//! planned again, in two round trips (prepare, then execute). On a hot path
//! of several such statements in a transaction that is most of the work the
//! database does. A [`Prepared`] statement is cached under its SQL text like
//! diesel's own select statements: one round trip, planned once. Its SQL may
//! be one statement doing several things (a data-modifying `WITH`), so a
//! whole write can be a single round trip and its own transaction.
//!
//! The SQL names its values `$1`, `$2`, … like any PostgreSQL statement and
//! may use one more than once; `binds` holds them in that numbering. A `$`
//! followed by digits is always read as a value, even inside a quoted
//! literal: text like that goes in as a value.

use diesel::pg::Pg;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::sql_types::{BigInt, Double, Integer, Nullable, SmallInt, Text, Untyped};
use diesel::{QueryResult, RunQueryDsl};
use std::marker::PhantomData;

/// One value of a statement.
#[derive(Debug, Clone, Copy)]
pub enum Value<'a> {
    SmallInt(i16),
    Int(i32),
    BigInt(i64),
    Double(f64),
    Text(&'a str),
    NullBigInt(Option<i64>),
    NullDouble(Option<f64>),
    NullText(Option<&'a str>),
}

/// A statement and its values. `Row` is the SQL type of the row it returns
/// (for `get_result`/`load`); [`Untyped`] for `execute` alone or rows read
/// by name.
#[derive(Debug, Clone)]
pub struct Prepared<'a, Row = Untyped> {
    sql: &'static str,
    binds: Vec<Value<'a>>,
    row: PhantomData<Row>,
}

impl<'a, Row> Prepared<'a, Row> {
    pub fn new(sql: &'static str, binds: Vec<Value<'a>>) -> Self {
        Prepared {
            sql,
            binds,
            row: PhantomData,
        }
    }
}

/// The SQL split at its `$n` placeholders: the text before each and the
/// value it names (0-based), then the text after the last.
fn pieces(sql: &str) -> (Vec<(&str, usize)>, &str) {
    let bytes = sql.as_bytes();
    let (mut out, mut start, mut i) = (Vec::new(), 0, 0);
    while i < bytes.len() {
        if bytes[i] == b'$' {
            let digits = bytes[i + 1..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            if digits > 0 {
                let n: usize = sql[i + 1..i + 1 + digits].parse().unwrap_or(0);
                out.push((&sql[start..i], n.wrapping_sub(1)));
                i += 1 + digits;
                start = i;
                continue;
            }
        }
        i += 1;
    }
    (out, &sql[start..])
}

impl<Row> QueryFragment<Pg> for Prepared<'_, Row> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        // diesel writes its own `$n` at each bind, numbered in order; a
        // value named twice is bound twice
        let (pieces, tail) = pieces(self.sql);
        for (text, n) in pieces {
            out.push_sql(text);
            let value = self.binds.get(n).ok_or_else(|| {
                diesel::result::Error::QueryBuilderError(
                    format!("${} has no value in: {}", n.wrapping_add(1), self.sql).into(),
                )
            })?;
            match value {
                Value::SmallInt(v) => out.push_bind_param::<SmallInt, _>(v)?,
                Value::Int(v) => out.push_bind_param::<Integer, _>(v)?,
                Value::BigInt(v) => out.push_bind_param::<BigInt, _>(v)?,
                Value::Double(v) => out.push_bind_param::<Double, _>(v)?,
                Value::Text(v) => out.push_bind_param::<Text, _>(*v)?,
                Value::NullBigInt(v) => out.push_bind_param::<Nullable<BigInt>, _>(v)?,
                Value::NullDouble(v) => out.push_bind_param::<Nullable<Double>, _>(v)?,
                Value::NullText(v) => out.push_bind_param::<Nullable<Text>, _>(v)?,
            }
        }
        out.push_sql(tail);
        Ok(())
    }
}

/// Not a static id: diesel then caches the statement under its SQL text
/// and the types of its values, which is what makes it prepared once.
impl<Row> QueryId for Prepared<'_, Row> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<Row> Query for Prepared<'_, Row> {
    type SqlType = Row;
}

impl<Row> RunQueryDsl<diesel::PgConnection> for Prepared<'_, Row> {}

#[cfg(test)]
mod tests {
    use super::pieces;

    #[test]
    fn placeholders_are_found_in_order_and_may_repeat() {
        let (parts, tail) = pieces("SELECT $2 + $1, '$' || $2 FROM t WHERE a = $10");
        assert_eq!(
            parts,
            vec![
                ("SELECT ", 1),
                (" + ", 0),
                (", '$' || ", 1),
                (" FROM t WHERE a = ", 9)
            ]
        );
        assert_eq!(tail, "");
        assert_eq!(pieces("SELECT 1"), (vec![], "SELECT 1"));
    }
}
