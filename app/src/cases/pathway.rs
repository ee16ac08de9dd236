//! The pathway's steps as a row of links at the top of a case (seed 002,
//! "Accessing case information"): each step reached opens what was recorded
//! there, each not reached says so, and the step the case is at is marked, so
//! a parent or professional sees where the case is at a glance.

use leptos::prelude::*;

use crate::domain::deadlines::Milestones;
use crate::domain::decision::DecisionQuestion;
use crate::domain::ids::CaseId;
use crate::domain::pathway::{Progress, Step, current, reached};
use crate::domain::stage::Stage;
use crate::domain::workflow::{CaseEvent, transition};

/// Where a step's link goes.
fn href(case: CaseId, step: Step) -> String {
    match step {
        Step::Request => crate::paths::case_request(case),
        Step::Information | Step::Advice => crate::paths::advice(case),
        Step::DecisionToAssess => crate::paths::decision(case, DecisionQuestion::Assess),
        Step::DecisionToIssue => crate::paths::decision(case, DecisionQuestion::Issue),
        Step::DraftPlan | Step::FinalPlan => crate::paths::plan(case),
        Step::Review => format!("{}#timeline-heading", crate::paths::case(case)),
    }
}

/// The decision a step records, if it is one.
fn decision(step: Step) -> Option<DecisionQuestion> {
    match step {
        Step::DecisionToAssess => Some(DecisionQuestion::Assess),
        Step::DecisionToIssue => Some(DecisionQuestion::Issue),
        _ => None,
    }
}

#[component]
pub fn PathwaySteps(
    case: CaseId,
    stage: Stage,
    milestones: Milestones,
    progress: Progress,
    may_decide: bool,
) -> impl IntoView {
    let now = current(stage, &milestones, &progress);
    let steps = Step::ALL
        .into_iter()
        .map(|step| {
            let is_reached = reached(step, stage, &milestones, &progress);
            // A decision in turn opens its form for those who record it.
            let to_record = !is_reached
                && may_decide
                && decision(step).is_some_and(|question| {
                    transition(
                        Some(stage),
                        CaseEvent::Decided {
                            question,
                            agreed: true,
                            on: milestones.request_received,
                        },
                    )
                    .is_ok()
                });
            let class = if is_reached {
                "pathway__step pathway__step--reached"
            } else {
                "pathway__step"
            };
            let aria_current = (step == now).then_some("step");
            let inner = if is_reached || to_record {
                let note = if is_reached { "" } else { " (to record)" };
                view! {
                    <a class="link pathway__link" href=href(case, step) aria-current=aria_current>
                        {step.label()}{note}
                    </a>
                }
                .into_any()
            } else {
                view! {
                    <span class="pathway__label">{step.label()}<span class="visually-hidden">" (not reached)"</span></span>
                }
                .into_any()
            };
            view! { <li class=class>{inner}</li> }
        })
        .collect_view();
    view! {
        <nav class="pathway" aria-label="Pathway of the case">
            <ol class="pathway__steps">{steps}</ol>
        </nav>
    }
}
