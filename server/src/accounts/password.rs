//! Argon2id password hashes (PHC strings), computed off the async threads.

use crate::error::ApiError;
use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

pub async fn hash(password: String) -> Result<String, ApiError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| ApiError::Internal(format!("password hashing: {e}")))
    })
    .await
    .map_err(|e| ApiError::Internal(format!("password hashing task: {e}")))?
}

/// Whether `password` matches `hash`. With no account, pass `None`: a dummy hash is checked anyway
/// so the answer takes as long as for a real account.
pub async fn verify(password: String, hash: Option<String>) -> bool {
    const DUMMY: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$1fS0qGTu4+o1bJz1e1rCqY9fD2hC1OE0m6nL1Q5xW8Y";
    let exists = hash.is_some();
    let hash = hash.unwrap_or_else(|| DUMMY.to_owned());
    let ok = tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash).is_ok_and(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
    })
    .await
    .unwrap_or(false);
    ok && exists
}
