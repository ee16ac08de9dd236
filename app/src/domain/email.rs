//! Emails as the council's administrators see them in the email log: sent,
//! waiting for a retry, or given up on.

use serde::{Deserialize, Serialize};

use super::ids::{CaseId, EmailId};

/// Where an email is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EmailStatus {
    /// Waiting for its first attempt or a retry.
    Waiting,
    Sent,
    /// Every attempt failed.
    NotSent,
}

impl EmailStatus {
    pub fn label(self) -> &'static str {
        match self {
            EmailStatus::Waiting => "Waiting to send",
            EmailStatus::Sent => "Sent",
            EmailStatus::NotSent => "Not sent",
        }
    }
}

/// One email in the log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailRecord {
    pub id: EmailId,
    pub to: String,
    pub subject: String,
    pub case: Option<CaseId>,
    pub status: EmailStatus,
    pub attempts: i32,
    /// What the mail server said the last time it failed.
    pub last_error: Option<String>,
    /// When it was queued, in England's time.
    pub queued: String,
    /// When it was sent, or when it will be tried next.
    pub when: Option<String>,
}
