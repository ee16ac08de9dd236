//! The plan page of a case: for the caseworker writing a draft, the task list
//! and the checks; for everyone, the plan as it reads, with comments, the
//! family's response, the settings consulted and the downloads.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use super::comments::{FamilyAsk, FamilyResponse};
use super::consultations::{Consultations, Consultees};
use super::document::PlanDocument;
use super::task_list::{StartDraft, TaskList};
use super::types::PlanView;
use crate::components::banner::SuccessBanner;
use crate::components::error_summary::ErrorSummary;
use crate::domain::case::CaseHeading;
use crate::domain::dates::long_date;
use crate::domain::ids::CaseId;
use crate::domain::plan::version::VersionState;
use crate::error::AppError;

/// The plan page: the case, and the version asked for if there is one to show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanPageData {
    pub case: CaseHeading,
    pub may_manage: bool,
    pub plan: Option<PlanView>,
}

#[server]
pub async fn get_plan(case: CaseId, version: Option<i32>) -> Result<PlanPageData, AppError> {
    let ctx = crate::cases::context::CaseContext::open(case, crate::domain::capability::Capability::ViewCase).await?;
    let readable = ctx.readable_versions().await?;
    let plan = if readable.is_empty() && version.is_none() {
        None
    } else {
        let chosen = super::access::pick(&readable, version)?;
        ctx.record(
            crate::domain::audit::AuditAction::PlanViewed,
            &chosen.name(),
            chrono::Utc::now(),
        )
        .await?;
        Some(super::load::plan_view(&ctx, readable, chosen).await?)
    };
    Ok(PlanPageData {
        may_manage: ctx.may(crate::domain::capability::Capability::WritePlan),
        case: ctx.case,
        plan,
    })
}

fn done_message(done: &str) -> Option<&'static str> {
    Some(match done {
        "started" => "Draft started. Work through each section, then check and share it.",
        "saved" => "Section saved.",
        "shared" => "Draft shared. Everyone on the case has been emailed.",
        "commented" => "Comment added. The caseworker can read it now.",
        "responded" => "Your response has been saved.",
        "consulted" => "The setting has been asked to respond within 15 days.",
        "answered" => "Your response has been sent to the caseworker.",
        "issued" => "Final plan issued. Everyone on the case has been emailed.",
        _ => return None,
    })
}

#[component]
pub fn PlanPage() -> impl IntoView {
    let case = super::load::case_param();
    let query = use_query_map();
    let source = move || {
        let id = case();
        let version = query.with(|q| q.get_str("version").and_then(|v| v.parse::<i32>().ok()));
        (id, version)
    };
    let page = Resource::new(source, |(id, version)| async move {
        match id {
            Some(id) => get_plan(id, version).await,
            None => Err(AppError::NotFound),
        }
    });
    let done = move || query.with(|q| q.get_str("done").and_then(done_message));
    super::load::loaded(
        page,
        "Loading the plan…",
        move |data| view! { <PlanPageBody data done=done() /> },
    )
}

/// The error of a refused post (without JavaScript) whose form is no longer
/// on the page, say a comment sent after the person said they had finished:
/// shown at the top so the refusal is never silent.
fn refused_elsewhere(plan: Option<&PlanView>) -> Option<AppError> {
    use super::comments::{AddPlanComment, RespondToDraft};
    use super::consultations::AnswerConsultation;
    use crate::components::forms::rejected_submission;
    let family_forms = plan.is_some_and(|p| p.may.own.is_some());
    let answer_form = plan.is_some_and(|p| p.may.answer_for.is_some());
    let family = rejected_submission::<AddPlanComment>()
        .map(|r| r.error)
        .or_else(|| rejected_submission::<RespondToDraft>().map(|r| r.error))
        .filter(|_| !family_forms);
    let answer = rejected_submission::<AnswerConsultation>()
        .map(|r| r.error)
        .filter(|_| !answer_form);
    family.or(answer)
}

#[component]
fn PlanPageBody(data: PlanPageData, done: Option<&'static str>) -> impl IntoView {
    let refused = refused_elsewhere(data.plan.as_ref());
    let case = data.case.clone();
    let title = format!("EHC plan: {} ({}) - EHC hub", case.child_name, case.reference);
    let body = match data.plan {
        None if data.may_manage => view! {
            <p class="body">"No plan has been started for this case."</p>
            <StartDraft case=case.id label="Start the draft plan" />
        }
        .into_any(),
        None => view! { <p class="body">"There is no plan to read yet. You will be emailed when a draft is shared with you."</p> }.into_any(),
        Some(plan) => view! { <PlanVersionView plan may_manage=data.may_manage /> }.into_any(),
    };
    view! {
        <Title text=title />
        <a class="back-link" href=crate::paths::case(case.id)>"Back to the case"</a>
        {done.map(|message| view! { <SuccessBanner message /> })}
        <span class="caption-l">{format!("{} · {}", case.reference, case.child_name)}</span>
        <h1 class="heading-l">"Education, health and care plan"</h1>
        <ErrorSummary error=Signal::derive(move || refused.clone()) />
        {body}
    }
}

#[component]
fn PlanVersionView(plan: PlanView, may_manage: bool) -> impl IntoView {
    let case = plan.case.id;
    let version = plan.version;
    let drafting = version.state == VersionState::Drafting;
    let status_line = match version.state {
        VersionState::Drafting => "Not shared yet: only council staff can see this draft.".to_owned(),
        VersionState::Shared => format!("Shared on {}.", version.shared_on.map(long_date).unwrap_or_default()),
        VersionState::Issued => format!(
            "Issued on {}. This plan can only be changed by an amendment (a new draft version).",
            version.issued_on.map(long_date).unwrap_or_default()
        ),
    };
    let latest = plan.versions.last().map(|v| v.number) == Some(version.number);
    let manage_actions = (may_manage && latest).then(|| match version.state {
        VersionState::Drafting => view! {
            <div class="button-group">
                <a class="button" href=crate::paths::plan_share(case)>{format!("Check and share draft version {}", version.number)}</a>
                <a class="button button--secondary" href=crate::paths::plan_issue(case)>"Issue the final plan"</a>
            </div>
        }
        .into_any(),
        VersionState::Shared => view! {
            <div class="button-group">
                <a class="button" href=crate::paths::plan_issue(case)>"Issue the final plan"</a>
            </div>
            <StartDraft case label=format!("Start draft version {}", version.number + 1) secondary=true />
        }
        .into_any(),
        VersionState::Issued => view! {
            <StartDraft case label="Start an amendment (new draft version)" secondary=true />
        }
        .into_any(),
    });
    let task_list = (drafting && may_manage).then(|| view! { <TaskList plan=plan.clone() /> });
    let consultation = (version.state == VersionState::Shared).then(|| {
        view! {
            <Consultees plan=plan.clone() />
            <Consultations plan=plan.clone() />
        }
    });
    // The family reads the parts and comments on them first, then answers.
    let family = (version.state == VersionState::Shared).then(|| {
        (
            view! { <FamilyAsk plan=plan.clone() /> },
            view! { <FamilyResponse plan=plan.clone() /> },
        )
    });
    let (ask, response) = family.unzip();
    view! {
        {ask}
        <div class="plan-version">
            <p class="body"><strong class="tag tag--purple">{version.name()}</strong></p>
            <p class="body">{status_line}</p>
            <VersionLinks plan=plan.clone() />
        </div>
        {manage_actions}
        {task_list}
        {consultation}
        <h2 class="heading-l" id="plan">{if drafting { "Preview of the draft" } else { "The plan" }}</h2>
        <PlanDocument plan />
        {response}
    }
}

/// Downloads, other versions, and the comparison between them.
#[component]
fn VersionLinks(plan: PlanView) -> impl IntoView {
    let case = plan.case.id;
    let n = plan.version.number;
    let others = plan
        .versions
        .iter()
        .filter(|v| v.number != n)
        .map(|v| {
            let href = crate::paths::plan_version(case, v.number);
            view! { <li><a class="link" href=href>{v.name()}</a></li> }
        })
        .collect_view();
    let letter = match plan.version.state {
        VersionState::Shared => Some(view! {
            <li><a class="link" href=crate::paths::plan_file(case, n, "draft-letter.pdf") download>"Download the letter sent with this draft (PDF)"</a></li>
        }),
        VersionState::Issued => Some(view! {
            <li><a class="link" href=crate::paths::plan_file(case, n, "decision-letter.pdf") download>"Download the letter sent with the final plan (PDF)"</a></li>
        }),
        VersionState::Drafting => None,
    };
    let compare = (plan.versions.len() > 1).then(|| {
        let from = plan
            .versions
            .iter()
            .rev()
            .find(|v| v.number < n)
            .map_or(1, |v| v.number);
        let href = format!("{}?from={from}&to={n}", crate::paths::plan_compare(case));
        view! { <li><a class="link" href=href>"Compare versions (see what changed)"</a></li> }
    });
    view! {
        <ul class="list">
            <li><a class="link" href=crate::paths::plan_file(case, n, "plan.pdf") download>"Download this version as PDF"</a></li>
            <li><a class="link" href=crate::paths::plan_file(case, n, "plan.docx") download>"Download this version as Word (.docx)"</a></li>
            {letter}
            {compare}
            {others}
        </ul>
    }
}
