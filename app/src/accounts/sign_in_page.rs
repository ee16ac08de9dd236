//! Signing in, first step: email address and password. The second factor
//! follows on its own page (`code_page`).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::components::banner::SuccessBanner;
use crate::components::fields::TextInput;
use crate::components::form_page::{FormHeading, PostForm};
use crate::components::forms::{FormState, GoTo, Redact, field_error, form_state};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::error::FieldErrors;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SignInInput {
    pub email: String,
    pub password: String,
}

impl Redact for SignIn {
    /// The email address is shown again; the password never is.
    fn redact(self) -> Self {
        SignIn {
            input: SignInInput {
                email: self.input.email,
                password: String::new(),
            },
        }
    }
}

/// A sign-in problem, shown against the email address.
#[cfg(feature = "ssr")]
fn on_email(message: String) -> AppError {
    let mut errors = FieldErrors::default();
    errors.add("email", "email", message);
    AppError::Validation(errors)
}

/// Many wrong passwords from one network address, and someone there tried a moment ago.
#[cfg(feature = "ssr")]
fn wait_for_turn(wait: std::time::Duration) -> AppError {
    let seconds = wait.as_secs_f64().ceil().max(1.0);
    let unit = if seconds > 1.0 { "seconds" } else { "second" };
    on_email(format!(
        "There have been many wrong passwords from your network. Wait {seconds} {unit}, then try again."
    ))
}

/// How long an emailed code works.
#[cfg(feature = "ssr")]
const CODE_MINUTES: i64 = 10;

#[server]
pub async fn sign_in(input: SignInInput) -> Result<GoTo, AppError> {
    use crate::accounts::guard::{request_session, session_cookie, set_cookie};
    use crate::accounts::password::{PasswordHash, verify};
    use crate::accounts::throttle::Turn;
    use crate::domain::audit::AuditAction;
    use crate::state::AppState;
    use crate::store::accounts::Attempt;
    use crate::store::{accounts, audit, sessions};
    use chrono::Utc;

    let state = AppState::current()?;
    let mut errors = FieldErrors::default();
    if input.email.trim().is_empty() {
        errors.add("email", "email", "Enter your email address");
    }
    if input.password.is_empty() {
        errors.add("password", "password", "Enter your password");
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let now = Utc::now();
    let started = tokio::time::Instant::now();
    let address = crate::accounts::guard::client_address(state.trust_forwarded_for);
    // Nothing is checked, or counted, while it is not this address's turn.
    if let Turn::Wait(wait) = state.throttle.take_turn(&state.db, &address, now).await? {
        return Err(wait_for_turn(wait));
    }
    // Every refusal gets this one answer, no sooner than the throttle's
    // floor, whether there is no such account, the password is wrong or the
    // account is locked, so neither the words nor the time tell them apart.
    // It is counted against the address and slowed down as failures add up.
    let wrong = || async {
        let delay = match state.throttle.failed(&state.db, &address, now).await {
            Ok(delay) => delay,
            Err(err) => return AppError::from(err),
        };
        state.throttle.answer_no_sooner(started).await;
        tokio::time::sleep(delay).await;
        on_email(format!(
            "Enter a correct email address and password. After {} wrong passwords or codes, an account is locked for {} minutes",
            state.locks.failures_before_lock,
            state.locks.lock_for.num_minutes()
        ))
    };
    // Verify against something even when there is no account or no password
    // yet, so the answer takes as long either way and does not reveal who has one.
    const NOBODY: &str =
        "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$ZJp0n5uAMbOSk1fJ1wIMk4JWcbsqVqwXpzQqzS6xg1k";
    let nobody = || PasswordHash::from_stored(NOBODY.to_owned());
    let Some(record) = accounts::find_for_sign_in(&state.db, &input.email).await? else {
        verify(input.password, nobody()).await?;
        audit::record(
            &state.db,
            None,
            AuditAction::SignInRefused,
            None,
            "no such account",
            now,
        )
        .await?;
        return Err(wrong().await);
    };
    let who = Some(&record.viewer);
    // The attempt counts before the password is checked, so requests racing
    // each other cannot all be checked against the lock read before any failed.
    let attempt = accounts::reserve_sign_in_attempt(&state.db, record.viewer.account, now, &state.locks).await?;
    let stored = record.password_hash.clone();
    // Checked even when locked, for the time it takes; the answer is then refused whatever it is.
    let matches = verify(input.password, stored.clone().unwrap_or_else(nobody)).await?;
    if let Attempt::Locked(_) = attempt {
        audit::record(&state.db, who, AuditAction::SignInRefused, None, "account locked", now).await?;
        return Err(wrong().await);
    }
    if !matches || stored.is_none() {
        audit::record(&state.db, who, AuditAction::SignInRefused, None, "wrong password", now).await?;
        if let Attempt::Last(until) = attempt {
            crate::accounts::lock_notice::account_locked(&state, &record.viewer, until, now).await?;
        }
        return Err(wrong().await);
    }
    // Not cleared yet: wrong second-factor codes still count towards the lock.
    accounts::give_back_attempt(&state.db, record.viewer.account, attempt).await?;

    // Sessions that have ended, anyone's, are deleted now rather than left to pile up.
    sessions::purge_ended(&state.db, now, &state.sessions).await?;
    // A new session at every sign-in; any earlier one from this browser ends.
    if let Some(old) = request_session() {
        sessions::end(&state.db, &old.token).await?;
    }
    let token = sessions::start(&state.db, record.viewer.account, now).await?;
    // People with an authenticator app use its codes; everyone else gets one by email.
    if !record.viewer.authenticator {
        let expires = now + chrono::TimeDelta::minutes(CODE_MINUTES);
        let code = sessions::issue_email_code(&state.db, &token.0, expires).await?;
        let email = crate::notify::mail::Email {
            to: record.viewer.email.clone(),
            subject: "Your EHC hub sign-in code".to_owned(),
            body: format!(
                "Your sign-in code is {code}\n\nIt works for {CODE_MINUTES} minutes.\n\n\
                 If you did not try to sign in, you can ignore this email: nobody can sign in without the code."
            ),
        };
        crate::notify::outbox::queue(&state.db, email, None).await?;
        state.outbox.wake();
    }
    set_cookie(&session_cookie(&token.0, state.secure_cookies));
    tracing::info!(account = %record.viewer.account, "password accepted; second factor next");
    Ok(GoTo::to("/sign-in/code"))
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let FormState { error, submitted } = form_state::<SignIn>();
    let typed = submitted.map(|s| s.input).unwrap_or_default();
    let query = leptos_router::hooks::use_query_map();
    let banner = query.with_untracked(|q| {
        let message = if q.get_str("password-set").is_some() {
            Some("Your password is set. Sign in with it.")
        } else if q.get_str("signed-out").is_some() {
            Some("You have signed out.")
        } else {
            None
        };
        message.map(|m| {
            view! { <SuccessBanner message=m /> }
        })
    });
    view! {
        <div class="grid-row">
            <div class="column-two-thirds">
                {banner}
                <FormHeading heading="Sign in" error />
                <PostForm action=crate::paths::SIGN_IN>
                    <TextInput id="email" name="input[email]" label="Email address" value=typed.email error=field_error(error, "email") autocomplete="username" input_type="email" />
                    <TextInput id="password" name="input[password]" label="Password" value="" error=field_error(error, "password") autocomplete="current-password" input_type="password" />
                    <button type="submit" class="button">"Continue"</button>
                </PostForm>
                <p class="body"><a class="link" href=crate::paths::PASSWORD_FORGOT>"Forgotten your password?"</a></p>
            </div>
        </div>
    }
}
