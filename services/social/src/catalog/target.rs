//! What a like, a comment or a view points at: the app's four kinds of
//! place and thing (`bazzar`, spelt as the app spells it, `mall`, `store`,
//! `product`) and, for comments only, a `user`.

use crate::SocialError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Bazzar,
    Mall,
    Store,
    Product,
    User,
}

impl Kind {
    pub const CATALOG: [Kind; 4] = [Kind::Bazzar, Kind::Mall, Kind::Store, Kind::Product];

    /// As stored and as the app names it (also the key of a comment's
    /// target id).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Bazzar => "bazzar",
            Kind::Mall => "mall",
            Kind::Store => "store",
            Kind::Product => "product",
            Kind::User => "user",
        }
    }

    /// A kind of the catalog (everything but `user`), else `Invalid Target`.
    pub fn catalog(name: &str) -> Result<Kind, SocialError> {
        Kind::CATALOG
            .into_iter()
            .find(|k| k.name() == name)
            .ok_or(SocialError::InvalidTarget)
    }

    /// Any kind a comment may be about.
    pub fn commentable(name: &str) -> Result<Kind, SocialError> {
        if name == "user" {
            return Ok(Kind::User);
        }
        Kind::catalog(name)
    }
}

/// One target: its kind and id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Target {
    pub kind: Kind,
    pub id: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_app_spells_bazzar_with_two_zs() {
        assert_eq!(Kind::catalog("bazzar").unwrap(), Kind::Bazzar);
        assert!(Kind::catalog("bazaar").is_err());
        assert!(Kind::catalog("user").is_err());
        assert_eq!(Kind::commentable("user").unwrap(), Kind::User);
    }
}
