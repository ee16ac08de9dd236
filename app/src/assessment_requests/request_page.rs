//! The online request form (`/request-an-assessment/form`): a parent or
//! young person asks for an assessment from their phone, or a professional
//! asks on a family's behalf with their consent. Sending it opens the case
//! (the clock starts today), keeps what was said, links the person who asked
//! to the case, and tells the family and the school.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::cases::types::SettingOption;
use crate::components::fields::{Checkboxes, Choice, DateInput, Radios, Select, TextArea, TextInput};
use crate::components::form_page::{FormHeading, PostForm};
use crate::components::forms::{FormState, GoTo, Redact, field_error, form_state};
use crate::domain::assessment_request::{Asker, REQUEST_AREAS, RequestInput};
use crate::domain::new_case::NO_SETTING;
use crate::error::AppError;

/// What the form offers the person asking.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormChoices {
    pub asker: Asker,
    pub settings: Vec<SettingOption>,
}

#[cfg(feature = "ssr")]
async fn asker_of(state: &crate::state::AppState, viewer: &crate::domain::viewer::Viewer) -> Result<Asker, AppError> {
    let kind = match viewer.team {
        Some(team) => crate::store::teams::kind(&state.db, team).await?,
        None => None,
    };
    Asker::for_role(viewer.role, kind).ok_or(AppError::Forbidden)
}

#[server]
pub async fn request_choices() -> Result<FormChoices, AppError> {
    use crate::domain::capability::Capability;
    let viewer = crate::accounts::guard::require(Capability::RequestAssessment)?;
    let state = crate::state::AppState::current()?;
    Ok(FormChoices {
        asker: asker_of(&state, &viewer).await?,
        settings: crate::store::teams::settings(&state.db, viewer.council).await?,
    })
}

#[server]
pub async fn make_request(input: RequestInput) -> Result<GoTo, AppError> {
    use crate::domain::access::{Link, link_for};
    use crate::domain::capability::Capability;
    use crate::state::{AppState, today};
    use crate::store::{accounts, assessment_requests, case_events, case_links, teams};
    let viewer = crate::accounts::guard::require(Capability::RequestAssessment)?;
    let state = AppState::current()?;
    let asker = asker_of(&state, &viewer).await?;
    let settings = teams::settings(&state.db, viewer.council).await?;
    let request = input.validate(asker, today(), |id| settings.iter().any(|s| s.id == id))?;
    let now = chrono::Utc::now();
    let actor = case_events::Actor {
        viewer: &viewer,
        limits: &state.limits,
        now,
    };
    let txn = sea_orm::TransactionTrait::begin(&state.db).await?;
    let created = case_events::open(&txn, viewer.council, &request.case, &actor, Vec::new()).await?;
    assessment_requests::save(&txn, created.id, &request.details, viewer.account, now).await?;
    // The person who asked follows the case: a family as family, a
    // professional as a contributor.
    if let Some(link) = link_for(viewer.role) {
        case_links::link(&txn, created.id, Some(viewer.account), None, link, now).await?;
    }
    // A family named by a professional who already has an account here sees it too.
    let named = if asker.is_family() {
        None
    } else {
        accounts::find_for_sign_in(&txn, &request.details.family_email)
            .await?
            .map(|found| found.viewer)
            .filter(|family| family.council == viewer.council && link_for(family.role) == Some(Link::Family))
    };
    if let Some(family) = named {
        case_links::link(&txn, created.id, Some(family.account), None, Link::Family, now).await?;
    }
    // The emails name the reference, known once the case is open: they are
    // queued after it, in the same transaction.
    let emails = super::notify::request_made(&txn, &state, &viewer, asker, &request, &created).await?;
    for email in emails {
        crate::notify::outbox::queue(&txn, email, Some(created.id)).await?;
    }
    txn.commit().await?;
    state.outbox.wake();
    Ok(GoTo::to(format!("{}?sent=1", crate::paths::case_request(created.id))))
}

impl Redact for MakeRequest {}

#[component]
pub fn RequestFormPage() -> impl IntoView {
    let form = Resource::new(|| (), |_| request_choices());
    view! {
        <Suspense fallback=|| view! { <p class="body">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match form.await {
                    Ok(form) => view! { <RequestFormView form /> }.into_any(),
                    Err(err) => {
                        err.set_page_status();
                        view! {
                            <h1 class="heading-l">{err.to_string()}</h1>
                            <p class="body">"Requests online are made by families, schools and professionals. Council staff "<a class="link" href=crate::paths::NEW_CASE>"register a request"</a>" that came by post or email."</p>
                        }
                        .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn RequestFormView(form: FormChoices) -> impl IntoView {
    let FormState { error, submitted } = form_state::<MakeRequest>();
    let typed = submitted.map(|s| s.input).unwrap_or_default();
    let field = move |name: &'static str| field_error(error, name);
    let asker = form.asker;
    let mut settings: Vec<Choice> = form
        .settings
        .into_iter()
        .map(|s| Choice::new(s.id.to_string(), s.name))
        .collect();
    settings.push(Choice::new(NO_SETTING, "None at the moment"));
    let areas: Vec<Choice> = REQUEST_AREAS
        .iter()
        .map(|p| Choice::new(p.as_str(), p.title()))
        .collect();
    let checked: Vec<String> = typed.areas.keys().cloned().collect();
    let consented: Vec<String> = typed.consent.keys().cloned().collect();
    let (child, whose) = match asker {
        Asker::YoungPerson => ("About you", "your"),
        Asker::Parent | Asker::Professional(_) => ("The child or young person", "their"),
    };
    let family = match asker {
        Asker::Parent => Some(
            view! {
                <h2 class="heading-m">"You and your family"</h2>
                <Radios
                    id="parental_responsibility"
                    name="input[parental_responsibility]"
                    legend="Do you have parental responsibility for the child?"
                    choices=vec![Choice::new("yes", "Yes"), Choice::new("no", "No")]
                    selected=typed.parental_responsibility.clone()
                    error=field("parental_responsibility")
                />
                <TextInput id="others_with_responsibility" name="input[others_with_responsibility]" label="Who else has parental responsibility? (optional)" hint="For example, the child's other parent. Their names help the council contact everyone it should." value=typed.others_with_responsibility.clone() error=field("others_with_responsibility") autocomplete="off" />
                <TextInput id="phone" name="input[phone]" label="Telephone number (optional)" hint="So the caseworker can call you." value=typed.phone.clone() error=field("phone") autocomplete="tel" input_type="tel" width_class="input--width-20" />
            }
            .into_any(),
        ),
        Asker::YoungPerson => Some(
            view! {
                <h2 class="heading-m">"How to reach you"</h2>
                <TextInput id="phone" name="input[phone]" label="Telephone number (optional)" hint="So the caseworker can call you." value=typed.phone.clone() error=field("phone") autocomplete="tel" input_type="tel" width_class="input--width-20" />
            }
            .into_any(),
        ),
        Asker::Professional(_) => Some(
            view! {
                <h2 class="heading-m">"The family"</h2>
                <TextInput id="family_name" name="input[family_name]" label="Parent's or young person's full name" value=typed.family_name.clone() error=field("family_name") autocomplete="off" />
                <TextInput id="family_email" name="input[family_email]" label="Their email address" hint="The council tells them the request was made and what happens next." value=typed.family_email.clone() error=field("family_email") autocomplete="off" input_type="email" />
                <TextInput id="phone" name="input[phone]" label="Their telephone number (optional)" value=typed.phone.clone() error=field("phone") autocomplete="off" input_type="tel" width_class="input--width-20" />
                <Checkboxes
                    id="consent"
                    name="input[consent]"
                    legend="The family's agreement"
                    hint="A professional may only ask with the family's agreement."
                    choices=vec![Choice::new("yes", "The family agrees to this request and knows the council will contact them")]
                    checked=consented.clone()
                    error=field("consent")
                />
            }
            .into_any(),
        ),
    };
    view! {
        <div class="grid-row">
            <div class="column-two-thirds">
                <FormHeading heading="Request an EHC needs assessment" caption="Request" error />
                <p class="body">"Answer as fully as you can. After you send the request you can add reports, letters, photos and the child's own views."</p>
                <PostForm action=crate::paths::REQUEST_FORM>
                    <h2 class="heading-m">{child}</h2>
                    <TextInput id="first_name" name="input[first_name]" label="First name" value=typed.first_name.clone() error=field("first_name") autocomplete="off" />
                    <TextInput id="last_name" name="input[last_name]" label="Last name" value=typed.last_name.clone() error=field("last_name") autocomplete="off" />
                    <DateInput id="date_of_birth" name="input[date_of_birth]" legend="Date of birth" hint="For example, 27 3 2016" value=typed.date_of_birth.clone() error=field("date_of_birth") />
                    <Select id="setting" name="input[setting]" label=format!("{} school, nursery or college", if whose == "your" { "Your" } else { "Their" }) placeholder="Choose a setting" choices=settings selected=typed.setting.clone() error=field("setting") />
                    {family}
                    <h2 class="heading-m">"Why you are asking"</h2>
                    <Checkboxes id="areas" name="input[areas]" legend="Where is help needed?" hint="Select all that apply." choices=areas checked error=field("areas") />
                    <TextArea id="reasons" name="input[reasons]" label="Why are you asking for an assessment?" hint="What is hard day to day, at home and in school, and how long it has been like this." value=typed.reasons.clone() error=field("reasons") rows=6 />
                    <TextArea id="support_tried" name="input[support_tried]" label="What support has been tried so far?" hint="For example, help at school, speech and language therapy, or advice from a doctor. Say if none has." value=typed.support_tried.clone() error=field("support_tried") rows=5 />
                    <button type="submit" class="button">"Send the request"</button>
                </PostForm>
            </div>
        </div>
    }
}
