//! The smm service started for real on a free port, with its own database
//! (SQLite, or PostgreSQL when `TEST_DATABASE_URL` is set), a stand-in
//! identity, and stand-in providers speaking the reseller API v2. One test
//! binary, many modules, so the suite links once.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test fails by panicking"
)]

mod admin;
mod catalog;
mod freecredit;
mod gifts;
mod helpers;
mod internal;
mod notifications;
mod openapi;
mod orders;
mod payments;
mod provider;
mod races;
mod reseller;
mod rules;
mod stats;
mod tickets;
mod upstream;
mod zarinpal;
