//! Secret tokens (invitations, password links, link access): 256 random bits from
//! the OS, URL-safe; only their SHA-256 is ever stored.
use super::session_store::token_hash;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;

/// A new secret and the hash to store for it.
pub fn new_secret() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let secret = URL_SAFE_NO_PAD.encode(bytes);
    let hash = token_hash(&secret);
    (secret, hash)
}

/// The stored hash of a secret that arrived in a request; `None` when it cannot be
/// one of ours (wrong length or alphabet), so junk never reaches the database.
pub fn hash_of(secret: &str) -> Option<String> {
    let ok = secret.len() == 43 && secret.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    ok.then(|| token_hash(secret))
}

#[cfg(test)]
mod tests {
    #[test]
    fn secrets_are_long_random_and_hashed() {
        let (a, ha) = super::new_secret();
        let (b, _) = super::new_secret();
        assert_ne!(a, b);
        assert_eq!(a.len(), 43, "32 bytes, base64url without padding");
        assert_eq!(super::hash_of(&a), Some(ha.clone()));
        assert_ne!(ha, a);
        assert_eq!(super::hash_of("short"), None);
        assert_eq!(super::hash_of(&format!("{}!", &a[..42])), None);
    }
}
