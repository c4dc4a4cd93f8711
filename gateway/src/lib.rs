//! The one public entry of the platform: routes requests to the services,
//! verifies access tokens, limits request rates and streams bodies both
//! ways. See README.md for the route table and settings.

mod cors;
mod docs;
mod handler;
mod headers;
mod metrics;
mod proxy;
pub mod ratelimit;
pub mod routes;
pub mod settings;
mod startup;
mod upstream;
mod websocket;

pub use settings::Settings;
pub use startup::{Application, Gateway, StartError};
