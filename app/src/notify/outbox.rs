//! Sending what the outbox holds. Pages and server functions never talk to
//! the mail server: they add emails to the outbox in the transaction of what
//! they did, then [`OutboxSignal::wake`] the worker, which sends them, retries
//! with back-off, and records each outcome. A failing mail server never fails
//! or undoes anyone's action. Server-only.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr};
use tokio::sync::Notify;

use super::mail::{Email, Mailer, message_id};
use crate::domain::ids::CaseId;
use crate::store::outbox;

/// Wakes this instance's worker as soon as an email is added, so a sign-in
/// code goes out at once; the worker also looks on its own every few seconds
/// for retries that are due and emails other instances added.
#[derive(Clone, Debug, Default)]
pub struct OutboxSignal(Arc<Notify>);

impl OutboxSignal {
    pub fn wake(&self) {
        // A wake while the worker is busy is kept until it next waits.
        self.0.notify_one();
    }

    async fn woken(&self) {
        self.0.notified().await;
    }
}

/// Adds an email to the outbox, in the caller's transaction; wake the worker
/// once that transaction has committed.
///
/// # Errors
/// A database error.
pub async fn queue(db: &impl ConnectionTrait, email: Email, case: Option<CaseId>) -> Result<(), DbErr> {
    outbox::enqueue(db, &email, case, Utc::now()).await
}

/// What the worker needs.
#[derive(Clone, Debug)]
pub struct Worker {
    pub db: DatabaseConnection,
    pub mailer: Mailer,
    pub from: String,
    pub signal: OutboxSignal,
    /// Names this worker's claims: unique per running instance.
    pub name: String,
}

/// How many emails one pass claims.
const BATCH: u64 = 20;

/// How often the worker looks without being woken.
const LOOK_EVERY: Duration = Duration::from_secs(5);

impl Worker {
    /// Sends every email due now, returning how many were sent.
    ///
    /// # Errors
    /// A database error (a mail server's error is recorded on the email instead).
    pub async fn deliver_due(&self) -> Result<usize, DbErr> {
        let mut sent = 0;
        loop {
            let claimed = outbox::claim_due(&self.db, &self.name, BATCH, Utc::now()).await?;
            if claimed.is_empty() {
                return Ok(sent);
            }
            for email in &claimed {
                let message_id = message_id(email.id, email.queued_at, &self.from);
                match self.mailer.send(&email.email, &self.from, &message_id).await {
                    Ok(()) => {
                        outbox::mark_sent(&self.db, email.id, &self.name, Utc::now()).await?;
                        sent += 1;
                    }
                    Err(err) => {
                        tracing::warn!(email = %email.id, attempt = email.attempts + 1, %err, "email not sent; will retry");
                        outbox::mark_failed(&self.db, email, &self.name, &err, Utc::now()).await?;
                    }
                }
            }
        }
    }

    /// Runs until the process ends.
    pub async fn run(self) {
        loop {
            if let Err(err) = self.deliver_due().await {
                tracing::error!(%err, "the email worker could not reach the database");
            }
            let _ = tokio::time::timeout(LOOK_EVERY, self.signal.woken()).await;
        }
    }
}
