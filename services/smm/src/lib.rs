//! The smm service: the social-media-marketing panel of seed 002 (catalog,
//! wallet and ledger, orders, upstream providers; Zarinpal top-ups,
//! notifications, tickets, free credit, the wheel and gifts, stats) in the
//! panel dialect, and the reseller API v2 it sells through. `main.rs` and the `stack`
//! launcher both start it through [`Application::build`].

pub mod account;
pub mod admin;
pub mod allowance;
pub mod caller;
pub mod catalog;
pub mod error;
pub mod freecredit;
pub mod gifts;
mod input;
pub mod kinds;
pub mod money;
pub mod notifications;
pub mod openapi;
pub mod orders;
pub mod payments;
pub mod people;
pub mod reseller;
mod schema;
pub mod settings;
pub mod startup;
pub mod state;
pub mod stats;
pub mod tickets;
pub mod upstream;
pub mod wallet;

pub use error::SmmError;
pub use platform_service::StartError;
pub use settings::Settings;
pub use startup::Application;

/// The embedded migrations of both backends, run at start-up.
pub const MIGRATIONS: platform_db::Migrations = platform_db::Migrations {
    postgres: &POSTGRES,
    sqlite: &SQLITE,
};

const POSTGRES: diesel_migrations::EmbeddedMigrations =
    diesel_migrations::embed_migrations!("migrations/postgres");
const SQLITE: diesel_migrations::EmbeddedMigrations =
    diesel_migrations::embed_migrations!("migrations/sqlite");
