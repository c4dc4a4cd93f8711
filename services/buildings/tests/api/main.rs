//! The buildings service started for real on a free port, with its own
//! database (SQLite, or PostgreSQL when `TEST_DATABASE_URL` is set) and a
//! JWKS served by a stand-in for identity. One test binary, many modules,
//! so the suite links once.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test fails by panicking"
)]

mod admin;
mod contacts;
mod duplicates;
mod helpers;
mod internal;
mod location;
mod malformed;
mod me;
mod openapi;
mod residency;
mod seed;
