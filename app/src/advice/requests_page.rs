//! Advice and information on a case: who was asked (teams and named
//! professionals), for what, when it is due and where each request stands,
//! with overdue requests marked; and for the caseworker, the form that asks.
//! Each request gives the one asked access to the case and emails them the
//! case reference and a link, never the child's details.

use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use crate::components::banner::SuccessBanner;
use crate::components::error_summary::ErrorSummary;
use crate::components::fields::{Choice, Radios, Select, TextArea};
use crate::components::forms::{FormState, GoTo, Redact, field_error, form_state};
use crate::domain::advice::{RequestKind, RequestStatus, TeamAnswer};
use crate::domain::case::CaseHeading;
use crate::domain::ids::CaseId;
use crate::error::AppError;

/// One request as the page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestRow {
    pub id: i64,
    pub version: i32,
    pub kind: RequestKind,
    pub asked: String,
    pub asked_as: String,
    pub status: RequestStatus,
    /// "3 December 2026".
    pub asked_on: String,
    pub due_on: String,
    pub overdue: bool,
    pub note: String,
    /// The team's answer and its reason, once given.
    pub answer: Option<TeamAnswer>,
    pub answer_reason: String,
    /// The person looking manages the team asked, which has not answered yet.
    pub answerable: bool,
    /// For a member's request: the team it came from.
    pub member_of: Option<String>,
    /// The person looking manages the member's team: they may close or re-open it.
    pub manages_member: bool,
    /// The person looking is the one asked and may still write their advice.
    pub writable: bool,
    /// The person looking may read the advice (submitted; or a draft of their
    /// own or of a member of the team they manage).
    pub readable: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdvicePageData {
    pub case: CaseHeading,
    pub requests: Vec<RequestRow>,
    /// Present for the caseworker: whom a request can go to (`team:ID`, `person:ID`).
    pub askable: Option<Vec<Choice>>,
    /// "14 January 2027" and "18 December 2026": when a request made today is due.
    pub advice_due: String,
    pub information_due: String,
    /// The team requests the person looking can allocate.
    pub allocations: Vec<super::allocation::Allocation>,
}

#[server]
pub async fn get_advice_requests(case: CaseId) -> Result<AdvicePageData, AppError> {
    use crate::domain::capability::Capability;
    use crate::domain::dates::long_date;
    let ctx = crate::cases::context::CaseContext::open(case, Capability::SeeAdviceRequests).await?;
    let db = &ctx.state.db;
    let today = crate::state::today();
    let manages = |team: Option<crate::domain::ids::TeamId>| {
        team.is_some() && team == ctx.viewer.team && ctx.may(Capability::AnswerForTeam)
    };
    let listed = crate::store::advice_requests::for_case(db, case).await?;
    let reads = ctx.may(Capability::ReadAdvice);
    let team_of = |id: Option<i64>| listed.iter().find(|r| Some(r.id) == id);
    let mut requests: Vec<(i64, RequestRow)> = listed
        .iter()
        .map(|r| {
            let parent = team_of(r.allocated_from);
            let manages_member = parent.is_some_and(|p| manages(p.team));
            let mine = r.person.is_some() && r.person == Some(ctx.viewer.account);
            let readable = match r.status {
                RequestStatus::Submitted => reads && r.team.is_none(),
                RequestStatus::Draft | RequestStatus::ClosedByManager => mine || manages_member,
                _ => false,
            };
            let row = RequestRow {
                id: r.id,
                version: r.version,
                answerable: r.answer.is_none() && manages(r.team),
                answer: r.answer,
                answer_reason: r.answer_reason.clone(),
                kind: r.kind,
                asked: r.asked.clone(),
                asked_as: r.asked_as.clone(),
                status: r.status,
                asked_on: long_date(r.asked_on),
                due_on: long_date(r.due_on),
                overdue: r.status.overdue(r.due_on, today),
                note: r.note.clone(),
                member_of: parent.map(|p| p.asked.clone()),
                manages_member,
                writable: mine && r.status.outstanding() && ctx.may(Capability::WriteAdvice),
                readable,
            };
            // Members are listed under their team's request.
            (r.allocated_from.unwrap_or(r.id), row)
        })
        .collect();
    requests.sort_by_key(|(group, row)| (*group, row.id));
    let requests = requests.into_iter().map(|(_, row)| row).collect();
    let mut allocations = Vec::new();
    for r in listed
        .iter()
        .filter(|r| manages(r.team) && r.answer.is_some_and(TeamAnswer::is_yes))
    {
        let Some(team) = r.team else { continue };
        let taken: Vec<_> = listed
            .iter()
            .filter(|m| m.allocated_from == Some(r.id) && m.status != RequestStatus::ClosedByManager)
            .filter_map(|m| m.person)
            .collect();
        let members = crate::store::advice_requests::members(db, team)
            .await?
            .into_iter()
            .filter(|(id, _, _)| !taken.contains(id))
            .map(|(id, name, _)| Choice::new(id.to_string(), name))
            .collect();
        allocations.push(super::allocation::Allocation {
            request: r.id,
            team: r.asked.clone(),
            members,
        });
    }
    let askable = if ctx.may(Capability::RequestAdvice) {
        let found = crate::store::advice_requests::askable(db, ctx.viewer.council).await?;
        let teams = found
            .teams
            .into_iter()
            .map(|(id, name)| Choice::new(format!("team:{id}"), name));
        let people = found
            .people
            .into_iter()
            .map(|(id, name)| Choice::new(format!("person:{id}"), name));
        Some(teams.chain(people).collect())
    } else {
        None
    };
    let information_days = ctx.state.limits.information_days;
    Ok(AdvicePageData {
        case: ctx.case,
        requests,
        askable,
        advice_due: long_date(RequestKind::Advice.due(today, information_days)),
        information_due: long_date(RequestKind::Information.due(today, information_days)),
        allocations,
    })
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RequestAdviceInput {
    pub case: String,
    /// `information` or `advice`.
    pub kind: String,
    /// `team:ID` or `person:ID`.
    pub asked: String,
    pub note: String,
}

/// The longest note a request may carry.
#[cfg(feature = "ssr")]
const NOTE_MAX_CHARS: usize = 2_000;

#[server]
pub async fn request_advice(input: RequestAdviceInput) -> Result<GoTo, AppError> {
    use crate::domain::capability::Capability;
    use crate::error::FieldErrors;
    use crate::store::advice_requests::{Asked, NewRequest, addresses, create};
    let case = input.case.parse::<CaseId>().map_err(|_| AppError::NotFound)?;
    let ctx = crate::cases::context::CaseContext::open(case, Capability::RequestAdvice).await?;
    let mut errors = FieldErrors::default();
    let kind = RequestKind::parse(&input.kind);
    if kind.is_none() {
        errors.add("kind", "kind-information", "Select what you are asking for");
    }
    let asked = match input.asked.split_once(':') {
        Some(("team", id)) => id.parse().ok().map(Asked::Team),
        Some(("person", id)) => id.parse().ok().map(Asked::Person),
        _ => None,
    };
    let to = match asked {
        Some(asked) => addresses(&ctx.state.db, ctx.viewer.council, asked).await?,
        None => Vec::new(),
    };
    match asked {
        None => errors.add("asked", "asked", "Select the team or professional to ask"),
        Some(Asked::Team(_)) if to.is_empty() => errors.add(
            "asked",
            "asked",
            "This team has no contact address and no manager yet: ask the council's administrator to add one",
        ),
        Some(Asked::Person(_)) if to.is_empty() => {
            errors.add("asked", "asked", "Select the team or professional to ask")
        }
        Some(_) => {}
    }
    let note = input.note.trim();
    if note.chars().count() > NOTE_MAX_CHARS {
        errors.add("note", "note", "The note must be 2,000 characters or fewer");
    }
    let (Some(kind), Some(asked), true) = (kind, asked, errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    let today = crate::state::today();
    let due_on = kind.due(today, ctx.state.limits.information_days);
    let emails = super::notify::asked(&ctx, kind, due_on, &to);
    let txn = ctx.begin().await?;
    let new = NewRequest {
        case,
        kind,
        asked,
        asked_by: ctx.viewer.account,
        asked_on: today,
        due_on,
        note,
        now: chrono::Utc::now(),
    };
    create(&txn, new).await?;
    let detail = format!("{}, due {}", kind.label(), crate::domain::dates::long_date(due_on));
    ctx.apply(
        &txn,
        crate::domain::workflow::CaseEvent::AdviceRequested,
        &detail,
        emails,
    )
    .await?;
    ctx.commit(txn).await?;
    Ok(GoTo::to(format!("{}?done=asked", crate::paths::advice(case))))
}

impl Redact for RequestAdvice {}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AnswerForTeamInput {
    pub case: String,
    pub request: String,
    pub version: String,
    /// One of the six answers' stored names.
    pub answer: String,
    pub reason: String,
}

#[server]
pub async fn answer_for_team(input: AnswerForTeamInput) -> Result<GoTo, AppError> {
    use crate::domain::capability::Capability;
    use crate::error::FieldErrors;
    let case = input.case.parse::<CaseId>().map_err(|_| AppError::NotFound)?;
    let ctx = crate::cases::context::CaseContext::open(case, Capability::AnswerForTeam).await?;
    let id = input.request.parse::<i64>().map_err(|_| AppError::NotFound)?;
    let version = input.version.parse::<i32>().map_err(|_| AppError::Conflict)?;
    let db = &ctx.state.db;
    let request = crate::store::advice_requests::one(db, case, id)
        .await?
        .ok_or(AppError::NotFound)?;
    // Only the team asked answers for it.
    let Some(team) = request.team.filter(|t| ctx.viewer.team == Some(*t)) else {
        return Err(AppError::Forbidden);
    };
    let answer = TeamAnswer::parse(&input.answer);
    let reason = input.reason.trim();
    let mut errors = FieldErrors::default();
    match answer {
        None => {
            // The summary's link goes to the first of the answers.
            let first = TeamAnswer::ALL[0].as_str();
            errors.add("answer", &format!("answer-{id}-{first}"), "Select your team's answer")
        }
        Some(answer) if answer.needs_reason() && reason.is_empty() => {
            errors.add("reason", &format!("reason-{id}"), "Give the reason for “No – other”")
        }
        Some(_) => {}
    }
    if reason.chars().count() > NOTE_MAX_CHARS {
        errors.add(
            "reason",
            &format!("reason-{id}"),
            "The reason must be 2,000 characters or fewer",
        );
    }
    let (Some(answer), true) = (answer, errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    let to = crate::store::accounts::find(db, request.asked_by)
        .await?
        .map(|asker| asker.email);
    let emails = super::notify::team_answered(&ctx, &request.asked, answer, reason, to);
    let txn = ctx.begin().await?;
    let now = chrono::Utc::now();
    let answered = crate::store::advice_requests::answer(
        &txn,
        id,
        (case, team, version),
        (answer, reason),
        ctx.viewer.account,
        now,
    )
    .await?;
    if !answered {
        return Err(AppError::Conflict);
    }
    let detail = format!("{}: {}", request.asked, answer.label());
    ctx.apply(&txn, crate::domain::workflow::CaseEvent::TeamAnswered, &detail, emails)
        .await?;
    ctx.commit(txn).await?;
    Ok(GoTo::to(format!("{}?done=answered", crate::paths::advice(case))))
}

impl Redact for AnswerForTeam {}

#[component]
pub fn AdvicePage() -> impl IntoView {
    let case = crate::plans::load::case_param();
    let query = leptos_router::hooks::use_query_map();
    let page = Resource::new(case, |id| async move {
        match id {
            Some(id) => get_advice_requests(id).await,
            None => Err(AppError::NotFound),
        }
    });
    let done = move || {
        query.with(|q| match q.get_str("done") {
            Some("asked") => Some("Request sent. The team or professional has been emailed."),
            Some("answered") => Some("Answer sent. The caseworker has been emailed."),
            Some("allocated") => Some("Request allocated. Each member has been emailed."),
            Some("closed") => Some("Request closed. The member has been emailed."),
            Some("reopened") => Some("Request re-opened: a response is pending. The member has been emailed."),
            Some("submitted") => Some("Advice submitted. The caseworker has been emailed."),
            _ => None,
        })
    };
    view! {
        <Suspense fallback=|| view! { <p class="body">"Loading the requests…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(data) => view! { <AdviceBody data done=done() /> }.into_any(),
                    Err(err) => crate::plans::load::error_page(err).into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AdviceBody(data: AdvicePageData, done: Option<&'static str>) -> impl IntoView {
    let case = data.case.clone();
    let heading = "Advice and information";
    let allocate_forms = data
        .allocations
        .into_iter()
        .map(|allocation| view! { <super::allocation::AllocateForm case=case.id allocation /> })
        .collect_view();
    let answer_forms = data
        .requests
        .iter()
        .filter(|r| r.answerable)
        .map(|r| view! { <AnswerForm case=case.id request=r.id version=r.version team=r.asked.clone() /> })
        .collect_view();
    let list = if data.requests.is_empty() {
        view! { <p class="body">"Nobody has been asked yet."</p> }.into_any()
    } else {
        let rows = data
            .requests
            .into_iter()
            .map(|r| {
                let status = if r.overdue {
                    view! { <strong class="tag tag--red">{format!("{}: overdue", r.status.label())}</strong> }
                        .into_any()
                } else {
                    view! { <strong class="tag tag--blue">{r.status.label()}</strong> }.into_any()
                };
                let note = (!r.note.is_empty() && r.member_of.is_none())
                    .then(|| view! { <p class="hint">{r.note.clone()}</p> });
                let answer = r.answer.map(|a| {
                    let reason = (!r.answer_reason.is_empty()).then(|| format!(": {}", r.answer_reason));
                    view! { <p class="body">{a.label()}{reason}</p> }
                });
                let asked_as = match &r.member_of {
                    Some(team) => format!("{}, allocated by {team}", r.asked_as),
                    None => r.asked_as.clone(),
                };
                let write = r.writable.then(|| {
                    let label = if r.status == RequestStatus::Draft { "Continue your advice" } else { "Write your advice" };
                    view! { <p class="body"><a class="link" href=crate::paths::advice_response(case.id, r.id)>{label}</a></p> }
                });
                let read = (r.readable && !r.writable).then(|| {
                    let label = if r.status == RequestStatus::Submitted { "Read the advice" } else { "Read the draft" };
                    view! {
                        <p class="body">
                            <a class="link" href=crate::paths::advice_response(case.id, r.id)>
                                {label}<span class="visually-hidden">{format!(" from {}", r.asked)}</span>
                            </a>
                        </p>
                    }
                });
                let member_button = (r.manages_member
                    && (r.status.outstanding() || r.status == RequestStatus::ClosedByManager))
                    .then(|| {
                        let closed = r.status == RequestStatus::ClosedByManager;
                        view! { <super::allocation::MemberButton case=case.id request=r.id version=r.version closed who=r.asked.clone() /> }
                    });
                let row_class = if r.member_of.is_some() { "table__row--member" } else { "" };
                view! {
                    <tr class=row_class>
                        <td data-label="Asked"><span class="table__strong">{r.asked}</span><br />{asked_as}{note}</td>
                        <td data-label="For">{r.kind.label()}<br />{format!("Asked {}", r.asked_on)}</td>
                        <td data-label="Due">{r.due_on}</td>
                        <td data-label="Status">{status}{answer}{write}{read}{member_button}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="table case-table">
                <caption class="visually-hidden">"Requests for advice and information"</caption>
                <thead><tr><th scope="col">"Asked"</th><th scope="col">"For"</th><th scope="col">"Due"</th><th scope="col">"Status"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };
    let form = data.askable.map(|choices| {
        view! { <AskForm case=case.id choices advice_due=data.advice_due information_due=data.information_due /> }
    });
    view! {
        <Title text=format!("{heading}: {} ({}) - EHC hub", case.child_name, case.reference) />
        <a class="back-link" href=crate::paths::case(case.id)>"Back to the case"</a>
        {done.map(|message| view! { <SuccessBanner message /> })}
        <span class="caption-l">{format!("{} · {}", case.reference, case.child_name)}</span>
        <h1 class="heading-l">{heading}</h1>
        <p class="body">"The teams and professionals asked about this child, and where each request stands."</p>
        {list}
        {answer_forms}
        {allocate_forms}
        {form}
    }
}

/// A team manager's answer for their team: one of the six, with a reason.
#[component]
fn AnswerForm(case: CaseId, request: i64, version: i32, team: String) -> impl IntoView {
    let FormState { error, submitted } = form_state::<AnswerForTeam>();
    // Errors belong to the form that was sent, if a manager has two to answer.
    let typed = submitted
        .map(|s| s.input)
        .filter(|input| input.request == request.to_string())
        .unwrap_or_default();
    let this_form = !typed.request.is_empty();
    let error = Signal::derive(move || error.get().filter(|_| this_form));
    let answers = TeamAnswer::ALL
        .into_iter()
        .map(|a| Choice::new(a.as_str(), a.label()))
        .collect();
    view! {
        <h2 class="heading-m" id=format!("answer-{request}")>{format!("Answer for {team}")}</h2>
        <ErrorSummary error />
        <form method="post" action=crate::paths::advice_answer(case) novalidate>
            <input type="hidden" name="input[case]" value=case.to_string() />
            <input type="hidden" name="input[request]" value=request.to_string() />
            <input type="hidden" name="input[version]" value=version.to_string() />
            <Radios
                id=format!("answer-{request}")
                name="input[answer]"
                legend="Will your team give advice?"
                choices=answers
                selected=typed.answer
                error=field_error(error, "answer")
            />
            <TextArea
                id=format!("reason-{request}")
                name="input[reason]"
                label="Reason"
                hint="Needed for “No – other”. Everyone on the case reads it."
                value=typed.reason
                error=field_error(error, "reason")
                rows=3
            />
            <button type="submit" class="button">"Send answer"</button>
        </form>
    }
}

#[component]
fn AskForm(case: CaseId, choices: Vec<Choice>, advice_due: String, information_due: String) -> impl IntoView {
    let FormState { error, submitted } = form_state::<RequestAdvice>();
    let typed = submitted.map(|s| s.input).unwrap_or_default();
    let kinds = vec![
        Choice::new(
            "information",
            format!("Information about current involvement (due {information_due})"),
        ),
        Choice::new(
            "advice",
            format!("Advice for the needs assessment (due {advice_due}, 6 weeks)"),
        ),
    ];
    view! {
        <h2 class="heading-m" id="ask">"Ask for advice or information"</h2>
        <ErrorSummary error />
        <form method="post" action=crate::paths::advice(case) novalidate>
            <input type="hidden" name="input[case]" value=case.to_string() />
            <Radios id="kind" name="input[kind]" legend="What are you asking for?" choices=kinds selected=typed.kind error=field_error(error, "kind") />
            <Select
                id="asked"
                name="input[asked]"
                label="Who are you asking?"
                placeholder="Choose a team or professional"
                choices
                selected=typed.asked
                error=field_error(error, "asked")
            />
            <TextArea
                id="note"
                name="input[note]"
                label="Note for the person asked (optional)"
                hint="For example, what you would most like them to cover. Do not include the child's name: the email says only the case reference."
                value=typed.note
                error=field_error(error, "note")
                rows=3
            />
            <button type="submit" class="button">"Send request"</button>
        </form>
    }
}
