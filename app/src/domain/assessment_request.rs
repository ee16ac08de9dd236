//! A request for an EHC needs assessment made online: by a parent or a young
//! person themselves, or by a professional (usually the school) on the
//! family's behalf with their consent. The form as typed, the rules it must
//! meet, and what the family is told happens next.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::dates::DateParts;
use super::deadlines::{TimeLimits, weeks_after};
use super::ids::TeamId;
use super::new_case::{NewCase, NewCaseInput};
use super::plan::part::Part;
use super::requester::Requester;
use super::role::Role;
use super::team_kind::TeamKind;
use crate::error::FieldErrors;

/// The areas of need a request can name (section B's four).
pub const REQUEST_AREAS: [Part; 4] = Part::SEN_AREAS;

/// The longest answer kept for each question, in characters.
const TEXT_MAX: usize = 10_000;
const SHORT_MAX: usize = 200;

/// Who is making the request, from the account they signed in with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Asker {
    /// A parent or carer, about their child.
    Parent,
    /// A young person (16 or over), about themselves.
    YoungPerson,
    /// A professional on the family's behalf: a school's SENCO, or someone
    /// in a health, social care or psychology team.
    Professional(Requester),
}

impl Asker {
    /// The asker for an account of `role` in a team of `kind`; none for
    /// roles that register requests as casework or do not make them.
    pub fn for_role(role: Role, kind: Option<TeamKind>) -> Option<Asker> {
        match role {
            Role::ParentCarer => Some(Asker::Parent),
            Role::YoungPerson => Some(Asker::YoungPerson),
            Role::EducationSetting => Some(Asker::Professional(Requester::School)),
            Role::Professional | Role::TeamManager => Some(Asker::Professional(match kind {
                Some(TeamKind::Health) => Requester::Health,
                Some(TeamKind::SocialCare) => Requester::SocialCare,
                Some(TeamKind::EducationSetting) => Requester::School,
                Some(TeamKind::EducationalPsychology) | None => Requester::Other,
            })),
            Role::Caseworker | Role::LaAdmin | Role::PanelMember | Role::Advocate => None,
        }
    }

    pub fn requester(self) -> Requester {
        match self {
            Asker::Parent => Requester::Parent,
            Asker::YoungPerson => Requester::YoungPerson,
            Asker::Professional(requester) => requester,
        }
    }

    pub fn is_family(self) -> bool {
        !matches!(self, Asker::Professional(_))
    }
}

/// The request form exactly as typed, so it can be shown again with errors.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RequestInput {
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: DateParts,
    /// A setting's team id, [`super::new_case::NO_SETTING`], or empty.
    pub setting: String,
    /// Family only: `yes` or `no`, whether the person asking has parental
    /// responsibility.
    pub parental_responsibility: String,
    /// Anyone else with parental responsibility.
    pub others_with_responsibility: String,
    pub phone: String,
    /// Professional only: the parent's or young person's name and email.
    pub family_name: String,
    pub family_email: String,
    /// Professional only: `yes` ticked when the family agreed to the request.
    pub consent: BTreeMap<String, String>,
    /// Areas ticked: the part's stored name to `yes`.
    pub areas: BTreeMap<String, String>,
    pub reasons: String,
    pub support_tried: String,
}

/// A request that has passed validation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OnlineRequest {
    /// The child and the request as a case opens with them; received today.
    pub case: NewCase,
    pub details: RequestDetails,
}

/// What the request says beyond the child's record, kept with the case.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestDetails {
    pub parental_responsibility: Option<bool>,
    pub others_with_responsibility: String,
    pub phone: String,
    pub family_name: String,
    pub family_email: String,
    /// The family agreed (a professional's request); true for a family's own.
    pub consent: bool,
    pub areas: Vec<Part>,
    pub reasons: String,
    pub support_tried: String,
}

impl RequestInput {
    /// Checks the request made by `asker` on `today`; `is_setting` says
    /// whether an id is one of the council's settings.
    ///
    /// # Errors
    /// Every problem found, in the order the fields appear on the form.
    pub fn validate(
        &self,
        asker: Asker,
        today: NaiveDate,
        is_setting: impl Fn(TeamId) -> bool,
    ) -> Result<OnlineRequest, FieldErrors> {
        let child = NewCaseInput {
            first_name: self.first_name.clone(),
            last_name: self.last_name.clone(),
            date_of_birth: self.date_of_birth.clone(),
            setting: self.setting.clone(),
            requested_by: asker.requester().as_str().to_owned(),
            received_on: DateParts::from_date(today),
        };
        let checked = child.validate(today, is_setting);
        let mut errors = checked.as_ref().err().cloned().unwrap_or_default();
        if let (Ok(case), Asker::YoungPerson) = (&checked, asker)
            && super::dates::age_on(case.date_of_birth, today) < 16
        {
            errors.add(
                "date_of_birth",
                "date_of_birth-day",
                "A young person asks for themselves from 16: a parent or carer asks for a younger child",
            );
        }

        let parental_responsibility = match (asker, self.parental_responsibility.as_str()) {
            (Asker::Parent, "yes") => Some(true),
            (Asker::Parent, "no") => Some(false),
            (Asker::Parent, _) => {
                errors.add(
                    "parental_responsibility",
                    "parental_responsibility-yes",
                    "Select whether you have parental responsibility for the child",
                );
                None
            }
            _ => None,
        };
        let others_with_responsibility = errors.text(
            "others_with_responsibility",
            &self.others_with_responsibility,
            None,
            SHORT_MAX,
            "The names of others with parental responsibility",
        );
        let phone = self.phone.trim().to_owned();
        let digits = phone.chars().filter(char::is_ascii_digit).count();
        let phone_chars = phone.chars().all(|c| c.is_ascii_digit() || " +()-".contains(c));
        if !phone.is_empty() && (!phone_chars || !(10..=15).contains(&digits)) {
            errors.add(
                "phone",
                "phone",
                "Enter a telephone number, like 01632 960 001 or 07700 900 982",
            );
        }

        let (mut family_name, mut family_email, mut consent) = (String::new(), String::new(), true);
        if !asker.is_family() {
            family_name = errors.text(
                "family_name",
                &self.family_name,
                Some("Enter the parent's or young person's full name"),
                SHORT_MAX,
                "The name",
            );
            family_email = self.family_email.trim().to_owned();
            if !super::passwords::looks_like_email(&family_email) {
                errors.add(
                    "family_email",
                    "family_email",
                    "Enter the family's email address in the correct format, like name@example.com",
                );
            }
            consent = self.consent.contains_key("yes");
            if !consent {
                errors.add(
                    "consent",
                    "consent-yes",
                    "Confirm the family agrees to this request: without their consent, ask them to request it themselves",
                );
            }
        }

        let areas: Vec<Part> = REQUEST_AREAS
            .into_iter()
            .filter(|part| self.areas.contains_key(part.as_str()))
            .collect();
        if areas.is_empty() {
            errors.add(
                "areas",
                &format!("areas-{}", REQUEST_AREAS[0].as_str()),
                "Select at least one area where the child needs help",
            );
        }
        let reasons = errors.text(
            "reasons",
            &self.reasons,
            Some("Say why you are asking for an assessment"),
            TEXT_MAX,
            "Why you are asking",
        );
        let support_tried = errors.text(
            "support_tried",
            &self.support_tried,
            Some("Say what support has been tried so far, or that none has"),
            TEXT_MAX,
            "The support tried",
        );

        // The child's checks ran first: put every message in the form's order.
        errors.0.sort_by_key(|e| FIELD_ORDER.iter().position(|f| *f == e.field));
        match checked {
            Ok(case) if errors.is_empty() => Ok(OnlineRequest {
                case,
                details: RequestDetails {
                    parental_responsibility,
                    others_with_responsibility,
                    phone,
                    family_name,
                    family_email,
                    consent,
                    areas,
                    reasons,
                    support_tried,
                },
            }),
            _ => Err(errors),
        }
    }
}

/// The fields in the order the form shows them, so the error summary follows the page.
const FIELD_ORDER: [&str; 13] = [
    "first_name",
    "last_name",
    "date_of_birth",
    "setting",
    "parental_responsibility",
    "others_with_responsibility",
    "phone",
    "family_name",
    "family_email",
    "consent",
    "areas",
    "reasons",
    "support_tried",
];

/// What the family is told happens next, with the dates from the day the
/// request was received.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WhatHappensNext {
    /// The council tells the family whether it will assess by this day.
    pub decision_by: NaiveDate,
    /// If it assesses and a plan is needed, the final plan is due by this day.
    pub final_plan_by: NaiveDate,
}

impl WhatHappensNext {
    pub fn from(received: NaiveDate, limits: &TimeLimits) -> WhatHappensNext {
        WhatHappensNext {
            decision_by: weeks_after(received, limits.decide_to_assess_weeks),
            final_plan_by: weeks_after(received, limits.final_plan_weeks),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()
    }

    fn known(id: TeamId) -> bool {
        id == TeamId(4)
    }

    fn from_parent() -> RequestInput {
        RequestInput {
            first_name: "Poppy".into(),
            last_name: " Adeyemi ".into(),
            date_of_birth: DateParts::new("9", "6", "2018"),
            setting: "4".into(),
            parental_responsibility: "yes".into(),
            phone: "07700 900 982".into(),
            areas: BTreeMap::from([("communication".into(), "yes".into()), ("semh".into(), "yes".into())]),
            reasons: "She cannot cope in class.".into(),
            support_tried: "Speech and language therapy since Year 1.".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_parents_request_is_received_today_and_keeps_what_they_said() {
        let request = from_parent().validate(Asker::Parent, today(), known).unwrap();
        assert_eq!(request.case.received_on, today());
        assert_eq!(request.case.requested_by, Requester::Parent);
        assert_eq!(request.case.last_name, "Adeyemi");
        assert_eq!(request.details.areas, vec![Part::Communication, Part::Semh]);
        assert_eq!(request.details.parental_responsibility, Some(true));
        assert!(request.details.consent);
    }

    #[test]
    fn an_empty_form_names_every_missing_answer_in_page_order() {
        let errors = RequestInput::default()
            .validate(Asker::Parent, today(), known)
            .unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            vec![
                "first_name",
                "last_name",
                "date_of_birth",
                "setting",
                "parental_responsibility",
                "areas",
                "reasons",
                "support_tried"
            ]
        );
        assert_eq!(
            errors.get("areas"),
            Some("Select at least one area where the child needs help")
        );
    }

    #[test]
    fn a_professional_names_the_family_and_confirms_their_consent() {
        let input = RequestInput {
            parental_responsibility: String::new(),
            ..from_parent()
        };
        let school = Asker::Professional(Requester::School);
        let errors = input.validate(school, today(), known).unwrap_err();
        assert_eq!(
            errors.0.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(),
            vec!["family_name", "family_email", "consent"]
        );
        let agreed = RequestInput {
            family_name: "Grace Adeyemi".into(),
            family_email: "grace@example.com".into(),
            consent: BTreeMap::from([("yes".into(), "yes".into())]),
            ..input
        };
        let request = agreed.validate(school, today(), known).unwrap();
        assert_eq!(request.case.requested_by, Requester::School);
        assert_eq!(request.details.family_email, "grace@example.com");
        assert_eq!(request.details.parental_responsibility, None);
    }

    #[test]
    fn a_young_person_asks_for_themselves_from_sixteen() {
        let input = RequestInput {
            parental_responsibility: String::new(),
            date_of_birth: DateParts::new("4", "12", "2010"),
            ..from_parent()
        };
        let errors = input.validate(Asker::YoungPerson, today(), known).unwrap_err();
        assert_eq!(errors.0.len(), 1);
        assert!(errors.get("date_of_birth").unwrap().contains("from 16"));
        let sixteen = RequestInput {
            date_of_birth: DateParts::new("3", "12", "2010"),
            ..input
        };
        let request = sixteen.validate(Asker::YoungPerson, today(), known).unwrap();
        assert_eq!(request.case.requested_by, Requester::YoungPerson);
    }

    #[test]
    fn a_telephone_number_is_optional_but_must_look_like_one() {
        for (phone, ok) in [
            ("", true),
            ("+44 7700 900982", true),
            ("(01632) 960-001", true),
            ("call me", false),
            ("123", false),
        ] {
            let input = RequestInput {
                phone: phone.into(),
                ..from_parent()
            };
            assert_eq!(input.validate(Asker::Parent, today(), known).is_ok(), ok, "{phone}");
        }
    }

    #[test]
    fn which_accounts_ask_as_whom() {
        assert_eq!(Asker::for_role(Role::ParentCarer, None), Some(Asker::Parent));
        assert_eq!(
            Asker::for_role(Role::Professional, Some(TeamKind::Health)),
            Some(Asker::Professional(Requester::Health))
        );
        assert_eq!(
            Asker::for_role(Role::EducationSetting, Some(TeamKind::EducationSetting)),
            Some(Asker::Professional(Requester::School))
        );
        assert_eq!(Asker::for_role(Role::Caseworker, None), None);
    }

    #[test]
    fn the_family_is_told_the_dates_from_the_day_received() {
        let next = WhatHappensNext::from(today(), &TimeLimits::default());
        assert_eq!(next.decision_by, NaiveDate::from_ymd_opt(2027, 1, 14).unwrap());
        assert_eq!(next.final_plan_by, NaiveDate::from_ymd_opt(2027, 4, 22).unwrap());
    }
}
