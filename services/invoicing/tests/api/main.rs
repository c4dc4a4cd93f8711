//! The invoicing service started for real on a free port, with its own
//! database (SQLite, or PostgreSQL when `TEST_DATABASE_URL` is set) and a
//! JWKS served by a stand-in for identity. One test binary, many modules,
//! so the suite links once.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test fails by panicking"
)]

mod auth;
mod delete;
mod filters;
mod helpers;
mod isolation;
mod language;
mod malformed;
mod nul;
mod openapi;
mod paging;
mod seed;
mod startup;
mod update;
mod validation;
