//! Who asked for the EHC needs assessment.

use crate::domain::stored::stored_enum;

stored_enum! {
    #[derive(Hash)]
    pub enum Requester {
        Parent = "parent",
        /// A young person (16 or over) asking for themselves.
        YoungPerson = "young_person",
        School = "school",
        Health = "health",
        SocialCare = "social_care",
        Other = "other",
    }
}

impl Requester {
    pub fn label(self) -> &'static str {
        match self {
            Requester::Parent => "Parent or carer",
            Requester::YoungPerson => "The young person",
            Requester::School => "School, college or nursery",
            Requester::Health => "Health professional",
            Requester::SocialCare => "Social care",
            Requester::Other => "Someone else (for example the young person)",
        }
    }
}
