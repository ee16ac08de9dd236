//! How people come to see a case besides working for its council: the links
//! between a person (or a team) and a case, and the council's access period.
//! What each link allows is decided in [`super::capability`].
//!
//! Council staff see their own council's cases. Families (parents, young
//! people, advocates) see the cases they are linked to. Professionals and
//! settings see the cases they were asked to contribute to, until a set number
//! of days after the plan is issued; a team manager sees the team's cases on
//! the same terms.

use crate::domain::stored::stored_enum;
use serde::{Deserialize, Serialize};

use super::role::Role;

stored_enum! {
    /// How a person is linked to a case, besides working for its council.
    pub enum Link {
        /// Parent or carer of the child, the young person, or their advocate.
        Family = "family",
        /// Asked for advice or information on the case.
        Contributor = "contributor",
        /// Manager of a team that was asked.
        TeamManagerOfAskedTeam = "team",
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
