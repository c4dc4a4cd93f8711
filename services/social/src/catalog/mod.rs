//! The catalog the social graph points at (bazzars, malls, stores,
//! products), each target's counters, and how lists show a target.

pub mod counters;
pub mod summary;
pub mod target;

pub use target::{Kind, Target};
