//! Submitted advice beside the plan: in each area's editor the caseworker
//! sees what each professional advised for that area and brings it into the
//! draft in one action; section K lists every submitted advice by itself.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::components::banner::SuccessBanner;
use crate::components::error_summary::ErrorSummary;
use crate::components::forms::{FormState, GoTo, Redact, form_state};
use crate::domain::ids::CaseId;
use crate::domain::plan::content::Area;
use crate::domain::plan::part::Part;
use crate::error::AppError;

/// One professional's advice on the area being edited.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdviceForArea {
    pub request: i64,
    /// "Priya Shah, Speech and language therapist, 3 December 2026".
    pub label: String,
    pub area: Area,
    /// Already in the draft's area.
    pub brought: bool,
}

/// The case's submitted advice, labelled as the plan shows who gave it.
///
/// # Errors
/// A database error.
#[cfg(feature = "ssr")]
pub async fn given(
    db: &impl sea_orm::ConnectionTrait,
    case: CaseId,
) -> Result<Vec<crate::domain::advice_in_plan::GivenAdvice>, sea_orm::DbErr> {
    Ok(crate::store::advice::submitted(db, case)
        .await?
        .into_iter()
        .map(|a| crate::domain::advice_in_plan::GivenAdvice {
            request: a.request,
            label: label(&a),
            areas: a.areas,
        })
        .collect())
}

#[cfg(feature = "ssr")]
fn submitted_on(a: &crate::store::advice::Advice) -> String {
    a.submitted_at
        .map(|at| crate::domain::dates::long_date(at.with_timezone(&chrono_tz::Europe::London).date_naive()))
        .unwrap_or_default()
}

#[cfg(feature = "ssr")]
fn label(a: &crate::store::advice::Advice) -> String {
    format!("{}, {}, {}", a.header.giver_name, a.header.giver_role, submitted_on(a))
}

/// Lists every submitted advice in section K of the draft being written, if
/// there is one and it does not list it yet. Called when advice is submitted
/// and when a draft is started, in their transactions.
///
/// # Errors
/// A database error.
#[cfg(feature = "ssr")]
pub async fn list_in_section_k(
    txn: &impl sea_orm::ConnectionTrait,
    case: CaseId,
    by: crate::domain::ids::AccountId,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    use crate::domain::plan::content::{AdviceEntry, PartContent};
    use crate::domain::plan::version::VersionState;
    let Some(draft) = crate::store::plans::versions(txn, case)
        .await?
        .into_iter()
        .rev()
        .find(|v| v.state == VersionState::Drafting)
    else {
        return Ok(());
    };
    let Some(k) = crate::store::plans::parts(txn, draft.id)
        .await?
        .into_iter()
        .find(|p| p.part == Part::K)
    else {
        return Ok(());
    };
    let PartContent::Advice(mut list) = k.content else {
        return Ok(());
    };
    let mut added = false;
    for advice in crate::store::advice::submitted(txn, case).await? {
        if list.entries.iter().any(|e| e.request == Some(advice.request)) {
            continue;
        }
        let documents = crate::store::uploads::for_advice(txn, advice.request)
            .await?
            .into_iter()
            .map(|u| u.file_name)
            .collect::<Vec<_>>()
            .join(", ");
        let key = list.next_key.max(1);
        list.next_key = key + 1;
        list.entries.push(AdviceEntry {
            key,
            name: advice.header.giver_name.clone(),
            role: advice.header.giver_role.clone(),
            date: submitted_on(&advice),
            documents,
            request: Some(advice.request),
        });
        added = true;
    }
    if added {
        let status = match k.status {
            crate::domain::plan::part::PartStatus::NotStarted => crate::domain::plan::part::PartStatus::InProgress,
            other => other,
        };
        let saved = crate::store::plans::save_part(
            txn,
            draft.id,
            Part::K,
            k.revision,
            status,
            &PartContent::Advice(list),
            by,
            now,
        )
        .await?;
        if saved != crate::store::plans::Saved::Revision(k.revision + 1) {
            return Err(AppError::Conflict);
        }
    }
    Ok(())
}

/// The submitted advice on `part`, for its editor.
///
/// # Errors
/// A database error.
#[cfg(feature = "ssr")]
pub async fn for_area(
    db: &impl sea_orm::ConnectionTrait,
    case: CaseId,
    part: Part,
    draft: Option<&Area>,
) -> Result<Vec<AdviceForArea>, sea_orm::DbErr> {
    use crate::domain::advice_template::is_written;
    Ok(given(db, case)
        .await?
        .into_iter()
        .filter_map(|g| {
            let area = g.areas.get(&part).filter(|a| is_written(a))?.clone();
            Some(AdviceForArea {
                request: g.request,
                brought: draft.is_some_and(|d| crate::domain::advice_in_plan::already_brought(d, g.request)),
                label: g.label,
                area,
            })
        })
        .collect())
}

/// What the draft (its `parts`) does not yet cover of the case's advice.
///
/// # Errors
/// A database error.
#[cfg(feature = "ssr")]
pub async fn warnings_for(
    db: &impl sea_orm::ConnectionTrait,
    case: CaseId,
    parts: &[super::types::PartView],
) -> Result<Vec<String>, sea_orm::DbErr> {
    use crate::domain::advice::RequestStatus;
    use crate::domain::plan::content::PartContent;
    let draft: Vec<(Part, Area)> = parts
        .iter()
        .filter_map(|p| match &p.content {
            PartContent::Area(a) => Some((p.part, a.clone())),
            _ => None,
        })
        .collect();
    // A team's request with members allocated is waited for through them.
    let outstanding = crate::store::advice_requests::for_case(db, case)
        .await?
        .iter()
        .filter(|r| r.status.outstanding() && !(r.team.is_some() && r.status == RequestStatus::Allocated))
        .count();
    Ok(crate::domain::advice_in_plan::warnings(
        &given(db, case).await?,
        &draft,
        outstanding,
    ))
}

/// The advice warnings, on the task list and the share page.
#[component]
pub fn AdviceWarnings(case: CaseId, warnings: Vec<String>) -> impl IntoView {
    let items = warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view();
    view! {
        <div class="warning-text advice-warnings" id="advice-warnings">
            <strong>"Advice the draft does not cover yet"</strong>
            <ul class="list list--bullet">{items}</ul>
            <p class="body"><a class="link" href=crate::paths::advice(case)>"See the advice and information"</a></p>
        </div>
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BringInput {
    pub case: String,
    pub request: String,
    pub part: String,
}

#[server]
pub async fn bring_advice_into_plan(input: BringInput) -> Result<GoTo, AppError> {
    use crate::domain::advice_in_plan::{already_brought, bring_in};
    use crate::domain::plan::content::PartContent;
    use crate::domain::plan::part::PartStatus;
    use crate::error::FieldErrors;
    use crate::store::plans::{Saved, parts, save_part};
    let case = input.case.parse::<CaseId>().map_err(|_| AppError::NotFound)?;
    let part = Part::parse(&input.part).ok_or(AppError::NotFound)?;
    let request = input.request.parse::<i64>().map_err(|_| AppError::NotFound)?;
    let ctx = crate::cases::context::CaseContext::open(case, crate::domain::capability::Capability::WritePlan).await?;
    let refuse = |message: &str| {
        let mut errors = FieldErrors::default();
        errors.add("advice", &format!("bring-{request}"), message);
        AppError::Validation(errors)
    };
    let draft = ctx
        .open_draft()
        .await?
        .ok_or_else(|| refuse("There is no draft being written: start one from the plan page first."))?;
    let db = &ctx.state.db;
    let advice = given(db, case)
        .await?
        .into_iter()
        .find(|g| g.request == request)
        .ok_or(AppError::NotFound)?;
    let from = advice.areas.get(&part).cloned().ok_or(AppError::NotFound)?;
    let now = chrono::Utc::now();
    let txn = ctx.begin().await?;
    let current = parts(&txn, draft.id)
        .await?
        .into_iter()
        .find(|p| p.part == part)
        .ok_or(AppError::NotFound)?;
    let PartContent::Area(mut area) = current.content else {
        return Err(AppError::NotFound);
    };
    if already_brought(&area, request) {
        return Err(refuse("This advice is already in the draft."));
    }
    bring_in(&mut area, &advice, &from);
    let status = match current.status {
        PartStatus::NotStarted | PartStatus::NotApplicable => PartStatus::InProgress,
        other => other,
    };
    let content = PartContent::Area(area);
    crate::domain::plan::form::validate(&content).map_err(AppError::Validation)?;
    match save_part(
        &txn,
        draft.id,
        part,
        current.revision,
        status,
        &content,
        ctx.viewer.account,
        now,
    )
    .await?
    {
        Saved::Revision(_) => {}
        Saved::Conflict => return Err(AppError::Conflict),
        Saved::Closed => return Err(refuse("This draft has been shared or issued, so it cannot change.")),
    }
    list_in_section_k(&txn, case, ctx.viewer.account, now).await?;
    txn.commit().await?;
    ctx.record(
        crate::domain::audit::AuditAction::AdviceUsedInPlan,
        &format!("{}: {}", part.title(), advice.label),
        now,
    )
    .await?;
    Ok(GoTo::to(format!(
        "{}?done=brought#editor",
        crate::paths::plan_part(case, part)
    )))
}

impl Redact for BringAdviceIntoPlan {}

/// Beside an area's editor: each professional's advice on the area, to read
/// and to bring into the draft.
#[component]
pub fn AdviceBeside(case: CaseId, part: Part, advice: Vec<AdviceForArea>, editable: bool) -> impl IntoView {
    if advice.is_empty() {
        return ().into_any();
    }
    let FormState { error, .. } = form_state::<BringAdviceIntoPlan>();
    let brought = leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get_str("done") == Some("brought"))
        .then(|| view! { <SuccessBanner message="Advice brought into the draft. Check the wording below: each item links to the advice it came from." /> });
    let items = advice
        .into_iter()
        .map(|a| {
            let request = a.request;
            let action = if a.brought {
                view! { <p class="body"><strong class="tag tag--green">"In the draft"</strong></p> }.into_any()
            } else if editable {
                view! {
                    <form method="post" action=crate::paths::plan_part_form(case, part, "advice") novalidate>
                        <input type="hidden" name="input[case]" value=case.to_string() />
                        <input type="hidden" name="input[request]" value=request.to_string() />
                        <input type="hidden" name="input[part]" value=part.as_str() />
                        <button type="submit" class="button button--secondary" id=format!("bring-{request}")>
                            "Bring this advice into the draft"<span class="visually-hidden">{format!(" (from {})", a.label)}</span>
                        </button>
                    </form>
                }
                .into_any()
            } else {
                ().into_any()
            };
            view! {
                <details class="details advice-beside__item">
                    <summary class="details__summary">{format!("Advice from {}", a.label)}</summary>
                    <div class="details__text">
                        <super::document::AreaBody part area=a.area />
                        <p class="body"><a class="link" href=crate::paths::advice_response(case, request)>"Read the whole advice"</a></p>
                    </div>
                </details>
                {action}
            }
        })
        .collect_view();
    view! {
        <section class="advice-beside panel" aria-labelledby="advice-beside-heading">
            <h2 class="heading-m" id="advice-beside-heading">"Advice for this area"</h2>
            {brought}
            <ErrorSummary error />
            <p class="body">"Bringing advice in adds its needs, outcomes, steps and provision to this section. Each keeps a link to the advice it came from."</p>
            {items}
        </section>
    }
    .into_any()
}
