//! The start page for requesting an EHC needs assessment
//! (`/request-an-assessment`), open to anyone: what a request is, what to
//! have ready and what happens after. A family without an account asks for
//! one here; the answer is the same, and as quick, whether or not the
//! address already has an account, so the page does not tell who does.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::components::fields::{Choice, Radios, TextInput};
use crate::components::form_page::{FormHeading, PostForm};
use crate::components::forms::{FormState, GoTo, Redact, field_error, form_state};
use crate::error::AppError;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FamilyAccountInput {
    pub name: String,
    pub email: String,
    /// `parent` or `young_person`.
    pub who: String,
}

/// How long the link to set up a new account works.
#[cfg(feature = "ssr")]
const LINK_DAYS: i64 = 7;

#[server]
pub async fn ask_for_family_account(input: FamilyAccountInput) -> Result<GoTo, AppError> {
    use crate::domain::audit::AuditAction;
    use crate::domain::passwords::looks_like_email;
    use crate::domain::role::Role;
    use crate::error::FieldErrors;
    use crate::notify::mail::Email;
    use crate::state::AppState;
    use crate::store::{accounts, audit, tokens};
    let state = AppState::current()?;
    let mut errors = FieldErrors::default();
    let name = errors.text("name", &input.name, Some("Enter your full name"), 100, "Your name");
    if !looks_like_email(&input.email) {
        errors.add(
            "email",
            "email",
            "Enter an email address in the correct format, like name@example.com",
        );
    }
    let role = match input.who.as_str() {
        "parent" => Some(Role::ParentCarer),
        "young_person" => Some(Role::YoungPerson),
        _ => {
            errors.add(
                "who",
                "who-parent",
                "Select whether you are a parent or carer, or the young person",
            );
            None
        }
    };
    let Some(role) = role.filter(|_| errors.is_empty()) else {
        return Err(errors.into());
    };
    let now = chrono::Utc::now();
    let started = tokio::time::Instant::now();
    let address = accounts::normalise_email(&input.email);
    let txn = sea_orm::TransactionTrait::begin(&state.db).await?;
    let email = if accounts::email_in_use(&txn, &address).await? {
        // Someone with an account is reminded how to sign in; no second account.
        Email {
            to: address.clone(),
            subject: "You already have an EHC hub account".to_owned(),
            body: format!(
                "Someone asked for an account on the EHC hub with this email address, which already has one.\n\n\
                 To request an assessment, sign in at {url}{sign_in} and choose \"Request an assessment\". \
                 If you have forgotten your password, reset it at {url}{forgot}.\n\n\
                 If this was not you, you can ignore this email.",
                url = state.public_url,
                sign_in = crate::paths::SIGN_IN,
                forgot = crate::paths::PASSWORD_FORGOT,
            ),
        }
    } else {
        let account = accounts::create(&txn, state.council, &address, &name, role, None, None, now).await?;
        let expires = now + chrono::TimeDelta::days(LINK_DAYS);
        let token = tokens::issue(&txn, account, tokens::Purpose::Invitation, expires, now).await?;
        audit::record(&txn, None, AuditAction::AccountRequested, None, role.label(), now).await?;
        Email {
            to: address.clone(),
            subject: format!("Set up your account to ask {} for an assessment", state.council_name),
            body: format!(
                "To set up your EHC hub account, open this link within {LINK_DAYS} days and choose a password:\n\
                 {}{}?token={token}\n\n\
                 Then sign in and choose \"Request an assessment\".\n\n\
                 If you did not ask for an account, you can ignore this email.",
                state.public_url,
                crate::paths::REGISTER
            ),
        }
    };
    crate::notify::outbox::queue(&txn, email, None).await?;
    txn.commit().await?;
    state.outbox.wake();
    // The same time and answer either way.
    tokio::time::sleep_until(started + crate::accounts::password_pages::RESET_ANSWER_FLOOR).await;
    Ok(GoTo::to(format!("{}?sent=1", crate::paths::REQUEST_START)))
}

impl Redact for AskForFamilyAccount {}

#[server]
pub async fn may_request_now() -> Result<Option<bool>, AppError> {
    // None: nobody signed in; Some(may): someone is, and whether they may ask.
    match crate::accounts::guard::require_viewer() {
        Ok(viewer) => Ok(Some(crate::accounts::guard::may(
            &viewer,
            crate::domain::capability::Capability::RequestAssessment,
        ))),
        Err(_) => Ok(None),
    }
}

#[component]
pub fn RequestStartPage() -> impl IntoView {
    let FormState { error, submitted } = form_state::<AskForFamilyAccount>();
    let typed = submitted.map(|s| s.input).unwrap_or_default();
    let sent = use_query_map().with_untracked(|q| q.get_str("sent").is_some());
    let signed_in = Resource::new(|| (), |_| may_request_now());
    if sent {
        return view! {
            <Title text="Check your email - EHC hub" />
            <div class="grid-row">
                <div class="column-two-thirds">
                    <h1 class="heading-l">"Check your email"</h1>
                    <p class="body">"We have sent you an email. Open the link in it within 7 days to set up your account and choose a password."</p>
                    <p class="body">"If you already have an account, the email tells you how to sign in."</p>
                    <p class="body"><a class="link" href=crate::paths::SIGN_IN>"Go to sign in"</a></p>
                </div>
            </div>
        }
        .into_any();
    }
    let whos = vec![
        Choice::new("parent", "I am the child's parent or carer"),
        Choice::new(
            "young_person",
            "I am the young person (16 or over) and asking for myself",
        ),
    ];
    view! {
        <div class="grid-row">
            <div class="column-two-thirds">
                <FormHeading heading="Request an EHC needs assessment" error />
                <p class="body">"An Education, Health and Care (EHC) needs assessment is how the council finds out what help a child or young person with special educational needs needs, and whether they need an EHC plan."</p>
                <p class="body">"Parents and carers, young people aged 16 to 25, and schools or other professionals (with the family's agreement) can ask for one."</p>
                <h2 class="heading-m">"Before you start"</h2>
                <p class="body">"It takes about 20 minutes. You will be asked:"</p>
                <ul class="list list--bullet">
                    <li>"the child's name, date of birth and school, nursery or college"</li>
                    <li>"who has parental responsibility"</li>
                    <li>"where the child needs help and why you are asking"</li>
                    <li>"what support has been tried so far"</li>
                </ul>
                <p class="body">"After you send it you can add reports, letters, photos and the child's own views."</p>
                <h2 class="heading-m">"What happens next"</h2>
                <p class="body">"The council tells you within 6 weeks whether it will carry out an assessment. If it does and a plan is needed, the final plan is due within 20 weeks of your request."</p>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        match signed_in.await.ok().flatten() {
                            Some(true) => view! {
                                <a class="button button--start" href=crate::paths::REQUEST_FORM role="button">"Start now"</a>
                            }
                            .into_any(),
                            Some(false) => view! {
                                <p class="body">"Council staff register requests from the case list: "<a class="link" href=crate::paths::NEW_CASE>"register a request"</a>"."</p>
                            }
                            .into_any(),
                            None => ().into_any(),
                        }
                    })}
                </Suspense>
                <h2 class="heading-m">"If you have an account"</h2>
                <p class="body"><a class="link" href=crate::paths::SIGN_IN>"Sign in"</a>" and choose \"Request an assessment\". Schools and professionals use the account their council gave them."</p>
                <h2 class="heading-m" id="new-account">"If you do not have an account"</h2>
                <p class="body">"Families can set one up here. We will email you a link to choose a password."</p>
                <PostForm action=crate::paths::REQUEST_START>
                    <TextInput id="name" name="input[name]" label="Your full name" value=typed.name error=field_error(error, "name") autocomplete="name" />
                    <TextInput id="email" name="input[email]" label="Email address" hint="We will only use this to send you things about the request." value=typed.email error=field_error(error, "email") autocomplete="email" input_type="email" />
                    <Radios id="who" name="input[who]" legend="Who are you?" choices=whos selected=typed.who error=field_error(error, "who") />
                    <button type="submit" class="button">"Send me the link"</button>
                </PostForm>
            </div>
        </div>
    }
    .into_any()
}
