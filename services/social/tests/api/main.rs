//! The social service started for real on a free port, with its own
//! database (SQLite, or PostgreSQL when `TEST_DATABASE_URL` is set), a
//! stand-in identity (JWKS, logout feed and `/internal/users`). One test
//! binary, many modules, so the suite links once.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test fails by panicking"
)]

mod helpers;
mod internal;
mod isolation;
mod lists;
mod malformed;
mod manager;
mod openapi;
mod races;
mod reactions;
mod seed;
