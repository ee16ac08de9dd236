//! Requests for information and for advice: what the caseworker asks of a
//! team or a named professional, when it is due, and where it stands.
//! Stage 1 asks for information about current involvement (due in 15 days
//! unless the council sets otherwise); stage 2 asks for advice, due 6 weeks
//! from the date of the request (reg 8).

use chrono::{NaiveDate, TimeDelta};

use crate::domain::stored::stored_enum;

stored_enum! {
    #[derive(Hash)]
    pub enum RequestKind {
        /// Stage 1: is the team or person involved with the child, and how.
        Information = "information",
        /// Stage 2: advice for the needs assessment, on the advice template.
        Advice = "advice",
    }
}

stored_enum! {
    #[derive(Hash)]
    pub enum RequestStatus {
        Requested = "requested",
        Allocated = "allocated",
        Draft = "draft",
        Submitted = "submitted",
        ClosedByManager = "closed_by_manager",
        Declined = "declined",
    }
}

stored_enum! {
    /// A team manager's answer for the team, exactly the six of the council's form.
    #[derive(Hash)]
    pub enum TeamAnswer {
        KnownMeetsCriteria = "yes_known",
        HasAllocatedWorker = "yes_allocated",
        NotKnownMeetsCriteria = "yes_not_known",
        KnownDoesNotMeetCriteria = "no_known",
        NotKnownDoesNotMeetCriteria = "no_not_known",
        Other = "no_other",
    }
}

impl TeamAnswer {
    pub fn label(self) -> &'static str {
        match self {
            TeamAnswer::KnownMeetsCriteria => "Yes – known and meets criteria",
            TeamAnswer::HasAllocatedWorker => "Yes – has an allocated worker",
            TeamAnswer::NotKnownMeetsCriteria => "Yes – not known but meets criteria",
            TeamAnswer::KnownDoesNotMeetCriteria => "No – known, does not meet criteria",
            TeamAnswer::NotKnownDoesNotMeetCriteria => "No – not known, does not meet criteria",
            TeamAnswer::Other => "No – other",
        }
    }

    /// The team will give advice: its manager allocates the request next.
    pub fn is_yes(self) -> bool {
        matches!(
            self,
            TeamAnswer::KnownMeetsCriteria | TeamAnswer::HasAllocatedWorker | TeamAnswer::NotKnownMeetsCriteria
        )
    }

    /// "No – other" says nothing by itself: its reason is required.
    pub fn needs_reason(self) -> bool {
        self == TeamAnswer::Other
    }

    /// Where the request stands once the team has answered.
    pub fn status(self) -> RequestStatus {
        if self.is_yes() {
            RequestStatus::Requested
        } else {
            RequestStatus::Declined
        }
    }
}

/// Advice is due 6 weeks from the date of the request (reg 8).
pub const ADVICE_DAYS: i64 = 42;

impl RequestKind {
    pub fn label(self) -> &'static str {
        match self {
            RequestKind::Information => "Request for information",
            RequestKind::Advice => "Request for advice",
        }
    }

    /// As a timeline names it: "Advice", "Information".
    pub fn short_label(self) -> &'static str {
        match self {
            RequestKind::Information => "Information",
            RequestKind::Advice => "Advice",
        }
    }

    /// The last day a response is due, for a request made on `asked_on`.
    pub fn due(self, asked_on: NaiveDate, information_days: u32) -> NaiveDate {
        let days = match self {
            RequestKind::Information => i64::from(information_days),
            RequestKind::Advice => ADVICE_DAYS,
        };
        asked_on + TimeDelta::days(days)
    }

    /// What the email and the page say is asked.
    pub fn asks(self) -> &'static str {
        match self {
            RequestKind::Information => {
                "whether you are involved with the child or young person, and how (stage 1 of the EHC needs assessment)"
            }
            RequestKind::Advice => "your advice for the EHC needs assessment, on the advice template",
        }
    }
}

impl RequestStatus {
    pub fn label(self) -> &'static str {
        match self {
            RequestStatus::Requested => "Requested",
            RequestStatus::Allocated => "Allocated",
            RequestStatus::Draft => "Draft",
            RequestStatus::Submitted => "Submitted",
            RequestStatus::ClosedByManager => "Closed by manager",
            RequestStatus::Declined => "Declined",
        }
    }

    /// Still waited for: an answer not yet given.
    pub fn outstanding(self) -> bool {
        matches!(
            self,
            RequestStatus::Requested | RequestStatus::Allocated | RequestStatus::Draft
        )
    }

    /// Overdue on `today`: still outstanding after its due date.
    pub fn overdue(self, due_on: NaiveDate, today: NaiveDate) -> bool {
        self.outstanding() && today > due_on
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn advice_is_due_six_weeks_from_the_request_and_information_in_the_councils_days() {
        assert_eq!(RequestKind::Advice.due(day(2026, 12, 3), 15), day(2027, 1, 14));
        assert_eq!(RequestKind::Information.due(day(2026, 12, 3), 15), day(2026, 12, 18));
        assert_eq!(RequestKind::Information.due(day(2026, 12, 3), 10), day(2026, 12, 13));
    }

    #[test]
    fn a_no_closes_the_teams_part_and_only_no_other_needs_words() {
        for answer in TeamAnswer::ALL {
            assert_eq!(
                answer.status() == RequestStatus::Declined,
                !answer.is_yes(),
                "{answer:?}"
            );
        }
        let needing: Vec<_> = TeamAnswer::ALL.into_iter().filter(|a| a.needs_reason()).collect();
        assert_eq!(needing, [TeamAnswer::Other]);
    }

    #[test]
    fn only_an_answer_not_yet_given_can_be_overdue() {
        let due = day(2027, 1, 14);
        assert!(!RequestStatus::Requested.overdue(due, due));
        assert!(RequestStatus::Requested.overdue(due, day(2027, 1, 15)));
        assert!(RequestStatus::Draft.overdue(due, day(2027, 1, 15)));
        assert!(!RequestStatus::Submitted.overdue(due, day(2027, 2, 1)));
        assert!(!RequestStatus::Declined.overdue(due, day(2027, 2, 1)));
    }
}
