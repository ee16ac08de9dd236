//! Who may do what: the one table of capabilities. Every page, server function
//! and list query asks [`allows`]; the database's visibility filter
//! (`store::case_links::visible_to`) is the same rule written as SQL and is
//! tested against it.
//!
//! The table is [`grant`]: for each role and capability, on what terms. Both
//! matches are exhaustive, so a new role or capability does not compile until
//! someone decides what it may do.
//!
//! A capability says who may do a thing at all. Whether it can be done now
//! (a draft still open for comments, a consultation not yet answered) is the
//! rule of the thing itself, in its own domain module.

use chrono::{NaiveDate, TimeDelta};
use serde::{Deserialize, Serialize};

use super::access::{AccessPolicy, Link};
use super::role::Role;

/// Something a person may be allowed to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Capability {
    // Across the council, not on one case.
    /// Register a request for an assessment, which opens a case.
    RegisterRequest,
    /// Ask for an assessment online: a family for their child (or a young
    /// person for themselves), a professional for a family who agreed.
    RequestAssessment,
    /// Invite a person to the hub (which roles: [`may_invite`]).
    InvitePeople,
    /// Search the audit log of the whole council.
    ReadAuditLog,
    /// See the emails the hub sent, and those it could not.
    ReadEmailLog,
    /// Set where each team's requests are emailed.
    ManageTeams,
    /// Read the council's figures: time limits met, cases at risk.
    ReadCouncilFigures,
    /// Make the DfE's SEN2 return: the council's details and the file.
    MakeReturns,
    /// See the requests for advice made to oneself (and, for a team's
    /// manager, to the team), across the cases one may see.
    SeeOwnRequests,

    // On one case.
    /// Open the case and read what the person's role may read on it.
    ViewCase,
    /// See the case's activity and the people who can see it.
    SeeCaseActivity,
    /// Give a person access to the case.
    GiveAccess,
    /// Read every version of the plan, including a draft not yet shared.
    ReadUnsharedDraft,
    /// Start, write, share, consult on and issue the plan.
    WritePlan,
    /// Comment on a shared draft and name a preferred setting, when asked.
    RespondAsFamily,
    /// Answer a consultation on a draft, when the person's setting is asked.
    AnswerConsultation,
    /// Read the settings' answers to consultations.
    SeeConsultationAnswers,
    /// Add to the child's and the family's views: words, photos, videos,
    /// recordings and documents.
    ContributeViews,
    /// Read the child's and the family's views and open their files.
    ReadViews,
    /// Ask teams and professionals for information and for advice.
    RequestAdvice,
    /// See who was asked for information or advice, and where each request stands.
    SeeAdviceRequests,
    /// Answer for a team asked for advice, and allocate its members.
    AnswerForTeam,
    /// Write and submit advice on the advice template, when asked.
    WriteAdvice,
    /// Read submitted advice and open its documents.
    ReadAdvice,
    /// Record the decision whether to assess and whether to issue a plan.
    RecordDecision,
    /// Read the decisions made on the case and their letters.
    ReadDecisions,
    /// Record an exception to the pathway's time limits.
    RecordException,
    /// Give the case to a caseworker to hold, or pass it to another.
    AllocateCase,
    /// Record mediation or an appeal against a decision, and how it ended.
    RecordChallenge,
    /// Keep the details the SEN2 return needs: the child's sex, ethnicity
    /// and unique pupil number, and the types of need.
    KeepReturnDetails,
    /// Record that a plan in force has ceased, and why.
    CeasePlan,
}

impl Capability {
    pub const ALL: [Capability; 31] = [
        Capability::RegisterRequest,
        Capability::RequestAssessment,
        Capability::InvitePeople,
        Capability::ReadAuditLog,
        Capability::ReadEmailLog,
        Capability::ManageTeams,
        Capability::ReadCouncilFigures,
        Capability::MakeReturns,
        Capability::SeeOwnRequests,
        Capability::ViewCase,
        Capability::SeeCaseActivity,
        Capability::GiveAccess,
        Capability::ReadUnsharedDraft,
        Capability::WritePlan,
        Capability::RespondAsFamily,
        Capability::AnswerConsultation,
        Capability::SeeConsultationAnswers,
        Capability::ContributeViews,
        Capability::ReadViews,
        Capability::RequestAdvice,
        Capability::SeeAdviceRequests,
        Capability::AnswerForTeam,
        Capability::WriteAdvice,
        Capability::ReadAdvice,
        Capability::RecordDecision,
        Capability::ReadDecisions,
        Capability::RecordException,
        Capability::AllocateCase,
        Capability::RecordChallenge,
        Capability::KeepReturnDetails,
        Capability::CeasePlan,
    ];

    /// Whether the capability is about one case (and so needs its facts).
    pub fn on_a_case(self) -> bool {
        match self {
            Capability::RegisterRequest
            | Capability::RequestAssessment
            | Capability::InvitePeople
            | Capability::ReadAuditLog
            | Capability::ReadEmailLog
            | Capability::ManageTeams
            | Capability::ReadCouncilFigures
            | Capability::MakeReturns
            | Capability::SeeOwnRequests => false,
            Capability::ViewCase
            | Capability::SeeCaseActivity
            | Capability::GiveAccess
            | Capability::ReadUnsharedDraft
            | Capability::WritePlan
            | Capability::RespondAsFamily
            | Capability::AnswerConsultation
            | Capability::SeeConsultationAnswers
            | Capability::ContributeViews
            | Capability::ReadViews
            | Capability::RequestAdvice
            | Capability::SeeAdviceRequests
            | Capability::AnswerForTeam
            | Capability::WriteAdvice
            | Capability::ReadAdvice
            | Capability::RecordDecision
            | Capability::ReadDecisions
            | Capability::RecordException
            | Capability::AllocateCase
            | Capability::RecordChallenge
            | Capability::KeepReturnDetails
            | Capability::CeasePlan => true,
        }
    }
}

/// On what terms a role has a capability.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grant {
    Never,
    /// Across the person's own council (a capability not on a case).
    InOwnCouncil,
    /// On cases of the person's own council.
    OwnCouncilCases,
    /// On cases the person is linked to as family.
    FamilyLink,
    /// On cases the person was asked to contribute to, until the access period
    /// after the plan is issued ends.
    ContributorLink,
    /// As [`Grant::ContributorLink`], or where the person's team was asked.
    ContributorOrTeamLink,
}

/// The table: on what terms `role` has `capability`.
pub const fn grant(role: Role, capability: Capability) -> Grant {
    use Capability as C;
    use Grant::*;
    use Role as R;
    // How each role comes to see a case at all.
    let sees = match role {
        R::Caseworker | R::LaAdmin | R::PanelMember => OwnCouncilCases,
        R::ParentCarer | R::YoungPerson | R::Advocate => FamilyLink,
        R::Professional | R::EducationSetting => ContributorLink,
        R::TeamManager => ContributorOrTeamLink,
    };
    match capability {
        C::RegisterRequest => match role {
            R::Caseworker | R::LaAdmin => InOwnCouncil,
            R::PanelMember
            | R::Professional
            | R::TeamManager
            | R::EducationSetting
            | R::ParentCarer
            | R::YoungPerson
            | R::Advocate => Never,
        },
        C::RequestAssessment => match role {
            R::ParentCarer | R::YoungPerson | R::EducationSetting | R::Professional | R::TeamManager => InOwnCouncil,
            R::Caseworker | R::LaAdmin | R::PanelMember | R::Advocate => Never,
        },
        C::InvitePeople => match role {
            R::Caseworker | R::LaAdmin | R::TeamManager => InOwnCouncil,
            R::PanelMember | R::Professional | R::EducationSetting | R::ParentCarer | R::YoungPerson | R::Advocate => {
                Never
            }
        },
        C::ReadAuditLog | C::ReadEmailLog | C::ManageTeams | C::ReadCouncilFigures | C::MakeReturns => match role {
            R::LaAdmin => InOwnCouncil,
            R::Caseworker
            | R::PanelMember
            | R::Professional
            | R::TeamManager
            | R::EducationSetting
            | R::ParentCarer
            | R::YoungPerson
            | R::Advocate => Never,
        },
        C::SeeOwnRequests => match role {
            R::Professional | R::TeamManager | R::EducationSetting => InOwnCouncil,
            R::Caseworker | R::LaAdmin | R::PanelMember | R::ParentCarer | R::YoungPerson | R::Advocate => Never,
        },
        C::ViewCase => sees,
        C::SeeCaseActivity | C::ReadUnsharedDraft => match role {
            R::Caseworker | R::LaAdmin | R::PanelMember => OwnCouncilCases,
            R::Professional | R::TeamManager | R::EducationSetting | R::ParentCarer | R::YoungPerson | R::Advocate => {
                Never
            }
        },
        C::GiveAccess | C::WritePlan | C::RequestAdvice => match role {
            R::Caseworker | R::LaAdmin => OwnCouncilCases,
            R::PanelMember
            | R::Professional
            | R::TeamManager
            | R::EducationSetting
            | R::ParentCarer
            | R::YoungPerson
            | R::Advocate => Never,
        },
        C::RespondAsFamily => match role {
            R::ParentCarer | R::YoungPerson | R::Advocate => FamilyLink,
            R::Caseworker | R::LaAdmin | R::PanelMember | R::Professional | R::TeamManager | R::EducationSetting => {
                Never
            }
        },
        C::AnswerConsultation => match role {
            R::EducationSetting => ContributorLink,
            R::Caseworker
            | R::LaAdmin
            | R::PanelMember
            | R::Professional
            | R::TeamManager
            | R::ParentCarer
            | R::YoungPerson
            | R::Advocate => Never,
        },
        // Families hear the outcome from the caseworker, not the settings' working.
        C::SeeConsultationAnswers => match role {
            R::Caseworker | R::LaAdmin | R::PanelMember | R::Professional | R::TeamManager | R::EducationSetting => {
                sees
            }
            R::ParentCarer | R::YoungPerson | R::Advocate => Never,
        },
        // The child and family tell their story; a caseworker may add what
        // they were given on paper or in a meeting.
        C::ContributeViews => match role {
            R::Caseworker | R::LaAdmin => OwnCouncilCases,
            R::ParentCarer | R::YoungPerson | R::Advocate => FamilyLink,
            R::PanelMember | R::Professional | R::TeamManager | R::EducationSetting => Never,
        },
        // Those giving advice read the child's views: section A comes first.
        C::ReadViews => sees,
        // Everyone on the case sees who was asked and where it stands, so a
        // family knows what is awaited and a professional who else is involved.
        C::SeeAdviceRequests => sees,
        // Which team's requests is the request's own rule: the manager's team must be the one asked.
        C::AnswerForTeam => match role {
            R::TeamManager => ContributorOrTeamLink,
            R::Caseworker
            | R::LaAdmin
            | R::PanelMember
            | R::Professional
            | R::EducationSetting
            | R::ParentCarer
            | R::YoungPerson
            | R::Advocate => Never,
        },
        // Which request is the request's own rule: it must be to this person.
        C::WriteAdvice => match role {
            R::Professional | R::EducationSetting | R::TeamManager => sees,
            R::Caseworker | R::LaAdmin | R::PanelMember | R::ParentCarer | R::YoungPerson | R::Advocate => Never,
        },
        // Submitted advice is read by everyone on the case, as the plan is
        // written from it; a draft only by its writer and their team's manager.
        C::ReadAdvice => sees,
        // The panel decides; caseworkers record the panel's decisions.
        C::RecordDecision => match role {
            R::Caseworker | R::LaAdmin | R::PanelMember => OwnCouncilCases,
            R::Professional | R::TeamManager | R::EducationSetting | R::ParentCarer | R::YoungPerson | R::Advocate => {
                Never
            }
        },
        // The family and the school are sent every decision's letter; those
        // giving advice read why the case is where it is.
        C::ReadDecisions => sees,
        C::RecordException | C::AllocateCase | C::RecordChallenge | C::KeepReturnDetails | C::CeasePlan => match role {
            R::Caseworker | R::LaAdmin => OwnCouncilCases,
            R::PanelMember
            | R::Professional
            | R::TeamManager
            | R::EducationSetting
            | R::ParentCarer
            | R::YoungPerson
            | R::Advocate => Never,
        },
    }
}

/// Which roles a person may give when inviting someone.
pub const fn may_invite(inviter: Role, invitee: Role) -> bool {
    use Role as R;
    match inviter {
        R::LaAdmin => true,
        // Council administrators are made by council administrators.
        R::Caseworker => !matches!(invitee, R::LaAdmin),
        // Team managers add members to their own team.
        R::TeamManager => matches!(invitee, R::Professional),
        R::PanelMember | R::Professional | R::EducationSetting | R::ParentCarer | R::YoungPerson | R::Advocate => false,
    }
}

/// The links between a person and a case that count for them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Links {
    pub family: bool,
    pub contributor: bool,
    /// The person's team was asked (counts only for a team manager).
    pub team: bool,
}

impl Links {
    pub fn add(&mut self, link: Link) {
        match link {
            Link::Family => self.family = true,
            Link::Contributor => self.contributor = true,
            Link::TeamManagerOfAskedTeam => self.team = true,
        }
    }

    pub fn of(links: &[Link]) -> Links {
        let mut set = Links::default();
        for link in links {
            set.add(*link);
        }
        set
    }
}

/// What the rules need to know about one case and the person asking.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseFacts {
    /// The person works for, or belongs to, the council that holds the case.
    pub same_council: bool,
    pub links: Links,
    pub plan_issued_on: Option<NaiveDate>,
}

/// The date and the council's settings the rules are applied with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Terms<'a> {
    pub today: NaiveDate,
    pub policy: &'a AccessPolicy,
}

/// Whether a contributor's access is still open on `today`.
fn contributor_access_open(plan_issued_on: Option<NaiveDate>, terms: Terms<'_>) -> bool {
    match plan_issued_on {
        None => true,
        Some(issued) => terms.today <= issued + TimeDelta::days(i64::from(terms.policy.contributor_days_after_issue)),
    }
}

/// Whether a person of `role` may do `capability`, on the case described by
/// `case` when the capability is about one.
pub fn allows(role: Role, capability: Capability, case: Option<&CaseFacts>, terms: Terms<'_>) -> bool {
    let on_case = |rule: &dyn Fn(&CaseFacts) -> bool| case.is_some_and(rule);
    match grant(role, capability) {
        Grant::Never => false,
        Grant::InOwnCouncil => !capability.on_a_case(),
        Grant::OwnCouncilCases => on_case(&|c| c.same_council),
        Grant::FamilyLink => on_case(&|c| c.links.family),
        Grant::ContributorLink => on_case(&|c| c.links.contributor && contributor_access_open(c.plan_issued_on, terms)),
        Grant::ContributorOrTeamLink => {
            on_case(&|c| (c.links.contributor || c.links.team) && contributor_access_open(c.plan_issued_on, terms))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const POLICY: AccessPolicy = AccessPolicy {
        contributor_days_after_issue: 60,
    };

    fn terms() -> Terms<'static> {
        Terms {
            today: d(2026, 11, 22),
            policy: &POLICY,
        }
    }

    fn own_council() -> CaseFacts {
        CaseFacts {
            same_council: true,
            links: Links::default(),
            plan_issued_on: None,
        }
    }

    fn other_council() -> CaseFacts {
        CaseFacts {
            same_council: false,
            ..own_council()
        }
    }

    fn linked(link: Link) -> CaseFacts {
        CaseFacts {
            links: Links::of(&[link]),
            ..other_council()
        }
    }

    /// The roles that have `capability` on `case` (or across the council, if `None`).
    fn who(capability: Capability, case: Option<CaseFacts>) -> Vec<Role> {
        Role::ALL
            .into_iter()
            .filter(|role| allows(*role, capability, case.as_ref(), terms()))
            .collect()
    }

    use Role::*;

    #[test]
    fn the_family_and_caseworkers_add_views_and_everyone_on_the_case_reads_them() {
        assert_eq!(
            who(Capability::ContributeViews, Some(own_council())),
            [Caseworker, LaAdmin]
        );
        assert_eq!(
            who(Capability::ContributeViews, Some(linked(Link::Family))),
            [ParentCarer, YoungPerson, Advocate]
        );
        assert_eq!(who(Capability::ContributeViews, Some(linked(Link::Contributor))), []);
        assert_eq!(
            who(Capability::ReadViews, Some(linked(Link::Contributor))),
            [Professional, TeamManager, EducationSetting]
        );
        assert_eq!(who(Capability::ReadViews, Some(other_council())), []);
    }

    #[test]
    fn the_council_asks_for_advice_and_everyone_on_the_case_sees_who_was_asked() {
        assert_eq!(
            who(Capability::RequestAdvice, Some(own_council())),
            [Caseworker, LaAdmin]
        );
        assert_eq!(who(Capability::RequestAdvice, Some(linked(Link::Contributor))), []);
        assert_eq!(
            who(Capability::SeeAdviceRequests, Some(linked(Link::Family))),
            [ParentCarer, YoungPerson, Advocate]
        );
        assert_eq!(
            who(
                Capability::SeeAdviceRequests,
                Some(linked(Link::TeamManagerOfAskedTeam))
            ),
            [TeamManager]
        );
        assert_eq!(who(Capability::SeeAdviceRequests, Some(other_council())), []);
        assert_eq!(
            who(Capability::AnswerForTeam, Some(linked(Link::TeamManagerOfAskedTeam))),
            [TeamManager]
        );
        assert_eq!(who(Capability::AnswerForTeam, Some(own_council())), []);
    }

    #[test]
    fn registering_a_request_is_council_casework() {
        assert_eq!(who(Capability::RegisterRequest, None), [Caseworker, LaAdmin]);
    }

    #[test]
    fn caseworkers_administrators_and_team_managers_invite_people() {
        assert_eq!(who(Capability::InvitePeople, None), [Caseworker, LaAdmin, TeamManager]);
        assert!(Role::ALL.into_iter().all(|r| may_invite(LaAdmin, r)));
        assert!(!may_invite(Caseworker, LaAdmin));
        assert!(may_invite(Caseworker, ParentCarer));
        let by_manager: Vec<Role> = Role::ALL.into_iter().filter(|r| may_invite(TeamManager, *r)).collect();
        assert_eq!(by_manager, [Professional]);
        // Nobody who may not invite at all may invite some role.
        for inviter in Role::ALL {
            let any = Role::ALL.into_iter().any(|r| may_invite(inviter, r));
            assert_eq!(
                any,
                allows(inviter, Capability::InvitePeople, None, terms()),
                "{inviter:?}"
            );
        }
    }

    #[test]
    fn only_council_administrators_read_the_audit_log() {
        assert_eq!(who(Capability::ReadAuditLog, None), [LaAdmin]);
    }

    #[test]
    fn only_council_administrators_read_the_email_log() {
        assert_eq!(who(Capability::ReadEmailLog, None), [LaAdmin]);
    }

    #[test]
    fn each_role_sees_only_the_cases_it_has_a_reason_to_see() {
        assert_eq!(
            who(Capability::ViewCase, Some(own_council())),
            [Caseworker, LaAdmin, PanelMember]
        );
        assert_eq!(who(Capability::ViewCase, Some(other_council())), []);
        assert_eq!(
            who(Capability::ViewCase, Some(linked(Link::Family))),
            [ParentCarer, YoungPerson, Advocate]
        );
        assert_eq!(
            who(Capability::ViewCase, Some(linked(Link::Contributor))),
            [Professional, TeamManager, EducationSetting]
        );
        assert_eq!(
            who(Capability::ViewCase, Some(linked(Link::TeamManagerOfAskedTeam))),
            [TeamManager]
        );
        // Working for the council does not make a professional council staff.
        assert!(!allows(
            Professional,
            Capability::ViewCase,
            Some(&own_council()),
            terms()
        ));
        // A case capability without a case is never granted.
        assert_eq!(who(Capability::ViewCase, None), []);
    }

    #[test]
    fn contributors_lose_access_sixty_days_after_the_plan_is_issued() {
        let issued = CaseFacts {
            plan_issued_on: Some(d(2026, 9, 1)),
            links: Links::of(&[Link::Contributor, Link::Family]),
            same_council: true,
        };
        let on = |today| Terms { today, policy: &POLICY };
        for role in [Professional, EducationSetting, TeamManager] {
            assert!(
                allows(role, Capability::ViewCase, Some(&issued), on(d(2026, 10, 31))),
                "{role:?} day 60"
            );
            assert!(
                !allows(role, Capability::ViewCase, Some(&issued), on(d(2026, 11, 1))),
                "{role:?} day 61"
            );
        }
        for role in [ParentCarer, Caseworker] {
            assert!(
                allows(role, Capability::ViewCase, Some(&issued), on(d(2030, 1, 1))),
                "{role:?}"
            );
        }
        let none = AccessPolicy {
            contributor_days_after_issue: 0,
        };
        let strict = |today| Terms { today, policy: &none };
        assert!(allows(
            Professional,
            Capability::ViewCase,
            Some(&issued),
            strict(d(2026, 9, 1))
        ));
        assert!(!allows(
            Professional,
            Capability::ViewCase,
            Some(&issued),
            strict(d(2026, 9, 2))
        ));
    }

    #[test]
    fn council_staff_see_a_cases_activity_and_people() {
        assert_eq!(
            who(Capability::SeeCaseActivity, Some(own_council())),
            [Caseworker, LaAdmin, PanelMember]
        );
        assert_eq!(who(Capability::SeeCaseActivity, Some(linked(Link::Contributor))), []);
    }

    #[test]
    fn caseworkers_and_administrators_give_access() {
        assert_eq!(who(Capability::GiveAccess, Some(own_council())), [Caseworker, LaAdmin]);
        assert_eq!(who(Capability::GiveAccess, Some(other_council())), []);
    }

    #[test]
    fn only_council_staff_read_a_draft_before_it_is_shared() {
        assert_eq!(
            who(Capability::ReadUnsharedDraft, Some(own_council())),
            [Caseworker, LaAdmin, PanelMember]
        );
        assert_eq!(who(Capability::ReadUnsharedDraft, Some(linked(Link::Family))), []);
    }

    #[test]
    fn caseworkers_and_administrators_write_the_plan() {
        assert_eq!(who(Capability::WritePlan, Some(own_council())), [Caseworker, LaAdmin]);
        assert_eq!(who(Capability::WritePlan, Some(other_council())), []);
    }

    #[test]
    fn the_family_responds_to_a_draft() {
        assert_eq!(
            who(Capability::RespondAsFamily, Some(linked(Link::Family))),
            [ParentCarer, YoungPerson, Advocate]
        );
        assert_eq!(who(Capability::RespondAsFamily, Some(own_council())), []);
    }

    #[test]
    fn a_setting_answers_a_consultation() {
        assert_eq!(
            who(Capability::AnswerConsultation, Some(linked(Link::Contributor))),
            [EducationSetting]
        );
    }

    #[test]
    fn everyone_but_the_family_reads_the_settings_answers() {
        assert_eq!(
            who(Capability::SeeConsultationAnswers, Some(own_council())),
            [Caseworker, LaAdmin, PanelMember]
        );
        assert_eq!(
            who(Capability::SeeConsultationAnswers, Some(linked(Link::Contributor))),
            [Professional, TeamManager, EducationSetting]
        );
        assert_eq!(who(Capability::SeeConsultationAnswers, Some(linked(Link::Family))), []);
    }

    #[test]
    fn whoever_may_do_something_on_a_case_may_see_it() {
        let cases = [
            own_council(),
            other_council(),
            linked(Link::Family),
            linked(Link::Contributor),
            linked(Link::TeamManagerOfAskedTeam),
        ];
        for capability in Capability::ALL.into_iter().filter(|c| c.on_a_case()) {
            for case in &cases {
                for role in Role::ALL {
                    if allows(role, capability, Some(case), terms()) {
                        assert!(
                            allows(role, Capability::ViewCase, Some(case), terms()),
                            "{role:?} {capability:?} {case:?}"
                        );
                    }
                }
            }
        }
        // Council-wide capabilities are never granted on a case's terms, and the reverse.
        for capability in Capability::ALL {
            for role in Role::ALL {
                let g = grant(role, capability);
                assert!(
                    g == Grant::Never || (g == Grant::InOwnCouncil) != capability.on_a_case(),
                    "{role:?} {capability:?} {g:?}"
                );
            }
        }
    }
}
