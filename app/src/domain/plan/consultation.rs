//! Consultation on a shared draft: the 15 days families and settings have to
//! respond, and what a setting answers.

use crate::domain::stored::stored_enum;
use chrono::{NaiveDate, TimeDelta};
use serde::{Deserialize, Serialize};

use crate::error::FieldErrors;

/// Calendar days a parent, young person or setting has to respond to a draft.
pub const RESPONSE_DAYS: i64 = 15;

/// The last day on which comments on a draft served on `shared_on` are
/// accepted. Reg 13(1) gives "a period of at least 15 days beginning with the
/// day on which the draft plan was served": the day served is the first of
/// the 15, so the last is 14 days after it.
pub fn respond_by(shared_on: NaiveDate) -> NaiveDate {
    shared_on + TimeDelta::days(RESPONSE_DAYS - 1)
}

stored_enum! {
    /// A setting's answer to "can you meet the child's needs?".
    #[serde(rename_all = "snake_case")]
    pub enum Answer {
        CanMeet = "can_meet",
        CannotMeet = "cannot_meet",
    }
}

impl Answer {
    pub fn label(self) -> &'static str {
        match self {
            Answer::CanMeet => "Can meet the needs",
            Answer::CannotMeet => "Cannot meet the needs",
        }
    }
}

/// A setting's response as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ResponseInput {
    pub answer: String,
    pub reasons: String,
}

/// Checks a setting's response: an answer is needed, and "cannot" needs reasons.
pub fn validate_response(input: &ResponseInput) -> Result<(Answer, String), FieldErrors> {
    let mut errors = FieldErrors::default();
    let answer = Answer::parse(&input.answer);
    let reasons = input.reasons.trim().to_owned();
    match answer {
        None => errors.add(
            "answer",
            "answer",
            "Select whether the setting can meet the child's needs",
        ),
        Some(Answer::CannotMeet) if reasons.is_empty() => errors.add(
            "reasons",
            "reasons",
            "Give the reasons the setting cannot meet the needs",
        ),
        _ => {}
    }
    if reasons.chars().count() > 5_000 {
        errors.add("reasons", "reasons", "Reasons must be 5,000 characters or fewer");
    }
    match answer {
        Some(answer) if errors.is_empty() => Ok((answer, reasons)),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn comments_are_accepted_for_fifteen_days_beginning_with_the_day_served() {
        // Reg 13(1): the period begins with the day served, and lasts 15 days.
        for served in [
            day(2026, 11, 23),
            day(2026, 12, 20),
            day(2027, 12, 31),
            day(2028, 2, 20),
        ] {
            let last = respond_by(served);
            let days_in_period = (last - served).num_days() + 1;
            assert_eq!(days_in_period, 15, "{served}");
        }
        assert_eq!(respond_by(day(2026, 11, 23)), day(2026, 12, 7));
        // Over the year end, and over a leap day.
        assert_eq!(respond_by(day(2026, 12, 20)), day(2027, 1, 3));
        assert_eq!(respond_by(day(2027, 12, 31)), day(2028, 1, 14));
        assert_eq!(respond_by(day(2028, 2, 20)), day(2028, 3, 5));
    }

    #[test]
    fn a_setting_that_cannot_meet_needs_must_say_why() {
        let no_reason = ResponseInput {
            answer: "cannot_meet".into(),
            reasons: " ".into(),
        };
        assert!(validate_response(&no_reason).unwrap_err().get("reasons").is_some());
        let nothing = ResponseInput::default();
        assert!(validate_response(&nothing).unwrap_err().get("answer").is_some());
        let yes = ResponseInput {
            answer: "can_meet".into(),
            reasons: String::new(),
        };
        assert_eq!(validate_response(&yes).unwrap(), (Answer::CanMeet, String::new()));
    }
}
