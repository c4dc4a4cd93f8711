//! The service's tables. Every state change is one conditional `UPDATE`
//! whose row count decides; a message's sequence number is taken by
//! raising its conversation's `last_seq` in the sending transaction.

mod append_postgres;
pub mod chats;
pub mod messages;
pub mod rooms;

use diesel::result::{DatabaseErrorKind, Error};

/// True when a unique index refused the write.
pub fn is_unique_violation(e: &Error) -> bool {
    matches!(
        e,
        Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _)
    )
}
