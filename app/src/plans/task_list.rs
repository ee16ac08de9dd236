//! The caseworker's task list for a draft: each group of sections with its
//! status and a link to edit, the checks still to put right, and the button
//! that starts a draft (the first, or a new version of a shared or issued plan).

use leptos::prelude::*;

use super::types::PlanView;
use crate::components::forms::{FormState, NextPage, Redact, form_state};
use crate::domain::ids::CaseId;
use crate::domain::plan::part::{Part, PartStatus, TASKS};
use crate::error::AppError;

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DraftStarted {
    pub case: CaseId,
    pub number: i32,
}

impl NextPage for DraftStarted {
    fn next_page(&self) -> String {
        format!("{}&done=started", crate::paths::plan_version(self.case, self.number))
    }
}

#[server]
pub async fn start_plan(case: CaseId) -> Result<DraftStarted, AppError> {
    use crate::domain::workflow::CaseEvent;
    let ctx = crate::cases::context::CaseContext::open(case, crate::domain::capability::Capability::WritePlan).await?;
    let txn = ctx.begin().await?;
    let now = chrono::Utc::now();
    let draft = crate::store::plans::start_draft(&txn, case, ctx.viewer.account, now).await?;
    // Advice submitted before the draft was started is listed in its section K.
    super::advice_in_plan::list_in_section_k(&txn, case, ctx.viewer.account, now).await?;
    ctx.apply(
        &txn,
        CaseEvent::DraftStarted,
        &format!("Draft version {}", draft.number),
        Vec::new(),
    )
    .await?;
    ctx.commit(txn).await?;
    Ok(DraftStarted {
        case,
        number: draft.number,
    })
}

impl Redact for StartPlan {}

#[component]
pub fn StartDraft(case: CaseId, #[prop(into)] label: String, #[prop(optional)] secondary: bool) -> impl IntoView {
    let FormState { error, .. } = form_state::<StartPlan>();
    let class = if secondary {
        "button button--secondary"
    } else {
        "button"
    };
    view! {
        <form method="post" action=crate::paths::plan_form(case, crate::paths::PlanForm::Start)>
            <crate::components::error_summary::ErrorSummary error />
            <input type="hidden" name="case" value=case.to_string() />
            <button type="submit" class=class>{label}</button>
        </form>
    }
}

fn status_tag(status: PartStatus) -> impl IntoView {
    let colour = match status {
        PartStatus::NotStarted => "tag--grey",
        PartStatus::InProgress => "tag--blue",
        PartStatus::Complete => "tag--green",
        PartStatus::NotApplicable => "tag--grey",
    };
    view! { <strong class=format!("tag {colour}")>{status.label()}</strong> }
}

#[component]
pub fn TaskList(plan: PlanView) -> impl IntoView {
    let case = plan.case.id;
    let status_of = |part: Part| plan.part(part).map(|p| p.status).unwrap_or_default();
    let tasks = TASKS
        .iter()
        .map(|task| {
            let statuses: Vec<PartStatus> = task.parts.iter().map(|p| status_of(*p)).collect();
            let overall = PartStatus::combine(&statuses);
            let links = task
                .parts
                .iter()
                .map(|part| {
                    let text = if task.parts.len() == 1 {
                        format!("Edit {}", task.title)
                    } else {
                        part.title().to_owned()
                    };
                    let issues = plan.issues.iter().filter(|i| i.part == *part).count();
                    let flag = (issues > 0).then(|| {
                        let s = if issues == 1 {
                            "1 thing to check".to_owned()
                        } else {
                            format!("{issues} things to check")
                        };
                        view! { <span class="task-list__flag">{s}</span> }
                    });
                    let sub = (task.parts.len() > 1).then(|| status_tag(status_of(*part)));
                    let href = if part.edited_in_draft() {
                        crate::paths::plan_part(case, *part)
                    } else {
                        crate::paths::plan_issue(case)
                    };
                    view! {
                        <li class="task-list__sub">
                            <a class="link" href=href>{text}</a>
                            {flag}
                            {sub}
                        </li>
                    }
                })
                .collect_view();
            let hint = (!task.parts.iter().any(|p| p.edited_in_draft()))
                .then(|| view! { <p class="hint">"Left blank in a draft: named when the plan is issued."</p> });
            view! {
                <li class="task-list__item">
                    <div class="task-list__name">
                        <span class="task-list__title">{task.title}</span>
                        {status_tag(overall)}
                    </div>
                    {hint}
                    <ul class="task-list__links">{links}</ul>
                </li>
            }
        })
        .collect_view();
    let checks = (!plan.issues.is_empty()).then(|| {
        let count = plan.issues.len();
        view! {
            <div class="warning-text">
                <strong>{if count == 1 { "1 thing to check before sharing".to_owned() } else { format!("{count} things to check before sharing") }}</strong>
                " — vague or unquantified provision, outcomes without a time frame or measurable result, or needs with nothing to meet them. Open a section to see each one."
            </div>
        }
    });
    let advice = (!plan.advice_warnings.is_empty()).then(|| {
        view! { <super::advice_in_plan::AdviceWarnings case warnings=plan.advice_warnings.clone() /> }
    });
    view! {
        <h2 class="heading-m" id="tasks">"Sections of the plan"</h2>
        {checks}
        {advice}
        <ol class="task-list">{tasks}</ol>
    }
}
