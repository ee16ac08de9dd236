//! The roles people have in the hub. One account has one role: someone who
//! needs two roles needs two accounts.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// Case co-ordinator or EHCP officer in the council's SEN team.
    Caseworker,
    /// Council manager or administrator: teams, users, settings, the audit log.
    LaAdmin,
    /// Member of the council's multi-agency panel.
    PanelMember,
    /// Educational psychology, health, social care or an advisory team.
    Professional,
    /// A professional with manager permission in their team.
    TeamManager,
    /// A school, college or nursery (SENCO or head).
    EducationSetting,
    ParentCarer,
    /// A young person with their own login (usually from 16).
    YoungPerson,
    /// SENDIASS or an independent supporter helping a family.
    Advocate,
}

impl Role {
    pub const ALL: [Role; 9] = [
        Role::Caseworker,
        Role::LaAdmin,
        Role::PanelMember,
        Role::Professional,
        Role::TeamManager,
        Role::EducationSetting,
        Role::ParentCarer,
        Role::YoungPerson,
        Role::Advocate,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Role::Caseworker => "Caseworker",
            Role::LaAdmin => "Council manager or administrator",
            Role::PanelMember => "Panel member",
            Role::Professional => "Professional",
            Role::TeamManager => "Team manager",
            Role::EducationSetting => "Education setting",
            Role::ParentCarer => "Parent or carer",
            Role::YoungPerson => "Young person",
            Role::Advocate => "Advocate",
        }
    }

    /// Stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Caseworker => "caseworker",
            Role::LaAdmin => "la_admin",
            Role::PanelMember => "panel_member",
            Role::Professional => "professional",
            Role::TeamManager => "team_manager",
            Role::EducationSetting => "education_setting",
            Role::ParentCarer => "parent_carer",
            Role::YoungPerson => "young_person",
            Role::Advocate => "advocate",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Works for the council, and so may see the council's cases.
    pub fn is_council_staff(self) -> bool {
        matches!(self, Role::Caseworker | Role::LaAdmin | Role::PanelMember)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_round_trips() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("admin"), None);
    }
}
