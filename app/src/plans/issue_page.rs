//! Issuing the final plan: naming the school or setting in section I, then
//! issuing. The case moves to "live", the annual review is due in 12 months,
//! and everyone on the case is emailed. The issued plan never changes.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::types::{ConsultationView, ConsulteeView, VersionSummary};
use crate::components::fields::TextInput;
use crate::components::form_page::{FormHeading, PostForm};
use crate::components::forms::{FormState, GoTo, Redact, field_error, form_state};
use crate::domain::case::CaseHeading;
use crate::domain::ids::CaseId;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::error::FieldErrors;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IssueInput {
    pub setting_name: String,
    pub setting_type: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueCheck {
    pub case: CaseHeading,
    pub version: VersionSummary,
    pub consultees: Vec<ConsulteeView>,
    pub consultations: Vec<ConsultationView>,
}

#[cfg(feature = "ssr")]
async fn latest_to_issue(ctx: &crate::cases::context::CaseContext) -> Result<VersionSummary, AppError> {
    use crate::domain::plan::version::VersionState;
    ctx.readable_versions()
        .await?
        .pop()
        .filter(|v| v.state != VersionState::Issued)
        .ok_or(AppError::NotFound)
}

#[server]
pub async fn check_before_issuing(case: CaseId) -> Result<IssueCheck, AppError> {
    let ctx = crate::cases::context::CaseContext::open(case, crate::domain::capability::Capability::WritePlan).await?;
    let version = latest_to_issue(&ctx).await?;
    Ok(IssueCheck {
        consultees: crate::store::plan_responses::consultees(&ctx.state.db, version.id).await?,
        consultations: crate::store::plan_responses::consultations(&ctx.state.db, version.id).await?,
        case: ctx.case,
        version,
    })
}

#[server]
pub async fn issue_plan(case: CaseId, input: IssueInput) -> Result<GoTo, AppError> {
    use crate::domain::plan::content::Placement;
    use crate::domain::workflow::CaseEvent;
    let ctx = crate::cases::context::CaseContext::open(case, crate::domain::capability::Capability::WritePlan).await?;
    let from = latest_to_issue(&ctx).await?;
    let placement = Placement {
        setting_name: input.setting_name.trim().to_owned(),
        setting_type: input.setting_type.trim().to_owned(),
    };
    let mut errors = FieldErrors::default();
    if placement.setting_name.is_empty() {
        errors.add(
            "setting_name",
            "setting_name",
            "Enter the name of the school or setting",
        );
    }
    if placement.setting_type.is_empty() {
        errors.add("setting_type", "setting_type", "Enter the type of school or setting");
    }
    if placement.setting_name.chars().count() > 200 || placement.setting_type.chars().count() > 200 {
        errors.add("setting_name", "setting_name", "Names must be 200 characters or fewer");
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let (today, now) = (crate::state::today(), chrono::Utc::now());
    let txn = ctx.begin().await?;
    let issued = crate::store::plans::issue(&txn, case, from.id, placement, ctx.viewer.account, today, now).await?;
    let people = crate::store::case_links::linked_people(&txn, case).await?;
    let emails = super::notify::plan_issued(&ctx, &people);
    ctx.apply(&txn, CaseEvent::PlanIssued { on: today }, &issued.name(), emails)
        .await?;
    ctx.commit(txn).await?;
    Ok(GoTo::to(crate::paths::plan_responded(
        case,
        issued.number,
        "issued",
        "plan",
    )))
}

impl Redact for IssuePlan {}

#[component]
pub fn IssuePage() -> impl IntoView {
    let check = Resource::new(super::load::case_param(), |id| async move {
        match id {
            Some(id) => check_before_issuing(id).await,
            None => Err(AppError::NotFound),
        }
    });
    super::load::loaded(check, "Loading…", |check| view! { <IssueForm check /> })
}

#[component]
fn IssueForm(check: IssueCheck) -> impl IntoView {
    let FormState { error, submitted } = form_state::<IssuePlan>();
    let case = check.case.id;
    let preferred: Vec<String> = check
        .consultees
        .iter()
        .filter_map(|c| c.preferred_setting.clone())
        .collect();
    let typed = submitted.map(|s| s.input).unwrap_or_else(|| IssueInput {
        setting_name: preferred.first().cloned().unwrap_or_default(),
        setting_type: String::new(),
    });
    let answers = check
        .consultations
        .iter()
        .map(|c| {
            let answer = c.answer.map_or("Awaiting response", |a| a.label());
            view! { <li>{format!("{}: {answer}", c.setting)}</li> }
        })
        .collect_view();
    let preferred_list = preferred.into_iter().map(|p| view! { <li>{p}</li> }).collect_view();
    view! {
        <a class="back-link" href=crate::paths::plan(case)>"Back to the plan"</a>
        <FormHeading heading="Issue the final plan" caption=format!("{} · {}", check.case.reference, check.case.child_name) error />
        <p class="body">{format!("The final plan is made from {}, with the school or setting named below in section I.", check.version.name())}</p>
        <h2 class="heading-m">"Preferred by the family"</h2>
        <ul class="list list--bullet">{preferred_list}</ul>
        <h2 class="heading-m">"Settings' responses"</h2>
        <ul class="list list--bullet">{answers}</ul>
        <PostForm action=crate::paths::plan_issue(case)>
            <input type="hidden" name="case" value=case.to_string() />
            <h2 class="heading-m">"Section I: placement"</h2>
            <TextInput id="setting_name" name="input[setting_name]" label="Name of the school or setting" value=typed.setting_name error=field_error(error, "setting_name") />
            <TextInput id="setting_type" name="input[setting_type]" label="Type of school or setting" hint="For example, mainstream primary school, or special school (communication and interaction)" value=typed.setting_type error=field_error(error, "setting_type") />
            <p class="body">"Issuing moves the case to your live cases, sets the first annual review for 12 months' time and emails everyone on the case. The issued plan cannot be changed: later changes are made by amendment."</p>
            <button type="submit" class="button">"Issue the final plan"</button>
        </PostForm>
    }
}
