//! Tickets and their messages as stored, and as seed 002 shows them.

use crate::money::Money;
use crate::people::Person;
use crate::schema::{ticket_messages as m, tickets as t};
use crate::wallet::{self, Wallet};
use diesel::prelude::*;
use platform_db::AnyConnection;
use serde::Serialize;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = t)]
pub struct Ticket {
    pub id: i64,
    pub uid: i64,
    pub subject: String,
    pub description: String,
    pub status: String,
    pub changed: i64,
    pub created: i64,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = m)]
pub struct Message {
    pub id: i64,
    pub ticket_id: i64,
    pub uid: i64,
    pub operator: i32,
    pub message: String,
    pub is_read: i32,
    pub changed: i64,
    pub created: i64,
}

/// Seed 002's ticket in a list.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TicketObject {
    id: i64,
    /// Always null (the seed's column, unused here).
    ids: Option<String>,
    uid: i64,
    description: String,
    subject: String,
    /// new, pending (the user wrote last), answered, closed.
    status: String,
    created: i64,
    changed: i64,
}

impl From<Ticket> for TicketObject {
    fn from(t: Ticket) -> Self {
        TicketObject {
            id: t.id,
            ids: None,
            uid: t.uid,
            description: t.description,
            subject: t.subject,
            status: t.status,
            created: t.created,
            changed: t.changed,
        }
    }
}

/// Seed 002's ticket message. `operator` (an addition) is 1 for an
/// operator's answer.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct MessageObject {
    id: i64,
    ids: Option<String>,
    uid: i64,
    ticket_id: i64,
    message: String,
    is_read: i32,
    operator: i32,
    changed: i64,
    created: i64,
}

impl From<Message> for MessageObject {
    fn from(m: Message) -> Self {
        MessageObject {
            id: m.id,
            ids: None,
            uid: m.uid,
            ticket_id: m.ticket_id,
            message: m.message,
            is_read: m.is_read,
            operator: m.operator,
            changed: m.changed,
            created: m.created,
        }
    }
}

/// The message just written, as the seed answers a reply (`ticket_id` as
/// text, as the seed writes it).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct WrittenObject {
    uid: i64,
    ticket_id: String,
    is_read: i32,
    message: String,
    changed: i64,
    created: i64,
    id: i64,
}

impl From<Message> for WrittenObject {
    fn from(m: Message) -> Self {
        WrittenObject {
            uid: m.uid,
            ticket_id: m.ticket_id.to_string(),
            is_read: m.is_read,
            message: m.message,
            changed: m.changed,
            created: m.created,
            id: m.id,
        }
    }
}

/// Seed 002's user object inside a ticket: identity's names and masked
/// mobile, smm's wallet; what neither keeps for other services
/// (e-mail, keys, addresses) is null.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct UserObject {
    id: i64,
    ids: Option<String>,
    role: &'static str,
    login_type: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
    email: Option<String>,
    /// Masked.
    mobile: Option<String>,
    mobile_verified: i32,
    timezone: Option<String>,
    more_information: Option<String>,
    settings: Option<String>,
    desc: Option<String>,
    balance: Money,
    custom_rate: i32,
    /// Masked, as the profile shows it.
    api_key: Option<String>,
    spent: Money,
    activation_key: Option<String>,
    reset_key: Option<String>,
    history_ip: Option<String>,
    status: i32,
    changed: Option<i64>,
    created: Option<i64>,
}

impl UserObject {
    pub fn new(id: i64, person: Option<Person>, wallet: Option<(Wallet, i64, i64)>) -> Self {
        let person = person.unwrap_or_default();
        let (balance, spent, rate, hint, changed, created) = match wallet {
            Some((w, changed, created)) => (
                w.balance,
                w.spent,
                w.custom_rate,
                w.api_key_hint,
                Some(changed),
                Some(created),
            ),
            None => (0, 0, 0, None, None, None),
        };
        UserObject {
            id,
            ids: None,
            role: "user",
            login_type: None,
            first_name: person.first_name,
            last_name: person.last_name,
            email: None,
            mobile: person.mobile,
            mobile_verified: 1,
            timezone: None,
            more_information: None,
            settings: None,
            desc: None,
            balance: Money(balance),
            custom_rate: rate,
            api_key: hint,
            spent: Money(spent),
            activation_key: None,
            reset_key: None,
            history_ip: None,
            status: 1,
            changed,
            created,
        }
    }
}

/// Seed 002's ticket with its `user` (a one-element array, as the seed
/// has it) and `messages`, oldest first.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DetailObject {
    #[serde(flatten)]
    ticket: TicketObject,
    user: Vec<UserObject>,
    messages: Vec<MessageObject>,
}

/// What a detail needs from the database.
pub struct Loaded {
    pub ticket: Ticket,
    pub messages: Vec<Message>,
    pub wallet: Option<(Wallet, i64, i64)>,
}

pub fn find(conn: &mut AnyConnection, id: i64) -> QueryResult<Option<Ticket>> {
    t::table
        .find(id)
        .select(Ticket::as_select())
        .first(conn)
        .optional()
}

pub fn load(conn: &mut AnyConnection, ticket: Ticket) -> QueryResult<Loaded> {
    let messages = m::table
        .filter(m::ticket_id.eq(ticket.id))
        .order(m::id.asc())
        .select(Message::as_select())
        .load(conn)?;
    let wallet = match wallet::find(conn, ticket.uid)? {
        Some(w) => {
            use crate::schema::wallets as ws;
            let (changed, created): (i64, i64) = ws::table
                .find(ticket.uid)
                .select((ws::changed, ws::created))
                .first(conn)?;
            Some((w, changed, created))
        }
        None => None,
    };
    Ok(Loaded {
        ticket,
        messages,
        wallet,
    })
}

impl DetailObject {
    pub fn new(loaded: Loaded, person: Option<Person>) -> Self {
        let uid = loaded.ticket.uid;
        DetailObject {
            ticket: loaded.ticket.into(),
            user: vec![UserObject::new(uid, person, loaded.wallet)],
            messages: loaded.messages.into_iter().map(Into::into).collect(),
        }
    }
}

/// Adds a message and moves the ticket to `new_status`, inside the
/// caller's transaction.
pub fn write(
    c: &mut AnyConnection,
    ticket_id: i64,
    uid: i64,
    operator: bool,
    message: &str,
    new_status: &str,
    now: i64,
) -> QueryResult<Message> {
    // the ticket's row first: its lock keeps the newest message ours
    diesel::update(t::table.find(ticket_id))
        .set((t::status.eq(new_status), t::changed.eq(now)))
        .execute(c)?;
    diesel::insert_into(m::table)
        .values((
            m::ticket_id.eq(ticket_id),
            m::uid.eq(uid),
            m::operator.eq(i32::from(operator)),
            m::message.eq(message),
            m::changed.eq(now),
            m::created.eq(now),
        ))
        .execute(c)?;
    m::table
        .filter(m::ticket_id.eq(ticket_id))
        .order(m::id.desc())
        .select(Message::as_select())
        .first(c)
}
