//! Sending email. By default messages are written to an outbox folder (one
//! `.eml` file each) so a local run needs no mail server.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::AppError;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub body: String,
}

#[derive(Clone, Debug)]
pub enum Mailer {
    /// Writes each message to a file in this folder.
    Outbox(PathBuf),
}

static SEQUENCE: AtomicU64 = AtomicU64::new(0);

impl Mailer {
    /// # Errors
    /// `Internal` if the message cannot be handed on (logged).
    pub async fn send(&self, email: &Email, from: &str) -> Result<(), AppError> {
        match self {
            Mailer::Outbox(dir) => {
                tokio::fs::create_dir_all(dir).await.map_err(AppError::internal)?;
                let n = SEQUENCE.fetch_add(1, Ordering::Relaxed);
                let name = format!("{}-{n:04}.eml", chrono::Utc::now().format("%Y%m%dT%H%M%S%.6f"));
                let message = format!(
                    "From: {from}\r\nTo: {}\r\nSubject: {}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{}\r\n",
                    email.to, email.subject, email.body
                );
                tokio::fs::write(dir.join(name), message)
                    .await
                    .map_err(AppError::internal)
            }
        }
    }
}
