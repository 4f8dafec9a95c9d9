//! Where mail goes: an SMTP server (lettre), or .eml files in a folder.
use super::Mail;
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, Mailbox};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::PathBuf;

/// A configured way out.
#[derive(Clone)]
pub enum Transport {
    /// `smtp://host:port` (plain, or `?tls=required`), `smtps://…` (TLS).
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// One .eml file per message in this folder; with `true` (the demo only), the
    /// message's links are logged too. Never otherwise: a log is no place for a token.
    Files(PathBuf, bool),
}

impl Transport {
    /// SMTP when `smtp_url` is given, else files in `dir`.
    pub fn new(smtp_url: Option<&str>, dir: PathBuf, log_links: bool) -> anyhow::Result<Transport> {
        match smtp_url.map(str::trim).filter(|u| !u.is_empty()) {
            Some(url) => Ok(Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)?
                    .timeout(Some(std::time::Duration::from_secs(20)))
                    .build(),
            )),
            None => {
                std::fs::create_dir_all(&dir)?;
                Ok(Transport::Files(dir, log_links))
            }
        }
    }

    /// Sends one message (`id` names the .eml file).
    pub async fn send(&self, from: &str, id: &str, mail: &Mail) -> anyhow::Result<()> {
        let message = Message::builder()
            .from(from.parse::<Mailbox>()?)
            .to(mail.to.parse::<Mailbox>()?)
            .subject(mail.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(
                Body::new_with_encoding(mail.body.clone(), ContentTransferEncoding::QuotedPrintable)
                    .map_err(|_| anyhow::anyhow!("mail body cannot be encoded"))?,
            )?;
        match self {
            Transport::Smtp(smtp) => {
                smtp.send(message).await?;
            }
            Transport::Files(dir, log_links) => {
                let final_path = dir.join(format!("{id}.eml"));
                let tmp = dir.join(format!(".{id}.eml.tmp"));
                tokio::fs::write(&tmp, message.formatted()).await?;
                tokio::fs::rename(&tmp, &final_path).await?;
                let links: Vec<&str> = match log_links {
                    true => mail.body.split_whitespace().filter(|w| w.starts_with("http")).collect(),
                    false => vec![],
                };
                tracing::info!(to = %mail.to, file = %final_path.display(), links = ?links, "mail written (no SMTP configured)");
            }
        }
        Ok(())
    }
}
