//! The identity service: SMS one-time-code login and sign-up, password
//! login, JWT access tokens signed with rotating Ed25519 keys and published
//! as a JWKS, logout that revokes tokens on every gateway, and the profiles
//! of the SMM panel (`/api/v1`) and bazaar (`/web`) apps.

pub mod auth;
pub mod client_addr;
pub mod codes;
pub mod db;
pub mod error;
pub mod internal;
pub mod jwks;
pub mod keys;
pub mod limiter;
pub mod login;
pub mod mail;
pub mod openapi;
pub mod params;
pub mod password;
pub mod routes;
pub mod settings;
pub mod sms;
pub mod startup;
pub mod state;
pub mod tokens;
pub mod user;
pub mod username;
pub mod wallet;
pub mod web;

pub use error::IdentityError;
pub use settings::Settings;
pub use startup::{Application, StartError};
