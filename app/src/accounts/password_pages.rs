//! Forgotten passwords and setting a password from an emailed link (a reset,
//! or accepting an invitation). The reply to "forgotten password" is the same,
//! and takes as long, whether or not the address has an account.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::components::fields::TextInput;
use crate::components::form_page::{FormHeading, PostForm};
use crate::components::forms::GoTo;
use crate::components::forms::{FormState, Redact, field_error, form_state};
use crate::error::AppError;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ForgotInput {
    pub email: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SetPasswordInput {
    /// The token from the emailed link.
    pub token: String,
    /// `reset` or `invitation`.
    pub purpose: String,
    pub password: String,
    pub confirm: String,
}

/// How long a reset link works.
#[cfg(feature = "ssr")]
const RESET_HOURS: i64 = 1;

/// The soonest a request for a reset link is answered, from its start: well
/// past the few writes it makes (4 ms, against 3.5 ms for an address with
/// no account, measured on two busy cores), so an address with an account
/// is not answered later than one without.
#[cfg(feature = "ssr")]
pub const RESET_ANSWER_FLOOR: std::time::Duration = std::time::Duration::from_millis(300);

#[server]
pub async fn request_password_reset(input: ForgotInput) -> Result<GoTo, AppError> {
    use crate::domain::audit::AuditAction;
    use crate::domain::passwords::looks_like_email;
    use crate::error::FieldErrors;
    use crate::state::AppState;
    use crate::store::{accounts, audit, tokens};
    let state = AppState::current()?;
    if !looks_like_email(&input.email) {
        let mut errors = FieldErrors::default();
        errors.add(
            "email",
            "email",
            "Enter an email address in the correct format, like name@example.com",
        );
        return Err(errors.into());
    }
    let now = chrono::Utc::now();
    let started = tokio::time::Instant::now();
    let record = accounts::find_for_sign_in(&state.db, &input.email).await?;
    // The same writes either way, in one transaction: a link and its email
    // for an account, and for any address the audit row.
    let txn = sea_orm::TransactionTrait::begin(&state.db).await?;
    if let Some(record) = &record {
        let expires = now + chrono::TimeDelta::hours(RESET_HOURS);
        let token = tokens::issue(
            &txn,
            record.viewer.account,
            tokens::Purpose::PasswordReset,
            expires,
            now,
        )
        .await?;
        let email = crate::notify::mail::Email {
            to: record.viewer.email.clone(),
            subject: "Reset your EHC hub password".to_owned(),
            body: format!(
                "Someone asked to reset the password for this email address on the EHC hub.\n\n\
                 To choose a new password, open this link within {RESET_HOURS} hour:\n{}{}?token={token}\n\n\
                 The link works once. If you did not ask, you can ignore this email: your password has not changed.",
                state.public_url,
                crate::paths::PASSWORD_RESET
            ),
        };
        crate::notify::outbox::queue(&txn, email, None).await?;
    }
    let (who, detail) = match &record {
        Some(record) => (Some(&record.viewer), ""),
        None => (None, "no such account"),
    };
    audit::record(&txn, who, AuditAction::PasswordResetRequested, None, detail, now).await?;
    txn.commit().await?;
    state.outbox.wake();
    // What is left of the difference (two more rows for an account) is
    // hidden under a fixed time for the answer.
    tokio::time::sleep_until(started + RESET_ANSWER_FLOOR).await;
    // The same answer either way, so the page does not tell who has an account.
    Ok(GoTo::to(format!("{}?sent=1", crate::paths::PASSWORD_FORGOT)))
}

#[server]
pub async fn set_password(input: SetPasswordInput) -> Result<GoTo, AppError> {
    use crate::domain::audit::AuditAction;
    use crate::domain::passwords::{check_new_password, personal_words};
    use crate::error::FieldErrors;
    use crate::state::AppState;
    use crate::store::{accounts, audit, sessions, tokens};
    let state = AppState::current()?;
    let (purpose, action) = match input.purpose.as_str() {
        "invitation" => (tokens::Purpose::Invitation, AuditAction::AccountActivated),
        _ => (tokens::Purpose::PasswordReset, AuditAction::PasswordChanged),
    };
    let now = chrono::Utc::now();
    let expired = || {
        let mut errors = FieldErrors::default();
        errors.add(
            "token",
            "password",
            "This link has expired or has already been used. Ask for a new one from the sign-in page, or from the person who invited you.",
        );
        AppError::Validation(errors)
    };
    let Some(account) = tokens::check(&state.db, &input.token, purpose, now).await? else {
        return Err(expired());
    };
    let person = accounts::find(&state.db, account).await?;
    let personal = person.map(|p| personal_words(&p.name, &p.email)).unwrap_or_default();
    let personal: Vec<&str> = personal.iter().map(String::as_str).collect();
    check_new_password(&input.password, &input.confirm, &personal)?;
    let hash = crate::accounts::password::hash(input.password).await?;
    let txn = sea_orm::TransactionTrait::begin(&state.db).await?;
    if !tokens::use_up(&txn, &input.token, now).await? {
        return Err(expired());
    }
    accounts::set_password(&txn, account, &hash).await?;
    // Whoever knew the old password is signed out everywhere, and any other
    // link still in someone's inbox stops working.
    sessions::end_all(&txn, account).await?;
    tokens::use_up_all(&txn, account, now).await?;
    let viewer = accounts::find(&txn, account).await?;
    audit::record(&txn, viewer.as_ref(), action, None, "", now).await?;
    // The owner hears of a changed password, in case it was not them (ASVS 2.2.3).
    if let (tokens::Purpose::PasswordReset, Some(viewer)) = (purpose, &viewer) {
        let email = crate::notify::mail::Email {
            to: viewer.email.clone(),
            subject: "Your EHC hub password has changed".to_owned(),
            body: format!(
                "The password for this email address on the EHC hub was changed on {}.\n\n                 If you changed it, you need do nothing. If you did not, reset it now at {}{} \
                 and tell your council's SEN team.",
                crate::store::audit::in_england(now),
                state.public_url,
                crate::paths::PASSWORD_FORGOT
            ),
        };
        crate::notify::outbox::queue(&txn, email, None).await?;
    }
    txn.commit().await?;
    state.outbox.wake();
    Ok(GoTo::to(format!("{}?password-set=1", crate::paths::SIGN_IN)))
}

impl Redact for RequestPasswordReset {}

impl Redact for SetPassword {
    /// The token stays (it is already in the address); the passwords go.
    fn redact(self) -> Self {
        SetPassword {
            input: SetPasswordInput {
                token: self.input.token,
                purpose: self.input.purpose,
                ..Default::default()
            },
        }
    }
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let FormState { error, submitted } = form_state::<RequestPasswordReset>();
    let typed = submitted.map(|s| s.input).unwrap_or_default();
    let query = use_query_map();
    let sent = move || query.with(|q| q.get_str("sent").is_some());
    view! {
        <div class="grid-row">
            <div class="column-two-thirds">
                <Show
                    when=sent
                    fallback=move || {
                        let typed = typed.clone();
                        view! {
                            <FormHeading heading="Reset your password" error />
                            <p class="body">"Enter the email address you sign in with. We will email you a link to choose a new password."</p>
                            <PostForm action=crate::paths::PASSWORD_FORGOT>
                                <TextInput id="email" name="input[email]" label="Email address" value=typed.email error=field_error(error, "email") autocomplete="username" input_type="email" />
                                <button type="submit" class="button">"Send the link"</button>
                            </PostForm>
                        }
                    }
                >
                    <Title text="Check your email - EHC hub" />
                    <h1 class="heading-l">"Check your email"</h1>
                    <p class="body">"If there is an account for that address, we have sent it a link to reset the password. The link works for 1 hour."</p>
                    <p class="body"><a class="link" href=crate::paths::SIGN_IN>"Back to sign in"</a></p>
                </Show>
            </div>
        </div>
    }
}

/// Choosing a password from an emailed link: `/password/reset` and `/register`.
#[component]
pub fn SetPasswordPage(#[prop(into)] purpose: String) -> impl IntoView {
    let FormState { error, .. } = form_state::<SetPassword>();
    let query = use_query_map();
    let token = query.with_untracked(|q| q.get("token").unwrap_or_default());
    let (heading, button, post_to) = if purpose == "invitation" {
        ("Set up your account", "Create account", crate::paths::REGISTER)
    } else {
        ("Choose a new password", "Change password", crate::paths::PASSWORD_RESET)
    };
    let link_error = field_error(error, "token");
    view! {
        <div class="grid-row">
            <div class="column-two-thirds">
                <FormHeading heading error />
                <p class="body">{format!("Your password must be at least {} characters and not a common password or your name. Three or four random words make a strong password that is easy to remember.", crate::domain::passwords::MIN_LENGTH)}</p>
                <form method="post" action=format!("{post_to}?token={token}") novalidate>
                    <input type="hidden" name="input[token]" value=token.clone() />
                    <input type="hidden" name="input[purpose]" value=purpose.clone() />
                    <TextInput id="password" name="input[password]" label="New password" value="" error=Signal::derive(move || field_error(error, "password").get().or_else(|| link_error.get())) autocomplete="new-password" input_type="password" />
                    <TextInput id="confirm" name="input[confirm]" label="Type the new password again" value="" error=field_error(error, "confirm") autocomplete="new-password" input_type="password" />
                    <button type="submit" class="button">{button}</button>
                </form>
            </div>
        </div>
    }
}
