//! Passwords: argon2id with the argon2 crate's defaults (19 MiB, 2 passes),
//! hashed and checked on the blocking pool because each takes tens of
//! milliseconds of CPU.

use crate::error::IdentityError;
use argon2::password_hash::{rand_core::OsRng, PasswordHash, SaltString};
use argon2::{Argon2, PasswordHasher, PasswordVerifier};

/// Longer passwords are refused before hashing: hashing cost must not be
/// the client's to choose.
pub const MAX_CHARS: usize = 128;
pub const MIN_CHARS: usize = 8;

pub async fn hash(password: String) -> Result<String, IdentityError> {
    actix_web::web::block(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| IdentityError::internal(std::io::Error::other(e.to_string())))
    })
    .await
    .map_err(IdentityError::internal)?
}

/// True when `password` matches the stored PHC string.
pub async fn verify(password: String, stored: String) -> Result<bool, IdentityError> {
    actix_web::web::block(move || {
        let Ok(parsed) = PasswordHash::new(&stored) else {
            return false;
        };
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
    .await
    .map_err(IdentityError::internal)
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
