//! When an account locks after wrong passwords or codes: its audit row and
//! an email to its owner, in one transaction. The sign-in page answers a
//! locked account as it answers any wrong password (the page must not tell
//! who has an account), so the email is how the owner learns of the lock.

use chrono::{DateTime, Utc};

use crate::domain::audit::AuditAction;
use crate::domain::viewer::Viewer;
use crate::error::AppError;
use crate::state::AppState;

/// Records that `viewer`'s account locked until `until` and emails them.
///
/// # Errors
/// A database error.
pub async fn account_locked(
    state: &AppState,
    viewer: &Viewer,
    until: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let email = crate::notify::mail::Email {
        to: viewer.email.clone(),
        subject: "Your EHC hub account is locked for a while".to_owned(),
        body: format!(
            "Someone entered a wrong password or sign-in code for this email address on the EHC hub \
             {} times, so nobody can sign in to the account until {}.\n\n\
             If it was you, wait until then and try again, or choose a new password at {}{}\n\n\
             If it was not you, nobody has signed in. To be safe, choose a new password at the same \
             address and tell your council's SEN team.",
            state.locks.failures_before_lock,
            crate::store::audit::in_england(until),
            state.public_url,
            crate::paths::PASSWORD_FORGOT
        ),
    };
    let txn = sea_orm::TransactionTrait::begin(&state.db).await?;
    crate::store::audit::record(&txn, Some(viewer), AuditAction::AccountLocked, None, "", now).await?;
    crate::notify::outbox::queue(&txn, email, None).await?;
    txn.commit().await?;
    state.outbox.wake();
    Ok(())
}
