//! The key that seals what the database must not give away in a copy: outgoing mail
//! bodies (invitations, password resets and secret links carry working tokens until
//! they are used). Sealed with XChaCha20-Poly1305; the key never enters the database.
//!
//! It comes from `PORTICO_SECRET_KEY` (base64 of 32 bytes; every instance on one
//! PostgreSQL needs the same), or else from `secret.key` in the data folder, created
//! on first start with mode 0600. Lose it and the mail still waiting is lost (it
//! fails to open and is dropped with a warning); nothing else depends on it.
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use std::path::Path;

const PREFIX: &str = "sealed:v1:";
/// The key file's name in the data folder.
pub const KEY_FILE: &str = "secret.key";

/// A 256-bit sealing key.
#[derive(Clone)]
pub struct SealKey(XChaCha20Poly1305);

impl std::fmt::Debug for SealKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SealKey(..)")
    }
}

impl SealKey {
    /// The key of `settings` (`secret_key`, else `secret.key` in `data_dir`).
    pub fn from_settings(settings: &crate::server::config::Settings) -> anyhow::Result<SealKey> {
        use secrecy::ExposeSecret;
        Self::load(settings.secret_key.as_ref().map(|k| k.expose_secret()), &settings.data_dir)
    }

    /// The configured key (`from_setting`, base64), else the data folder's key file,
    /// created when missing.
    pub fn load(from_setting: Option<&str>, data_dir: &Path) -> anyhow::Result<SealKey> {
        if let Some(b64) = from_setting.map(str::trim).filter(|s| !s.is_empty()) {
            return Self::from_b64(b64).map_err(|e| anyhow::anyhow!("PORTICO_SECRET_KEY: {e}"));
        }
        let path = data_dir.join(KEY_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => Self::from_b64(text.trim()).map_err(|e| anyhow::anyhow!("{}: {e}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let key = XChaCha20Poly1305::generate_key(&mut OsRng);
                write_private(&path, B64.encode(key).as_bytes())?;
                tracing::info!(file = %path.display(), "created the secret key (keep it with the backups, apart from the database)");
                Ok(SealKey(XChaCha20Poly1305::new(&key)))
            }
            Err(e) => Err(anyhow::anyhow!("{}: {e}", path.display())),
        }
    }

    fn from_b64(b64: &str) -> Result<SealKey, String> {
        let bytes = B64.decode(b64).map_err(|e| format!("not base64: {e}"))?;
        if bytes.len() != 32 {
            return Err(format!("{} bytes, 32 expected", bytes.len()));
        }
        Ok(SealKey(XChaCha20Poly1305::new_from_slice(&bytes).map_err(|e| e.to_string())?))
    }

    /// `text` sealed: `sealed:v1:` and base64 of nonce and ciphertext.
    pub fn seal(&self, text: &str) -> String {
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let sealed = self.0.encrypt(&nonce, text.as_bytes()).expect("sealing cannot fail");
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        format!("{PREFIX}{}", B64.encode(out))
    }

    /// The text `seal` sealed; `None` when it was sealed with another key or damaged.
    /// Text that was never sealed (written before sealing existed) is returned as is.
    pub fn open(&self, stored: &str) -> Option<String> {
        let Some(b64) = stored.strip_prefix(PREFIX) else { return Some(stored.to_string()) };
        let bytes = B64.decode(b64).ok()?;
        if bytes.len() < 24 {
            return None;
        }
        let (nonce, sealed) = bytes.split_at(24);
        let plain = self.0.decrypt(XNonce::from_slice(nonce), sealed).ok()?;
        String::from_utf8(plain).ok()
    }
}

/// Writes a new file readable by its owner only.
fn write_private(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    use std::io::Write;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::SealKey;

    #[test]
    fn sealed_text_opens_with_its_key_only() {
        let dir = std::env::temp_dir().join(format!("portico-key-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let key = SealKey::load(None, &dir).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.join(super::KEY_FILE)).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let sealed = key.seal("https://x.example/portal/password/abc123");
        assert!(!sealed.contains("abc123"));
        assert_eq!(key.open(&sealed).as_deref(), Some("https://x.example/portal/password/abc123"));
        // The same file gives the same key; another key cannot open it.
        assert_eq!(SealKey::load(None, &dir).unwrap().open(&sealed).as_deref(), Some("https://x.example/portal/password/abc123"));
        let other = SealKey::load(Some("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="), &dir).unwrap();
        assert_eq!(other.open(&sealed), None);
        assert!(SealKey::load(Some("short"), &dir).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
