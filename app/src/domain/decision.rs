//! The two statutory decisions on the 20-week pathway: whether to carry out
//! an EHC needs assessment (by week 6, regs 4–5) and whether to issue a plan
//! (by week 16, reg 10). What a caseworker or panel member records for each,
//! the rules it must meet, and the time the family has to appeal a refusal.

use std::collections::BTreeMap;

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::dates::DateParts;
use super::new_case::check_date;
use super::plan::part::Part;
use super::stored::stored_enum;
use crate::error::FieldErrors;

stored_enum! {
    /// Which of the two decisions.
    #[derive(Hash)]
    pub enum DecisionQuestion {
        /// Whether to carry out an EHC needs assessment.
        Assess = "assess",
        /// Whether to issue an EHC plan after the assessment.
        Issue = "issue",
    }
}

impl DecisionQuestion {
    /// "Decision whether to assess": the heading of the page and the letter.
    pub fn label(self) -> &'static str {
        match self {
            DecisionQuestion::Assess => "Decision whether to assess",
            DecisionQuestion::Issue => "Decision whether to issue a plan",
        }
    }

    /// The decision as it reads once made.
    pub fn outcome(self, agreed: bool) -> &'static str {
        match (self, agreed) {
            (DecisionQuestion::Assess, true) => "To assess",
            (DecisionQuestion::Assess, false) => "Not to assess",
            (DecisionQuestion::Issue, true) => "To issue a plan",
            (DecisionQuestion::Issue, false) => "Not to issue a plan",
        }
    }

    /// The two answers as the form offers them.
    pub fn answers(self) -> [(&'static str, &'static str); 2] {
        match self {
            DecisionQuestion::Assess => [
                ("yes", "Assess: carry out an EHC needs assessment"),
                ("no", "Do not assess"),
            ],
            DecisionQuestion::Issue => [("yes", "Issue an EHC plan"), ("no", "Do not issue a plan")],
        }
    }
}

/// The areas of need a decision to assess can name as meeting the threshold.
pub const THRESHOLD_AREAS: [Part; 4] = Part::SEN_AREAS;

/// The longest reasons or recommendations kept, in characters.
const TEXT_MAX: usize = 10_000;

/// The decision form as typed, so it can be shown again with errors.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DecisionInput {
    pub case: String,
    /// The case's version when the form was shown.
    pub version: String,
    pub question: String,
    /// `yes` or `no`.
    pub outcome: String,
    pub decided_on: DateParts,
    pub reasons: String,
    /// Areas ticked: the part's stored name to `yes`.
    pub areas: BTreeMap<String, String>,
    pub recommendations: String,
}

/// A decision that has passed validation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decided {
    pub question: DecisionQuestion,
    pub agreed: bool,
    pub on: NaiveDate,
    pub reasons: String,
    /// The areas of need that meet the threshold (a decision to assess).
    pub areas: Vec<Part>,
    /// The panel's recommendations to the plan writer (a decision to issue).
    pub recommendations: String,
}

impl DecisionInput {
    /// Checks the decision on `today` for a request received on `received`.
    ///
    /// # Errors
    /// Every problem found, in the order the fields appear on the form.
    pub fn validate(
        &self,
        question: DecisionQuestion,
        received: NaiveDate,
        today: NaiveDate,
    ) -> Result<Decided, FieldErrors> {
        let mut errors = FieldErrors::default();
        let agreed = match self.outcome.as_str() {
            "yes" => Some(true),
            "no" => Some(false),
            _ => {
                errors.add("outcome", "outcome-yes", "Select the decision");
                None
            }
        };
        let on = check_date(&mut errors, "decided_on", &self.decided_on, "date of the decision").filter(|&on| {
            let problem = if on > today {
                Some("The date of the decision must be today or in the past".to_owned())
            } else if on < received {
                Some(format!(
                    "The date of the decision must be on or after the day the request was received, {}",
                    super::dates::long_date(received)
                ))
            } else {
                None
            };
            if let Some(message) = &problem {
                errors.add("decided_on", "decided_on-day", message.clone());
            }
            problem.is_none()
        });
        let reasons = errors.text(
            "reasons",
            &self.reasons,
            Some("Enter the reasons for the decision: the letter gives them to the family"),
            TEXT_MAX,
            "This",
        );
        let areas: Vec<Part> = THRESHOLD_AREAS
            .into_iter()
            .filter(|part| self.areas.contains_key(part.as_str()))
            .collect();
        if question == DecisionQuestion::Assess && agreed == Some(true) && areas.is_empty() {
            errors.add(
                "areas",
                &format!("areas-{}", THRESHOLD_AREAS[0].as_str()),
                "Select the areas of need that meet the threshold for an assessment",
            );
        }
        let recommendations = errors.text("recommendations", &self.recommendations, None, TEXT_MAX, "This");
        match (agreed, on) {
            (Some(agreed), Some(on)) if errors.is_empty() => Ok(Decided {
                question,
                agreed,
                on,
                reasons,
                // Only a decision to assess names areas; only one to issue recommends.
                areas: if question == DecisionQuestion::Assess && agreed {
                    areas
                } else {
                    Vec::new()
                },
                recommendations: if question == DecisionQuestion::Issue && agreed {
                    recommendations
                } else {
                    String::new()
                },
            }),
            _ => Err(errors),
        }
    }
}

/// A decision as the case shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordedDecision {
    pub id: i64,
    pub decided: Decided,
    /// Who recorded it.
    pub recorded_by: String,
    /// The day it was recorded and its letter sent: the appeal runs from it.
    pub letter_on: NaiveDate,
}

impl RecordedDecision {
    /// "Not to assess", with its date.
    pub fn summary(&self) -> String {
        format!(
            "{}: {}",
            self.decided.question.outcome(self.decided.agreed),
            super::dates::long_date(self.decided.on)
        )
    }
}

/// The last day to register an appeal against a refusal dated `letter_on`:
/// two calendar months from the letter (the tribunal's rule; one month from a
/// mediation certificate applies when that is later, and the letter says so).
pub fn appeal_by(letter_on: NaiveDate) -> NaiveDate {
    letter_on.checked_add_months(Months::new(2)).unwrap_or(letter_on)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn input(outcome: &str, on: &str) -> DecisionInput {
        DecisionInput {
            outcome: outcome.into(),
            decided_on: DateParts::new(on, "12", "2026"),
            reasons: "Progress has stalled despite two terms of SEN support.".into(),
            ..DecisionInput::default()
        }
    }

    #[test]
    fn a_decision_to_assess_names_the_areas_that_meet_the_threshold() {
        let received = day(2026, 11, 2);
        let today = day(2026, 12, 3);
        let mut typed = input("yes", "3");
        let errors = typed.validate(DecisionQuestion::Assess, received, today).unwrap_err();
        assert_eq!(errors.0.len(), 1);
        assert_eq!(
            errors.get("areas"),
            Some("Select the areas of need that meet the threshold for an assessment")
        );
        typed.areas.insert("communication".into(), "yes".into());
        typed.areas.insert("not-an-area".into(), "yes".into());
        let decided = typed.validate(DecisionQuestion::Assess, received, today).unwrap();
        assert!(decided.agreed);
        assert_eq!(decided.areas, vec![Part::Communication]);
        assert_eq!(decided.on, today);
    }

    #[test]
    fn a_refusal_needs_reasons_but_no_areas() {
        let received = day(2026, 11, 2);
        let today = day(2026, 12, 3);
        let mut typed = input("no", "1");
        typed.areas.insert("communication".into(), "yes".into());
        let decided = typed.validate(DecisionQuestion::Assess, received, today).unwrap();
        assert!(!decided.agreed);
        assert!(decided.areas.is_empty(), "a refusal names no areas");
        typed.reasons = "   ".into();
        let errors = typed.validate(DecisionQuestion::Assess, received, today).unwrap_err();
        assert!(errors.get("reasons").is_some());
    }

    #[test]
    fn the_decision_is_dated_between_the_request_and_today() {
        let received = day(2026, 12, 2);
        let today = day(2026, 12, 3);
        let early = input("no", "1")
            .validate(DecisionQuestion::Issue, received, today)
            .unwrap_err();
        assert!(early.get("decided_on").unwrap().contains("2 December 2026"));
        let future = input("no", "4")
            .validate(DecisionQuestion::Issue, received, today)
            .unwrap_err();
        assert_eq!(
            future.get("decided_on"),
            Some("The date of the decision must be today or in the past")
        );
        let nothing = DecisionInput::default()
            .validate(DecisionQuestion::Issue, received, today)
            .unwrap_err();
        let fields: Vec<&str> = nothing.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["outcome", "decided_on", "reasons"]);
    }

    #[test]
    fn only_a_decision_to_issue_keeps_recommendations() {
        let received = day(2026, 8, 3);
        let today = day(2026, 12, 3);
        let mut typed = input("yes", "2");
        typed.recommendations = "Name a speech and language therapist in section F.".into();
        let issue = typed.validate(DecisionQuestion::Issue, received, today).unwrap();
        assert_eq!(
            issue.recommendations,
            "Name a speech and language therapist in section F."
        );
        typed.outcome = "no".into();
        let refused = typed.validate(DecisionQuestion::Issue, received, today).unwrap();
        assert_eq!(refused.recommendations, "");
    }

    #[test]
    fn an_appeal_is_due_two_calendar_months_after_the_letter() {
        assert_eq!(appeal_by(day(2026, 12, 3)), day(2027, 2, 3));
        // A month without the day ends on its last day.
        assert_eq!(appeal_by(day(2026, 12, 31)), day(2027, 2, 28));
        assert_eq!(appeal_by(day(2027, 12, 31)), day(2028, 2, 29));
    }
}
