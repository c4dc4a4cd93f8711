//! The buildings service: building communities (seed document 004) in the
//! building dialect: the app's `Update` dispatcher with its secondary
//! contacts, the buildings, blocks, apartments and residents it checks
//! against, an admin API for them, and the membership the chat service's
//! rooms follow through `/internal/`. `main.rs` and the `stack` launcher
//! both start it through [`Application::build`].

pub mod admin;
mod clock;
pub mod community;
pub mod contacts;
pub mod error;
mod input;
pub mod internal;
mod location;
pub mod me;
pub mod openapi;
mod reply;
mod schema;
pub mod settings;
pub mod startup;
pub mod update;

pub use error::BuildingsError;
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
