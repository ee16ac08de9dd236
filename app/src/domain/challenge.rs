//! Mediation and appeals against a decision: a family who disagrees with a
//! decision not to assess or not to issue may ask for mediation and appeal
//! to the First-tier Tribunal (SEND). What the council records of each (which,
//! when it began, how it ended and when) and the rules it must meet.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::dates::DateParts;
use super::new_case::check_date;
use super::stored::stored_enum;
use crate::error::FieldErrors;

stored_enum! {
    /// Mediation, or an appeal to the tribunal.
    #[derive(Hash)]
    pub enum ChallengeKind {
        Mediation = "mediation",
        Appeal = "appeal",
    }
}

impl ChallengeKind {
    pub fn label(self) -> &'static str {
        match self {
            ChallengeKind::Mediation => "Mediation",
            ChallengeKind::Appeal => "Appeal to the SEND Tribunal",
        }
    }

    /// What the start date is, as the form asks it.
    pub fn started(self) -> &'static str {
        match self {
            ChallengeKind::Mediation => "the family asked for mediation",
            ChallengeKind::Appeal => "the appeal was registered",
        }
    }

    /// The outcomes this kind can have, pending first.
    pub fn outcomes(self) -> &'static [ChallengeOutcome] {
        use ChallengeOutcome as O;
        match self {
            ChallengeKind::Mediation => &[O::Pending, O::Agreed, O::NotAgreed, O::Withdrawn],
            ChallengeKind::Appeal => &[O::Pending, O::Conceded, O::Upheld, O::Dismissed, O::Withdrawn],
        }
    }
}

stored_enum! {
    /// How a mediation or an appeal ended, or that it has not yet.
    #[derive(Hash)]
    pub enum ChallengeOutcome {
        Pending = "pending",
        /// Mediation: the family and the council agreed.
        Agreed = "agreed",
        /// Mediation: no agreement (the family may appeal).
        NotAgreed = "not_agreed",
        /// Appeal: the council conceded before the hearing.
        Conceded = "conceded",
        /// Appeal: the tribunal ordered the council to act.
        Upheld = "upheld",
        /// Appeal: the tribunal agreed with the council.
        Dismissed = "dismissed",
        Withdrawn = "withdrawn",
    }
}

impl ChallengeOutcome {
    pub fn label(self) -> &'static str {
        match self {
            ChallengeOutcome::Pending => "Not finished yet",
            ChallengeOutcome::Agreed => "Agreement reached",
            ChallengeOutcome::NotAgreed => "No agreement",
            ChallengeOutcome::Conceded => "Conceded by the council",
            ChallengeOutcome::Upheld => "Appeal upheld: the council must act",
            ChallengeOutcome::Dismissed => "Appeal dismissed",
            ChallengeOutcome::Withdrawn => "Withdrawn by the family",
        }
    }
}

/// The form as typed, so it can be shown again with errors.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ChallengeInput {
    pub case: String,
    pub decision: String,
    pub kind: String,
    pub started_on: DateParts,
    pub outcome: String,
    pub ended_on: DateParts,
    pub note: String,
}

/// A mediation or appeal that has passed validation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Challenge {
    pub kind: ChallengeKind,
    pub started_on: NaiveDate,
    pub outcome: ChallengeOutcome,
    /// When it ended; none while pending.
    pub ended_on: Option<NaiveDate>,
    pub note: String,
}

/// A mediation or appeal as kept, with who recorded it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordedChallenge {
    pub id: i64,
    pub challenge: Challenge,
    pub recorded_by: String,
}

const NOTE_MAX: usize = 5_000;

impl ChallengeInput {
    /// Checks the record against the decision's letter date and `today`.
    ///
    /// # Errors
    /// Every problem found, in the order the fields appear on the form.
    pub fn validate(&self, letter_on: NaiveDate, today: NaiveDate) -> Result<Challenge, FieldErrors> {
        let mut errors = FieldErrors::default();
        let kind = ChallengeKind::parse(&self.kind);
        if kind.is_none() {
            errors.add("kind", "kind-mediation", "Select mediation or an appeal");
        }
        let started = check_date(&mut errors, "started_on", &self.started_on, "date it began").filter(|&on| {
            let problem = if on < letter_on {
                Some("The date it began must be on or after the decision's letter")
            } else if on > today {
                Some("The date it began must be today or in the past")
            } else {
                None
            };
            if let Some(message) = problem {
                errors.add("started_on", "started_on-day", message);
            }
            problem.is_none()
        });
        let outcome = ChallengeOutcome::parse(&self.outcome).filter(|o| kind.is_none_or(|k| k.outcomes().contains(o)));
        if outcome.is_none() {
            errors.add(
                "outcome",
                "outcome-pending",
                "Select how it ended, or 'Not finished yet'",
            );
        }
        let ended = match outcome {
            Some(ChallengeOutcome::Pending) | None => None,
            Some(_) => check_date(&mut errors, "ended_on", &self.ended_on, "date it ended").filter(|&on| {
                let problem = if started.is_some_and(|s| on < s) {
                    Some("The date it ended must be on or after the date it began")
                } else if on > today {
                    Some("The date it ended must be today or in the past")
                } else {
                    None
                };
                if let Some(message) = problem {
                    errors.add("ended_on", "ended_on-day", message);
                }
                problem.is_none()
            }),
        };
        let note = errors.text("note", &self.note, None, NOTE_MAX, "The note");
        match (kind, started, outcome) {
            (Some(kind), Some(started_on), Some(outcome)) if errors.is_empty() => Ok(Challenge {
                kind,
                started_on,
                outcome,
                ended_on: ended,
                note,
            }),
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

    fn appeal() -> ChallengeInput {
        ChallengeInput {
            kind: "appeal".into(),
            started_on: DateParts::new("10", "11", "2026"),
            outcome: "pending".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_pending_appeal_needs_no_end_date() {
        let challenge = appeal().validate(day(2026, 11, 1), day(2026, 12, 3)).unwrap();
        assert_eq!(challenge.kind, ChallengeKind::Appeal);
        assert_eq!(challenge.ended_on, None);
    }

    #[test]
    fn an_ended_challenge_needs_its_date_after_it_began() {
        let ended = ChallengeInput {
            outcome: "conceded".into(),
            ended_on: DateParts::new("1", "11", "2026"),
            ..appeal()
        };
        let errors = ended.validate(day(2026, 11, 1), day(2026, 12, 3)).unwrap_err();
        assert_eq!(
            errors.get("ended_on"),
            Some("The date it ended must be on or after the date it began")
        );
        let ended = ChallengeInput {
            ended_on: DateParts::new("2", "12", "2026"),
            ..ended
        };
        let challenge = ended.validate(day(2026, 11, 1), day(2026, 12, 3)).unwrap();
        assert_eq!(challenge.ended_on, Some(day(2026, 12, 2)));
    }

    #[test]
    fn an_outcome_belongs_to_its_kind_and_a_start_follows_the_letter() {
        let wrong = ChallengeInput {
            kind: "mediation".into(),
            outcome: "upheld".into(),
            started_on: DateParts::new("1", "10", "2026"),
            ..appeal()
        };
        let errors = wrong.validate(day(2026, 11, 1), day(2026, 12, 3)).unwrap_err();
        assert_eq!(
            errors.0.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(),
            vec!["started_on", "outcome"]
        );
    }

    #[test]
    fn an_empty_form_names_each_question() {
        let errors = ChallengeInput::default()
            .validate(day(2026, 11, 1), day(2026, 12, 3))
            .unwrap_err();
        assert_eq!(
            errors.0.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(),
            vec!["kind", "started_on", "outcome"]
        );
    }
}
