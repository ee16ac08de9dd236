//! Loading a version with everything its page shows, the case in a plan
//! page's address, and the page shown while loading or when it cannot be.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::domain::ids::CaseId;
use crate::error::AppError;

/// The case in the page address (`/cases/:id/plan…`), if it is a case id at all.
pub fn case_param() -> impl Fn() -> Option<CaseId> + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || params.with(|p| p.get_str("id").and_then(|id| id.parse().ok()))
}

/// A plan page's body once its data has come, a line saying what is loading
/// until then, or the page saying why it cannot be shown.
pub fn loaded<T, V>(
    data: Resource<Result<T, AppError>>,
    loading: &'static str,
    show: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + serde::Serialize + serde::de::DeserializeOwned + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=move || view! { <p class="body">{loading}</p> }>
            {move || {
                let show = show.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(value) => show(value).into_any(),
                        Err(err) => error_page(err).into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[cfg(feature = "ssr")]
pub async fn plan_view(
    ctx: &crate::cases::context::CaseContext,
    versions: Vec<super::types::VersionSummary>,
    version: super::types::VersionSummary,
) -> Result<super::types::PlanView, AppError> {
    use super::types::{Permissions, PlanView};
    use crate::domain::capability::Capability;
    use crate::domain::plan::checks::check_part;
    use crate::domain::plan::version::VersionState;
    use crate::store::{plan_responses, plans};
    let db = &ctx.state.db;
    let parts = plans::parts(db, version.id).await?;
    let consultees = plan_responses::consultees(db, version.id).await?;
    // Settings' answers and reasons are for the people who may see them: the
    // family's page never receives them, not merely never shows them.
    let see_responses = ctx.may(Capability::SeeConsultationAnswers);
    let consultations = if see_responses {
        plan_responses::consultations(db, version.id).await?
    } else {
        Vec::new()
    };
    // The checker's findings are for the caseworker writing the draft, on its task list.
    let issues = if ctx.may(Capability::WritePlan) && version.state == VersionState::Drafting {
        parts
            .iter()
            .flat_map(|p| check_part(p.part, p.status, &p.content))
            .collect()
    } else {
        Vec::new()
    };
    let advice_warnings = if ctx.may(Capability::WritePlan) && version.state == VersionState::Drafting {
        super::advice_in_plan::warnings_for(db, ctx.case.id, &parts).await?
    } else {
        Vec::new()
    };
    let open = version.state == VersionState::Shared;
    let own = super::access::still_responding(version.state, &consultees, ctx.viewer.account)
        .filter(|_| ctx.may(Capability::RespondAsFamily))
        .cloned();
    let answer_for = match ctx.viewer.team {
        Some(team) if open && ctx.may(Capability::AnswerConsultation) => consultations
            .iter()
            .find(|c| c.team == team && c.answer.is_none())
            .map(|c| c.team),
        _ => None,
    };
    Ok(PlanView {
        case: ctx.case.clone(),
        versions,
        version,
        comments: plan_responses::comments(db, version.id).await?,
        parts,
        consultees,
        consultations,
        issues,
        advice_warnings,
        may: Permissions {
            manage: ctx.may(Capability::WritePlan),
            answer_for,
            own,
            see_responses,
        },
        today: crate::state::today(),
    })
}

/// The page for a plan that cannot be shown: missing, not visible, or not shared yet.
pub fn error_page(err: AppError) -> impl IntoView {
    err.set_page_status();
    let heading = if err == AppError::NotFound {
        "Plan not found".to_owned()
    } else {
        err.to_string()
    };
    view! {
        <Title text=format!("{heading} - EHC hub") />
        <h1 class="heading-l">{heading}</h1>
        <p class="body">"Check the address, or "<a class="link" href="/cases">"go back to your cases"</a>"."</p>
    }
}
