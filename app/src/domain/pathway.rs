//! The pathway at a glance: its steps from the request to the review, which
//! a case has reached, what is due next, and the warnings a caseworker needs
//! before a deadline is missed. Pure, so it is tested without a database.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::dates::long_date;
use super::deadlines::{Deadline, DeadlineKind, DeadlineStatus, Milestones, TimeLimits};
use super::stage::Stage;

/// One step of the pathway, as the row of links at the top of a case names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Step {
    Request,
    Information,
    DecisionToAssess,
    Advice,
    DecisionToIssue,
    DraftPlan,
    FinalPlan,
    Review,
}

impl Step {
    pub const ALL: [Step; 8] = [
        Step::Request,
        Step::Information,
        Step::DecisionToAssess,
        Step::Advice,
        Step::DecisionToIssue,
        Step::DraftPlan,
        Step::FinalPlan,
        Step::Review,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Step::Request => "Request",
            Step::Information => "Information",
            Step::DecisionToAssess => "Decision to assess",
            Step::Advice => "Advice",
            Step::DecisionToIssue => "Decision to issue",
            Step::DraftPlan => "Draft plan",
            Step::FinalPlan => "Final plan",
            Step::Review => "Review",
        }
    }
}

/// What the case has that shows how far it has come.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Any request for information (stage 1) was made.
    pub information_asked: bool,
    /// Any request for advice (stage 2) was made.
    pub advice_asked: bool,
    /// A version of the plan exists.
    pub plan_started: bool,
}

/// Whether the case has reached `step`.
pub fn reached(step: Step, stage: Stage, m: &Milestones, p: &Progress) -> bool {
    match step {
        Step::Request => true,
        Step::Information => p.information_asked || stage != Stage::RequestReceived,
        Step::DecisionToAssess => m.decided_to_assess.is_some(),
        Step::Advice => p.advice_asked,
        Step::DecisionToIssue => m.decided_to_issue.is_some(),
        Step::DraftPlan => p.plan_started,
        Step::FinalPlan => m.plan_issued.is_some(),
        Step::Review => stage == Stage::ReviewInProgress || m.last_reviewed.is_some(),
    }
}

/// The furthest step reached: where the case is now.
pub fn current(stage: Stage, m: &Milestones, p: &Progress) -> Step {
    Step::ALL
        .into_iter()
        .rev()
        .find(|s| reached(*s, stage, m, p))
        .unwrap_or(Step::Request)
}

/// A request for advice or information still waited for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outstanding {
    /// "Advice from Educational Psychology Service".
    pub label: String,
    pub due: NaiveDate,
}

/// What the case page says is due next: the first deadline not yet met.
pub fn next_due(deadlines: &[Deadline], today: NaiveDate) -> Option<String> {
    let next = deadlines.iter().find(|d| !d.status.is_done())?;
    let days = (next.due - today).num_days();
    let when = match days {
        0 => "today".to_owned(),
        1 => "tomorrow".to_owned(),
        d if d > 1 => format!("in {d} days"),
        -1 => "1 day ago".to_owned(),
        d => format!("{} days ago", -d),
    };
    let verb = if days < 0 { "was due" } else { "is due" };
    Some(format!(
        "{} {verb} by {} ({when}).",
        next.kind.label(),
        long_date(next.due),
        when = when
    ))
}

/// Warnings that a deadline is at risk: one overdue (unless an exception
/// excuses it), and advice still outstanding when the decision whether to
/// issue is within the warning period or the advice will come after it.
pub fn risks(
    deadlines: &[Deadline],
    outstanding: &[Outstanding],
    today: NaiveDate,
    limits: &TimeLimits,
) -> Vec<String> {
    let mut warnings = Vec::new();
    for d in deadlines.iter().filter(|d| !d.excepted) {
        if d.status == DeadlineStatus::Overdue {
            warnings.push(format!(
                "{} was due by {} and is overdue.",
                d.kind.label(),
                long_date(d.due)
            ));
        }
    }
    let issue = deadlines
        .iter()
        .find(|d| d.kind == DeadlineKind::DecideToIssue && !d.status.is_done());
    if let Some(issue) = issue {
        let near = (issue.due - today).num_days() <= i64::from(limits.due_soon_days);
        for o in outstanding {
            if near || o.due > issue.due {
                warnings.push(format!(
                    "{} is still outstanding (due by {}) and the decision whether to issue a plan is due by {}.",
                    o.label,
                    long_date(o.due),
                    long_date(issue.due)
                ));
            }
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::deadlines::timeline;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn assessed() -> Milestones {
        Milestones {
            decided_to_assess: Some(day(2026, 10, 1)),
            ..Milestones::received(day(2026, 8, 24))
        }
    }

    #[test]
    fn steps_are_reached_in_the_order_the_case_moved() {
        let m = assessed();
        let p = Progress {
            information_asked: true,
            advice_asked: true,
            plan_started: false,
        };
        let reached_now: Vec<Step> = Step::ALL
            .into_iter()
            .filter(|s| reached(*s, Stage::NeedsAssessment, &m, &p))
            .collect();
        assert_eq!(
            reached_now,
            [Step::Request, Step::Information, Step::DecisionToAssess, Step::Advice]
        );
        assert_eq!(current(Stage::NeedsAssessment, &m, &p), Step::Advice);
        let new = Milestones {
            decided_to_assess: None,
            ..m
        };
        assert_eq!(
            current(Stage::RequestReceived, &new, &Progress::default()),
            Step::Request
        );
    }

    #[test]
    fn advice_outstanding_two_weeks_before_the_decision_to_issue_is_a_risk() {
        // Week 16 falls on 14 December 2026.
        let m = assessed();
        let limits = TimeLimits::default();
        let advice = [Outstanding {
            label: "Advice from Educational Psychology Service".into(),
            due: day(2026, 12, 1),
        }];
        let early = timeline(Stage::NeedsAssessment, &m, day(2026, 11, 20), &limits);
        assert!(risks(&early, &advice, day(2026, 11, 20), &limits).is_empty());
        let near = timeline(Stage::NeedsAssessment, &m, day(2026, 12, 1), &limits);
        let warned = risks(&near, &advice, day(2026, 12, 1), &limits);
        assert_eq!(warned.len(), 1);
        assert!(warned[0].starts_with("Advice from Educational Psychology Service is still outstanding"));
        assert!(warned[0].ends_with("due by 14 December 2026."));
        // Advice due after the decision is a risk as soon as it is asked for.
        let late = [Outstanding {
            label: "Advice from Health".into(),
            due: day(2026, 12, 20),
        }];
        assert_eq!(risks(&early, &late, day(2026, 11, 20), &limits).len(), 1);
    }

    #[test]
    fn an_overdue_deadline_warns_unless_an_exception_excuses_it() {
        let m = assessed();
        let limits = TimeLimits::default();
        let today = day(2026, 12, 20);
        let mut t = timeline(Stage::NeedsAssessment, &m, today, &limits);
        assert_eq!(
            risks(&t, &[], today, &limits),
            ["Decision whether to issue a plan was due by 14 December 2026 and is overdue."]
        );
        assert_eq!(
            next_due(&t, today).as_deref(),
            Some("Decision whether to issue a plan was due by 14 December 2026 (6 days ago).")
        );
        t[1].excepted = true;
        assert!(risks(&t, &[], today, &limits).is_empty());
    }
}
