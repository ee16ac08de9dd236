//! Who asked for the EHC needs assessment.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Requester {
    Parent,
    School,
    Health,
    SocialCare,
    Other,
}

impl Requester {
    pub const ALL: [Requester; 5] = [
        Requester::Parent,
        Requester::School,
        Requester::Health,
        Requester::SocialCare,
        Requester::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Requester::Parent => "Parent or carer",
            Requester::School => "School, college or nursery",
            Requester::Health => "Health professional",
            Requester::SocialCare => "Social care",
            Requester::Other => "Someone else (for example the young person)",
        }
    }

    /// Stored in the database and used as the form value.
    pub fn as_str(self) -> &'static str {
        match self {
            Requester::Parent => "parent",
            Requester::School => "school",
            Requester::Health => "health",
            Requester::SocialCare => "social_care",
            Requester::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Requester> {
        Requester::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_requester_round_trips() {
        for r in Requester::ALL {
            assert_eq!(Requester::parse(r.as_str()), Some(r));
        }
        assert_eq!(Requester::parse(""), None);
    }
}
