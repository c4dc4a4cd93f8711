//! The community model: buildings, blocks, apartments and residents, who
//! lives where and who manages what, and the feed of membership changes
//! the chat service follows.

pub mod feed;
pub mod membership;
pub mod model;

/// A resident's role in an apartment.
pub const ROLES: [&str; 3] = ["owner", "tenant", "manager"];

/// The role that manages a building's residents.
pub const MANAGER: &str = "manager";
