//! Server-only state that server functions and pages reach through context:
//! the database, the council this deployment serves, and its time limits.

use axum::extract::FromRef;
use chrono::{NaiveDate, Utc};
use leptos::config::LeptosOptions;
use leptos::prelude::use_context;
use sea_orm::DatabaseConnection;

use crate::domain::access::AccessPolicy;
use crate::domain::deadlines::TimeLimits;
use crate::domain::ids::LocalAuthorityId;
use crate::error::AppError;
use crate::notify::mail::Mailer;
use crate::store::accounts::LockPolicy;
use crate::store::sessions::SessionPolicy;

#[derive(Clone, Debug)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    /// Writes audit rows of reads and other actions outside a transaction, together.
    pub audit: crate::store::audit_batch::AuditWriter,
    pub council: LocalAuthorityId,
    pub council_name: String,
    pub limits: TimeLimits,
    pub access: AccessPolicy,
    pub sessions: SessionPolicy,
    pub locks: LockPolicy,
    /// Wrong passwords counted by network address.
    pub throttle: std::sync::Arc<crate::accounts::throttle::SignInThrottle>,
    /// Take the client's address from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_forwarded_for: bool,
    pub mailer: Mailer,
    /// Wakes the email worker when an email is added to the outbox.
    pub outbox: crate::notify::outbox::OutboxSignal,
    /// The address mail is sent from.
    pub mail_from: String,
    /// The address people reach the hub at, for links in emails.
    pub public_url: String,
    /// Mark cookies `Secure` (when served over HTTPS).
    pub secure_cookies: bool,
    /// Seals authenticator keys at rest.
    pub secret_key: crate::accounts::secret_key::SecretKey,
    /// Files sent to cases: limits, the staging folder, uploads being written.
    pub uploads: std::sync::Arc<crate::uploads::Uploads>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl AppState {
    /// The state provided to every server function and page render.
    ///
    /// # Errors
    /// `Internal` if called outside a request (a wiring mistake, logged).
    pub fn current() -> Result<AppState, AppError> {
        use_context::<AppState>().ok_or_else(|| AppError::internal("AppState missing from context"))
    }
}

/// Today's date in England, which is what statutory deadlines are counted in.
pub fn today() -> NaiveDate {
    Utc::now().with_timezone(&chrono_tz::Europe::London).date_naive()
}
