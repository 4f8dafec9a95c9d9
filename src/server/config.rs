//! Typed settings: defaults, then an optional file (`portico.toml` or `$PORTICO_CONFIG`),
//! then `PORTICO_*` environment variables and `DATABASE_URL`.
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Everything Portico needs to run. Secrets are `SecretString`: never printed.
#[derive(Debug, Clone, Deserialize)]
pub struct Settings {
    /// `sqlite:…` or `postgres:…`; defaults to a SQLite file in `data_dir`.
    pub database_url: Option<SecretString>,
    /// Listen address.
    pub addr: SocketAddr,
    /// Base URL used in links sent by mail.
    pub public_url: Option<String>,
    /// Folder for the SQLite file, outgoing mail (.eml) and attachments.
    pub data_dir: PathBuf,
    /// `smtp://user:pass@host:port` (or `smtps://`); without it mail goes to .eml files.
    pub smtp_url: Option<SecretString>,
    /// Key sealing mail bodies at rest (base64 of 32 bytes); else `secret.key` in data_dir.
    pub secret_key: Option<SecretString>,
    /// Sender of outgoing mail, e.g. `Portico <no-reply@firm.example>`.
    pub mail_from: String,
    /// How often the outbox worker looks for due mail, in milliseconds.
    pub mail_poll_ms: u64,
    /// Largest attachment accepted, in bytes (default 25 MB).
    pub attachment_max_file_bytes: u64,
    /// Most attachment bytes one ticket may hold (default 100 MB).
    pub attachment_max_ticket_bytes: u64,
    /// Where cargo-leptos put the compiled site (pkg/, assets).
    pub site_root: PathBuf,
    /// Login attempts allowed per account per minute.
    pub login_per_account_per_minute: u32,
    /// Login attempts allowed per client address per minute.
    pub login_per_address_per_minute: u32,
    /// Reverse proxies whose `Forwarded` / `X-Forwarded-For` is believed (addresses
    /// or networks, comma-separated); none by default.
    pub trusted_proxies: String,
    /// How often buffered portal visits are written, in milliseconds.
    pub visit_flush_ms: u64,
    /// Longest a rendered page is served again from memory while nothing changed in
    /// the database, in milliseconds (`0`: no page cache).
    pub page_cache_ms: u64,
    /// Memory for rendered pages, in bytes.
    pub page_cache_bytes: u64,
    /// The CNJ DataJud public API key; without it movements are not fetched.
    pub datajud_api_key: Option<SecretString>,
    /// DataJud's base URL (each court's index is under it).
    pub datajud_url: String,
    /// How often every legal matter is fetched from DataJud, in minutes.
    pub datajud_interval_minutes: u64,
    /// Longest wait for one DataJud answer, in milliseconds.
    pub datajud_timeout_ms: u64,
}

impl Settings {
    /// The attachment limits, as the browser is told them.
    pub fn upload_limits(&self) -> crate::model::ticket::UploadLimits {
        crate::model::ticket::UploadLimits { file: self.attachment_max_file_bytes, ticket: self.attachment_max_ticket_bytes }
    }

    /// Loads the settings; fails with a readable message on a bad file or value.
    pub fn load() -> anyhow::Result<Settings> {
        let file = std::env::var("PORTICO_CONFIG").unwrap_or_else(|_| "portico".into());
        let mut s: Settings = config::Config::builder()
            .set_default("addr", "127.0.0.1:3000")?
            .set_default("data_dir", "data")?
            .set_default("site_root", "target/site")?
            .set_default("mail_from", "Portico <no-reply@portico.localhost>")?
            .set_default("mail_poll_ms", 1000)?
            .set_default("attachment_max_file_bytes", 25_000_000)?
            .set_default("attachment_max_ticket_bytes", 100_000_000)?
            .set_default("login_per_account_per_minute", 5)?
            .set_default("login_per_address_per_minute", 30)?
            .set_default("trusted_proxies", "")?
            .set_default("visit_flush_ms", 1000)?
            .set_default("page_cache_ms", 10_000)?
            .set_default("page_cache_bytes", 32 << 20)?
            .set_default("datajud_url", "https://api-publica.datajud.cnj.jus.br")?
            .set_default("datajud_interval_minutes", 360)?
            .set_default("datajud_timeout_ms", 20_000)?
            .add_source(config::File::with_name(&file).required(false))
            .add_source(config::Environment::with_prefix("PORTICO").try_parsing(true))
            .build()?
            .try_deserialize()?;
        if let Ok(url) = std::env::var("DATABASE_URL") {
            if !url.trim().is_empty() {
                s.database_url = Some(url.into());
            }
        }
        Ok(s)
    }

    /// The database URL to use: the configured one, or `data_dir/portico.db`.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(u) => u.expose_secret().to_string(),
            None => format!("sqlite://{}/portico.db", self.data_dir.display()),
        }
    }

    /// Base URL for links in mail.
    pub fn public_url(&self) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.addr))
            .trim_end_matches('/')
            .to_string()
    }

    /// The SMTP URL, if mail goes out by SMTP.
    pub fn smtp_url(&self) -> Option<String> {
        self.smtp_url.as_ref().map(|u| u.expose_secret().to_string())
    }

    /// Folder of the .eml files written when no SMTP server is configured.
    pub fn mail_dir(&self) -> PathBuf {
        self.data_dir.join("mail")
    }

    /// Folder of the local attachment store.
    pub fn attachments_dir(&self) -> PathBuf {
        self.data_dir.join("attachments")
    }

    /// Cookies get `Secure` when the public URL is https.
    pub fn secure_cookies(&self) -> bool {
        self.public_url().starts_with("https://")
    }

    /// Settings for tests: everything given explicitly.
    pub fn for_tests(database_url: String, data_dir: PathBuf, site_root: PathBuf) -> Settings {
        Settings {
            database_url: Some(database_url.into()),
            addr: "127.0.0.1:0".parse().expect("addr"),
            public_url: None,
            data_dir,
            smtp_url: None,
            secret_key: None,
            mail_from: "Portico <no-reply@portico.localhost>".into(),
            mail_poll_ms: 100,
            attachment_max_file_bytes: 25_000_000,
            attachment_max_ticket_bytes: 100_000_000,
            site_root,
            login_per_account_per_minute: 5,
            login_per_address_per_minute: 1000,
            trusted_proxies: String::new(),
            // Tests write visits explicitly (`Visits::flush`) unless they set this.
            visit_flush_ms: 3_600_000,
            page_cache_ms: 10_000,
            page_cache_bytes: 32 << 20,
            datajud_api_key: None,
            datajud_url: "http://127.0.0.1:9".into(),
            datajud_interval_minutes: 360,
            datajud_timeout_ms: 2_000,
        }
    }
}
