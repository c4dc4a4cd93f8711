use crate::Claims;
use futures_util::future::BoxFuture;

/// Whether a token was revoked before it expired (logout). The identity
/// service decides how revocations are stored; the gateway asks through this.
pub trait RevocationCheck: Send + Sync {
    /// `Err` when the store cannot answer; the caller decides whether that
    /// lets the request through.
    fn is_revoked<'a>(&'a self, claims: &'a Claims) -> BoxFuture<'a, Result<bool, String>>;
}

/// No token is ever revoked: the check until a store is configured.
pub struct NeverRevoked;

impl RevocationCheck for NeverRevoked {
    fn is_revoked<'a>(&'a self, _: &'a Claims) -> BoxFuture<'a, Result<bool, String>> {
        Box::pin(async { Ok(false) })
    }
}
