//! Registering a request for an EHC needs assessment: the child, their
//! setting, who asked and when. Opening the case starts the 20-week clock.

use leptos::prelude::*;

use super::types::{CaseCreated, SettingOption};
use crate::components::fields::{Choice, DateInput, Radios, Select, TextInput};
use crate::components::form_page::{FormHeading, PostForm};
use crate::components::forms::{FormState, NextPage, Redact, field_error, form_state};
use crate::domain::new_case::{NO_SETTING, NewCaseInput};
use crate::domain::requester::Requester;
use crate::error::AppError;

#[server]
pub async fn register_case(input: NewCaseInput) -> Result<CaseCreated, AppError> {
    use crate::state::{AppState, today};
    use crate::store::teams;
    let viewer = require_manager()?;
    let state = AppState::current()?;
    let settings = teams::settings(&state.db, viewer.council).await?;
    let request = input.validate(today(), |id| settings.iter().any(|s| s.id == id))?;
    let actor = crate::store::case_events::Actor {
        viewer: &viewer,
        limits: &state.limits,
        now: chrono::Utc::now(),
    };
    let txn = sea_orm::TransactionTrait::begin(&state.db).await?;
    let created = crate::store::case_events::open(&txn, viewer.council, &request, &actor, Vec::new()).await?;
    txn.commit().await?;
    Ok(created)
}

#[server]
pub async fn list_settings() -> Result<Vec<SettingOption>, AppError> {
    use crate::state::AppState;
    let viewer = require_manager()?;
    let state = AppState::current()?;
    Ok(crate::store::teams::settings(&state.db, viewer.council).await?)
}

/// Registering requests is council casework (the capability table's `RegisterRequest`).
#[cfg(feature = "ssr")]
fn require_manager() -> Result<crate::domain::viewer::Viewer, AppError> {
    crate::accounts::guard::require(crate::domain::capability::Capability::RegisterRequest)
}

impl Redact for RegisterCase {}

impl NextPage for CaseCreated {
    fn next_page(&self) -> String {
        format!("{}?registered=1", crate::paths::case(self.id))
    }
}

#[component]
pub fn NewCasePage() -> impl IntoView {
    let FormState { error, submitted } = form_state::<RegisterCase>();
    let typed = submitted.map(|s| s.input).unwrap_or_default();
    let field = move |name: &'static str| field_error(error, name);
    let settings = Resource::new(|| (), |_| list_settings());
    let requesters: Vec<Choice> = Requester::ALL
        .iter()
        .map(|r| Choice::new(r.as_str(), r.label()))
        .collect();
    view! {
        <div class="grid-row">
            <div class="column-two-thirds">
                <FormHeading heading="Register a request for an EHC needs assessment" caption="New case" error />
                <p class="body">"The 20-week statutory timeline starts from the date the request was received."</p>
                <PostForm action=crate::paths::NEW_CASE>
                    <h2 class="heading-m">"The child or young person"</h2>
                    <TextInput id="first_name" name="input[first_name]" label="First name" value=typed.first_name.clone() error=field("first_name") autocomplete="off" />
                    <TextInput id="last_name" name="input[last_name]" label="Last name" value=typed.last_name.clone() error=field("last_name") autocomplete="off" />
                    <DateInput
                        id="date_of_birth"
                        name="input[date_of_birth]"
                        legend="Date of birth"
                        hint="For example, 27 3 2016"
                        value=typed.date_of_birth.clone()
                        error=field("date_of_birth")
                    />
                    <Suspense fallback=|| view! { <p class="body">"Loading settings…"</p> }>
                        {
                            let selected = typed.setting.clone();
                            move || {
                                let selected = selected.clone();
                                Suspend::new(async move {
                                    let mut choices: Vec<Choice> = settings
                                        .await
                                        .unwrap_or_default()
                                        .into_iter()
                                        .map(|s| Choice::new(s.id.to_string(), s.name))
                                        .collect();
                                    choices.push(Choice::new(NO_SETTING, "No current setting"));
                                    view! {
                                        <Select
                                            id="setting"
                                            name="input[setting]"
                                            label="Current education setting"
                                            placeholder="Choose a setting"
                                            choices
                                            selected
                                            error=field("setting")
                                        />
                                    }
                                })
                            }
                        }
                    </Suspense>
                    <h2 class="heading-m">"The request"</h2>
                    <Radios
                        id="requested_by"
                        name="input[requested_by]"
                        legend="Who made the request?"
                        choices=requesters
                        selected=typed.requested_by.clone()
                        error=field("requested_by")
                    />
                    <DateInput
                        id="received_on"
                        name="input[received_on]"
                        legend="Date the request was received"
                        hint="For example, 3 11 2026"
                        value=typed.received_on.clone()
                        error=field("received_on")
                    />
                    <button type="submit" class="button">"Register request"</button>
                </PostForm>
            </div>
        </div>
    }
}
