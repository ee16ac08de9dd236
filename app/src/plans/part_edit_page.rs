//! Editing one part of the draft plan. The page is server-rendered and every
//! button posts the form: each saves what was typed before it adds, moves or
//! removes an item, so nothing typed is lost. The form is an island: once
//! hydrated, the provision checker runs as the caseworker types and the part
//! saves itself a few seconds after typing stops. A save names the revision
//! it started from: if someone else saved first, nothing is overwritten and
//! both versions are shown.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

use super::live_editor::{EditTarget, LiveEditor, PartSaved};
use super::part_form::PartFields;
use super::types::{PartView, VersionSummary};
use crate::components::error_summary::ErrorSummary;
use crate::components::forms::{Redact, rejected_submission};
use crate::domain::case::CaseHeading;
use crate::domain::ids::CaseId;
use crate::domain::plan::checks::check_part;
use crate::domain::plan::form::PlanForm;
use crate::domain::plan::part::{Part, PartStatus};
use crate::error::AppError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartEditData {
    pub case: CaseHeading,
    pub version: VersionSummary,
    pub part: PartView,
    /// False once the version has been shared or issued: the page then says so.
    pub editable: bool,
    /// Submitted advice on this area, to read and bring in.
    pub advice: Vec<super::advice_in_plan::AdviceForArea>,
}

#[server]
pub async fn get_plan_part(case: CaseId, part: Part) -> Result<PartEditData, AppError> {
    let ctx = crate::cases::context::CaseContext::open(case, crate::domain::capability::Capability::WritePlan).await?;
    // The latest version, so a refused save after sharing can still show what was typed.
    let version = ctx.readable_versions().await?.pop().ok_or(AppError::NotFound)?;
    let editable = version.state == crate::domain::plan::version::VersionState::Drafting;
    let view = crate::store::plans::parts(&ctx.state.db, version.id)
        .await?
        .into_iter()
        .find(|p| p.part == part)
        .ok_or(AppError::NotFound)?;
    let advice = match &view.content {
        crate::domain::plan::content::PartContent::Area(area) => {
            super::advice_in_plan::for_area(&ctx.state.db, case, part, Some(area)).await?
        }
        _ => Vec::new(),
    };
    ctx.record(
        crate::domain::audit::AuditAction::PlanViewed,
        part.title(),
        chrono::Utc::now(),
    )
    .await?;
    Ok(PartEditData {
        case: ctx.case,
        version,
        part: view,
        editable,
        advice,
    })
}

#[server]
pub async fn save_plan_part(
    case: CaseId,
    part: Part,
    revision: i32,
    #[server(default)] status: String,
    intent: String,
    #[server(default)] form: PlanForm,
    /// Set by the advice editor: the area is one of the advice answering this request.
    #[server(default)]
    request: Option<i64>,
) -> Result<PartSaved, AppError> {
    if let Some(request) = request {
        return crate::advice::area_page::save_advice_area(case, request, part, revision, intent, form).await;
    }
    use crate::domain::audit::AuditAction;
    use crate::domain::plan::content::PartContent;
    use crate::domain::plan::form::{Intent, apply, validate};
    use crate::store::plans::{Saved, save_part};
    let ctx = crate::cases::context::CaseContext::open(case, crate::domain::capability::Capability::WritePlan).await?;
    // Shared or issued while this person was editing: say so plainly, keep what they typed.
    let closed = || {
        let mut errors = crate::error::FieldErrors::default();
        errors.add(
            "content",
            "editor",
            "This draft has been shared or issued since you opened it, so it cannot change. Copy your text, then start a new draft version from the plan page.",
        );
        AppError::Validation(errors)
    };
    let version = ctx.open_draft().await?.ok_or_else(closed)?;
    if !part.edited_in_draft() {
        return Err(AppError::Forbidden);
    }
    let action = Intent::parse(&intent).ok_or(AppError::NotFound)?;
    let mut content = form.into_content(part);
    let added = match &content {
        PartContent::Area(a) => a.next_key,
        PartContent::Advice(k) => k.next_key,
        _ => 0,
    };
    apply(&mut content, action);
    // After the button's change, so adding to a full list is refused too.
    validate(&content).map_err(AppError::Validation)?;
    let focus = match action {
        Intent::AddOutcome | Intent::AddStep(_) | Intent::AddProvision(_) | Intent::AddAdvice => Some(added),
        other => other.focus(),
    };
    let status = match PartStatus::parse(&status) {
        Some(PartStatus::NotApplicable) if !part.may_not_apply() => PartStatus::InProgress,
        Some(PartStatus::NotStarted) | None => PartStatus::InProgress,
        Some(s) => s,
    };
    let now = chrono::Utc::now();
    let saved = save_part(
        &ctx.state.db,
        version.id,
        part,
        revision,
        status,
        &content,
        ctx.viewer.account,
        now,
    )
    .await?;
    let revision = match saved {
        Saved::Revision(r) => r,
        Saved::Conflict => return Err(AppError::Conflict),
        Saved::Closed => return Err(closed()),
    };
    // Keystroke saves are not worth an audit row each; deliberate saves are.
    if action != Intent::Stay {
        ctx.record(AuditAction::PlanSectionSaved, part.title(), now).await?;
    }
    let saved_at = crate::advice::response::saved_at(now);
    Ok(PartSaved {
        case,
        target: EditTarget::Plan,
        part,
        after: crate::plans::live_editor::AfterSave::after(action),
        revision,
        saved_at,
        focus,
    })
}

impl Redact for SavePlanPart {}

#[component]
pub fn PartEditPage() -> impl IntoView {
    let case = super::load::case_param();
    let params = use_params_map();
    let source = move || (case(), params.with(|p| p.get_str("part").and_then(Part::parse)));
    let data = Resource::new(source, |(case, part)| async move {
        match (case, part) {
            (Some(case), Some(part)) => get_plan_part(case, part).await,
            _ => Err(AppError::NotFound),
        }
    });
    super::load::loaded(data, "Loading the section…", |data| view! { <PartEditor data /> })
}

/// The editor page, server-rendered: after a refused post it shows what was
/// typed, the errors, and, when someone else saved first, their version.
#[component]
fn PartEditor(data: PartEditData) -> impl IntoView {
    let part = data.part.part;
    let case = data.case.id;
    let rejected = rejected_submission::<SavePlanPart>();
    let error = rejected.as_ref().map(|r| r.error.clone());
    let (content, status) = match rejected.and_then(|r| r.submitted) {
        Some(s) => (
            s.form.into_content(part),
            PartStatus::parse(&s.status).unwrap_or(data.part.status),
        ),
        None => (data.part.content.clone(), data.part.status),
    };
    let issues = check_part(part, status, &content);
    // Refused because someone else saved first: theirs is what is saved now.
    let conflict = error == Some(AppError::Conflict);
    let their_version = conflict.then(|| view! { <TheirVersion their=data.part.clone() /> });
    let shown_error = error.filter(|e| *e != AppError::Conflict);
    let errors = shown_error
        .as_ref()
        .and_then(AppError::field_errors)
        .cloned()
        .unwrap_or_default();
    let closed = (!data.editable).then(|| {
        view! {
            <div class="warning-text">
                <strong>{format!("{} has been shared or issued, so it cannot change.", data.version.name())}</strong>
                " To make changes, start a new draft version from the plan page."
            </div>
        }
    });
    view! {
        <Title text=format!("{} - draft plan - EHC hub", part.title()) />
        <a class="back-link" href=format!("{}#tasks", crate::paths::plan(case))>"Back to the plan"</a>
        <span class="caption-l">{format!("{} · {} · draft version {}", data.case.reference, data.case.child_name, data.version.number)}</span>
        <h1 class="heading-l">{part.title()}</h1>
        <ErrorSummary error=Signal::stored(shown_error) />
        {closed}
        <super::advice_in_plan::AdviceBeside case part advice=data.advice editable=data.editable />
        {their_version}
        <LiveEditor
            case
            target=EditTarget::Plan
            part
            revision=data.part.revision
            saved_at=data.part.saved_at.clone()
            autosave=data.editable && !conflict
        >
            <PartFields case part content issues errors />
            <StatusQuestion part status />
        </LiveEditor>
    }
}

/// The other person's saved version, beside the form still holding this person's.
#[component]
fn TheirVersion(their: PartView) -> impl IntoView {
    let who = their.saved_by.clone().unwrap_or_else(|| "Someone else".to_owned());
    view! {
        <div class="conflict panel panel--warning" role="alert" id="conflict">
            <h2 class="heading-m">"Someone else saved this section while you were editing"</h2>
            <p class="body">{format!("{who} saved it {}. Your changes have not been saved: they are still in the form below. Their version is shown here.", their.saved_at)}</p>
            <p class="body">"Compare the two. To keep your version, save again: it will replace theirs."</p>
            <details class="details" open>
                <summary class="details__summary">"Their version"</summary>
                <div class="details__text"><super::document::PartBody view=their /></div>
            </details>
        </div>
    }
}

#[component]
fn StatusQuestion(part: Part, status: PartStatus) -> impl IntoView {
    let mut choices = vec![
        (PartStatus::Complete, "Yes, this section is complete"),
        (PartStatus::InProgress, "No, I will come back to it later"),
    ];
    if part.may_not_apply() {
        choices.push((PartStatus::NotApplicable, "This section does not apply to this child"));
    }
    let radios = choices
        .into_iter()
        .map(|(value, label)| {
            let id = format!("status-{}", value.as_str());
            view! {
                <div class="radios__item">
                    <input class="radios__input" id=id.clone() name="status" type="radio" value=value.as_str() checked=status == value />
                    <label class="label radios__label" for=id>{label}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="form-group">
            <fieldset class="fieldset">
                <legend class="fieldset__legend">"Have you completed this section?"</legend>
                <div class="radios">{radios}</div>
            </fieldset>
        </div>
    }
}
