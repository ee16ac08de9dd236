//! Asking a signed-in person for their password again before a change to
//! how they sign in, so someone at an unlocked computer, or holding a stolen
//! session, cannot change it. Each try counts towards the account's lock,
//! as a try at signing in does.

use crate::domain::audit::AuditAction;
use crate::domain::viewer::Viewer;
use crate::error::{AppError, FieldErrors};
use crate::state::AppState;
use crate::store::accounts::{self, Attempt};
use crate::store::audit;

/// A problem with the password typed, shown beside the `password` field.
pub fn on_password(message: impl Into<String>) -> AppError {
    let mut errors = FieldErrors::default();
    errors.add("password", "password", message.into());
    AppError::Validation(errors)
}

/// Checks `password` is `viewer`'s.
///
/// # Errors
/// `Validation` against `password` when it is wrong or the account is locked.
pub async fn confirm_password(state: &AppState, viewer: &Viewer, password: String) -> Result<(), AppError> {
    let now = chrono::Utc::now();
    let who = Some(viewer);
    let Some(record) = accounts::find_for_sign_in(&state.db, &viewer.email).await? else {
        return Err(AppError::Unauthenticated);
    };
    let attempt = accounts::reserve_sign_in_attempt(&state.db, viewer.account, now, &state.locks).await?;
    if let Attempt::Locked(until) = attempt {
        let minutes = (until - now).num_minutes() + 1;
        return Err(on_password(format!(
            "You entered a wrong password or code too many times. Try again in {minutes} minutes"
        )));
    }
    let matches = match record.password_hash {
        Some(stored) => crate::accounts::password::verify(password, stored).await?,
        None => false,
    };
    if !matches {
        let detail = "wrong password to change sign-in security";
        audit::record(&state.db, who, AuditAction::SignInRefused, None, detail, now).await?;
        if let Attempt::Last(until) = attempt {
            crate::accounts::lock_notice::account_locked(state, viewer, until, now).await?;
        }
        return Err(on_password(
            "The password is wrong: enter the password you sign in with",
        ));
    }
    accounts::give_back_attempt(&state.db, viewer.account, attempt).await?;
    Ok(())
}
