//! One area of a professional's advice in the editor the plan uses: the
//! child's strengths and needs, and the outcomes, steps and provision they
//! suggest, with the same provision checker as they type. Saves name the
//! advice's revision, so a second tab (or a supervisor reading along) never
//! overwrites a save silently.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

use crate::components::error_summary::ErrorSummary;
use crate::components::forms::rejected_submission;
use crate::domain::case::CaseHeading;
use crate::domain::ids::CaseId;
use crate::domain::plan::checks::check_part;
use crate::domain::plan::content::{Area, PartContent};
use crate::domain::plan::part::{Part, PartStatus};
use crate::error::AppError;
use crate::plans::live_editor::{EditTarget, LiveEditor};
use crate::plans::part_edit_page::SavePlanPart;
use crate::plans::part_form::PartFields;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaEditData {
    pub case: CaseHeading,
    pub request: i64,
    pub part: Part,
    pub area: Area,
    pub revision: i32,
    pub saved_at: String,
}

#[server]
pub async fn get_advice_area(case: CaseId, request: i64, part: Part) -> Result<AreaEditData, AppError> {
    use crate::domain::advice_template::ADVICE_AREAS;
    if !ADVICE_AREAS.contains(&part) {
        return Err(AppError::NotFound);
    }
    let (ctx, _, _) = super::response::open(case, request, true).await?;
    let saved = crate::store::advice::for_request(&ctx.state.db, request).await?;
    let (area, revision, saved_at) = match saved {
        Some(a) => (
            a.areas.get(&part).cloned(),
            a.revision,
            super::response::saved_at(a.updated_at),
        ),
        None => (None, 0, "not yet".to_owned()),
    };
    Ok(AreaEditData {
        case: ctx.case,
        request,
        part,
        area: area.unwrap_or(Area {
            next_key: 1,
            ..Area::default()
        }),
        revision,
        saved_at,
    })
}

/// Saves one area of the advice answering `request`. The editor's one save
/// function (`save_plan_part`) comes here when its form names a request, so
/// the browser carries one way of saving for both editors.
///
/// # Errors
/// `Forbidden` unless the person is the one asked and may still write;
/// `Conflict` when the advice was saved since the editor read it.
#[cfg(feature = "ssr")]
pub async fn save_advice_area(
    case: CaseId,
    request: i64,
    part: Part,
    revision: i32,
    intent: String,
    form: crate::domain::plan::form::PlanForm,
) -> Result<crate::plans::live_editor::PartSaved, AppError> {
    use crate::domain::advice_template::{ADVICE_AREAS, AdviceHeader};
    use crate::domain::plan::form::{Intent, apply, validate};
    use crate::store::advice::{Save, Saved, for_request, save};
    if !ADVICE_AREAS.contains(&part) {
        return Err(AppError::NotFound);
    }
    let (ctx, _, _) = super::response::open(case, request, true).await?;
    let action = Intent::parse(&intent).ok_or(AppError::NotFound)?;
    let mut content = form.into_content(part);
    let added = match &content {
        PartContent::Area(a) => a.next_key,
        _ => 0,
    };
    apply(&mut content, action);
    validate(&content).map_err(AppError::Validation)?;
    let PartContent::Area(area) = content else {
        return Err(AppError::NotFound);
    };
    let focus = match action {
        Intent::AddOutcome | Intent::AddStep(_) | Intent::AddProvision(_) => Some(added),
        other => other.focus(),
    };
    let db = &ctx.state.db;
    let (header, mut areas) = match for_request(db, request).await? {
        Some(a) => (a.header, a.areas),
        None => (AdviceHeader::given_by(&ctx.viewer.name), Default::default()),
    };
    areas.insert(part, area);
    let now = chrono::Utc::now();
    let new = Save {
        case,
        request,
        revision,
        header: &header,
        areas: &areas,
        submit: false,
        by: ctx.viewer.account,
        now,
    };
    let Saved::At(revision) = save(db, new).await? else {
        return Err(AppError::Conflict);
    };
    if action != Intent::Stay {
        ctx.record(crate::domain::audit::AuditAction::AdviceSaved, part.title(), now)
            .await?;
    }
    Ok(crate::plans::live_editor::PartSaved {
        case,
        target: EditTarget::Advice { request },
        part,
        after: crate::plans::live_editor::AfterSave::after(action),
        revision,
        saved_at: super::response::saved_at(now),
        focus,
    })
}

#[component]
pub fn AreaEditPage() -> impl IntoView {
    let case = crate::plans::load::case_param();
    let params = use_params_map();
    let source = move || {
        params.with(|p| {
            (
                case(),
                p.get_str("request").and_then(|r| r.parse::<i64>().ok()),
                p.get_str("part").and_then(Part::parse),
            )
        })
    };
    let data = Resource::new(source, |(case, request, part)| async move {
        match (case, request, part) {
            (Some(case), Some(request), Some(part)) => get_advice_area(case, request, part).await,
            _ => Err(AppError::NotFound),
        }
    });
    crate::plans::load::loaded(data, "Loading the area…", |data| view! { <AreaEditor data /> })
}

#[component]
fn AreaEditor(data: AreaEditData) -> impl IntoView {
    let part = data.part;
    let case = data.case.id;
    let request = data.request;
    let rejected = rejected_submission::<SavePlanPart>();
    let error = rejected.as_ref().map(|r| r.error.clone());
    let content = match rejected.and_then(|r| r.submitted) {
        Some(s) => s.form.into_content(part),
        None => PartContent::Area(data.area.clone()),
    };
    let issues = check_part(part, PartStatus::InProgress, &content);
    let conflict = error == Some(AppError::Conflict);
    let their_version = conflict.then(|| {
        view! {
            <div class="conflict panel panel--warning" role="alert" id="conflict">
                <h2 class="heading-m">"Your advice was saved somewhere else while you were editing"</h2>
                <p class="body">{format!("It was saved {} (perhaps in another tab). Your changes are still in the form below but have not been saved.", data.saved_at)}</p>
                <p class="body">"To keep your version, save again: it will replace the other."</p>
                <details class="details" open>
                    <summary class="details__summary">"The version saved"</summary>
                    <div class="details__text"><crate::plans::document::AreaBody part area=data.area.clone() /></div>
                </details>
            </div>
        }
    });
    let shown_error = error.filter(|e| *e != AppError::Conflict);
    let errors = shown_error
        .as_ref()
        .and_then(AppError::field_errors)
        .cloned()
        .unwrap_or_default();
    view! {
        <Title text=format!("{} - your advice - EHC hub", part.title()) />
        <a class="back-link" href=format!("{}#areas", crate::paths::advice_response(case, request))>"Back to your advice"</a>
        <span class="caption-l">{format!("{} · your advice", data.case.reference)}</span>
        <h1 class="heading-l">{part.title()}</h1>
        <p class="body">"Write only what is in your expertise. Outcomes say what the child will achieve and by when; provision says what, who, how often, for how long, and when it is reviewed."</p>
        <ErrorSummary error=Signal::stored(shown_error) />
        {their_version}
        <LiveEditor
            case
            target=EditTarget::Advice { request }
            part
            revision=data.revision
            saved_at=data.saved_at.clone()
            autosave=!conflict
        >
            <PartFields case part content issues errors />
        </LiveEditor>
    }
}
