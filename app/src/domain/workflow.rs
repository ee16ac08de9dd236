//! The case's workflow: what can happen to a case (a [`CaseEvent`]), the
//! stage each event leads to from each stage, and what the audit log calls
//! it. Pure, so it is tested without a database; the store applies an event
//! in one transaction with its audit row and emails
//! (`store::case_events::apply`). New areas add events here, not new paths.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::audit::AuditAction;
use super::deadlines::Order;
use super::decision::DecisionQuestion;
use super::stage::{Stage, Tray};

/// Something that happens to a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CaseEvent {
    /// A request for an assessment is registered: the case opens and the
    /// 20-week clock starts.
    RequestRegistered,
    /// A version of the plan is started: the first draft, or an amendment.
    DraftStarted,
    /// A draft is shared with the family and everyone on the case, on this date.
    DraftShared { on: NaiveDate },
    /// The final plan is issued on this date.
    PlanIssued { on: NaiveDate },
    /// A person is given access to the case.
    AccessGiven,
    /// A school or setting is asked whether it can meet the needs in a draft.
    SettingConsulted,
    /// A team or professional is asked for information or advice.
    AdviceRequested,
    /// A team's manager answers a request made to the team.
    TeamAnswered,
    /// A team's manager allocates the team's request to members.
    AdviceAllocated,
    /// A professional submits their advice.
    AdviceSubmitted,
    /// A team's manager closes a member's request.
    AdviceClosed,
    /// A team's manager re-opens a member's request: a response is pending again.
    AdviceReopened,
    /// The council decides whether to assess, or whether to issue a plan, on
    /// this date. A refusal closes the case.
    Decided {
        question: DecisionQuestion,
        agreed: bool,
        on: NaiveDate,
    },
    /// An exception to the time limits is recorded (regs 5(4), 10(4), 13(3)).
    ExceptionRecorded,
    /// The case is given to a caseworker to hold, or passed to another.
    CaseAllocated,
    /// Mediation or an appeal against a decision is recorded.
    ChallengeRecorded,
    /// The refusal that closed the case was overturned on appeal on this
    /// date (the tribunal's order, or the council conceding): the case
    /// reopens where the refusal stopped it, and what is left runs from
    /// that date.
    AppealWon { about: DecisionQuestion, on: NaiveDate },
    /// The council stopped maintaining the plan on this date: the case closes.
    PlanCeased { on: NaiveDate },
}

/// Why an event cannot happen to the case now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refused {
    /// The case is already open (a request registers once).
    AlreadyOpen,
    /// Nothing more happens to a closed case.
    Closed,
    /// The case is not at the point where this can happen (a decision
    /// already made, or one that comes later on the pathway).
    NotNow,
}

impl Refused {
    pub fn reason(self) -> &'static str {
        match self {
            Refused::AlreadyOpen => "The case is already open.",
            Refused::Closed => "The case is closed.",
            Refused::NotNow => "The case is not at this point on the pathway.",
        }
    }
}

/// What applying an event does to the case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Transition {
    pub stage: Stage,
    /// The plan's issue date, when the event sets it.
    pub plan_issued_on: Option<NaiveDate>,
    /// The date of the decision whether to assess, when the event records it.
    pub decided_to_assess_on: Option<NaiveDate>,
    /// The date of the decision whether to issue, when the event records it.
    pub decided_to_issue_on: Option<NaiveDate>,
    /// The day a first draft was sent to the family, when the event records it.
    pub draft_shared_on: Option<NaiveDate>,
    /// The order the case was reopened by, when the event records it.
    pub order: Option<Order>,
    pub audit: AuditAction,
}

impl CaseEvent {
    pub fn audit_action(self) -> AuditAction {
        match self {
            CaseEvent::RequestRegistered => AuditAction::CaseRegistered,
            CaseEvent::DraftStarted => AuditAction::PlanDraftStarted,
            CaseEvent::DraftShared { .. } => AuditAction::PlanShared,
            CaseEvent::PlanIssued { .. } => AuditAction::PlanIssued,
            CaseEvent::AccessGiven => AuditAction::AccessGiven,
            CaseEvent::SettingConsulted => AuditAction::SettingConsulted,
            CaseEvent::AdviceRequested => AuditAction::AdviceRequested,
            CaseEvent::TeamAnswered => AuditAction::TeamAnswered,
            CaseEvent::AdviceAllocated => AuditAction::AdviceAllocated,
            CaseEvent::AdviceSubmitted => AuditAction::AdviceSubmitted,
            CaseEvent::AdviceClosed => AuditAction::AdviceClosed,
            CaseEvent::AdviceReopened => AuditAction::AdviceReopened,
            CaseEvent::Decided { question, agreed, .. } => match (question, agreed) {
                (DecisionQuestion::Assess, true) => AuditAction::DecidedToAssess,
                (DecisionQuestion::Assess, false) => AuditAction::DecidedNotToAssess,
                (DecisionQuestion::Issue, true) => AuditAction::DecidedToIssue,
                (DecisionQuestion::Issue, false) => AuditAction::DecidedNotToIssue,
            },
            CaseEvent::ExceptionRecorded => AuditAction::ExceptionRecorded,
            CaseEvent::CaseAllocated => AuditAction::CaseAllocated,
            CaseEvent::ChallengeRecorded => AuditAction::ChallengeRecorded,
            CaseEvent::AppealWon { .. } => AuditAction::ReopenedOnAppeal,
            CaseEvent::PlanCeased { .. } => AuditAction::PlanCeased,
        }
    }

    /// Events that never move the case's stage. Many people cause them at
    /// once (each professional submitting), so they apply to the case as it
    /// is when their transaction locks it, not as it was when the page was
    /// read: nothing they decide depends on the stage having stayed put.
    pub fn keeps_stage(self) -> bool {
        match self {
            CaseEvent::AccessGiven
            | CaseEvent::SettingConsulted
            | CaseEvent::AdviceRequested
            | CaseEvent::TeamAnswered
            | CaseEvent::AdviceAllocated
            | CaseEvent::AdviceSubmitted
            | CaseEvent::AdviceClosed
            | CaseEvent::AdviceReopened
            | CaseEvent::ExceptionRecorded
            | CaseEvent::CaseAllocated
            | CaseEvent::ChallengeRecorded => true,
            CaseEvent::RequestRegistered
            | CaseEvent::Decided { .. }
            | CaseEvent::DraftStarted
            | CaseEvent::DraftShared { .. }
            | CaseEvent::PlanIssued { .. }
            | CaseEvent::AppealWon { .. }
            | CaseEvent::PlanCeased { .. } => false,
        }
    }
}

/// The stage `event` leads to from `from` (`None` for a case not yet open),
/// or why it cannot happen now.
pub fn transition(from: Option<Stage>, event: CaseEvent) -> Result<Transition, Refused> {
    let to = |stage: Stage| Transition {
        stage,
        plan_issued_on: None,
        decided_to_assess_on: None,
        decided_to_issue_on: None,
        draft_shared_on: None,
        order: None,
        audit: event.audit_action(),
    };
    let Some(from) = from else {
        return match event {
            CaseEvent::RequestRegistered => Ok(to(Stage::RequestReceived)),
            // Everything else happens to an open case; the store finds none.
            CaseEvent::DraftStarted
            | CaseEvent::DraftShared { .. }
            | CaseEvent::PlanIssued { .. }
            | CaseEvent::AppealWon { .. }
            | CaseEvent::PlanCeased { .. }
            | CaseEvent::AccessGiven
            | CaseEvent::SettingConsulted
            | CaseEvent::AdviceRequested
            | CaseEvent::TeamAnswered
            | CaseEvent::AdviceAllocated
            | CaseEvent::AdviceSubmitted
            | CaseEvent::AdviceClosed
            | CaseEvent::AdviceReopened
            | CaseEvent::Decided { .. }
            | CaseEvent::ExceptionRecorded
            | CaseEvent::CaseAllocated
            | CaseEvent::ChallengeRecorded => Err(Refused::Closed),
        };
    };
    match (event, from) {
        (CaseEvent::RequestRegistered, _) => Err(Refused::AlreadyOpen),
        // Access can still be given to a closed case's records, the case
        // passed to someone who will answer for them, and a refusal that
        // closed it challenged.
        (CaseEvent::AccessGiven | CaseEvent::CaseAllocated | CaseEvent::ChallengeRecorded, stage) => Ok(to(stage)),
        // A refusal overturned: the council assesses, or makes the plan.
        (CaseEvent::AppealWon { about, on }, Stage::Closed) => Ok(Transition {
            order: Some(Order { on, about }),
            ..to(match about {
                DecisionQuestion::Assess => Stage::NeedsAssessment,
                DecisionQuestion::Issue => Stage::DraftBeingDrafted,
            })
        }),
        // Only a refusal that closed the case reopens it.
        (CaseEvent::AppealWon { .. }, _) => Err(Refused::NotNow),
        (_, Stage::Closed) => Err(Refused::Closed),
        (CaseEvent::SettingConsulted, stage) => Ok(to(stage)),
        // Asking never moves the case: the decisions do.
        (
            CaseEvent::AdviceRequested
            | CaseEvent::TeamAnswered
            | CaseEvent::AdviceAllocated
            | CaseEvent::AdviceSubmitted
            | CaseEvent::AdviceClosed
            | CaseEvent::AdviceReopened
            | CaseEvent::ExceptionRecorded,
            stage,
        ) => Ok(to(stage)),
        (CaseEvent::Decided { question, agreed, on }, stage) => decide(question, agreed, on, stage, to),
        // A first draft moves the case on; a new version of a draft already
        // being written or shared, or an amendment of an issued plan, leaves it.
        (CaseEvent::DraftStarted, Stage::RequestReceived | Stage::InformationGathering | Stage::NeedsAssessment) => {
            Ok(to(Stage::DraftBeingDrafted))
        }
        (
            CaseEvent::DraftStarted,
            stage @ (Stage::DraftBeingDrafted | Stage::DraftShared | Stage::ReviewPending | Stage::ReviewInProgress),
        ) => Ok(to(stage)),
        // An amendment of an issued plan is shared while the case stays live.
        // The first draft sent to the family is a milestone an order's time
        // limit can be met by.
        (CaseEvent::DraftShared { on }, stage) => Ok(match stage.tray() {
            Tray::InProgress => Transition {
                draft_shared_on: Some(on),
                ..to(Stage::DraftShared)
            },
            Tray::Live | Tray::Closed => to(stage),
        }),
        (CaseEvent::PlanIssued { on }, _) => Ok(Transition {
            plan_issued_on: Some(on),
            ..to(Stage::ReviewPending)
        }),
        // Only a plan in force can cease.
        (CaseEvent::PlanCeased { .. }, stage) => match stage.tray() {
            Tray::Live => Ok(to(Stage::Closed)),
            Tray::InProgress | Tray::Closed => Err(Refused::NotNow),
        },
    }
}

/// A decision from the stage it is taken at. Whether to assess is decided
/// before the assessment; whether to issue once it is under way (a draft may
/// already be started for the panel). Either refusal closes the case.
fn decide(
    question: DecisionQuestion,
    agreed: bool,
    on: NaiveDate,
    stage: Stage,
    to: impl Fn(Stage) -> Transition,
) -> Result<Transition, Refused> {
    let next = if agreed { None } else { Some(Stage::Closed) };
    match (question, stage) {
        (DecisionQuestion::Assess, Stage::RequestReceived | Stage::InformationGathering) => Ok(Transition {
            decided_to_assess_on: Some(on),
            ..to(next.unwrap_or(Stage::NeedsAssessment))
        }),
        (DecisionQuestion::Issue, Stage::NeedsAssessment | Stage::DraftBeingDrafted) => Ok(Transition {
            decided_to_issue_on: Some(on),
            ..to(next.unwrap_or(stage))
        }),
        _ => Err(Refused::NotNow),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
    }

    fn stage_after(from: Option<Stage>, event: CaseEvent) -> Result<Stage, Refused> {
        transition(from, event).map(|t| t.stage)
    }

    #[test]
    fn a_request_opens_a_case_once() {
        assert_eq!(
            stage_after(None, CaseEvent::RequestRegistered),
            Ok(Stage::RequestReceived)
        );
        for stage in Stage::ALL {
            assert_eq!(
                stage_after(Some(stage), CaseEvent::RequestRegistered),
                Err(Refused::AlreadyOpen),
                "{stage:?}"
            );
        }
        assert_eq!(stage_after(None, CaseEvent::DraftStarted), Err(Refused::Closed));
    }

    #[test]
    fn the_first_draft_moves_the_case_on_and_later_versions_leave_it() {
        use Stage::*;
        let cases = [
            (RequestReceived, DraftBeingDrafted),
            (InformationGathering, DraftBeingDrafted),
            (NeedsAssessment, DraftBeingDrafted),
            (DraftBeingDrafted, DraftBeingDrafted),
            (DraftShared, DraftShared),
            (ReviewPending, ReviewPending),
            (ReviewInProgress, ReviewInProgress),
        ];
        for (from, to) in cases {
            assert_eq!(stage_after(Some(from), CaseEvent::DraftStarted), Ok(to), "{from:?}");
        }
        assert_eq!(stage_after(Some(Closed), CaseEvent::DraftStarted), Err(Refused::Closed));
    }

    #[test]
    fn sharing_a_draft_moves_a_case_in_progress_and_leaves_a_live_one_live() {
        assert_eq!(
            stage_after(Some(Stage::DraftBeingDrafted), CaseEvent::DraftShared { on: day() }),
            Ok(Stage::DraftShared)
        );
        assert_eq!(
            transition(Some(Stage::DraftBeingDrafted), CaseEvent::DraftShared { on: day() })
                .unwrap()
                .draft_shared_on,
            Some(day())
        );
        let amendment = transition(Some(Stage::ReviewPending), CaseEvent::DraftShared { on: day() }).unwrap();
        assert_eq!(
            (amendment.stage, amendment.draft_shared_on),
            (Stage::ReviewPending, None)
        );
        assert_eq!(
            stage_after(Some(Stage::Closed), CaseEvent::DraftShared { on: day() }),
            Err(Refused::Closed)
        );
    }

    #[test]
    fn issuing_the_plan_makes_the_case_live_and_sets_the_issue_date() {
        for from in [Stage::DraftShared, Stage::DraftBeingDrafted, Stage::ReviewPending] {
            let t = transition(Some(from), CaseEvent::PlanIssued { on: day() }).unwrap();
            assert_eq!(
                (t.stage, t.plan_issued_on),
                (Stage::ReviewPending, Some(day())),
                "{from:?}"
            );
            assert_eq!(t.stage.tray(), Tray::Live);
            assert_eq!(t.audit, AuditAction::PlanIssued);
        }
        assert_eq!(
            stage_after(Some(Stage::Closed), CaseEvent::PlanIssued { on: day() }),
            Err(Refused::Closed)
        );
    }

    #[test]
    fn consulting_a_setting_never_moves_the_case_but_not_on_a_closed_one() {
        for stage in Stage::ALL.into_iter().filter(|s| *s != Stage::Closed) {
            assert_eq!(
                stage_after(Some(stage), CaseEvent::SettingConsulted),
                Ok(stage),
                "{stage:?}"
            );
        }
        assert_eq!(
            stage_after(Some(Stage::Closed), CaseEvent::SettingConsulted),
            Err(Refused::Closed)
        );
    }

    fn decided(question: DecisionQuestion, agreed: bool) -> CaseEvent {
        CaseEvent::Decided {
            question,
            agreed,
            on: day(),
        }
    }

    #[test]
    fn deciding_to_assess_starts_the_assessment_and_refusing_closes_the_case() {
        use Stage::*;
        for from in [RequestReceived, InformationGathering] {
            let yes = transition(Some(from), decided(DecisionQuestion::Assess, true)).unwrap();
            assert_eq!((yes.stage, yes.decided_to_assess_on), (NeedsAssessment, Some(day())));
            assert_eq!(yes.audit, AuditAction::DecidedToAssess);
            let no = transition(Some(from), decided(DecisionQuestion::Assess, false)).unwrap();
            assert_eq!((no.stage, no.decided_to_assess_on), (Closed, Some(day())));
            assert_eq!(no.stage.tray(), Tray::Closed);
        }
        // Decided once: not again once the assessment is under way.
        for from in [NeedsAssessment, DraftBeingDrafted, DraftShared, ReviewPending, Closed] {
            assert!(
                transition(Some(from), decided(DecisionQuestion::Assess, true)).is_err(),
                "{from:?}"
            );
        }
    }

    #[test]
    fn deciding_to_issue_follows_the_assessment_and_refusing_closes_the_case() {
        use Stage::*;
        for from in [NeedsAssessment, DraftBeingDrafted] {
            let yes = transition(Some(from), decided(DecisionQuestion::Issue, true)).unwrap();
            assert_eq!((yes.stage, yes.decided_to_issue_on), (from, Some(day())));
            let no = transition(Some(from), decided(DecisionQuestion::Issue, false)).unwrap();
            assert_eq!((no.stage, no.audit), (Closed, AuditAction::DecidedNotToIssue));
        }
        for from in [RequestReceived, InformationGathering, DraftShared, ReviewPending] {
            assert_eq!(
                stage_after(Some(from), decided(DecisionQuestion::Issue, true)),
                Err(Refused::NotNow),
                "{from:?}"
            );
        }
        assert_eq!(
            stage_after(Some(Closed), decided(DecisionQuestion::Issue, true)),
            Err(Refused::Closed)
        );
    }

    #[test]
    fn an_appeal_won_reopens_a_closed_case_where_the_refusal_stopped_it() {
        let won = |about| CaseEvent::AppealWon { about, on: day() };
        let assess = transition(Some(Stage::Closed), won(DecisionQuestion::Assess)).unwrap();
        assert_eq!(
            (assess.stage, assess.order, assess.audit),
            (
                Stage::NeedsAssessment,
                Some(Order {
                    on: day(),
                    about: DecisionQuestion::Assess
                }),
                AuditAction::ReopenedOnAppeal
            )
        );
        assert_eq!(assess.stage.tray(), Tray::InProgress);
        let issue = transition(Some(Stage::Closed), won(DecisionQuestion::Issue)).unwrap();
        assert_eq!(issue.stage, Stage::DraftBeingDrafted);
        // An open case has no refusal standing to overturn.
        for from in Stage::ALL.into_iter().filter(|s| *s != Stage::Closed) {
            assert_eq!(
                stage_after(Some(from), won(DecisionQuestion::Assess)),
                Err(Refused::NotNow),
                "{from:?}"
            );
        }
        assert_eq!(stage_after(None, won(DecisionQuestion::Issue)), Err(Refused::Closed));
    }

    #[test]
    fn a_plan_in_force_ceases_and_closes_the_case() {
        let ceased = CaseEvent::PlanCeased { on: day() };
        for from in [Stage::ReviewPending, Stage::ReviewInProgress] {
            let t = transition(Some(from), ceased).unwrap();
            assert_eq!((t.stage, t.audit), (Stage::Closed, AuditAction::PlanCeased), "{from:?}");
        }
        for from in [Stage::RequestReceived, Stage::NeedsAssessment, Stage::DraftShared] {
            assert_eq!(stage_after(Some(from), ceased), Err(Refused::NotNow), "{from:?}");
        }
        assert_eq!(stage_after(Some(Stage::Closed), ceased), Err(Refused::Closed));
    }

    #[test]
    fn giving_access_never_moves_the_case() {
        for stage in Stage::ALL {
            let t = transition(Some(stage), CaseEvent::AccessGiven).unwrap();
            assert_eq!(
                (t.stage, t.plan_issued_on, t.audit),
                (stage, None, AuditAction::AccessGiven)
            );
        }
    }
}
