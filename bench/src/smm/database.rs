//! The run's database (`crate::common::database`) and what the bench
//! counts in it.

use diesel::prelude::*;

pub use crate::common::database::Fresh;

/// `SELECT count(*) ... WHERE <condition>` on the orders table.
pub fn count_orders(conn: &mut PgConnection, condition: &str) -> i64 {
    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    diesel::sql_query(format!(
        "SELECT count(*) AS n FROM orders WHERE {condition}"
    ))
    .get_result::<Count>(conn)
    .expect("count")
    .n
}
