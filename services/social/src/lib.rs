//! The social service: the marketplace app's social graph (seed 000) in
//! the bazaar dialect: comments, likes, dislikes, favorites, views and
//! notification subscriptions on bazzars, malls, stores and products with
//! exact counters; offers, store messages and broadcasts; the store
//! manager's side; the operators' catalog API; and what the chat service
//! reads of stores through `/internal/`. `main.rs` and the `stack`
//! launcher both start it through [`Application::build`].

pub mod admin;
pub mod broadcasts;
pub mod caller;
pub mod catalog;
mod clock;
pub mod comments;
pub mod error;
mod input;
pub mod internal;
pub mod manager;
pub mod offers;
pub mod openapi;
mod paging;
pub mod people;
pub mod reactions;
mod schema;
pub mod settings;
pub mod startup;
pub mod store_messages;

pub use error::SocialError;
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
