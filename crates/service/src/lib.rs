//! The service kit: what every domain service is built from, so that each
//! reads like a sibling of the others. A service declares its own settings
//! beside the [`Common`] ones, opens a [`Kit`] (settings checked, port
//! bound, database migrated, Redis, token verification and revocations),
//! builds its state from the kit's database, and serves its routes with
//! [`Kit::serve`]; its `main` is one call to [`main`].
//!
//! `docs/adding-a-service.md` walks a new service through it.

mod error;
mod kit;
mod run;
mod settings;

pub use error::{BaseError, Cause};
pub use kit::{Kit, StartError};
pub use run::{main, main_with};
pub use settings::{load, load_from, Common, ServiceSettings};
