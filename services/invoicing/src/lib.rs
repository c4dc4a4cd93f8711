//! The invoicing service: the customers of an invoicing account (seed
//! document 003), in the ledger dialect. `main.rs` and the `stack` launcher
//! both start it through [`Application::build`].

pub mod customers;
pub mod error;
mod input;
pub mod openapi;
pub mod rules;
mod schema;
pub mod settings;
pub mod startup;

pub use error::InvoicingError;
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
