//! The database layer every service shares: one connection type over SQLite
//! and PostgreSQL chosen from the URL, an r2d2 pool, per-backend migrations
//! run at start-up, and [`Db::run`] to keep blocking queries off the actix
//! workers.

mod connection;
mod migrate;
mod pool;
mod prepared;

pub use connection::{AnyConnection, Backend};
pub use migrate::Migrations;
pub use pool::{Conn, Db, DbOptions};
pub use prepared::{Prepared, Value};

/// What can go wrong below a service's own logic.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("database url `{0}` is neither sqlite nor postgres")]
    BadUrl(String),
    #[error("database pool: {0}")]
    Pool(#[from] diesel::r2d2::PoolError),
    #[error("database: {0}")]
    Query(#[from] diesel::result::Error),
    #[error("migrations: {0}")]
    Migration(String),
    #[error("the blocking thread pool is gone")]
    Blocking,
}

impl DbError {
    /// True when the row asked for does not exist; services answer 404.
    pub fn is_not_found(&self) -> bool {
        matches!(self, DbError::Query(diesel::result::Error::NotFound))
    }

    /// True for a passing condition worth a retry, not a fault: an
    /// exhausted pool, a busy SQLite file, a lost or restarting PostgreSQL
    /// connection, a serialization conflict. Services answer 503.
    pub fn is_unavailable(&self) -> bool {
        use diesel::result::DatabaseErrorKind as Kind;
        match self {
            DbError::Pool(_) | DbError::Blocking => true,
            DbError::Query(diesel::result::Error::DatabaseError(kind, info)) => {
                let message = info.message();
                matches!(kind, Kind::ClosedConnection | Kind::SerializationFailure)
                    || [
                        "database is locked",
                        "database is busy",
                        "terminating connection",
                        "server closed the connection",
                        "the database system is",
                    ]
                    .iter()
                    .any(|m| message.contains(m))
            }
            _ => false,
        }
    }

    /// True when a unique index refused the write; services answer 409/422.
    pub fn is_unique_violation(&self) -> bool {
        matches!(
            self,
            DbError::Query(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _
            ))
        )
    }
}
