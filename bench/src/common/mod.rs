//! What more than one benchmark binary uses; each includes it with
//! `#[path = "../common/mod.rs"] mod common;`.

pub mod database;
pub mod flags;
