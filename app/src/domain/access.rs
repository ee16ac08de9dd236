//! Who may do what on a case: the rules every server function applies before
//! it reads or changes a child's case. Queries filter by the same facts, so a
//! list never shows a case its page would refuse.
//!
//! Council staff see their own council's cases. Families (parents, young
//! people, advocates) see the cases they are linked to. Professionals and
//! settings see the cases they were asked to contribute to, until a set number
//! of days after the plan is issued; a team manager sees the team's cases on
//! the same terms.

use chrono::{NaiveDate, TimeDelta};
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

/// Everything the rules need to know about one person and one case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Facts {
    pub role: Role,
    /// The person works for the council that holds the case.
    pub same_council: bool,
    pub link: Option<Link>,
    pub plan_issued_on: Option<NaiveDate>,
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    /// Open the case and read what the person's role may read on it.
    View,
    /// Register, edit and move the case on: the caseworker's work.
    Manage,
}

/// Whether a contributor's access is still open on `today`.
fn contributor_access_open(plan_issued_on: Option<NaiveDate>, today: NaiveDate, policy: &AccessPolicy) -> bool {
    match plan_issued_on {
        None => true,
        Some(issued) => today <= issued + TimeDelta::days(i64::from(policy.contributor_days_after_issue)),
    }
}

/// Whether the person in `facts` may do `action` on the case on `today`.
pub fn permits(facts: &Facts, action: Action, today: NaiveDate, policy: &AccessPolicy) -> bool {
    let contributor_open = || contributor_access_open(facts.plan_issued_on, today, policy);
    match (action, facts.role) {
        (Action::Manage, Role::Caseworker | Role::LaAdmin) => facts.same_council,
        (Action::Manage, _) => false,
        (Action::View, role) if role.is_council_staff() => facts.same_council,
        (Action::View, Role::ParentCarer | Role::YoungPerson | Role::Advocate) => facts.link == Some(Link::Family),
        (Action::View, Role::Professional | Role::EducationSetting) => {
            facts.link == Some(Link::Contributor) && contributor_open()
        }
        (Action::View, Role::TeamManager) => {
            matches!(facts.link, Some(Link::Contributor | Link::TeamManagerOfAskedTeam)) && contributor_open()
        }
        (Action::View, _) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn facts(role: Role, same_council: bool, link: Option<Link>) -> Facts {
        Facts {
            role,
            same_council,
            link,
            plan_issued_on: None,
        }
    }

    #[test]
    fn each_role_sees_only_the_cases_it_has_a_reason_to_see() {
        use Link::*;
        let today = d(2026, 11, 22);
        let policy = AccessPolicy::default();
        // (role, same council, link, may view, may manage)
        let cases = [
            (Role::Caseworker, true, None, true, true),
            (Role::Caseworker, false, None, false, false),
            (Role::LaAdmin, true, None, true, true),
            (Role::LaAdmin, false, None, false, false),
            (Role::PanelMember, true, None, true, false),
            (Role::PanelMember, false, None, false, false),
            (Role::ParentCarer, false, Some(Family), true, false),
            (Role::ParentCarer, false, None, false, false),
            (Role::ParentCarer, false, Some(Contributor), false, false),
            (Role::YoungPerson, false, Some(Family), true, false),
            (Role::Advocate, false, Some(Family), true, false),
            (Role::Advocate, false, None, false, false),
            (Role::Professional, false, Some(Contributor), true, false),
            (Role::Professional, false, None, false, false),
            (Role::Professional, false, Some(TeamManagerOfAskedTeam), false, false),
            (Role::EducationSetting, false, Some(Contributor), true, false),
            (Role::EducationSetting, false, None, false, false),
            (Role::TeamManager, false, Some(TeamManagerOfAskedTeam), true, false),
            (Role::TeamManager, false, Some(Contributor), true, false),
            (Role::TeamManager, false, None, false, false),
            // Working for the council does not make a professional council staff.
            (Role::Professional, true, None, false, false),
        ];
        for (role, same, link, view, manage) in cases {
            let f = facts(role, same, link);
            assert_eq!(
                permits(&f, Action::View, today, &policy),
                view,
                "{role:?} {same} {link:?} view"
            );
            assert_eq!(
                permits(&f, Action::Manage, today, &policy),
                manage,
                "{role:?} {same} {link:?} manage"
            );
        }
    }

    #[test]
    fn contributors_lose_access_sixty_days_after_the_plan_is_issued() {
        let policy = AccessPolicy::default();
        let issued = d(2026, 9, 1);
        for role in [Role::Professional, Role::EducationSetting, Role::TeamManager] {
            let f = Facts {
                plan_issued_on: Some(issued),
                ..facts(role, false, Some(Link::Contributor))
            };
            assert!(permits(&f, Action::View, d(2026, 10, 31), &policy), "{role:?} day 60");
            assert!(!permits(&f, Action::View, d(2026, 11, 1), &policy), "{role:?} day 61");
        }
        // Families and council staff keep access.
        let parent = Facts {
            plan_issued_on: Some(issued),
            ..facts(Role::ParentCarer, false, Some(Link::Family))
        };
        assert!(permits(&parent, Action::View, d(2030, 1, 1), &policy));
        let caseworker = Facts {
            plan_issued_on: Some(issued),
            ..facts(Role::Caseworker, true, None)
        };
        assert!(permits(&caseworker, Action::View, d(2030, 1, 1), &policy));
    }

    #[test]
    fn the_access_period_is_configurable() {
        let policy = AccessPolicy {
            contributor_days_after_issue: 0,
        };
        let f = Facts {
            plan_issued_on: Some(d(2026, 9, 1)),
            ..facts(Role::Professional, false, Some(Link::Contributor))
        };
        assert!(permits(&f, Action::View, d(2026, 9, 1), &policy));
        assert!(!permits(&f, Action::View, d(2026, 9, 2), &policy));
    }
}
