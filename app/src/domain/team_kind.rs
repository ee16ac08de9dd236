//! The kinds of team a council works with on a case.

use crate::domain::stored::stored_enum;

stored_enum! {
    #[derive(Hash)]
    pub enum TeamKind {
        EducationalPsychology = "educational_psychology",
        Health = "health",
        SocialCare = "social_care",
        /// A school, college or nursery.
        EducationSetting = "education_setting",
    }
}

impl TeamKind {
    pub fn label(self) -> &'static str {
        match self {
            TeamKind::EducationalPsychology => "Educational psychology",
            TeamKind::Health => "Health",
            TeamKind::SocialCare => "Social care",
            TeamKind::EducationSetting => "School or setting",
        }
    }
}
