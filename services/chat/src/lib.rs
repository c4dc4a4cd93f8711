//! The chat service: buyers' chats with stores (seeds 000 and 001, bazaar
//! dialect), building residents' rooms (seed 004's app, building dialect),
//! their history over REST and real time over a WebSocket (`/ws`), fanned
//! out across replicas through Redis or, embedded, in-process. README.md
//! has the routes and the protocol.

pub mod chats;
pub mod conversation;
mod db;
pub mod error;
mod input;
mod live;
pub mod messages;
pub mod openapi;
mod peers;
pub mod rooms;
mod schema;
pub mod settings;
pub mod startup;
mod state;
mod ws;

pub use error::ChatError;
pub use settings::Settings;
pub use startup::{Application, StartError};

/// The embedded migrations of both backends, run at start-up.
pub const MIGRATIONS: platform_db::Migrations = platform_db::Migrations {
    postgres: &POSTGRES,
    sqlite: &SQLITE,
};

const POSTGRES: diesel_migrations::EmbeddedMigrations =
    diesel_migrations::embed_migrations!("migrations/postgres");
const SQLITE: diesel_migrations::EmbeddedMigrations =
    diesel_migrations::embed_migrations!("migrations/sqlite");

/// Unix seconds now.
pub(crate) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}
