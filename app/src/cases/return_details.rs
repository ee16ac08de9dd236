//! The case's details for the DfE's SEN2 return (`/cases/{id}/return-details`):
//! the child's sex, ethnicity and unique pupil number (or why there is
//! none), the types of need a plan is reported under, and the school or
//! setting the child attends now (the placement the return names). Kept by
//! the council's caseworkers; a save made over someone else's is refused.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

use crate::components::banner::SuccessBanner;
use crate::components::fields::{Choice, Radios, Select, TextInput};
use crate::components::form_page::{FormHeading, PostForm};
use crate::components::forms::{FormState, GoTo, Redact, field_error, form_state};
use crate::domain::ids::CaseId;
use crate::domain::new_case::NO_SETTING;
use crate::domain::sen2::codes::{Ethnicity, NeedType, Sex, UpnUnknown};
use crate::domain::sen2::details::{DetailsInput, ReturnDetails};
use crate::error::AppError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnDetailsPage {
    pub case: CaseId,
    pub caption: String,
    pub details: ReturnDetails,
    /// The council's schools and settings, to choose the current one from.
    pub settings: Vec<super::types::SettingOption>,
}

#[server]
pub async fn get_return_details(case: CaseId) -> Result<ReturnDetailsPage, AppError> {
    use crate::domain::capability::Capability;
    let ctx = super::context::CaseContext::open(case, Capability::KeepReturnDetails).await?;
    let details = crate::store::sen2::case_details(&ctx.state.db, case)
        .await?
        .ok_or(AppError::NotFound)?;
    let settings = crate::store::teams::settings(&ctx.state.db, ctx.viewer.council).await?;
    Ok(ReturnDetailsPage {
        case,
        caption: format!("{} · {}", ctx.case.child_name, ctx.case.reference),
        details,
        settings,
    })
}

#[server]
pub async fn save_return_details(input: DetailsInput) -> Result<GoTo, AppError> {
    use crate::domain::audit::AuditAction;
    use crate::domain::capability::Capability;
    let case = input.case.parse::<CaseId>().map_err(|_| AppError::NotFound)?;
    let ctx = super::context::CaseContext::open(case, Capability::KeepReturnDetails).await?;
    let settings = crate::store::teams::settings(&ctx.state.db, ctx.viewer.council).await?;
    let details = input.validate(|id| settings.iter().any(|s| s.id == id))?;
    let txn = ctx.begin().await?;
    let kept = crate::store::sen2::case_details(&txn, case)
        .await?
        .ok_or(AppError::NotFound)?;
    if kept.fingerprint() != input.shown {
        return Err(AppError::Conflict);
    }
    crate::store::sen2::save_case_details(&txn, case, &details).await?;
    ctx.commit(txn).await?;
    ctx.record(
        AuditAction::ReturnDetailsSaved,
        &details.fingerprint(),
        chrono::Utc::now(),
    )
    .await?;
    Ok(GoTo::to(format!("{}?saved=1", crate::paths::return_details(case))))
}

impl Redact for SaveReturnDetails {}

#[component]
pub fn ReturnDetailsPageView() -> impl IntoView {
    let params = use_params_map();
    let case = move || params.with(|p| p.get_str("id").and_then(|id| id.parse::<CaseId>().ok()));
    let page = Resource::new(case, |case| async move {
        match case {
            Some(case) => get_return_details(case).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Suspense fallback=|| view! { <p class="body">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <DetailsForm page /> }.into_any(),
                    Err(err) => {
                        err.set_page_status();
                        view! {
                            <h1 class="heading-l">{err.to_string()}</h1>
                            <p class="body"><a class="link" href=crate::paths::CASES>"Go back to your cases"</a></p>
                        }
                        .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

fn choices<T: Copy>(all: &[T], code: fn(T) -> &'static str, label: fn(T) -> &'static str) -> Vec<Choice> {
    all.iter().map(|v| Choice::new(code(*v), label(*v))).collect()
}

fn code_or_blank<T: Copy>(value: Option<T>, code: fn(T) -> &'static str) -> String {
    value.map(code).unwrap_or_default().to_owned()
}

#[component]
fn DetailsForm(page: ReturnDetailsPage) -> impl IntoView {
    let FormState { error, submitted } = form_state::<SaveReturnDetails>();
    let kept = &page.details;
    let typed = submitted.map(|s| s.input).unwrap_or_else(|| DetailsInput {
        sex: code_or_blank(kept.sex, Sex::as_str),
        ethnicity: code_or_blank(kept.ethnicity, Ethnicity::as_str),
        upn: kept.upn.clone().unwrap_or_default(),
        upn_unknown: code_or_blank(kept.upn_unknown, UpnUnknown::as_str),
        primary_need: code_or_blank(kept.primary_need, NeedType::as_str),
        secondary_need: code_or_blank(kept.secondary_need, NeedType::as_str),
        setting: kept.setting.map_or_else(|| NO_SETTING.to_owned(), |id| id.to_string()),
        ..DetailsInput::default()
    });
    let field = move |name: &'static str| field_error(error, name);
    let case = page.case;
    // "No current setting" is the placeholder: the field is never left unanswered.
    let settings: Vec<Choice> = page
        .settings
        .iter()
        .map(|s| Choice::new(s.id.to_string(), s.name.clone()))
        .collect();
    let saved = use_query_map().with_untracked(|q| q.get_str("saved").is_some());
    view! {
        {saved.then(|| view! { <SuccessBanner message="Details saved." /> })}
        <FormHeading heading="Details for the SEN2 return" caption=page.caption.clone() error />
        <p class="body">"The council sends these to the Department for Education each January in its SEN2 return. Fill in what you know; the return lists the cases still missing something."</p>
        <PostForm action=crate::paths::return_details(case)>
            <input type="hidden" name="input[case]" value=case.to_string() />
            <input type="hidden" name="input[shown]" value=page.details.fingerprint() />
            <Radios id="sex" name="input[sex]" legend="Sex" choices=choices(&Sex::ALL, Sex::as_str, Sex::label) selected=typed.sex.clone() error=field("sex") />
            <Select id="ethnicity" name="input[ethnicity]" label="Ethnicity" placeholder="Not recorded yet" choices=choices(&Ethnicity::ALL, Ethnicity::as_str, Ethnicity::label) selected=typed.ethnicity.clone() error=field("ethnicity") />
            <TextInput id="upn" name="input[upn]" label="Unique pupil number (UPN)" hint="13 characters, on the school's records. For example, A12345678901B." value=typed.upn.clone() error=field("upn") autocomplete="off" />
            <Select id="upn_unknown" name="input[upn_unknown]" label="If there is no UPN, why not" placeholder="There is a UPN, or not known yet" choices=choices(&UpnUnknown::ALL, UpnUnknown::as_str, UpnUnknown::label) selected=typed.upn_unknown.clone() error=field("upn_unknown") />
            <Select id="primary_need" name="input[primary_need]" label="Primary type of need" placeholder="Not recorded yet" choices=choices(&NeedType::ALL, NeedType::as_str, NeedType::label) selected=typed.primary_need.clone() error=field("primary_need") />
            <Select id="secondary_need" name="input[secondary_need]" label="Secondary type of need (if any)" placeholder="None" choices=choices(&NeedType::ALL, NeedType::as_str, NeedType::label) selected=typed.secondary_need.clone() error=field("secondary_need") />
            <Select id="setting" name="input[setting]" label="Current school or setting" placeholder="No current setting" choices=settings selected=typed.setting.clone() error=field("setting") />
            <button type="submit" class="button">"Save details"</button>
        </PostForm>
        <p class="body"><a class="link" href=crate::paths::case(case)>"Back to the case"</a></p>
    }
}
