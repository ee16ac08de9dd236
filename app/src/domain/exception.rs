//! The exceptions to the 6, 16 and 20-week time limits (SEND Regulations
//! 2014, regs 5(4), 10(4) and 13(3)): what a caseworker records on a case,
//! the rules it must meet, and which deadlines it excuses. The council must
//! still act as soon as it can; the figures count plans issued within 20
//! weeks with and without exceptions, as the law and SEN2 do.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::dates::{DateParts, long_date};
use super::deadlines::{Deadline, DeadlineKind};
use super::new_case::check_date;
use super::stored::stored_enum;
use crate::error::FieldErrors;

stored_enum! {
    /// Why a time limit does not apply.
    #[derive(Hash)]
    pub enum ExceptionKind {
        /// Advice was asked of a school, college or early years setting from a
        /// week before it closed for 4 weeks or more until a week before it re-opened.
        SettingClosed = "setting_closed",
        /// Exceptional personal circumstances affect the child, young person or parent.
        PersonalCircumstances = "personal_circumstances",
        /// The child, young person or parent is away from the council's area for 4 weeks or more.
        AwayFromArea = "away_from_area",
    }
}

impl ExceptionKind {
    pub fn label(self) -> &'static str {
        match self {
            ExceptionKind::SettingClosed => "The school, college or setting was closed for 4 weeks or more",
            ExceptionKind::PersonalCircumstances => "Exceptional personal circumstances",
            ExceptionKind::AwayFromArea => "The child or family was away from the area for 4 weeks or more",
        }
    }

    /// Where the law says so, for the hint and the case record.
    pub fn regulation(self) -> &'static str {
        match self {
            ExceptionKind::SettingClosed => "regs 5(4)(a), 10(4)(a), 13(3)(a)",
            ExceptionKind::PersonalCircumstances => "regs 5(4)(b), 10(4)(b), 13(3)(b)",
            ExceptionKind::AwayFromArea => "regs 5(4)(c), 10(4)(c), 13(3)(c)",
        }
    }

    /// Whether the law asks for a continuous period of at least 4 weeks.
    fn needs_four_weeks(self) -> bool {
        !matches!(self, ExceptionKind::PersonalCircumstances)
    }
}

/// An exception recorded on a case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseException {
    pub id: i64,
    pub kind: ExceptionKind,
    pub starts_on: NaiveDate,
    /// `None` while it goes on.
    pub ends_on: Option<NaiveDate>,
    pub note: String,
}

impl CaseException {
    /// "From 1 December 2026 to 5 January 2027", or "From 1 December 2026, continuing".
    pub fn period(&self) -> String {
        match self.ends_on {
            Some(end) => format!("From {} to {}", long_date(self.starts_on), long_date(end)),
            None => format!("From {}, continuing", long_date(self.starts_on)),
        }
    }
}

/// The pathway's time limits an exception can excuse; the annual review has none.
fn excusable(kind: DeadlineKind) -> bool {
    matches!(
        kind,
        DeadlineKind::DecideToAssess | DeadlineKind::DecideToIssue | DeadlineKind::IssueFinalPlan
    )
}

/// The exception that excuses `deadline`, if one does: one that began on or
/// before the day it fell due, while the deadline was still to be met.
pub fn excusing<'a>(deadline: &Deadline, exceptions: &'a [CaseException]) -> Option<&'a CaseException> {
    if !excusable(deadline.kind) {
        return None;
    }
    let met = match deadline.status {
        super::deadlines::DeadlineStatus::Done { on, .. } => Some(on),
        _ => None,
    };
    exceptions.iter().find(|e| e.excuses(deadline.due, met))
}

impl CaseException {
    /// Whether this exception excuses a time limit falling on `due`, met on
    /// `met` if it was: it began by the day it fell due, while it was still
    /// to be met.
    pub fn excuses(&self, due: NaiveDate, met: Option<NaiveDate>) -> bool {
        self.starts_on <= due && met.is_none_or(|on| on >= self.starts_on)
    }
}

/// Marks each deadline an exception excuses.
pub fn apply(deadlines: &mut [Deadline], exceptions: &[CaseException]) {
    for deadline in deadlines {
        deadline.excepted = excusing(deadline, exceptions).is_some();
    }
}

/// The exception form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExceptionInput {
    pub case: String,
    pub kind: String,
    pub starts_on: DateParts,
    pub ends_on: DateParts,
    pub note: String,
}

/// An exception that has passed validation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewException {
    pub kind: ExceptionKind,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub note: String,
}

const NOTE_MAX: usize = 2_000;

impl ExceptionInput {
    /// Checks the exception for a request received on `received`.
    ///
    /// # Errors
    /// Every problem found, in the order the fields appear on the form.
    pub fn validate(&self, received: NaiveDate) -> Result<NewException, FieldErrors> {
        let mut errors = FieldErrors::default();
        let kind = ExceptionKind::parse(&self.kind);
        if kind.is_none() {
            errors.add("kind", "kind-setting_closed", "Select which exception applies");
        }
        let starts_on = check_date(&mut errors, "starts_on", &self.starts_on, "date it started").filter(|&on| {
            let early = on < received;
            if early {
                errors.add(
                    "starts_on",
                    "starts_on-day",
                    format!(
                        "The date it started must be on or after the day the request was received, {}",
                        long_date(received)
                    ),
                );
            }
            !early
        });
        let typed_end = self.ends_on != DateParts::default();
        let ends_on = if typed_end {
            check_date(&mut errors, "ends_on", &self.ends_on, "date it ended")
        } else {
            None
        };
        if let (Some(start), Some(end)) = (starts_on, ends_on) {
            if end < start {
                errors.add(
                    "ends_on",
                    "ends_on-day",
                    "The date it ended must be on or after the date it started",
                );
            } else if kind.is_some_and(ExceptionKind::needs_four_weeks) && (end - start).num_days() < 28 {
                errors.add(
                    "ends_on",
                    "ends_on-day",
                    "This exception applies only to a period of 4 weeks or more: check the dates",
                );
            }
        }
        let note = errors.text(
            "note",
            &self.note,
            Some("Enter a note saying what happened"),
            NOTE_MAX,
            "The note",
        );
        match (kind, starts_on) {
            (Some(kind), Some(starts_on)) if errors.is_empty() => Ok(NewException {
                kind,
                starts_on,
                ends_on,
                note,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::deadlines::{Milestones, TimeLimits, timeline};
    use crate::domain::stage::Stage;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn exception(starts_on: NaiveDate) -> CaseException {
        CaseException {
            id: 1,
            kind: ExceptionKind::AwayFromArea,
            starts_on,
            ends_on: None,
            note: "Family abroad".into(),
        }
    }

    #[test]
    fn an_exception_excuses_the_deadlines_not_met_when_it_began() {
        // Received 7 September 2026: week 6 is 19 October, week 16 is 28 December.
        let m = Milestones {
            decided_to_assess: Some(day(2026, 10, 12)),
            ..Milestones::received(day(2026, 9, 7))
        };
        let mut t = timeline(Stage::NeedsAssessment, &m, day(2027, 1, 4), &TimeLimits::default());
        apply(&mut t, &[exception(day(2026, 11, 2))]);
        let excepted: Vec<(DeadlineKind, bool)> = t.iter().map(|d| (d.kind, d.excepted)).collect();
        assert_eq!(
            excepted,
            [
                (DeadlineKind::DecideToAssess, false),
                (DeadlineKind::DecideToIssue, true),
                (DeadlineKind::IssueFinalPlan, true),
            ]
        );
        // One that starts after a deadline has passed does not excuse it.
        let mut t = timeline(Stage::NeedsAssessment, &m, day(2027, 1, 4), &TimeLimits::default());
        apply(&mut t, &[exception(day(2026, 12, 29))]);
        assert!(!t[1].excepted);
        assert!(t[2].excepted);
    }

    #[test]
    fn the_four_week_exceptions_need_four_weeks() {
        let received = day(2026, 9, 7);
        let mut typed = ExceptionInput {
            kind: "away_from_area".into(),
            starts_on: DateParts::new("1", "11", "2026"),
            ends_on: DateParts::new("28", "11", "2026"),
            note: "Visiting grandparents abroad.".into(),
            ..ExceptionInput::default()
        };
        let errors = typed.validate(received).unwrap_err();
        assert!(errors.get("ends_on").unwrap().contains("4 weeks or more"));
        typed.ends_on = DateParts::new("29", "11", "2026");
        let ok = typed.validate(received).unwrap();
        assert_eq!(ok.ends_on, Some(day(2026, 11, 29)));
        // Personal circumstances have no minimum, and may go on.
        typed.kind = "personal_circumstances".into();
        typed.ends_on = DateParts::default();
        assert_eq!(typed.validate(received).unwrap().ends_on, None);
    }

    #[test]
    fn an_exception_needs_its_kind_a_start_and_a_note() {
        let errors = ExceptionInput::default().validate(day(2026, 9, 7)).unwrap_err();
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["kind", "starts_on", "note"]);
        let early = ExceptionInput {
            kind: "setting_closed".into(),
            starts_on: DateParts::new("1", "9", "2026"),
            note: "Closed for rebuilding".into(),
            ..ExceptionInput::default()
        }
        .validate(day(2026, 9, 7))
        .unwrap_err();
        assert!(early.get("starts_on").unwrap().contains("7 September 2026"));
    }
}
