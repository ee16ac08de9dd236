//! The case summary: who the child is, where the case is, and the statutory
//! timeline of the 20-week pathway and annual review.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::case_access::CaseAccess;
use super::pathway::PathwaySteps;
use super::timeline::StatutoryTimeline;
use super::types::CaseDetail;
use crate::components::banner::SuccessBanner;
use crate::components::tags::StageTag;
use crate::domain::audit::AuditEntry;
use crate::domain::dates::{age_on, long_date};
use crate::domain::ids::CaseId;
use crate::error::AppError;

/// How many of a case's most recent events its page lists; the audit log
/// search has the rest.
const ACTIVITY_SHOWN: u64 = 25;

#[server]
pub async fn get_case(id: CaseId) -> Result<CaseDetail, AppError> {
    use super::types::StaffView;
    use crate::domain::audit::{AuditAction, AuditFilter};
    use crate::domain::capability::Capability;
    use crate::state::today;
    use crate::store::audit;
    let ctx = super::context::CaseContext::open(id, Capability::ViewCase).await?;
    let db = &ctx.state.db;
    let mut detail = crate::store::cases::detail(db, id, today(), &ctx.state.limits)
        .await?
        .ok_or(AppError::NotFound)?;
    ctx.record(AuditAction::CaseViewed, &detail.reference, chrono::Utc::now())
        .await?;
    // The plan line: the latest version this person may read.
    detail.plan = ctx.readable_versions().await?.pop();
    detail.progress.plan_started = detail.plan.is_some()
        || matches!(
            detail.stage,
            crate::domain::stage::Stage::DraftBeingDrafted | crate::domain::stage::Stage::DraftShared
        );
    detail.exceptions = crate::store::decisions::exceptions(db, id).await?;
    crate::domain::exception::apply(&mut detail.timeline, &detail.exceptions);
    detail.next_due = crate::domain::pathway::next_due(&detail.timeline, detail.today);
    if ctx.may(Capability::ReadDecisions) {
        detail.decisions = crate::store::decisions::for_case(db, id).await?;
    }
    detail.may_decide = ctx.may(Capability::RecordDecision);
    detail.may_record_exception = ctx.may(Capability::RecordException);
    detail.may_keep_return_details = ctx.may(Capability::KeepReturnDetails);
    detail.may_cease = ctx.may(Capability::CeasePlan);
    let requests = if ctx.may(Capability::SeeAdviceRequests) {
        crate::store::advice_requests::for_case(db, id).await?
    } else {
        Vec::new()
    };
    detail.progress.information_asked = requests
        .iter()
        .any(|r| r.kind == crate::domain::advice::RequestKind::Information);
    detail.progress.advice_asked = requests
        .iter()
        .any(|r| r.kind == crate::domain::advice::RequestKind::Advice);
    if ctx.may(Capability::SeeCaseActivity) {
        let outstanding: Vec<crate::domain::pathway::Outstanding> = requests
            .iter()
            .filter(|r| {
                r.allocated_from.is_none()
                    && r.kind == crate::domain::advice::RequestKind::Advice
                    && r.status.outstanding()
            })
            .map(|r| crate::domain::pathway::Outstanding {
                label: format!("Advice from {}", r.asked),
                due: r.due_on,
            })
            .collect();
        detail.risks = crate::domain::pathway::risks(&detail.timeline, &outstanding, detail.today, &ctx.state.limits);
    }
    if ctx.may(Capability::SeeAdviceRequests) {
        detail.advice_due = requests
            .into_iter()
            // A team's members carry its dates; a team that said no has none.
            .filter(|r| r.allocated_from.is_none() && r.status != crate::domain::advice::RequestStatus::Declined)
            .map(|r| {
                let done = (!r.status.outstanding()).then_some(r.updated_on);
                super::types::AdviceDue {
                    label: format!("{} from {}", r.kind.short_label(), r.asked),
                    due: r.due_on,
                    status: crate::domain::deadlines::status(r.due_on, done, today(), &ctx.state.limits),
                }
            })
            .collect();
    }
    if ctx.may(Capability::SeeCaseActivity) {
        let filter = AuditFilter {
            case: Some(id),
            ..AuditFilter::default()
        };
        detail.staff = Some(StaffView {
            activity: audit::search(db, ctx.viewer.council, &filter, ACTIVITY_SHOWN).await?,
            people: crate::store::case_links::people(db, id).await?,
            manageable: ctx.may(Capability::GiveAccess),
            holder: crate::cases::allocation::Holder {
                caseworker: crate::store::allocation::holder(db, id).await?,
                caseworkers: if ctx.may(Capability::AllocateCase) {
                    crate::store::allocation::caseworkers(db, ctx.viewer.council).await?
                } else {
                    Vec::new()
                },
            },
            me: ctx.viewer.account,
        });
    }
    Ok(detail)
}

#[component]
pub fn CaseSummaryPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.with(|p| p.get_str("id").and_then(|id| id.parse::<CaseId>().ok()));
    let case = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_case(id).await,
            None => Err(AppError::NotFound),
        }
    });
    let registered = move || query.with(|q| q.get_str("registered").is_some());
    let given_access = move || query.with(|q| q.get_str("access").is_some());
    let exception = move || query.with(|q| q.get_str("exception").is_some());
    let allocated = move || query.with(|q| q.get_str("allocated").is_some());

    view! {
        <Suspense fallback=|| view! { <p class="body">"Loading case…"</p> }>
            {move || Suspend::new(async move {
                match case.await {
                    Ok(detail) => view! { <CaseSummary detail registered=registered() given_access=given_access() exception=exception() allocated=allocated() /> }.into_any(),
                    Err(err) => {
                        err.set_page_status();
                        let heading = if err == AppError::NotFound { "Case not found".to_owned() } else { err.to_string() };
                        view! {
                            <Title text=format!("{heading} - EHC hub") />
                            <h1 class="heading-l">{heading}</h1>
                            <p class="body">"Check the case reference, or "<a class="link" href="/cases">"go back to your cases"</a>"."</p>
                        }
                        .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn CaseSummary(
    detail: CaseDetail,
    registered: bool,
    given_access: bool,
    exception: bool,
    allocated: bool,
) -> impl IntoView {
    let name = format!("{} {}", detail.first_name, detail.last_name);
    let case = detail.id;
    // A plan in force can cease; a closed case whose plan was issued has ceased.
    let cease_link = match (detail.may_cease, detail.stage.tray(), detail.milestones.plan_issued) {
        (true, crate::domain::stage::Tray::Live, _) => Some("Cease the plan"),
        (true, crate::domain::stage::Tray::Closed, Some(_)) => Some("When and why the plan ceased"),
        _ => None,
    };
    let staff = detail.staff.clone().map(|staff| {
        view! {
            <crate::cases::allocation::CaseHolder case holder=staff.holder me=staff.me />
            <CaseAccess case people=staff.people manageable=staff.manageable />
            <CaseActivity entries=staff.activity />
        }
    });
    let age = age_on(detail.date_of_birth, detail.today);
    let banner_text = if given_access {
        "Access given. The person can now see this case.".to_owned()
    } else if exception {
        "Exception recorded. The deadlines it excuses say so.".to_owned()
    } else if allocated {
        "Case allocated. The caseworker who holds it sees it in their cases.".to_owned()
    } else {
        format!("Request registered. The case reference is {}.", detail.reference)
    };
    let banner = (registered || given_access || exception || allocated).then(|| {
        view! { <SuccessBanner message=banner_text /> }
    });
    view! {
        <Title text=format!("{name} ({}) - EHC hub", detail.reference) />
        {banner}
        <span class="caption-l">{detail.reference.clone()}</span>
        <h1 class="heading-l">{name}</h1>
        <p class="body"><StageTag stage=detail.stage /></p>
        <PathwaySteps case stage=detail.stage milestones=detail.milestones progress=detail.progress may_decide=detail.may_decide />
        {detail.next_due.clone().map(|text| view! { <p class="body" id="next-due"><strong>"Next: "</strong>{text}</p> })}
        <Risks risks=detail.risks.clone() />
        <Decisions case decisions=detail.decisions.clone() />
        <PlanLine case plan=detail.plan />
        <div class="grid-row">
            <div class="column-two-thirds">
                <h2 class="heading-m" id="timeline-heading">"Statutory timeline"</h2>
                <p class="body hint">{format!("Counted in calendar weeks from the request received on {}.", long_date(detail.received_on))}</p>
                <StatutoryTimeline deadlines=detail.timeline advice=detail.advice_due />
                <Exceptions case exceptions=detail.exceptions may_record=detail.may_record_exception />
            </div>
            <div class="column-one-third">
                <h2 class="heading-m" id="the-request">"The child and the request"</h2>
                <dl class="summary-list summary-list--compact">
                    <div class="summary-list__row">
                        <dt class="summary-list__key">"Date of birth"</dt>
                        <dd class="summary-list__value">{format!("{} (age {age})", long_date(detail.date_of_birth))}</dd>
                    </div>
                    <div class="summary-list__row">
                        <dt class="summary-list__key">"Education setting"</dt>
                        <dd class="summary-list__value">{detail.setting.unwrap_or_else(|| "No current setting".to_owned())}</dd>
                        {detail.may_keep_return_details.then(|| view! {
                            <dd class="summary-list__actions">
                                <a class="link" href=format!("{}#setting", crate::paths::return_details(case))>"Change"<span class="visually-hidden">" education setting"</span></a>
                            </dd>
                        })}
                    </div>
                    <div class="summary-list__row">
                        <dt class="summary-list__key">"Request made by"</dt>
                        <dd class="summary-list__value">{detail.requested_by.label()}</dd>
                    </div>
                    <div class="summary-list__row">
                        <dt class="summary-list__key">"Request received"</dt>
                        <dd class="summary-list__value">{long_date(detail.received_on)}</dd>
                    </div>
                </dl>
                {detail.may_keep_return_details.then(|| view! {
                    <p class="body"><a class="link" href=crate::paths::return_details(case)>"Details for the SEN2 return"</a></p>
                })}
                {cease_link.map(|text| view! {
                    <p class="body"><a class="link" href=crate::paths::cease(case)>{text}</a></p>
                })}
            </div>
        </div>
        {staff}
    }
}

/// Deadlines at risk, for those who run the case.
#[component]
fn Risks(risks: Vec<String>) -> impl IntoView {
    (!risks.is_empty()).then(|| {
        let items = risks.into_iter().map(|r| view! { <li>{r}</li> }).collect_view();
        view! {
            <div class="warning-text" id="at-risk">
                <h2 class="heading-s">"At risk"</h2>
                <ul class="list list--bullet">{items}</ul>
            </div>
        }
    })
}

/// The decisions made on the case, each with its page and letter.
#[component]
fn Decisions(case: CaseId, decisions: Vec<crate::domain::decision::RecordedDecision>) -> impl IntoView {
    decisions
        .into_iter()
        .map(|d| {
            let question = d.decided.question;
            view! {
                <p class="body">
                    <a class="link link--bold" href=crate::paths::decision(case, question)>{question.label()}</a>
                    <br />
                    <span class="hint">{d.summary()}</span>
                </p>
            }
        })
        .collect_view()
}

/// Exceptions to the time limits recorded on the case, and the way to record one.
#[component]
fn Exceptions(
    case: CaseId,
    exceptions: Vec<crate::domain::exception::CaseException>,
    may_record: bool,
) -> impl IntoView {
    let list = (!exceptions.is_empty()).then(|| {
        view! {
            <h3 class="heading-s">"Exceptions to the time limits"</h3>
            <super::exceptions_page::ExceptionList exceptions />
        }
    });
    let link = may_record.then(|| {
        view! { <p class="body"><a class="link" href=crate::paths::exceptions(case)>"Record an exception to the time limits"</a></p> }
    });
    view! { {list}{link} }
}

/// The case timeline of activity: who did what, and when.
#[component]
fn CaseActivity(entries: Vec<AuditEntry>) -> impl IntoView {
    let more = entries.len() as u64 >= ACTIVITY_SHOWN;
    let rows = entries
        .into_iter()
        .map(|e| {
            let who = match (&e.who, e.role) {
                (Some((name, _)), Some(role)) => format!("{name} ({})", role.label()),
                (Some((name, _)), None) => name.clone(),
                _ => "Someone not signed in".to_owned(),
            };
            view! {
                <tr>
                    <td data-label="When">{e.when}</td>
                    <td data-label="Who">{who}</td>
                    <td data-label="What">{e.action.map(|a| a.label()).unwrap_or("Other")}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h2 class="heading-m">"Case activity"</h2>
        <table class="table case-table">
            <caption class="visually-hidden">"Case activity, newest first"</caption>
            <thead>
                <tr><th scope="col">"When"</th><th scope="col">"Who"</th><th scope="col">"What"</th></tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        {more.then(|| view! {
            <p class="hint">
                {format!("The {ACTIVITY_SHOWN} most recent events. Your council's administrator can search all of them in the audit log.")}
            </p>
        })}
    }
}

/// Where the plan stands, with the way to it.
#[component]
fn PlanLine(case: CaseId, plan: Option<crate::plans::types::VersionSummary>) -> impl IntoView {
    use crate::domain::plan::version::VersionState;
    let status = plan.map(|v| match v.state {
        VersionState::Drafting => format!("{}: being written.", v.name()),
        VersionState::Shared => format!(
            "{}, shared on {}.",
            v.name(),
            v.shared_on.map(long_date).unwrap_or_default()
        ),
        VersionState::Issued => format!(
            "{}, issued on {}.",
            v.name(),
            v.issued_on.map(long_date).unwrap_or_default()
        ),
    });
    view! {
        <p class="body">
            <a class="link link--bold" href=crate::paths::plan(case)>"Education, health and care plan"</a>
            <br />
            <span class="hint">{status.unwrap_or_else(|| "No plan yet.".to_owned())}</span>
        </p>
        <p class="body">
            <a class="link link--bold" href=crate::paths::views(case)>"Views of the child and family"</a>
            <br />
            <span class="hint">"About me, and the parents' or carers' views: words, photos, videos and documents."</span>
        </p>
        <p class="body">
            <a class="link link--bold" href=crate::paths::advice(case)>"Advice and information"</a>
            <br />
            <span class="hint">"The teams and professionals asked about the child, and where each request stands."</span>
        </p>
    }
}
