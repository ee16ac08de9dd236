//! Handing an email to the mail server: an SMTP server when one is
//! configured, otherwise a folder (one `.eml` file each) so a local run needs
//! none. Only the outbox worker ([`super::outbox`]) sends.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, Utc};
use lettre::message::Body;
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::domain::ids::EmailId;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email {
    pub to: String,
    pub subject: String,
    /// Plain text, lines ending in `\n`.
    pub body: String,
}

/// How to reach an SMTP server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    /// `none` (loopback only), `starttls` or `tls`.
    pub security: String,
    pub username: Option<String>,
    pub password: Option<String>,
}

#[derive(Clone, Debug)]
pub enum Mailer {
    /// Writes each message to a file in this folder.
    Outbox(PathBuf),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

static SEQUENCE: AtomicU64 = AtomicU64::new(0);

/// The body as 8bit text, so links and codes arrive byte for byte (lettre's
/// own choice is quoted-printable for lines over 78 characters, which turns
/// "token=" into "token=3D" for anyone reading the raw message). RFC 5322
/// allows lines up to 998 bytes; anything longer is left to lettre.
fn eight_bit_body(text: &str) -> Option<Body> {
    let crlf = text.replace("\r\n", "\n").replace('\n', "\r\n");
    let fits = crlf
        .split("\r\n")
        .all(|line| line.len() <= 998 && !line.contains(['\0', '\r']));
    fits.then(|| Body::dangerous_pre_encoded(crlf.into_bytes(), ContentTransferEncoding::EightBit))
}

impl Mailer {
    /// # Errors
    /// The TLS settings cannot be used with this host.
    pub fn smtp(settings: &SmtpSettings) -> Result<Mailer, String> {
        let builder = match settings.security.as_str() {
            "none" => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&settings.host),
            "starttls" => {
                AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&settings.host).map_err(|e| e.to_string())?
            }
            "tls" => AsyncSmtpTransport::<Tokio1Executor>::relay(&settings.host).map_err(|e| e.to_string())?,
            other => {
                return Err(format!(
                    "EHC_SMTP_SECURITY must be none, starttls or tls, not {other:?}"
                ));
            }
        };
        let mut builder = builder.port(settings.port);
        if let (Some(user), Some(password)) = (&settings.username, &settings.password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(Mailer::Smtp(builder.build()))
    }

    /// Hands one message to the mail server (or the outbox folder). Only the
    /// outbox worker calls this.
    ///
    /// # Errors
    /// Why the message could not be handed on, to record on the email.
    pub async fn send(&self, email: &Email, from: &str, message_id: &str) -> Result<(), String> {
        let text = |e: &dyn std::fmt::Display| e.to_string();
        let body = eight_bit_body(&email.body).unwrap_or_else(|| Body::new(email.body.clone()));
        let message = Message::builder()
            .from(from.parse().map_err(|e| text(&e))?)
            .to(email.to.parse().map_err(|e| text(&e))?)
            .subject(email.subject.clone())
            .message_id(Some(message_id.to_owned()))
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|e| text(&e))?;
        match self {
            Mailer::Outbox(dir) => {
                tokio::fs::create_dir_all(dir).await.map_err(|e| text(&e))?;
                let n = SEQUENCE.fetch_add(1, Ordering::Relaxed);
                let name = format!("{}-{n:04}.eml", chrono::Utc::now().format("%Y%m%dT%H%M%S%.6f"));
                tokio::fs::write(dir.join(name), message.formatted())
                    .await
                    .map_err(|e| text(&e))
            }
            Mailer::Smtp(transport) => transport.send(message).await.map(|_| ()).map_err(|e| text(&e)),
        }
    }
}

/// The Message-ID of an outbox email, the same on every attempt. Sending is
/// at least once: a worker that stops after the mail server took a message
/// but before marking it sent leaves it to be sent again, and the repeat
/// carries the same id, so mail servers and clients that check ids drop it.
/// The time it was queued keeps ids apart when a database starts afresh.
pub fn message_id(email: EmailId, queued_at: DateTime<Utc>, from: &str) -> String {
    let domain = from
        .rsplit_once('@')
        .map_or("ehc-hub.invalid", |(_, d)| d.trim_end_matches('>').trim());
    format!("<email-{email}.{}@{domain}>", queued_at.timestamp_micros())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_outbox_keeps_links_and_codes_exactly_as_written() {
        let dir = std::env::temp_dir().join(format!("ehc-mail-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let email = Email {
            to: "sam@example.org".into(),
            subject: "Reset your EHC hub password".into(),
            body: "Open this link:\nhttps://hub.example/password/reset?token=abc-DEF_123\n\nCode 012345.".into(),
        };
        Mailer::Outbox(dir.clone())
            .send(&email, "EHC hub <no-reply@example.org>", "<email-1.0@example.org>")
            .await
            .unwrap();
        let file = std::fs::read_dir(&dir).unwrap().next().unwrap().unwrap().path();
        let text = std::fs::read_to_string(file).unwrap();
        assert!(text.contains("To: sam@example.org\r\n"));
        assert!(text.contains("Content-Transfer-Encoding: 8bit"));
        assert!(text.contains("\r\nhttps://hub.example/password/reset?token=abc-DEF_123\r\n"));
        assert!(text.contains("Code 012345."));
        // A line longer than 78 characters is still sent as written.
        let long = format!("https://hub.example/register?token={}", "a".repeat(60));
        assert!(eight_bit_body(&long).is_some());
        assert!(eight_bit_body(&"x".repeat(999)).is_none());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// The Message-ID header of each message in the folder, in the order written.
    fn message_ids(dir: &std::path::Path) -> Vec<String> {
        let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|f| f.unwrap().path()).collect();
        files.sort();
        files
            .iter()
            .map(|f| {
                let text = std::fs::read_to_string(f).unwrap();
                let line = text.lines().find(|l| l.starts_with("Message-ID: ")).unwrap();
                line.trim_start_matches("Message-ID: ").to_owned()
            })
            .collect()
    }

    #[tokio::test]
    async fn an_email_sent_again_after_a_stop_carries_the_same_message_id() {
        let dir = std::env::temp_dir().join(format!("ehc-mail-id-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let from = "EHC hub <no-reply@council.example>";
        let queued = chrono::Utc::now();
        let email = Email {
            to: "sam@example.org".into(),
            subject: "Your sign-in code".into(),
            body: "Code 012345.".into(),
        };
        let mailer = Mailer::Outbox(dir.clone());
        // The first attempt reached the mail server but was never marked sent,
        // so the next worker sends it again; another email follows.
        for id in [EmailId(7), EmailId(7), EmailId(8)] {
            mailer.send(&email, from, &message_id(id, queued, from)).await.unwrap();
        }
        let ids = message_ids(&dir);
        assert_eq!(ids.len(), 3);
        assert_eq!(ids[0], ids[1], "a repeat is the same message");
        assert_ne!(ids[0], ids[2], "another email is another message");
        assert!(
            ids[0].starts_with("<email-7.") && ids[0].ends_with("@council.example>"),
            "{}",
            ids[0]
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
