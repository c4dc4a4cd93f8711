//! Passwords: argon2id with the argon2 crate's defaults (19 MiB, 2 passes),
//! hashed and checked on the blocking pool because each takes tens of
//! milliseconds of CPU.

use crate::error::IdentityError;
use argon2::password_hash::{rand_core::OsRng, PasswordHash, SaltString};
use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use std::sync::LazyLock;
use tokio::sync::Semaphore;

/// Hashes running at once, at most one per core: each takes about 19 MiB,
/// so a burst of password logins waits its turn instead of exhausting
/// memory (or the blocking pool that database calls also need).
static HASHING: LazyLock<Semaphore> = LazyLock::new(|| {
    Semaphore::new(std::thread::available_parallelism().map_or(2, std::num::NonZero::get))
});

/// Runs `work` on the blocking pool once a hashing permit is free.
async fn bounded<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, IdentityError> {
    let _permit = HASHING.acquire().await.map_err(IdentityError::internal)?;
    actix_web::web::block(work)
        .await
        .map_err(IdentityError::internal)
}

/// Longer passwords are refused before hashing: hashing cost must not be
/// the client's to choose.
pub const MAX_CHARS: usize = 128;
pub const MIN_CHARS: usize = 8;

pub async fn hash(password: String) -> Result<String, IdentityError> {
    bounded(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| IdentityError::internal(std::io::Error::other(e.to_string())))
    })
    .await?
}

/// True when `password` matches the stored PHC string.
pub async fn verify(password: String, stored: String) -> Result<bool, IdentityError> {
    bounded(move || {
        let Ok(parsed) = PasswordHash::new(&stored) else {
            return false;
        };
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
    .await
}

#[cfg(test)]
mod tests {
    #[actix_web::test]
    async fn argon2id_round_trip() {
        let stored = super::hash("correct horse".into()).await.unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(super::verify("correct horse".into(), stored.clone())
            .await
            .unwrap());
        assert!(!super::verify("wrong horse".into(), stored).await.unwrap());
    }
}
