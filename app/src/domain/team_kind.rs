//! The kinds of team a council works with on a case.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TeamKind {
    EducationalPsychology,
    Health,
    SocialCare,
    /// A school, college or nursery.
    EducationSetting,
}

impl TeamKind {
    pub const ALL: [TeamKind; 4] = [
        TeamKind::EducationalPsychology,
        TeamKind::Health,
        TeamKind::SocialCare,
        TeamKind::EducationSetting,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TeamKind::EducationalPsychology => "educational_psychology",
            TeamKind::Health => "health",
            TeamKind::SocialCare => "social_care",
            TeamKind::EducationSetting => "education_setting",
        }
    }

    pub fn parse(s: &str) -> Option<TeamKind> {
        TeamKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_round_trips() {
        for kind in TeamKind::ALL {
            assert_eq!(TeamKind::parse(kind.as_str()), Some(kind));
        }
    }
}
