//! Argon2id password hashes with the OWASP parameters (19 MiB, 2 passes, 1 lane),
//! computed on the blocking pool so they never stall the async threads.
use crate::model::AppError;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 params");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a new password.
pub async fn hash(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        hasher()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| super::super::internal("hashing password", e))
    })
    .await
    .map_err(|e| super::super::internal("hash task", e))?
}

/// A hash of a password nobody has, verified when the account does not exist so
/// that a wrong email costs as long as a wrong password.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0Fq3zD7gBZZ1Y3nFQn0Sg6W8mJmM2vXbqf6lJ1s1P8s";

/// Checks `password` against `stored` (or against a dummy when there is no account).
pub async fn verify(stored: Option<String>, password: String) -> bool {
    let known = stored.is_some();
    let stored = stored.unwrap_or_else(|| DUMMY_HASH.to_string());
    let ok = tokio::task::spawn_blocking(move || {
        PasswordHash::new(&stored)
            .map(|h| hasher().verify_password(password.as_bytes(), &h).is_ok())
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false);
    known && ok
}

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn round_trip() {
        let h = super::hash("correct horse battery".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(super::verify(Some(h.clone()), "correct horse battery".into()).await);
        assert!(!super::verify(Some(h), "wrong".into()).await);
        assert!(!super::verify(None, "anything".into()).await);
    }
}
