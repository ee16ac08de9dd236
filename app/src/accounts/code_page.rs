//! Signing in, second step: the six-digit code from the email sent after the
//! password, or from the person's authenticator app. Each try is counted for
//! the session and towards the account's lock before the code is compared.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::components::fields::TextInput;
use crate::components::form_page::{FormHeading, PostForm};
use crate::components::forms::{FormState, GoTo, Redact, field_error, form_state};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::error::FieldErrors;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CodeInput {
    pub code: String,
}

impl Redact for ConfirmCode {
    fn redact(self) -> Self {
        ConfirmCode {
            input: CodeInput::default(),
        }
    }
}

/// Tries one half-signed-in session gets at its code before it ends.
#[cfg(feature = "ssr")]
const CODE_TRIES: i32 = 5;

#[server]
pub async fn confirm_code(input: CodeInput) -> Result<GoTo, AppError> {
    use crate::accounts::guard::{cleared_cookie, request_session, set_cookie};
    use crate::domain::audit::AuditAction;
    use crate::state::AppState;
    use crate::store::accounts::{self, Attempt};
    use crate::store::{audit, sessions};

    let state = AppState::current()?;
    let session = request_session().ok_or(AppError::Unauthenticated)?;
    let typed: String = input.code.chars().filter(char::is_ascii_digit).collect();
    let viewer = &session.live.viewer;
    let who = Some(viewer);
    let from = if viewer.authenticator {
        "your authenticator app"
    } else {
        "the email"
    };
    let on_code = |message: String| {
        let mut errors = FieldErrors::default();
        errors.add("code", "code", message);
        AppError::Validation(errors)
    };
    if input.code.trim().is_empty() {
        return Err(on_code(format!("Enter the code from {from}")));
    }
    if typed.len() != 6 {
        return Err(on_code("The code must be 6 numbers".to_owned()));
    }
    // This half-signed-in session's tries are over: it ends, and the password is needed again.
    let end_session = || async {
        sessions::end(&state.db, &session.token).await?;
        set_cookie(&cleared_cookie(state.secure_cookies));
        Ok::<(), AppError>(())
    };
    let now = chrono::Utc::now();
    // Each try is counted before the code is compared, for the session and
    // towards the account's lock, so tries sent at once are counted too.
    if !sessions::reserve_code_attempt(&state.db, &session.token, CODE_TRIES).await? {
        end_session().await?;
        return Err(on_code(
            "You entered a wrong code too many times. Sign in again".to_owned(),
        ));
    }
    let attempt = accounts::reserve_sign_in_attempt(&state.db, viewer.account, now, &state.locks).await?;
    if let Attempt::Locked(until) = attempt {
        audit::record(&state.db, who, AuditAction::SignInRefused, None, "account locked", now).await?;
        end_session().await?;
        let minutes = (until - now).num_minutes() + 1;
        return Err(on_code(format!(
            "You entered a wrong password or code too many times. Your account is locked: try again in {minutes} minutes."
        )));
    }
    let right = if viewer.authenticator {
        let unix_time = u64::try_from(now.timestamp()).unwrap_or(0);
        accounts::check_authenticator_code(&state.db, &state.secret_key, viewer.account, &typed, unix_time).await?
    } else {
        sessions::pass_with_email_code(&state.db, &session.token, &typed, now).await?
    };
    if !right {
        audit::record(&state.db, who, AuditAction::SignInRefused, None, "wrong code", now).await?;
        if let Attempt::Last(until) = attempt {
            crate::accounts::lock_notice::account_locked(&state, viewer, until, now).await?;
            end_session().await?;
            let minutes = (until - now).num_minutes();
            return Err(on_code(format!(
                "You entered a wrong password or code too many times. Your account is locked for {minutes} minutes."
            )));
        }
        return Err(on_code(if viewer.authenticator {
            "The code is wrong or has expired: enter the code your app shows now".to_owned()
        } else {
            "The code is wrong or has expired: check the email, or sign in again for a new code".to_owned()
        }));
    }
    accounts::record_successful_sign_in(&state.db, viewer.account).await?;
    sessions::pass_second_factor(&state.db, &session.token).await?;
    audit::record(&state.db, who, AuditAction::SignedIn, None, "", now).await?;
    Ok(GoTo::to("/cases"))
}

#[component]
pub fn SignInCodePage() -> impl IntoView {
    // Whether this person uses an authenticator app, from their half-finished session.
    #[cfg(feature = "ssr")]
    let authenticator = crate::accounts::guard::request_session().is_some_and(|s| s.live.viewer.authenticator);
    #[cfg(not(feature = "ssr"))]
    let authenticator = false;
    let FormState { error, .. } = form_state::<ConfirmCode>();
    let (heading, lead, label, help) = if authenticator {
        (
            "Enter the code from your authenticator app",
            "Open the authenticator app on your phone and enter the 6-number code it shows for the EHC hub.",
            "Code from the app",
            "Lost your phone? Contact your council's SEN team, who can switch you back to email codes.",
        )
    } else {
        (
            "Check your email",
            "We have sent you an email with a 6-number code. It works for 10 minutes.",
            "Code from the email",
            "",
        )
    };
    let resend = (!authenticator).then(|| {
        view! { <p class="body"><a class="link" href=crate::paths::SIGN_IN>"Not received it? Sign in again for a new code"</a></p> }
    });
    let help = (!help.is_empty()).then(|| view! { <p class="body">{help}</p> });
    view! {
        <div class="grid-row">
            <div class="column-two-thirds">
                <FormHeading heading error />
                <p class="body">{lead}</p>
                <PostForm action=crate::paths::SIGN_IN_CODE>
                    <TextInput id="code" name="input[code]" label=label value="" error=field_error(error, "code") autocomplete="one-time-code" input_type="text" inputmode="numeric" width_class="input--width-10" />
                    <button type="submit" class="button">"Sign in"</button>
                </PostForm>
                {resend}
                {help}
            </div>
        </div>
    }
}
