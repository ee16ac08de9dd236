//! Mediation and appeals against a refusal, on the decision's page: those
//! recorded, and the form a caseworker records one (or how one ended) with.
//! Recording is the case event `ChallengeRecorded`; a refusal closed the
//! case, and a closed case's refusal can still be challenged. An appeal
//! upheld or conceded against the refusal that closed the case reopens it
//! (`AppealWon`): the council now assesses or makes the plan, within the
//! time limits that run from that day, and the family and school are told.

use leptos::prelude::*;

use crate::components::error_summary::ErrorSummary;
use crate::components::fields::{Choice, DateInput, Radios, TextArea};
use crate::components::forms::{FormState, GoTo, Redact, field_error, form_state};
use crate::domain::challenge::{ChallengeInput, ChallengeKind, ChallengeOutcome, RecordedChallenge};
use crate::domain::dates::long_date;
use crate::domain::decision::DecisionQuestion;
use crate::domain::ids::CaseId;
use crate::error::AppError;

#[server]
pub async fn record_challenge(input: ChallengeInput) -> Result<GoTo, AppError> {
    use crate::domain::capability::Capability;
    use crate::domain::workflow::CaseEvent;
    let case = input.case.parse::<CaseId>().map_err(|_| AppError::NotFound)?;
    let ctx = crate::cases::context::CaseContext::open(case, Capability::RecordChallenge).await?;
    let db = &ctx.state.db;
    // Only a refusal recorded on this case can be challenged.
    let decisions = crate::store::decisions::for_case(db, case).await?;
    // While the case is closed, its last decision is the refusal that closed it.
    let closed_by = match ctx.case.stage {
        crate::domain::stage::Stage::Closed => decisions.last().map(|d| d.id),
        _ => None,
    };
    let decision = decisions
        .into_iter()
        .find(|d| Some(d.id) == input.decision.parse::<i64>().ok() && !d.decided.agreed)
        .ok_or(AppError::NotFound)?;
    let challenge = input.validate(decision.letter_on, crate::state::today())?;
    let won = match (challenge.kind, challenge.outcome, challenge.ended_on) {
        (ChallengeKind::Appeal, ChallengeOutcome::Upheld | ChallengeOutcome::Conceded, Some(on))
            if closed_by == Some(decision.id) =>
        {
            Some(crate::domain::deadlines::Order {
                on,
                about: decision.decided.question,
            })
        }
        _ => None,
    };
    let detail = format!(
        "{}: {} ({})",
        challenge.kind.label(),
        challenge.outcome.label(),
        decision.decided.question.outcome(false)
    );
    // Who to tell is read before the transaction takes the case's lock.
    let emails = match won {
        Some(order) => super::notify::reopened(&ctx, order).await?,
        None => Vec::new(),
    };
    let event = won.map_or(CaseEvent::ChallengeRecorded, |order| CaseEvent::AppealWon {
        about: order.about,
        on: order.on,
    });
    let txn = ctx.begin().await?;
    ctx.apply(&txn, event, &detail, emails).await?;
    crate::store::challenges::record(&txn, decision.id, &challenge, ctx.viewer.account, chrono::Utc::now()).await?;
    ctx.commit(txn).await?;
    Ok(GoTo::to(format!(
        "{}?challenge=recorded#challenges",
        crate::paths::decision(case, decision.decided.question)
    )))
}

impl Redact for RecordChallenge {}

/// The mediation and appeals recorded, and the form for those who record them.
#[component]
pub fn Challenges(
    case: CaseId,
    question: DecisionQuestion,
    decision: i64,
    challenges: Vec<RecordedChallenge>,
    may_record: bool,
) -> impl IntoView {
    let FormState { error, submitted } = form_state::<RecordChallenge>();
    let typed = submitted.map(|s| s.input).unwrap_or_default();
    let field = move |name: &'static str| field_error(error, name);
    let none = challenges
        .is_empty()
        .then(|| view! { <p class="body">"None recorded."</p> });
    let rows = challenges
        .into_iter()
        .map(|r| {
            let c = r.challenge;
            let ended = c
                .ended_on
                .map(|on| format!(" on {}", long_date(on)))
                .unwrap_or_default();
            let note = (!c.note.is_empty()).then(|| view! { <p class="body pre-line">{c.note.clone()}</p> });
            view! {
                <li class="challenge">
                    <h3 class="heading-s">{c.kind.label()}</h3>
                    <p class="body">{format!("Began {}. {}{ended}.", long_date(c.started_on), c.outcome.label())}</p>
                    {note}
                    <p class="body hint">{format!("Recorded by {}", r.recorded_by)}</p>
                </li>
            }
        })
        .collect_view();
    let form = may_record.then(|| {
        let kinds: Vec<Choice> = ChallengeKind::ALL
            .iter()
            .map(|k| Choice::new(k.as_str(), k.label()))
            .collect();
        // Every outcome either kind can have; the server checks it fits the kind.
        let outcomes: Vec<Choice> = ChallengeOutcome::ALL
            .iter()
            .map(|o| Choice::new(o.as_str(), o.label()))
            .collect();
        view! {
            <h3 class="heading-s">"Record mediation or an appeal"</h3>
            <form method="post" action=crate::paths::decision_challenge(case, question) novalidate>
                <input type="hidden" name="input[case]" value=case.to_string() />
                <input type="hidden" name="input[decision]" value=decision.to_string() />
                <Radios id="kind" name="input[kind]" legend="Which?" choices=kinds selected=typed.kind.clone() error=field("kind") />
                <DateInput id="started_on" name="input[started_on]" legend="Date it began" hint="When the family asked for mediation, or the tribunal registered the appeal. For example, 4 1 2027" value=typed.started_on.clone() error=field("started_on") />
                <Radios id="outcome" name="input[outcome]" legend="How did it end?" choices=outcomes selected=typed.outcome.clone() error=field("outcome") />
                <DateInput id="ended_on" name="input[ended_on]" legend="Date it ended (leave blank if not finished)" hint="The day of the tribunal's order, or of the council's concession. An appeal upheld or conceded reopens the case: the time limits left run from this day, and the family and the school are told. For example, 1 3 2027" value=typed.ended_on.clone() error=field("ended_on") />
                <TextArea id="note" name="input[note]" label="Note (optional)" hint="Kept on the case for the council; not sent to anyone." value=typed.note.clone() error=field("note") />
                <button type="submit" class="button button--secondary">"Record"</button>
            </form>
        }
    });
    view! {
        <h2 class="heading-m" id="challenges">"Mediation and appeals"</h2>
        <ErrorSummary error />
        {none}
        <ul class="list challenges">{rows}</ul>
        {form}
    }
}
