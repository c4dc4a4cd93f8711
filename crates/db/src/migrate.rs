use crate::{AnyConnection, DbError};
use diesel::connection::{AnsiTransactionManager, TransactionManager};
use diesel::migration::MigrationSource;
use diesel::prelude::*;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness};

/// A service's migrations, one folder per backend, embedded with
/// `diesel_migrations::embed_migrations!`.
#[derive(Clone, Copy)]
pub struct Migrations {
    pub postgres: &'static EmbeddedMigrations,
    pub sqlite: &'static EmbeddedMigrations,
}

/// `EmbeddedMigrations` is a migration source only by value and is neither
/// `Copy` nor `Clone`; this lends a `'static` one out by reference.
struct Source(&'static EmbeddedMigrations);

impl<DB: diesel::backend::Backend> MigrationSource<DB> for Source {
    fn migrations(
        &self,
    ) -> diesel::migration::Result<Vec<Box<dyn diesel::migration::Migration<DB>>>> {
        <EmbeddedMigrations as MigrationSource<DB>>::migrations(self.0)
    }
}

/// Any fixed number works; it only has to be the same for every replica of
/// every service (each service has its own database).
const MIGRATION_LOCK: i64 = 0x706c_6174_666f_726d;

pub(crate) fn run(conn: &mut AnyConnection, migrations: &Migrations) -> Result<(), DbError> {
    let failed = |e: Box<dyn std::error::Error + Send + Sync>| DbError::Migration(e.to_string());
    match conn {
        AnyConnection::Postgresql(pg) => {
            // replicas starting together wait here instead of racing the DDL
            diesel::sql_query(format!("SELECT pg_advisory_lock({MIGRATION_LOCK})")).execute(pg)?;
            let result = pg
                .run_pending_migrations(Source(migrations.postgres))
                .map(|_| ());
            diesel::sql_query(format!("SELECT pg_advisory_unlock({MIGRATION_LOCK})"))
                .execute(pg)?;
            result.map_err(failed)
        }
        AnyConnection::Sqlite(lite) => {
            // Two processes on one file would race the DDL too: the exclusive
            // lock makes the second wait (busy_timeout), then find nothing to do.
            AnsiTransactionManager::begin_transaction_sql(lite, "BEGIN EXCLUSIVE")?;
            match lite.run_pending_migrations(Source(migrations.sqlite)) {
                Ok(_) => Ok(AnsiTransactionManager::commit_transaction(lite)?),
                Err(e) => {
                    AnsiTransactionManager::rollback_transaction(lite)?;
                    Err(failed(e))
                }
            }
        }
    }
}
