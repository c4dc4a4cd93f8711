//! The identity service through HTTP: each module starts the real app on a
//! free port with a fresh database (SQLite, or PostgreSQL when
//! `TEST_DATABASE_URL` is set) and real HTTP stand-ins for SMS providers.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test fails by panicking"
)]

mod bazaar_account;
mod helpers;
mod internal;
mod kavenegar;
mod keys_mount;
mod limits;
mod login;
mod malformed;
mod openapi;
mod password;
mod tokens;
mod user;
mod verify;
mod wallet;
mod web;
