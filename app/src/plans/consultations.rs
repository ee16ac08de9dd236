//! Consultation on a shared draft: the family members asked and where each
//! stands, and the settings asked whether they can meet the child's needs,
//! with their answers and the consultation letter.

use leptos::prelude::*;

use super::types::PlanView;
use crate::components::error_summary::ErrorSummary;
use crate::components::fields::{Choice, Radios, Select, TextArea};
use crate::components::forms::{FormState, GoTo, Redact, field_error, form_state};
use crate::domain::dates::long_date;
use crate::domain::ids::{CaseId, ConsultationId, PlanVersionId};
use crate::domain::plan::consultation::ResponseInput;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::error::FieldErrors;

/// The family consulted: shared date, comment-by date and status.
#[component]
pub fn Consultees(plan: PlanView) -> impl IntoView {
    // Everyone on the case sees who was asked and where they stand (not what they said).
    if plan.consultees.is_empty() {
        return None;
    }
    let today = plan.today;
    let rows = plan
        .consultees
        .into_iter()
        .map(|c| {
            let status = if c.completed {
                view! { <strong class="tag tag--green">"Completed"</strong> }
            } else if c.comment_by < today {
                view! { <strong class="tag tag--red">"Open: past the comment-by date"</strong> }
            } else {
                view! { <strong class="tag tag--blue">"Open"</strong> }
            };
            view! {
                <tr>
                    <td data-label="Who">{format!("{} ({})", c.name, c.role.map(|r| r.label()).unwrap_or("Family"))}</td>
                    <td data-label="Shared">{long_date(c.shared_on)}</td>
                    <td data-label="Comments by">{long_date(c.comment_by)}</td>
                    <td data-label="Status">{status}</td>
                    <td data-label="Preferred setting">{c.preferred_setting.unwrap_or_else(|| "Not named".to_owned())}</td>
                </tr>
            }
        })
        .collect_view();
    Some(view! {
        <h2 class="heading-m" id="consultees">"Family consulted"</h2>
        <table class="table case-table">
            <caption class="visually-hidden">"Parents, carers and young people asked to comment"</caption>
            <thead><tr>
                <th scope="col">"Who"</th><th scope="col">"Shared"</th><th scope="col">"Comments by"</th>
                <th scope="col">"Status"</th><th scope="col">"Preferred setting"</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    })
}

#[server]
pub async fn consult_setting(case: CaseId, version: PlanVersionId, setting: String) -> Result<GoTo, AppError> {
    use crate::domain::ids::TeamId;
    use crate::domain::plan::version::VersionState;
    use crate::domain::workflow::CaseEvent;
    let ctx = crate::cases::context::CaseContext::open(case, crate::domain::capability::Capability::WritePlan).await?;
    let summary = ctx
        .readable_versions()
        .await?
        .into_iter()
        .find(|v| v.id == version && v.state == VersionState::Shared)
        .ok_or(AppError::NotFound)?;
    let settings = crate::store::teams::settings(&ctx.state.db, ctx.viewer.council).await?;
    let Some(chosen) = setting
        .parse::<TeamId>()
        .ok()
        .and_then(|id| settings.into_iter().find(|s| s.id == id))
    else {
        let mut errors = FieldErrors::default();
        errors.add("setting", "setting", "Select the setting to consult");
        return Err(AppError::Validation(errors));
    };
    let (today, now) = (crate::state::today(), chrono::Utc::now());
    let txn = ctx.begin().await?;
    let consulted = crate::store::plan_responses::consult_setting(&txn, case, version, chosen.id, today, now).await?;
    let emails = super::notify::setting_consulted(&ctx, &consulted.staff_emails);
    ctx.apply(&txn, CaseEvent::SettingConsulted, &chosen.name, emails)
        .await?;
    ctx.commit(txn).await?;
    Ok(GoTo::to(crate::paths::plan_responded(
        case,
        summary.number,
        "consulted",
        "consultations",
    )))
}

impl Redact for ConsultSetting {}

#[server]
pub async fn answer_consultation(
    case: CaseId,
    consultation: ConsultationId,
    input: ResponseInput,
) -> Result<GoTo, AppError> {
    use crate::domain::audit::AuditAction;
    use crate::domain::plan::consultation::validate_response;
    let ctx = crate::cases::context::CaseContext::open(case, crate::domain::capability::Capability::AnswerConsultation)
        .await?;
    // Only the setting asked answers: its team is the one consulted.
    let team = ctx.viewer.team.ok_or(AppError::Forbidden)?;
    let (answer, reasons) = validate_response(&input).map_err(AppError::Validation)?;
    let version = ctx.version(None).await?;
    let asked = crate::store::plan_responses::consultations(&ctx.state.db, version.id)
        .await?
        .into_iter()
        .any(|c| c.id == consultation && c.team == team);
    if !asked {
        return Err(AppError::Forbidden);
    }
    let now = chrono::Utc::now();
    let answered = crate::store::plan_responses::answer_consultation(
        &ctx.state.db,
        consultation,
        team,
        answer,
        &reasons,
        ctx.viewer.account,
        now,
    )
    .await?;
    if !answered {
        return Err(AppError::Conflict);
    }
    ctx.record(AuditAction::ConsultationAnswered, answer.label(), now)
        .await?;
    Ok(GoTo::to(crate::paths::plan_responded(
        case,
        version.number,
        "answered",
        "consultations",
    )))
}

impl Redact for AnswerConsultation {}

#[server]
pub async fn settings_to_consult(case: CaseId) -> Result<Vec<crate::cases::types::SettingOption>, AppError> {
    let ctx = crate::cases::context::CaseContext::open(case, crate::domain::capability::Capability::WritePlan).await?;
    Ok(crate::store::teams::settings(&ctx.state.db, ctx.viewer.council).await?)
}

/// The settings consulted, their answers, and the forms to consult one more
/// (caseworker) or to answer (a setting asked).
#[component]
pub fn Consultations(plan: PlanView) -> impl IntoView {
    let case = plan.case.id;
    let number = plan.version.number;
    let show = plan.may.manage || !plan.consultations.is_empty() && plan.may.see_responses;
    if !show {
        return None;
    }
    let rows = plan
        .consultations
        .iter()
        .cloned()
        .map(|c| {
            let answer = match (c.answer, c.answered_at) {
                (Some(a), Some(at)) => format!("{} ({at})", a.label()),
                _ => "Awaiting response".to_owned(),
            };
            let letter = crate::paths::plan_file(case, number, &format!("consultation-{}.pdf", c.id));
            view! {
                <tr>
                    <td data-label="Setting">{c.setting}</td>
                    <td data-label="Asked">{long_date(c.requested_on)}</td>
                    <td data-label="Respond by">{long_date(c.respond_by)}</td>
                    <td data-label="Response">{answer}<span class="consultation-reasons">{c.reasons.unwrap_or_default()}</span></td>
                    <td data-label="Letter"><a class="link" href=letter download>"Consultation letter (PDF)"</a></td>
                </tr>
            }
        })
        .collect_view();
    let consult = plan
        .may
        .manage
        .then(|| view! { <ConsultForm case version=plan.version.id /> });
    let answer = plan.may.answer_for.and_then(|team| {
        plan.consultations
            .iter()
            .find(|c| c.team == team && c.answer.is_none())
            .map(|c| view! { <AnswerForm case consultation=c.id setting=c.setting.clone() /> })
    });
    Some(view! {
        <h2 class="heading-m" id="consultations">"Settings consulted"</h2>
        <table class="table case-table">
            <caption class="visually-hidden">"Schools and settings asked whether they can meet the child's needs"</caption>
            <thead><tr>
                <th scope="col">"Setting"</th><th scope="col">"Asked"</th><th scope="col">"Respond by"</th>
                <th scope="col">"Response"</th><th scope="col">"Letter"</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
        {answer}
        {consult}
    })
}

#[component]
fn ConsultForm(case: CaseId, version: PlanVersionId) -> impl IntoView {
    let FormState { error, submitted } = form_state::<ConsultSetting>();
    let selected = submitted.map(|s| s.setting).unwrap_or_default();
    let settings = Resource::new(move || case, settings_to_consult);
    view! {
        <form method="post" action=crate::paths::plan_form(case, crate::paths::PlanForm::Consult) novalidate>
            <ErrorSummary error />
            <input type="hidden" name="case" value=case.to_string() />
            <input type="hidden" name="version" value=version.to_string() />
            <Suspense fallback=|| view! { <p class="body">"Loading settings…"</p> }>
                {
                    let selected = selected.clone();
                    move || {
                        let selected = selected.clone();
                        Suspend::new(async move {
                            let choices: Vec<Choice> = settings
                                .await
                                .unwrap_or_default()
                                .into_iter()
                                .map(|s| Choice::new(s.id.to_string(), s.name))
                                .collect();
                            view! {
                                <Select id="setting" name="setting" label="Consult a school or setting on this draft" placeholder="Choose a setting" choices selected error=field_error(error, "setting") />
                            }
                        })
                    }
                }
            </Suspense>
            <button type="submit" class="button button--secondary">"Send consultation"</button>
        </form>
    }
}

#[component]
fn AnswerForm(case: CaseId, consultation: ConsultationId, setting: String) -> impl IntoView {
    let FormState { error, submitted } = form_state::<AnswerConsultation>();
    let typed = submitted.map(|s| s.input).unwrap_or_default();
    let choices = vec![
        Choice::new("can_meet", "Yes, we can meet the child's needs"),
        Choice::new("cannot_meet", "No, we cannot meet the child's needs"),
    ];
    view! {
        <form class="panel panel--border" method="post" action=crate::paths::plan_form(case, crate::paths::PlanForm::Answer) novalidate>
            <ErrorSummary error />
            <h3 class="heading-m">{format!("Respond for {setting}")}</h3>
            <input type="hidden" name="case" value=case.to_string() />
            <input type="hidden" name="consultation" value=consultation.to_string() />
            <Radios id="answer" name="input[answer]" legend="Can your setting meet the needs described in this draft plan?" choices selected=typed.answer error=field_error(error, "answer") />
            <TextArea id="reasons" name="input[reasons]" label="Reasons" hint="Needed if you cannot meet the needs." value=typed.reasons error=field_error(error, "reasons") rows=4 />
            <button type="submit" class="button">"Send response"</button>
        </form>
    }
}
