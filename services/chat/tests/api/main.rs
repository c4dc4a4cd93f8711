//! The chat service's API tests: one binary, modules per concern.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test fails by panicking"
)]

mod flow;
mod helpers;
mod openapi;
mod rooms;
mod seed;
mod socket;
