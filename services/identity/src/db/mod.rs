//! Everything that touches the service's own tables. Each file owns one
//! table; handlers call these functions inside `Db::run`.

pub mod codes;
pub mod limits;
pub mod registrations;
pub mod revocations;
pub mod schema;
pub mod users;

use diesel_migrations::{embed_migrations, EmbeddedMigrations};
use platform_db::Migrations;

static POSTGRES: EmbeddedMigrations = embed_migrations!("migrations/postgres");
static SQLITE: EmbeddedMigrations = embed_migrations!("migrations/sqlite");

pub static MIGRATIONS: Migrations = Migrations {
    postgres: &POSTGRES,
    sqlite: &SQLITE,
};

/// Unix seconds, the unit of every time column.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}
