//! Ceasing a plan: the council stops maintaining a child's or young
//! person's EHC plan (s45 Children and Families Act 2014), for one of the
//! reasons the DfE's SEN2 return counts. What the caseworker records, once
//! the plan has stopped (after the time for an appeal has passed, or the
//! appeal has ended), and the rules it is checked by.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::dates::{DateParts, long_date};
use super::new_case::check_date;
use super::stored::stored_enum;
use crate::error::FieldErrors;

stored_enum! {
    /// Why the plan ceased, stored under its SEN2 code (1 to 9).
    #[derive(Hash)]
    pub enum CeaseReason {
        MaximumAge = "1",
        NeedsMetWithoutPlan = "2",
        HigherEducation = "3",
        Employment = "4",
        OtherCouncil = "5",
        NoLongerEngaged = "6",
        LeftEngland = "7",
        Died = "8",
        Other = "9",
    }
}

impl CeaseReason {
    /// The reason as the form offers it.
    pub fn label(self) -> &'static str {
        match self {
            CeaseReason::MaximumAge => "Reached the maximum age (the end of the academic year they turned 25)",
            CeaseReason::NeedsMetWithoutPlan => "Education or training needs now met without a plan",
            CeaseReason::HigherEducation => "Moved on to higher education",
            CeaseReason::Employment => "Moved on to paid employment (not an apprenticeship)",
            CeaseReason::OtherCouncil => "Moved to another council in England, which maintains the plan now",
            CeaseReason::NoLongerEngaged => "The young person no longer takes part in education or training",
            CeaseReason::LeftEngland => "Moved outside England",
            CeaseReason::Died => "The child or young person has died",
            CeaseReason::Other => "Another reason (say which in the note)",
        }
    }
}

/// The form as typed, so it can be shown again with errors.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CeaseInput {
    pub case: String,
    /// The case's version when the form was shown.
    pub version: String,
    pub reason: String,
    pub ceased_on: DateParts,
    pub note: String,
}

/// A cessation that has passed validation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ceased {
    pub reason: CeaseReason,
    pub on: NaiveDate,
    pub note: String,
}

const NOTE_MAX: usize = 5_000;

impl CeaseInput {
    /// Checks the record for a plan issued on `issued` against `today`.
    ///
    /// # Errors
    /// Every problem found, in the order the fields appear on the form.
    pub fn validate(&self, issued: NaiveDate, today: NaiveDate) -> Result<Ceased, FieldErrors> {
        let mut errors = FieldErrors::default();
        let reason = CeaseReason::parse(&self.reason);
        if reason.is_none() {
            errors.add("reason", "reason-1", "Select why the plan ceased");
        }
        let on = check_date(&mut errors, "ceased_on", &self.ceased_on, "date the plan ceased").filter(|&on| {
            let problem = if on > today {
                Some("The date the plan ceased must be today or in the past".to_owned())
            } else if on < issued {
                Some(format!(
                    "The date the plan ceased must be on or after the day it was issued, {}",
                    long_date(issued)
                ))
            } else {
                None
            };
            if let Some(message) = &problem {
                errors.add("ceased_on", "ceased_on-day", message.clone());
            }
            problem.is_none()
        });
        let required = (reason == Some(CeaseReason::Other)).then_some("Say why the plan ceased");
        let note = errors.text("note", &self.note, required, NOTE_MAX, "The note");
        match (reason, on) {
            (Some(reason), Some(on)) if errors.is_empty() => Ok(Ceased { reason, on, note }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn input() -> CeaseInput {
        CeaseInput {
            reason: "3".into(),
            ceased_on: DateParts::new("30", "11", "2026"),
            ..Default::default()
        }
    }

    #[test]
    fn a_plan_ceases_for_a_reason_sen2_counts_on_a_day_after_it_was_issued() {
        let ceased = input().validate(day(2024, 6, 1), day(2026, 12, 4)).unwrap();
        assert_eq!(
            (ceased.reason, ceased.on),
            (CeaseReason::HigherEducation, day(2026, 11, 30))
        );
        assert_eq!(CeaseReason::HigherEducation.as_str(), "3");
        let early = input().validate(day(2026, 12, 1), day(2026, 12, 4)).unwrap_err();
        assert!(
            early
                .get("ceased_on")
                .unwrap()
                .contains("on or after the day it was issued")
        );
        let future = input().validate(day(2024, 6, 1), day(2026, 11, 29)).unwrap_err();
        assert!(future.get("ceased_on").unwrap().contains("today or in the past"));
    }

    #[test]
    fn another_reason_must_be_said_and_an_empty_form_names_each_question() {
        let other = CeaseInput {
            reason: "9".into(),
            ..input()
        };
        let errors = other.validate(day(2024, 6, 1), day(2026, 12, 4)).unwrap_err();
        assert_eq!(errors.get("note"), Some("Say why the plan ceased"));
        let errors = CeaseInput::default()
            .validate(day(2024, 6, 1), day(2026, 12, 4))
            .unwrap_err();
        assert_eq!(
            errors.0.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(),
            vec!["reason", "ceased_on"]
        );
    }
}
