//! The decision page (`/cases/{id}/decisions/{assess|issue}`): the evidence
//! gathered so far in one place for the panel, the form a caseworker or
//! panel member records the decision on, and once it is made the decision,
//! its reasons and its letter for everyone on the case.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::types::{DecisionPage, Evidence};
use crate::components::banner::SuccessBanner;
use crate::components::fields::{Checkboxes, Choice, DateInput, Radios, TextArea};
use crate::components::form_page::{FormHeading, PostForm};
use crate::components::forms::{FormState, GoTo, Redact, field_error, form_state};
use crate::domain::dates::{DateParts, long_date};
use crate::domain::decision::{DecisionInput, DecisionQuestion, RecordedDecision, THRESHOLD_AREAS, appeal_by};
use crate::domain::ids::CaseId;
use crate::error::AppError;

#[server]
pub async fn get_decision(case: CaseId, question: DecisionQuestion) -> Result<DecisionPage, AppError> {
    use crate::domain::capability::Capability;
    use crate::domain::workflow::{CaseEvent, transition};
    use crate::state::today;
    let ctx = crate::cases::context::CaseContext::open(case, Capability::ReadDecisions).await?;
    let db = &ctx.state.db;
    let today = today();
    let detail = crate::store::cases::detail(db, case, today, &ctx.state.limits)
        .await?
        .ok_or(AppError::NotFound)?;
    let decision = crate::store::decisions::for_case(db, case)
        .await?
        .into_iter()
        .find(|d| d.decided.question == question);
    let kind = match question {
        DecisionQuestion::Assess => crate::domain::deadlines::DeadlineKind::DecideToAssess,
        DecisionQuestion::Issue => crate::domain::deadlines::DeadlineKind::DecideToIssue,
    };
    let due_on = detail.timeline.iter().find(|d| d.kind == kind).map(|d| d.due);
    let may_record = ctx.may(Capability::RecordDecision);
    let event = CaseEvent::Decided {
        question,
        agreed: true,
        on: today,
    };
    let not_now = match (&decision, transition(Some(detail.stage), event)) {
        (Some(_), _) | (None, Ok(_)) => None,
        (None, Err(why)) => Some(match (question, why) {
            (_, crate::domain::workflow::Refused::Closed) => "The case is closed.".to_owned(),
            (DecisionQuestion::Issue, _) => {
                "The decision whether to issue a plan is made after the decision to assess.".to_owned()
            }
            (DecisionQuestion::Assess, _) => "The case is past the decision whether to assess.".to_owned(),
        }),
    };
    // The panel reads what has been gathered; everyone else reads the decision.
    let evidence = if may_record {
        crate::store::advice_requests::for_case(db, case)
            .await?
            .into_iter()
            .filter(|r| r.allocated_from.is_none() || r.status == crate::domain::advice::RequestStatus::Submitted)
            .map(|r| Evidence {
                label: format!("{} from {}", r.kind.short_label(), r.asked),
                status: match r.answer {
                    Some(answer) if r.status != crate::domain::advice::RequestStatus::Submitted => {
                        format!("{}: {}", r.status.label(), answer.label())
                    }
                    _ => r.status.label().to_owned(),
                },
                href: Some(if r.status == crate::domain::advice::RequestStatus::Submitted {
                    crate::paths::advice_response(case, r.id)
                } else {
                    crate::paths::advice(case)
                }),
            })
            .collect()
    } else {
        Vec::new()
    };
    let challenges = match &decision {
        Some(made) if !made.decided.agreed => crate::store::challenges::for_decision(db, made.id).await?,
        _ => Vec::new(),
    };
    Ok(DecisionPage {
        case,
        reference: detail.reference,
        child_name: format!("{} {}", detail.first_name, detail.last_name),
        question,
        stage: detail.stage,
        version: ctx.version,
        received_on: detail.received_on,
        requested_by: detail.requested_by,
        setting: detail.setting,
        due_on,
        today,
        decision,
        not_now,
        may_record,
        evidence,
        challenges,
        may_record_challenge: ctx.may(Capability::RecordChallenge),
    })
}

#[server]
pub async fn record_decision(input: DecisionInput) -> Result<GoTo, AppError> {
    use crate::domain::capability::Capability;
    use crate::domain::workflow::CaseEvent;
    let case = input.case.parse::<CaseId>().map_err(|_| AppError::NotFound)?;
    let question = DecisionQuestion::parse(&input.question).ok_or(AppError::NotFound)?;
    let ctx = crate::cases::context::CaseContext::open(case, Capability::RecordDecision).await?;
    // The form was shown for the case as it was: a change since is shown, not overwritten.
    if input.version.parse::<i32>().ok() != Some(ctx.version) {
        return Err(AppError::Conflict);
    }
    let db = &ctx.state.db;
    let received = crate::store::cases::detail(db, case, crate::state::today(), &ctx.state.limits)
        .await?
        .ok_or(AppError::NotFound)?
        .received_on;
    let decided = input.validate(question, received, crate::state::today())?;
    let now = chrono::Utc::now();
    let emails = super::notify::decided(&ctx, &decided).await?;
    let txn = ctx.begin().await?;
    let event = CaseEvent::Decided {
        question,
        agreed: decided.agreed,
        on: decided.on,
    };
    ctx.apply(&txn, event, question.outcome(decided.agreed), emails).await?;
    crate::store::decisions::record(&txn, case, &decided, ctx.viewer.account, now).await?;
    ctx.commit(txn).await?;
    Ok(GoTo::to(format!(
        "{}?done=recorded",
        crate::paths::decision(case, question)
    )))
}

impl Redact for RecordDecision {}

#[component]
pub fn DecisionPageView() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let asked = move || {
        params.with(|p| {
            let case = p.get_str("id").and_then(|id| id.parse::<CaseId>().ok());
            let question = p.get_str("question").and_then(DecisionQuestion::parse);
            case.zip(question)
        })
    };
    let page = Resource::new(asked, |asked| async move {
        match asked {
            Some((case, question)) => get_decision(case, question).await,
            None => Err(AppError::NotFound),
        }
    });
    let recorded = query.with_untracked(|q| q.get_str("done") == Some("recorded"));
    view! {
        <Suspense fallback=|| view! { <p class="body">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <Decision page recorded /> }.into_any(),
                    Err(err) => {
                        err.set_page_status();
                        view! {
                            <Title text=format!("{err} - EHC hub") />
                            <h1 class="heading-l">{err.to_string()}</h1>
                            <p class="body"><a class="link" href=crate::paths::CASES>"Go back to your cases"</a></p>
                        }
                        .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn Decision(page: DecisionPage, recorded: bool) -> impl IntoView {
    let case = page.case;
    let caption = format!("{} · {}", page.child_name, page.reference);
    let due = page.due_on.map(|due| {
        view! { <p class="body">{format!("Due by {} (counted from the request received on {}).", long_date(due), long_date(page.received_on))}</p> }
    });
    let body = match (page.decision.clone(), page.not_now.clone(), page.may_record) {
        (Some(decision), _, _) => {
            // A refusal can be taken to mediation and appealed.
            let challenges = (!decision.decided.agreed).then(|| {
                view! {
                    <super::challenges::Challenges
                        case
                        question=page.question
                        decision=decision.id
                        challenges=page.challenges.clone()
                        may_record=page.may_record_challenge
                    />
                }
            });
            view! { <MadeDecision case decision /> {challenges} }.into_any()
        }
        (None, Some(why), _) => view! { <p class="body">{why}</p> }.into_any(),
        (None, None, true) => {
            view! { <EvidenceList page=page.clone() /> <DecisionForm page=page.clone() /> }.into_any()
        }
        (None, None, false) => view! { <p class="body">"The council has not made this decision yet."</p> }.into_any(),
    };
    let banner = recorded.then(|| {
        view! { <SuccessBanner message="Decision recorded. The family and the school have been sent its letter." /> }
    });
    let form_page = page.decision.is_none() && page.not_now.is_none() && page.may_record;
    let heading = page.question.label();
    let error = form_state::<RecordDecision>().error;
    view! {
        {banner}
        {if form_page {
            view! { <FormHeading heading caption=caption.clone() error /> }.into_any()
        } else {
            view! {
                <Title text=format!("{heading} - EHC hub") />
                <span class="caption-l">{caption.clone()}</span>
                <h1 class="heading-l">{heading}</h1>
            }
            .into_any()
        }}
        {due}
        {body}
        <p class="body"><a class="link" href=crate::paths::case(case)>"Back to the case"</a></p>
    }
}

/// What the panel reads before deciding: the request and what was asked of whom.
#[component]
fn EvidenceList(page: DecisionPage) -> impl IntoView {
    let case = page.case;
    let rows = page
        .evidence
        .into_iter()
        .map(|e: Evidence| {
            let label = match e.href {
                Some(href) => view! { <a class="link" href=href>{e.label}</a> }.into_any(),
                None => view! { <span>{e.label}</span> }.into_any(),
            };
            view! {
                <div class="summary-list__row">
                    <dt class="summary-list__key">{label}</dt>
                    <dd class="summary-list__value">{e.status}</dd>
                </div>
            }
        })
        .collect_view();
    view! {
        <h2 class="heading-m">"Evidence gathered so far"</h2>
        <dl class="summary-list">
            <div class="summary-list__row">
                <dt class="summary-list__key">"Request"</dt>
                <dd class="summary-list__value">
                    {format!("Made by {} and received on {}", page.requested_by.label().to_lowercase(), long_date(page.received_on))}
                </dd>
            </div>
            <div class="summary-list__row">
                <dt class="summary-list__key">"Education setting"</dt>
                <dd class="summary-list__value">{page.setting.unwrap_or_else(|| "No current setting".to_owned())}</dd>
            </div>
            <div class="summary-list__row">
                <dt class="summary-list__key"><a class="link" href=crate::paths::views(case)>"Views of the child and family"</a></dt>
                <dd class="summary-list__value">"About me, and the parents' or carers' views"</dd>
            </div>
            {rows}
        </dl>
        <p class="body"><a class="link" href=crate::paths::advice(case)>"All requests for information and advice"</a></p>
    }
}

/// Recording the decision. Every field stays as typed when the form comes back with errors.
#[component]
fn DecisionForm(page: DecisionPage) -> impl IntoView {
    let FormState { error, submitted } = form_state::<RecordDecision>();
    let question = page.question;
    let typed = submitted.map(|s| s.input).unwrap_or_else(|| DecisionInput {
        decided_on: DateParts::from_date(page.today),
        ..DecisionInput::default()
    });
    let field = move |name: &'static str| field_error(error, name);
    let answers: Vec<Choice> = question.answers().iter().map(|(v, l)| Choice::new(*v, *l)).collect();
    let areas: Vec<Choice> = THRESHOLD_AREAS
        .iter()
        .map(|p| Choice::new(p.as_str(), p.title()))
        .collect();
    let ticked: Vec<String> = typed.areas.keys().cloned().collect();
    let by_question = match question {
        DecisionQuestion::Assess => view! {
            <Checkboxes
                id="areas"
                name="input[areas]"
                legend="If you decide to assess: the areas of need that meet the threshold"
                hint="Select all that apply. The letter names them."
                choices=areas
                checked=ticked
                error=field("areas")
            />
        }
        .into_any(),
        DecisionQuestion::Issue => view! {
            <TextArea
                id="recommendations"
                name="input[recommendations]"
                label="If you decide to issue: the panel's recommendations to the plan writer (optional)"
                hint="For example, provision the plan must specify, or advice to follow up."
                value=typed.recommendations.clone()
                error=field("recommendations")
            />
        }
        .into_any(),
    };
    view! {
        <h2 class="heading-m">"Record the decision"</h2>
        <PostForm action=crate::paths::decision(page.case, question)>
            <input type="hidden" name="input[case]" value=page.case.to_string() />
            <input type="hidden" name="input[version]" value=page.version.to_string() />
            <input type="hidden" name="input[question]" value=question.as_str() />
            <Radios id="outcome" name="input[outcome]" legend="What did the council decide?" choices=answers selected=typed.outcome.clone() error=field("outcome") />
            <DateInput id="decided_on" name="input[decided_on]" legend="Date of the decision" hint="For example, 3 12 2026" value=typed.decided_on.clone() error=field("decided_on") />
            <TextArea
                id="reasons"
                name="input[reasons]"
                label="Reasons for the decision"
                hint="Written for the family: the letter gives them in full."
                value=typed.reasons.clone()
                error=field("reasons")
                rows=6
            />
            {by_question}
            <div class="inset-text">
                "Recording the decision sends its letter to the family and the school. A decision not to assess, or not to issue a plan, closes the case and the letter explains the right of appeal."
            </div>
            <button type="submit" class="button">"Record the decision"</button>
        </PostForm>
    }
}

/// A decision already made, with its letter.
#[component]
fn MadeDecision(case: CaseId, decision: RecordedDecision) -> impl IntoView {
    let d = decision.decided.clone();
    let question = d.question;
    let areas = (!d.areas.is_empty()).then(|| {
        let names: Vec<&str> = d.areas.iter().map(|a| a.title()).collect();
        view! {
            <div class="summary-list__row">
                <dt class="summary-list__key">"Areas of need that meet the threshold"</dt>
                <dd class="summary-list__value">{names.join(", ")}</dd>
            </div>
        }
    });
    let recommendations = (!d.recommendations.is_empty()).then(|| {
        view! {
            <div class="summary-list__row">
                <dt class="summary-list__key">"Recommendations to the plan writer"</dt>
                <dd class="summary-list__value pre-line">{d.recommendations.clone()}</dd>
            </div>
        }
    });
    let appeal = (!d.agreed).then(|| {
        view! {
            <div class="inset-text">
                {format!(
                    "The family can appeal to the SEND Tribunal until {} (two months from the letter), after contacting a mediation adviser.",
                    long_date(appeal_by(decision.letter_on))
                )}
            </div>
        }
    });
    view! {
        <dl class="summary-list">
            <div class="summary-list__row">
                <dt class="summary-list__key">"Decision"</dt>
                <dd class="summary-list__value"><strong>{question.outcome(d.agreed)}</strong></dd>
            </div>
            <div class="summary-list__row">
                <dt class="summary-list__key">"Date of the decision"</dt>
                <dd class="summary-list__value">{long_date(d.on)}</dd>
            </div>
            <div class="summary-list__row">
                <dt class="summary-list__key">"Reasons"</dt>
                <dd class="summary-list__value pre-line">{d.reasons.clone()}</dd>
            </div>
            {areas}
            {recommendations}
            <div class="summary-list__row">
                <dt class="summary-list__key">"Recorded by"</dt>
                <dd class="summary-list__value">{decision.recorded_by.clone()}</dd>
            </div>
        </dl>
        {appeal}
        <p class="body">
            <a class="link link--bold" href=crate::paths::decision_letter(case, question) download>
                {format!("Download the letter (PDF, dated {})", long_date(decision.letter_on))}
            </a>
        </p>
    }
}
