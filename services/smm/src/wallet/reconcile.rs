//! The check that the books balance: for every account, the ledger sums to
//! the balance column. Run by `smm-reconcile` and by
//! `GET /api/v1/admin/reconcile`.

use crate::money::Money;
use crate::schema::wallets;
use diesel::prelude::*;
use diesel::sql_types::BigInt;
use platform_db::AnyConnection;
use serde::Serialize;
use std::collections::BTreeMap;

/// An account whose ledger and balance disagree.
#[derive(Debug, Serialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct Difference {
    pub user_id: i64,
    pub balance: Money,
    pub ledger: Money,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Report {
    /// Accounts checked.
    pub accounts: u64,
    pub differences: Vec<Difference>,
}

pub fn run(conn: &mut AnyConnection) -> QueryResult<Report> {
    // one consistent view of both tables
    conn.transaction(|c| {
        let balances: Vec<(i64, i64)> = wallets::table
            .select((wallets::user_id, wallets::balance))
            .load(c)?;
        let sums = ledger_sums(c)?;
        let mut by_user: BTreeMap<i64, (i64, i64)> = BTreeMap::new();
        for (user, balance) in &balances {
            by_user.entry(*user).or_default().0 = *balance;
        }
        for row in sums {
            by_user.entry(row.user_id).or_default().1 = row.total;
        }
        let differences = by_user
            .iter()
            .filter(|(_, (b, l))| b != l)
            .map(|(user, (b, l))| Difference {
                user_id: *user,
                balance: Money(*b),
                ledger: Money(*l),
            })
            .collect();
        Ok(Report {
            accounts: by_user.len() as u64,
            differences,
        })
    })
}

#[derive(QueryableByName)]
struct LedgerSum {
    #[diesel(sql_type = BigInt)]
    user_id: i64,
    #[diesel(sql_type = BigInt)]
    total: i64,
}

/// Each account's ledger total. The SQL is written out because the two
/// backends give SUM of a BIGINT different types (NUMERIC on PostgreSQL);
/// the CAST makes both a BIGINT.
fn ledger_sums(conn: &mut AnyConnection) -> QueryResult<Vec<LedgerSum>> {
    const SQL: &str = "SELECT user_id, CAST(COALESCE(SUM(amount), 0) AS BIGINT) AS total \
                       FROM ledger GROUP BY user_id";
    match conn {
        AnyConnection::Postgresql(pg) => diesel::sql_query(SQL).load(pg),
        AnyConnection::Sqlite(lite) => diesel::sql_query(SQL).load(lite),
    }
}
