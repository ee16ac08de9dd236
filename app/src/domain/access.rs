//! How people come to see a case besides working for its council: the links
//! between a person (or a team) and a case, and the council's access period.
//! What each link allows is decided in [`super::capability`].
//!
//! Council staff see their own council's cases. Families (parents, young
//! people, advocates) see the cases they are linked to. Professionals and
//! settings see the cases they were asked to contribute to, until a set number
//! of days after the plan is issued; a team manager sees the team's cases on
//! the same terms.

use serde::{Deserialize, Serialize};

use super::role::Role;

/// How a person is linked to a case, besides working for its council.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Link {
    /// Parent or carer of the child, the young person, or their advocate.
    Family,
    /// Asked for advice or information on the case.
    Contributor,
    /// Manager of a team that was asked.
    TeamManagerOfAskedTeam,
}

impl Link {
    pub const ALL: [Link; 3] = [Link::Family, Link::Contributor, Link::TeamManagerOfAskedTeam];

    /// Stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Link::Family => "family",
            Link::Contributor => "contributor",
            Link::TeamManagerOfAskedTeam => "team",
        }
    }

    pub fn parse(s: &str) -> Option<Link> {
        Link::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

/// The link that gives a person of this role access to a case, if a link can:
/// council staff need none, since they see their council's cases.
pub fn link_for(role: Role) -> Option<Link> {
    match role {
        Role::ParentCarer | Role::YoungPerson | Role::Advocate => Some(Link::Family),
        Role::Professional | Role::EducationSetting | Role::TeamManager => Some(Link::Contributor),
        Role::Caseworker | Role::LaAdmin | Role::PanelMember => None,
    }
}

/// The council's settings for access.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessPolicy {
    /// Days after the plan is issued that professionals and settings keep access.
    pub contributor_days_after_issue: u32,
}

impl Default for AccessPolicy {
    fn default() -> Self {
        AccessPolicy {
            contributor_days_after_issue: 60,
        }
    }
}
