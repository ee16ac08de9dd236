//! The person's sign-in security: switching the second factor from emailed
//! codes to an authenticator app (enrolled by QR code or a typed secret), and
//! back.

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
    /// The new secret, base32, sent back with the first code.
    pub secret: String,
    /// The same secret in groups of four, for typing into an app.
    pub secret_for_typing: String,
    /// The QR code as an SVG data URL.
    pub qr_code: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EnableInput {
    pub secret: String,
    pub code: String,
}

/// The page's setup; `keep` reuses a secret already shown (the form came back with an error).
#[server]
pub async fn authenticator_setup(keep: Option<String>) -> Result<AuthenticatorEnrolment, AppError> {
    use crate::accounts::totp;
    use data_encoding::{BASE32_NOPAD, BASE64};
    let viewer = crate::accounts::guard::require_viewer()?;
    let state = crate::state::AppState::current()?;
    let secret = keep
        .and_then(|k| BASE32_NOPAD.decode(k.as_bytes()).ok())
        .filter(|s| s.len() == 20)
        .unwrap_or_else(totp::new_secret);
    let uri = totp::otpauth_uri(&secret, &format!("{} EHC hub", state.council_name), &viewer.email);
    let svg = qrcode::QrCode::new(uri.as_bytes())
        .map_err(AppError::internal)?
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(200, 200)
        .build();
    Ok(AuthenticatorEnrolment {
        enrolled: viewer.authenticator,
        secret: BASE32_NOPAD.encode(&secret),
        secret_for_typing: totp::secret_for_typing(&secret),
        qr_code: format!("data:image/svg+xml;base64,{}", BASE64.encode(svg.as_bytes())),
    })
}

#[server]
pub async fn enable_authenticator(input: EnableInput) -> Result<GoTo, AppError> {
    use crate::domain::audit::AuditAction;
    use crate::error::FieldErrors;
    use data_encoding::BASE32_NOPAD;
    let viewer = crate::accounts::guard::require_viewer()?;
    let state = crate::state::AppState::current()?;
    // The key comes back from the page that showed it; one that does not
    // decode was not sent by that page.
    let secret = BASE32_NOPAD
        .decode(input.secret.as_bytes())
        .map_err(|_| AppError::BadRequest)?;
    let unix_time = u64::try_from(chrono::Utc::now().timestamp()).unwrap_or(0);
    if crate::accounts::totp::verify(&secret, &input.code, unix_time, None).is_none() {
        let mut errors = FieldErrors::default();
        let message = if input.code.trim().is_empty() {
            "Enter the 6-number code your app shows"
        } else {
            "The code does not match: check the app shows the EHC hub and enter the code it shows now"
        };
        errors.add("code", "code", message);
        return Err(errors.into());
    }
    crate::store::accounts::set_authenticator(&state.db, viewer.account, Some(&secret)).await?;
    let now = chrono::Utc::now();
    crate::store::audit::record(
        &state.db,
        Some(&viewer),
        AuditAction::AuthenticatorEnabled,
        None,
        "",
        now,
    )
    .await?;
    Ok(GoTo::to(format!("{}?enabled=1", crate::paths::SECURITY)))
}

#[server]
pub async fn use_email_codes() -> Result<GoTo, AppError> {
    use crate::domain::audit::AuditAction;
    let viewer = crate::accounts::guard::require_viewer()?;
    let state = crate::state::AppState::current()?;
    crate::store::accounts::set_authenticator(&state.db, viewer.account, None).await?;
    let now = chrono::Utc::now();
    crate::store::audit::record(
        &state.db,
        Some(&viewer),
        AuditAction::AuthenticatorRemoved,
        None,
        "",
        now,
    )
    .await?;
    Ok(GoTo::to("/account/security?email=1"))
}

impl Redact for EnableAuthenticator {
    /// The secret is kept so the same QR code shows again; the code goes.
    fn redact(self) -> Self {
        EnableAuthenticator {
            input: EnableInput {
                secret: self.input.secret,
                code: String::new(),
            },
        }
    }
}

impl Redact for UseEmailCodes {}

#[component]
pub fn SecurityPage() -> impl IntoView {
    let FormState { error, submitted } = form_state::<EnableAuthenticator>();
    let keep = submitted.map(|s| s.input.secret);
    let setup = Resource::new(move || keep.clone(), authenticator_setup);
    let banner = use_query_map().with_untracked(|q| {
        let message = if q.get_str("enabled").is_some() {
            Some("Your authenticator app is set up. Next time you sign in, enter the code it shows.")
        } else if q.get_str("email").is_some() {
            Some("You will get sign-in codes by email again.")
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
                                <form method="post" action=crate::paths::SECURITY_EMAIL>
                                    <button type="submit" class="button button--secondary">"Get codes by email instead"</button>
                                </form>
                            }.into_any(),
                            Ok(setup) => view! {
                                <p class="body">"You get a sign-in code by email. An authenticator app on your phone is quicker and works without email."</p>
                                <h2 class="heading-m">"Set up an authenticator app"</h2>
                                <ol class="body steps">
                                    <li>"Open an authenticator app on your phone (for example Microsoft Authenticator or Google Authenticator) and add an account."</li>
                                    <li>"Scan this QR code, or type the key below the code into the app."</li>
                                    <li>"Enter the 6-number code the app then shows."</li>
                                </ol>
                                <img class="qr-code" src=setup.qr_code alt="QR code to scan with your authenticator app" width="200" height="200" />
                                <p class="body">"Key to type instead: "<code class="secret">{setup.secret_for_typing}</code></p>
                                <PostForm action=crate::paths::SECURITY>
                                    <input type="hidden" name="input[secret]" value=setup.secret />
                                    <TextInput id="code" name="input[code]" label="Code from the app" value="" error=field_error(error, "code") autocomplete="one-time-code" inputmode="numeric" width_class="input--width-10" />
                                    <button type="submit" class="button">"Use this app"</button>
                                </PostForm>
                            }.into_any(),
                        }
                    })}
                </Suspense>
            </div>
        </div>
    }
}
