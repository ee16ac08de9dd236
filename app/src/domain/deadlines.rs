//! The statutory timeline of a case: each legal time limit, its date, and
//! whether it was met, is due, due soon or overdue.
//!
//! All limits are calendar time counted from the day the request was received
//! (SEND Regulations 2014, regs 4-5, 10 and 13): week 6 falls 42 days after it.
//! The numbers live in [`TimeLimits`] rather than in constants because the law is
//! under review and councils set their own warning periods.
//!
//! A refusal overturned on appeal (a tribunal's order, or the council
//! conceding) sets the clock again from the day it ended: what is left is
//! counted from that day instead (reg 44(2), and reg 45 for a concession).

use chrono::{Months, NaiveDate, TimeDelta};
use serde::{Deserialize, Serialize};

use super::decision::DecisionQuestion;
use super::stage::Stage;

/// The time limits the timeline is computed from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeLimits {
    /// Decide whether to assess, and tell the family (reg 4-5).
    pub decide_to_assess_weeks: u32,
    /// Decide whether to issue a plan (reg 10).
    pub decide_to_issue_weeks: u32,
    /// Issue the final plan (reg 13(2)).
    pub final_plan_weeks: u32,
    /// Review the plan within this many months of issue or of the last review (s44 CFA 2014).
    pub annual_review_months: u32,
    /// A deadline this many days away or fewer is shown as "due soon".
    pub due_soon_days: u32,
    /// Days a team or professional has to answer a request for information (stage 1).
    pub information_days: u32,
}

impl Default for TimeLimits {
    /// The limits in force in England, with a two-week warning.
    fn default() -> Self {
        TimeLimits {
            decide_to_assess_weeks: 6,
            decide_to_issue_weeks: 16,
            final_plan_weeks: 20,
            annual_review_months: 12,
            due_soon_days: 14,
            information_days: 15,
        }
    }
}

/// What has happened on a case so far: the dates the timeline is measured against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestones {
    pub request_received: NaiveDate,
    pub decided_to_assess: Option<NaiveDate>,
    pub decided_to_issue: Option<NaiveDate>,
    pub plan_issued: Option<NaiveDate>,
    pub last_reviewed: Option<NaiveDate>,
    /// The first draft plan sent to the family after an order to make a plan.
    pub draft_shared: Option<NaiveDate>,
    /// The refusal overturned on appeal, if one was: what is left runs from it.
    pub order: Option<Order>,
}

impl Milestones {
    /// A case just received: nothing done yet.
    pub fn received(on: NaiveDate) -> Self {
        Milestones {
            request_received: on,
            decided_to_assess: None,
            decided_to_issue: None,
            plan_issued: None,
            last_reviewed: None,
            draft_shared: None,
            order: None,
        }
    }
}

/// A refusal overturned on appeal: the tribunal ordered the council to
/// assess or to make a plan, or the council conceded the appeal, on `on`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    pub on: NaiveDate,
    /// The decision that was overturned.
    pub about: DecisionQuestion,
}

/// The time limits that run from an order (reg 44(2)(b) and (c)), in weeks.
/// The law fixes them; councils do not set their own.
pub mod order_weeks {
    /// After an order to assess: decide not to issue a plan within 10 weeks...
    pub const ASSESS_DECIDE: u32 = 10;
    /// ...or send the final plan within 14 weeks.
    pub const ASSESS_FINAL: u32 = 14;
    /// After an order to make a plan: the draft within 5 weeks...
    pub const PLAN_DRAFT: u32 = 5;
    /// ...and the final plan within 11 weeks.
    pub const PLAN_FINAL: u32 = 11;
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeadlineKind {
    DecideToAssess,
    DecideToIssue,
    IssueFinalPlan,
    AnnualReview,
    /// After an order to make a plan: the draft sent to the family.
    ShareDraftPlan,
}

impl DeadlineKind {
    pub fn label(self) -> &'static str {
        match self {
            DeadlineKind::DecideToAssess => "Decision whether to assess",
            DeadlineKind::DecideToIssue => "Decision whether to issue a plan",
            DeadlineKind::IssueFinalPlan => "Final plan issued",
            DeadlineKind::AnnualReview => "Annual review completed",
            DeadlineKind::ShareDraftPlan => "Draft plan sent to the family",
        }
    }
}

/// Where one deadline stands on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeadlineStatus {
    /// Done on this date; `late` if after the deadline.
    Done { on: NaiveDate, late: bool },
    /// Not done, and more than the warning period away.
    Due,
    /// Not done, and within the warning period (today included).
    DueSoon,
    /// Not done, and the date has passed.
    Overdue,
}

impl DeadlineStatus {
    pub fn label(self) -> &'static str {
        match self {
            DeadlineStatus::Done { late: false, .. } => "Done",
            DeadlineStatus::Done { late: true, .. } => "Done late",
            DeadlineStatus::Due => "Due",
            DeadlineStatus::DueSoon => "Due soon",
            DeadlineStatus::Overdue => "Overdue",
        }
    }

    pub fn is_done(self) -> bool {
        matches!(self, DeadlineStatus::Done { .. })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    pub kind: DeadlineKind,
    /// "Week 6" for the 20-week pathway; none for the annual review.
    pub week: Option<u32>,
    /// `week` counts from a tribunal's order (or a concession), not the request.
    #[serde(default)]
    pub after_order: bool,
    pub due: NaiveDate,
    pub status: DeadlineStatus,
    /// An exception to the time limit applies (regs 5(4), 10(4), 13(3));
    /// see [`super::exception::apply`].
    #[serde(default)]
    pub excepted: bool,
}

/// Where a deadline stands on `today`: done (on time or late), overdue, due soon or due.
pub fn status(due: NaiveDate, done: Option<NaiveDate>, today: NaiveDate, limits: &TimeLimits) -> DeadlineStatus {
    match done {
        Some(on) => DeadlineStatus::Done { on, late: on > due },
        None if today > due => DeadlineStatus::Overdue,
        None if (due - today).num_days() <= i64::from(limits.due_soon_days) => DeadlineStatus::DueSoon,
        None => DeadlineStatus::Due,
    }
}

/// The day `weeks` calendar weeks after `start`: how every pathway limit is counted.
pub fn weeks_after(start: NaiveDate, weeks: u32) -> NaiveDate {
    start + TimeDelta::days(i64::from(weeks) * 7)
}

/// One deadline before it is compared with a day: when it falls and when, if
/// ever, it was met.
struct Scheduled {
    kind: DeadlineKind,
    week: Option<u32>,
    after_order: bool,
    due: NaiveDate,
    done: Option<NaiveDate>,
}

impl Scheduled {
    fn from_request(m: &Milestones, kind: DeadlineKind, weeks: u32, done: Option<NaiveDate>) -> Self {
        Scheduled {
            kind,
            week: Some(weeks),
            after_order: false,
            due: weeks_after(m.request_received, weeks),
            done,
        }
    }

    fn from_order(order: Order, kind: DeadlineKind, weeks: u32, done: Option<NaiveDate>) -> Self {
        Scheduled {
            kind,
            week: Some(weeks),
            after_order: true,
            due: weeks_after(order.on, weeks),
            done,
        }
    }
}

/// The deadlines of a case in order. The three deadlines of the 20-week
/// pathway are always there; once a plan is issued, the next annual review
/// follows. A closed case has nothing left due, so deadlines it never reached
/// are left out.
fn schedule(stage: Stage, m: &Milestones, limits: &TimeLimits) -> Vec<Scheduled> {
    use DeadlineKind as K;
    let assess = Scheduled::from_request(m, K::DecideToAssess, limits.decide_to_assess_weeks, m.decided_to_assess);
    let mut deadlines = match m.order {
        None => vec![
            assess,
            Scheduled::from_request(m, K::DecideToIssue, limits.decide_to_issue_weeks, m.decided_to_issue),
            Scheduled::from_request(m, K::IssueFinalPlan, limits.final_plan_weeks, m.plan_issued),
        ],
        // The refusal stays as it was decided; what the order asks runs from its day.
        Some(
            order @ Order {
                about: DecisionQuestion::Assess,
                ..
            },
        ) => vec![
            assess,
            Scheduled::from_order(order, K::DecideToIssue, order_weeks::ASSESS_DECIDE, m.decided_to_issue),
            Scheduled::from_order(order, K::IssueFinalPlan, order_weeks::ASSESS_FINAL, m.plan_issued),
        ],
        Some(
            order @ Order {
                about: DecisionQuestion::Issue,
                ..
            },
        ) => vec![
            assess,
            Scheduled::from_request(m, K::DecideToIssue, limits.decide_to_issue_weeks, m.decided_to_issue),
            Scheduled::from_order(order, K::ShareDraftPlan, order_weeks::PLAN_DRAFT, m.draft_shared),
            Scheduled::from_order(order, K::IssueFinalPlan, order_weeks::PLAN_FINAL, m.plan_issued),
        ],
    };
    deadlines.retain(|s| stage != Stage::Closed || s.done.is_some());
    if let (Some(due), true) = (next_review_due(m, limits), stage != Stage::Closed) {
        deadlines.push(Scheduled {
            kind: K::AnnualReview,
            week: None,
            after_order: false,
            due,
            done: None,
        });
    }
    deadlines
}

/// The statutory timeline of a case on `today`.
pub fn timeline(stage: Stage, m: &Milestones, today: NaiveDate, limits: &TimeLimits) -> Vec<Deadline> {
    schedule(stage, m, limits)
        .into_iter()
        .map(|s| Deadline {
            kind: s.kind,
            week: s.week,
            after_order: s.after_order,
            due: s.due,
            status: status(s.due, s.done, today, limits),
            excepted: false,
        })
        .collect()
}

/// The date of the first deadline not yet met. It does not depend on the day
/// it is asked, so it can be stored and used to sort and filter work trays.
pub fn next_due(stage: Stage, m: &Milestones, limits: &TimeLimits) -> Option<NaiveDate> {
    schedule(stage, m, limits)
        .into_iter()
        .find(|s| s.done.is_none())
        .map(|s| s.due)
}

/// The trays' sort key for a case whose next deadline is `next`: never empty,
/// so one index gives a tray's pages in order on both engines (which disagree
/// on where an empty date sorts).
pub fn sort_key(next: Option<NaiveDate>) -> NaiveDate {
    next.unwrap_or(far_future())
}

/// 31 December 9999: the far future, as both engines store a date.
pub fn far_future() -> NaiveDate {
    NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX)
}

/// The date the next annual review must be completed by, once a plan is issued.
pub fn next_review_due(m: &Milestones, limits: &TimeLimits) -> Option<NaiveDate> {
    let from = m.last_reviewed.or(m.plan_issued)?;
    from.checked_add_months(Months::new(limits.annual_review_months))
}

/// The first deadline not yet met: what the case list shows.
pub fn next_deadline(deadlines: &[Deadline]) -> Option<Deadline> {
    deadlines.iter().find(|d| !d.status.is_done()).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn received(on: NaiveDate) -> Milestones {
        Milestones::received(on)
    }

    #[test]
    fn pathway_deadlines_are_calendar_weeks_from_the_request() {
        // Received Monday 5 January 2026.
        let m = received(d(2026, 1, 5));
        let t = timeline(Stage::RequestReceived, &m, d(2026, 1, 5), &TimeLimits::default());
        let dues: Vec<_> = t.iter().map(|x| (x.kind, x.week, x.due)).collect();
        assert_eq!(
            dues,
            vec![
                (DeadlineKind::DecideToAssess, Some(6), d(2026, 2, 16)),
                (DeadlineKind::DecideToIssue, Some(16), d(2026, 4, 27)),
                (DeadlineKind::IssueFinalPlan, Some(20), d(2026, 5, 25)),
            ]
        );
    }

    #[test]
    fn deadlines_cross_year_ends_and_leap_days() {
        let cases = [
            // (received, week 6, week 16, week 20)
            (d(2025, 11, 20), d(2026, 1, 1), d(2026, 3, 12), d(2026, 4, 9)),
            (d(2027, 12, 31), d(2028, 2, 11), d(2028, 4, 21), d(2028, 5, 19)),
            (d(2028, 1, 18), d(2028, 2, 29), d(2028, 5, 9), d(2028, 6, 6)),
        ];
        for (on, w6, w16, w20) in cases {
            let t = timeline(Stage::RequestReceived, &received(on), on, &TimeLimits::default());
            let dues: Vec<_> = t.iter().map(|x| x.due).collect();
            assert_eq!(dues, vec![w6, w16, w20], "received {on}");
        }
    }

    #[test]
    fn status_depends_on_today_and_the_warning_period() {
        let due = d(2026, 2, 16);
        let limits = TimeLimits::default();
        let cases = [
            (d(2026, 1, 5), DeadlineStatus::Due),
            (d(2026, 2, 1), DeadlineStatus::Due),
            (d(2026, 2, 2), DeadlineStatus::DueSoon),
            (d(2026, 2, 16), DeadlineStatus::DueSoon),
            (d(2026, 2, 17), DeadlineStatus::Overdue),
        ];
        for (today, want) in cases {
            assert_eq!(status(due, None, today, &limits), want, "today {today}");
        }
    }

    #[test]
    fn met_deadlines_are_done_and_late_ones_say_so() {
        let mut m = received(d(2026, 1, 5));
        m.decided_to_assess = Some(d(2026, 2, 16));
        m.decided_to_issue = Some(d(2026, 4, 28));
        let t = timeline(Stage::DraftBeingDrafted, &m, d(2026, 5, 1), &TimeLimits::default());
        assert_eq!(
            t[0].status,
            DeadlineStatus::Done {
                on: d(2026, 2, 16),
                late: false
            }
        );
        assert_eq!(
            t[1].status,
            DeadlineStatus::Done {
                on: d(2026, 4, 28),
                late: true
            }
        );
        assert_eq!(t[2].status, DeadlineStatus::Due);
        assert_eq!(next_deadline(&t).map(|x| x.kind), Some(DeadlineKind::IssueFinalPlan));
        assert_eq!(
            next_due(Stage::DraftBeingDrafted, &m, &TimeLimits::default()),
            Some(d(2026, 5, 25))
        );
    }

    #[test]
    fn an_issued_plan_is_reviewed_within_twelve_months() {
        let mut m = received(d(2025, 1, 6));
        m.decided_to_assess = Some(d(2025, 2, 10));
        m.decided_to_issue = Some(d(2025, 4, 14));
        m.plan_issued = Some(d(2025, 5, 19));
        let limits = TimeLimits::default();
        let t = timeline(Stage::ReviewPending, &m, d(2026, 5, 10), &limits);
        let review = next_deadline(&t).unwrap();
        assert_eq!(review.kind, DeadlineKind::AnnualReview);
        assert_eq!(review.due, d(2026, 5, 19));
        assert_eq!(review.status, DeadlineStatus::DueSoon);

        m.last_reviewed = Some(d(2026, 5, 12));
        assert_eq!(next_review_due(&m, &limits), Some(d(2027, 5, 12)));
    }

    #[test]
    fn a_review_due_on_29_february_moves_to_28_february() {
        let mut m = received(d(2023, 1, 2));
        m.plan_issued = Some(d(2024, 2, 29));
        assert_eq!(next_review_due(&m, &TimeLimits::default()), Some(d(2025, 2, 28)));
    }

    #[test]
    fn a_closed_case_has_nothing_due() {
        let mut m = received(d(2026, 1, 5));
        m.decided_to_assess = Some(d(2026, 2, 10));
        let t = timeline(Stage::Closed, &m, d(2026, 9, 1), &TimeLimits::default());
        assert_eq!(t.len(), 1);
        assert_eq!(next_deadline(&t), None);
        assert_eq!(next_due(Stage::Closed, &m, &TimeLimits::default()), None);
    }

    #[test]
    fn an_order_to_assess_counts_what_is_left_from_the_order() {
        // Refused on 9 February 2026; the tribunal ordered an assessment on 1 June.
        let mut m = received(d(2026, 1, 5));
        m.decided_to_assess = Some(d(2026, 2, 9));
        m.order = Some(Order {
            on: d(2026, 6, 1),
            about: DecisionQuestion::Assess,
        });
        let t = timeline(Stage::NeedsAssessment, &m, d(2026, 6, 2), &TimeLimits::default());
        let dues: Vec<_> = t.iter().map(|x| (x.kind, x.week, x.after_order, x.due)).collect();
        assert_eq!(
            dues,
            vec![
                (DeadlineKind::DecideToAssess, Some(6), false, d(2026, 2, 16)),
                (DeadlineKind::DecideToIssue, Some(10), true, d(2026, 8, 10)),
                (DeadlineKind::IssueFinalPlan, Some(14), true, d(2026, 9, 7)),
            ]
        );
        assert_eq!(
            t[0].status,
            DeadlineStatus::Done {
                on: d(2026, 2, 9),
                late: false
            }
        );
        assert_eq!(
            next_due(Stage::NeedsAssessment, &m, &TimeLimits::default()),
            Some(d(2026, 8, 10))
        );
    }

    #[test]
    fn an_order_to_make_a_plan_wants_a_draft_in_five_weeks_and_the_plan_in_eleven() {
        let mut m = received(d(2026, 1, 5));
        m.decided_to_assess = Some(d(2026, 2, 9));
        m.decided_to_issue = Some(d(2026, 4, 20));
        m.order = Some(Order {
            on: d(2026, 12, 21),
            about: DecisionQuestion::Issue,
        });
        let limits = TimeLimits::default();
        let t = timeline(Stage::DraftBeingDrafted, &m, d(2026, 12, 22), &limits);
        let left: Vec<_> = t
            .iter()
            .filter(|x| !x.status.is_done())
            .map(|x| (x.kind, x.due))
            .collect();
        // Across the year end: 5 and 11 calendar weeks.
        assert_eq!(
            left,
            vec![
                (DeadlineKind::ShareDraftPlan, d(2027, 1, 25)),
                (DeadlineKind::IssueFinalPlan, d(2027, 3, 8)),
            ]
        );
        m.draft_shared = Some(d(2027, 1, 26));
        let t = timeline(Stage::DraftShared, &m, d(2027, 1, 27), &limits);
        assert_eq!(
            t[2].status,
            DeadlineStatus::Done {
                on: d(2027, 1, 26),
                late: true
            }
        );
        assert_eq!(next_due(Stage::DraftShared, &m, &limits), Some(d(2027, 3, 8)));
    }

    #[test]
    fn limits_come_from_configuration() {
        let limits = TimeLimits {
            decide_to_assess_weeks: 4,
            due_soon_days: 0,
            ..TimeLimits::default()
        };
        let t = timeline(Stage::RequestReceived, &received(d(2026, 1, 5)), d(2026, 2, 2), &limits);
        assert_eq!(t[0].due, d(2026, 2, 2));
        assert_eq!(t[0].status, DeadlineStatus::DueSoon);
        assert_eq!(t[1].status, DeadlineStatus::Due);
    }
}
