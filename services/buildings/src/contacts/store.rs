//! A user's secondary contacts in the database.

use super::keyed::Contact;
use crate::clock::now;
use crate::schema::{contact_emails, contact_phones};
use diesel::prelude::*;
use platform_db::{AnyConnection, DbError};

/// A contact to add or remove, already checked and normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Email(String),
    Phone(String),
}

/// Every contact of `user`: e-mails, then phone numbers, oldest first.
pub fn all(conn: &mut AnyConnection, user: &str) -> QueryResult<Vec<Contact>> {
    let emails: Vec<(i64, String)> = contact_emails::table
        .filter(contact_emails::user_id.eq(user))
        .order(contact_emails::id)
        .select((contact_emails::id, contact_emails::email))
        .load(conn)?;
    let phones: Vec<(i64, String)> = contact_phones::table
        .filter(contact_phones::user_id.eq(user))
        .order(contact_phones::id)
        .select((contact_phones::id, contact_phones::phone))
        .load(conn)?;
    let emails = emails.into_iter().map(|(id, email)| Contact::Email {
        id: id.to_string(),
        email,
    });
    let phones = phones.into_iter().map(|(id, phone)| Contact::Phone {
        id: id.to_string(),
        phone,
    });
    Ok(emails.chain(phones).collect())
}

/// Adds `value` to `user`'s contacts unless it is there already (an
/// e-mail in other letters included). The unique index decides, so two
/// requests adding the same contact at once still store it once.
pub fn add(conn: &mut AnyConnection, user: &str, value: &Value) -> Result<(), DbError> {
    let inserted = match value {
        Value::Email(email) => diesel::insert_into(contact_emails::table)
            .values((
                contact_emails::user_id.eq(user),
                contact_emails::email.eq(email),
                contact_emails::email_key.eq(email.to_lowercase()),
                contact_emails::created.eq(now()),
            ))
            .execute(conn),
        Value::Phone(phone) => diesel::insert_into(contact_phones::table)
            .values((
                contact_phones::user_id.eq(user),
                contact_phones::phone.eq(phone),
                contact_phones::created.eq(now()),
            ))
            .execute(conn),
    };
    match inserted.map_err(DbError::from) {
        Err(e) if e.is_unique_violation() => Ok(()),
        other => other.map(|_| ()),
    }
}

/// Removes `value` from `user`'s contacts; false when it was not there.
pub fn remove(conn: &mut AnyConnection, user: &str, value: &Value) -> QueryResult<bool> {
    let removed = match value {
        Value::Email(email) => diesel::delete(
            contact_emails::table
                .filter(contact_emails::user_id.eq(user))
                .filter(contact_emails::email_key.eq(email.to_lowercase())),
        )
        .execute(conn)?,
        Value::Phone(phone) => diesel::delete(
            contact_phones::table
                .filter(contact_phones::user_id.eq(user))
                .filter(contact_phones::phone.eq(phone)),
        )
        .execute(conn)?,
    };
    Ok(removed > 0)
}
