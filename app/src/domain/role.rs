//! The roles people have in the hub. One account has one role: someone who
//! needs two roles needs two accounts.

use super::stored::stored_enum;

stored_enum! {
    #[derive(Hash)]
    pub enum Role {
        /// Case co-ordinator or EHCP officer in the council's SEN team.
        Caseworker = "caseworker",
        /// Council manager or administrator: teams, users, settings, the audit log.
        LaAdmin = "la_admin",
        /// Member of the council's multi-agency panel.
        PanelMember = "panel_member",
        /// Educational psychology, health, social care or an advisory team.
        Professional = "professional",
        /// A professional with manager permission in their team.
        TeamManager = "team_manager",
        /// A school, college or nursery (SENCO or head).
        EducationSetting = "education_setting",
        ParentCarer = "parent_carer",
        /// A young person with their own login (usually from 16).
        YoungPerson = "young_person",
        /// SENDIASS or an independent supporter helping a family.
        Advocate = "advocate",
    }
}

impl Role {
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

    /// Works for the council, and so may see the council's cases.
    pub fn is_council_staff(self) -> bool {
        matches!(self, Role::Caseworker | Role::LaAdmin | Role::PanelMember)
    }
}
