//! The person's sign-in security page: switching the second factor from
//! emailed codes to an authenticator app (enrolled by QR code or a typed
//! key) and back, above the list of where they are signed in. Either change
//! asks for the password again and emails the owner; the key being set up
//! stays on the server, with the session.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::components::banner::SuccessBanner;
use crate::components::fields::TextInput;
use crate::components::form_page::{FormHeading, PostForm};
use crate::components::forms::GoTo;
use crate::components::forms::{FormState, Redact, field_error, form_state};
use crate::error::AppError;

/// What the page needs to enrol an app.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthenticatorEnrolment {
    pub enrolled: bool,
    /// The key being set up, in groups of four, for typing into an app.
    pub secret_for_typing: String,
    /// The QR code as an SVG data URL.
    pub qr_code: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EnableInput {
    pub password: String,
    pub code: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RemoveInput {
    pub password: String,
}

/// The page's setup: the key this session is setting up, made now if it has none.
#[server]
pub async fn authenticator_setup() -> Result<AuthenticatorEnrolment, AppError> {
    use crate::accounts::totp;
    use crate::store::sessions;
    use data_encoding::BASE64;
    let viewer = crate::accounts::guard::require_viewer()?;
    let session = crate::accounts::guard::request_session().ok_or(AppError::Unauthenticated)?;
    let state = crate::state::AppState::current()?;
    if viewer.authenticator {
        return Ok(AuthenticatorEnrolment {
            enrolled: true,
            secret_for_typing: String::new(),
            qr_code: String::new(),
        });
    }
    // The same key each time the page is shown to this session, so a code
    // refused once can be tried again with the app already set up.
    let secret = match sessions::pending_authenticator(&state.db, &state.secret_key, &session.token).await? {
        Some(secret) => secret,
        None => {
            let secret = totp::new_secret();
            sessions::set_pending_authenticator(&state.db, &state.secret_key, &session.token, Some(&secret)).await?;
            secret
        }
    };
    let uri = totp::otpauth_uri(&secret, &format!("{} EHC hub", state.council_name), &viewer.email);
    let svg = qrcode::QrCode::new(uri.as_bytes())
        .map_err(AppError::internal)?
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(200, 200)
        .build();
    Ok(AuthenticatorEnrolment {
        enrolled: false,
        secret_for_typing: totp::secret_for_typing(&secret),
        qr_code: format!("data:image/svg+xml;base64,{}", BASE64.encode(svg.as_bytes())),
    })
}

/// Switches the account to `secret`'s app, or back to emailed codes with
/// `None`, in one transaction with its audit row and the email that tells
/// the owner, in case it was not them (ASVS 2.2.3).
#[cfg(feature = "ssr")]
async fn change_second_factor(
    state: &crate::state::AppState,
    viewer: &crate::domain::viewer::Viewer,
    token: &str,
    secret: Option<&[u8]>,
) -> Result<(), AppError> {
    use crate::domain::audit::AuditAction;
    use crate::store::{accounts, audit, sessions};
    let now = chrono::Utc::now();
    let (action, subject, change) = match secret {
        Some(_) => (
            AuditAction::AuthenticatorEnabled,
            "You now sign in to the EHC hub with an authenticator app",
            "you now enter a code from an authenticator app after your password.",
        ),
        None => (
            AuditAction::AuthenticatorRemoved,
            "You now get EHC hub sign-in codes by email",
            "your authenticator app was removed, and sign-in codes now come by email.",
        ),
    };
    let email = crate::notify::mail::Email {
        to: viewer.email.clone(),
        subject: subject.to_owned(),
        body: format!(
            "How you sign in to the EHC hub with this email address changed on {}: {change}\n\n\
             If you made this change, you need do nothing. If you did not, someone else may know \
             your password: reset it now at {}{} and tell your council's SEN team.",
            crate::store::audit::in_england(now),
            state.public_url,
            crate::paths::PASSWORD_FORGOT
        ),
    };
    let txn = sea_orm::TransactionTrait::begin(&state.db).await?;
    accounts::set_authenticator(&txn, &state.secret_key, viewer.account, secret).await?;
    sessions::set_pending_authenticator(&txn, &state.secret_key, token, None).await?;
    audit::record(&txn, Some(viewer), action, None, "", now).await?;
    crate::notify::outbox::queue(&txn, email, None).await?;
    txn.commit().await?;
    state.outbox.wake();
    Ok(())
}

#[server]
pub async fn enable_authenticator(input: EnableInput) -> Result<GoTo, AppError> {
    use crate::accounts::confirm_password::confirm_password;
    use crate::error::FieldErrors;
    use crate::store::sessions;
    let viewer = crate::accounts::guard::require_viewer()?;
    let session = crate::accounts::guard::request_session().ok_or(AppError::Unauthenticated)?;
    let state = crate::state::AppState::current()?;
    let mut errors = FieldErrors::default();
    if input.password.is_empty() {
        errors.add("password", "password", "Enter your password");
    }
    if input.code.trim().is_empty() {
        errors.add("code", "code", "Enter the 6-number code your app shows");
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    confirm_password(&state, &viewer, input.password).await?;
    // Only the key this server made and showed to this session can be enabled.
    let pending = sessions::pending_authenticator(&state.db, &state.secret_key, &session.token).await?;
    let now = chrono::Utc::now();
    let unix_time = u64::try_from(now.timestamp()).unwrap_or(0);
    let Some(secret) = pending.filter(|s| crate::accounts::totp::verify(s, &input.code, unix_time, None).is_some())
    else {
        let mut errors = FieldErrors::default();
        errors.add(
            "code",
            "code",
            "The code does not match: check the app shows the EHC hub and enter the code it shows now",
        );
        return Err(errors.into());
    };
    change_second_factor(&state, &viewer, &session.token, Some(&secret)).await?;
    Ok(GoTo::to(format!("{}?enabled=1", crate::paths::SECURITY)))
}

#[server]
pub async fn use_email_codes(input: RemoveInput) -> Result<GoTo, AppError> {
    use crate::accounts::confirm_password::{confirm_password, on_password};
    let viewer = crate::accounts::guard::require_viewer()?;
    let session = crate::accounts::guard::request_session().ok_or(AppError::Unauthenticated)?;
    let state = crate::state::AppState::current()?;
    if input.password.is_empty() {
        return Err(on_password("Enter your password"));
    }
    confirm_password(&state, &viewer, input.password).await?;
    change_second_factor(&state, &viewer, &session.token, None).await?;
    Ok(GoTo::to(format!("{}?email=1", crate::paths::SECURITY)))
}

impl Redact for EnableAuthenticator {
    /// Neither the password nor the code comes back.
    fn redact(self) -> Self {
        EnableAuthenticator {
            input: EnableInput::default(),
        }
    }
}

impl Redact for UseEmailCodes {
    fn redact(self) -> Self {
        UseEmailCodes {
            input: RemoveInput::default(),
        }
    }
}

/// The password field each change asks for.
#[component]
fn PasswordAgain(error: Signal<Option<AppError>>) -> impl IntoView {
    view! {
        <TextInput id="password" name="input[password]" label="Your password" hint="To keep your account safe, enter the password you sign in with." value="" error=field_error(error, "password") autocomplete="current-password" input_type="password" />
    }
}

#[component]
pub fn SecurityPage() -> impl IntoView {
    let FormState {
        error: enable_error, ..
    } = form_state::<EnableAuthenticator>();
    let FormState {
        error: remove_error, ..
    } = form_state::<UseEmailCodes>();
    let error = Signal::derive(move || enable_error.get().or_else(|| remove_error.get()));
    let setup = Resource::new(|| (), |()| authenticator_setup());
    let banner = use_query_map().with_untracked(|q| {
        let message = if q.get_str("enabled").is_some() {
            Some("Your authenticator app is set up. Next time you sign in, enter the code it shows.")
        } else if q.get_str("email").is_some() {
            Some("You will get sign-in codes by email again.")
        } else if q.get_str("signed-out-others").is_some() {
            Some("You have signed out of all other devices.")
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
                <FormHeading heading="Sign-in security" error />
                <Suspense fallback=|| view! { <p class="body">"Loading…"</p> }>
                    {move || Suspend::new(async move {
                        match setup.await {
                            Err(err) => view! { <p class="body">{err.to_string()}</p> }.into_any(),
                            Ok(setup) if setup.enrolled => view! {
                                <p class="body">"You sign in with a code from your authenticator app."</p>
                                <h2 class="heading-m">"Get codes by email instead"</h2>
                                <PostForm action=crate::paths::SECURITY_EMAIL>
                                    <PasswordAgain error=remove_error />
                                    <button type="submit" class="button button--secondary">"Get codes by email instead"</button>
                                </PostForm>
                            }.into_any(),
                            Ok(setup) => view! {
                                <p class="body">"You get a sign-in code by email. An authenticator app on your phone is quicker and works without email."</p>
                                <h2 class="heading-m">"Set up an authenticator app"</h2>
                                <ol class="body steps">
                                    <li>"Open an authenticator app on your phone (for example Microsoft Authenticator or Google Authenticator) and add an account."</li>
                                    <li>"Scan this QR code, or type the key below the code into the app."</li>
                                    <li>"Enter the 6-number code the app then shows, and your password."</li>
                                </ol>
                                <img class="qr-code" src=setup.qr_code alt="QR code to scan with your authenticator app" width="200" height="200" />
                                <p class="body">"Key to type instead: "<code class="secret">{setup.secret_for_typing}</code></p>
                                <PostForm action=crate::paths::SECURITY>
                                    <TextInput id="code" name="input[code]" label="Code from the app" value="" error=field_error(enable_error, "code") autocomplete="one-time-code" inputmode="numeric" width_class="input--width-10" />
                                    <PasswordAgain error=enable_error />
                                    <button type="submit" class="button">"Use this app"</button>
                                </PostForm>
                            }.into_any(),
                        }
                    })}
                </Suspense>
                <crate::accounts::sessions_list::SessionsList />
            </div>
        </div>
    }
}
