//! The details a caseworker keeps for the SEN2 return, and the council's
//! answers in its header: what the forms send, and the rules they are
//! checked by. Every detail may be left for later; what is given must be
//! right. The case's school or setting is kept here too: the return names
//! it (by its URN) as the plan's placement, and it can change after the
//! request.

use serde::{Deserialize, Serialize};

use super::codes::{self, Ethnicity, InPost, NeedType, Sex, UpnUnknown};
use crate::domain::ids::TeamId;
use crate::domain::new_case::NO_SETTING;
use crate::error::FieldErrors;

/// The case's details for the return.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnDetails {
    pub sex: Option<Sex>,
    pub ethnicity: Option<Ethnicity>,
    pub upn: Option<String>,
    pub upn_unknown: Option<UpnUnknown>,
    pub primary_need: Option<NeedType>,
    pub secondary_need: Option<NeedType>,
    /// The child's current school or setting, one of the council's.
    pub setting: Option<TeamId>,
}

impl ReturnDetails {
    /// The details as the form showed them: a save made on a page showing
    /// other details than are now kept is someone else's change, detected.
    pub fn fingerprint(&self) -> String {
        let setting = self.setting.map(|t| t.to_string());
        [
            self.sex.map(Sex::as_str),
            self.ethnicity.map(Ethnicity::as_str),
            self.upn.as_deref(),
            self.upn_unknown.map(UpnUnknown::as_str),
            self.primary_need.map(NeedType::as_str),
            self.secondary_need.map(NeedType::as_str),
            setting.as_deref(),
        ]
        .map(Option::unwrap_or_default)
        .join("|")
    }
}

/// What the case's form sends.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DetailsInput {
    pub case: String,
    /// [`ReturnDetails::fingerprint`] of the details the page showed.
    pub shown: String,
    pub sex: String,
    pub ethnicity: String,
    pub upn: String,
    pub upn_unknown: String,
    pub primary_need: String,
    pub secondary_need: String,
    /// A setting's team id, or [`NO_SETTING`].
    pub setting: String,
}

/// A chosen code, or a message when the choice is not one of the list's.
fn choice<T>(errors: &mut FieldErrors, field: &str, value: &str, parse: fn(&str) -> Option<T>) -> Option<T> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let parsed = parse(value);
    if parsed.is_none() {
        errors.add(field, field, "Choose one of the options");
    }
    parsed
}

impl DetailsInput {
    /// # Errors
    /// A message beside each field given wrongly.
    pub fn validate(&self, is_setting: impl Fn(TeamId) -> bool) -> Result<ReturnDetails, FieldErrors> {
        let mut errors = FieldErrors::default();
        let sex = choice(&mut errors, "sex", &self.sex, Sex::parse);
        let ethnicity = choice(&mut errors, "ethnicity", &self.ethnicity, Ethnicity::parse);
        let upn_unknown = choice(&mut errors, "upn_unknown", &self.upn_unknown, UpnUnknown::parse);
        let typed = self.upn.trim();
        let upn = if typed.is_empty() {
            None
        } else {
            let upn = codes::upn(typed);
            if upn.is_none() {
                errors.add(
                    "upn",
                    "upn",
                    "Enter a unique pupil number in the correct format: a letter, 11 numbers, then a number or a letter, like A12345678901B",
                );
            } else if upn_unknown.is_some() {
                errors.add(
                    "upn",
                    "upn",
                    "Enter a unique pupil number, or say why there is none, not both",
                );
            }
            upn
        };
        let primary_need = choice(&mut errors, "primary_need", &self.primary_need, NeedType::parse);
        let secondary_need = choice(&mut errors, "secondary_need", &self.secondary_need, NeedType::parse);
        if secondary_need.is_some() && primary_need.is_none() {
            errors.add(
                "primary_need",
                "primary_need",
                "Choose the primary type of need before a secondary one",
            );
        } else if secondary_need.is_some() && secondary_need == primary_need {
            errors.add(
                "secondary_need",
                "secondary_need",
                "Choose a secondary type of need that is not the primary one, or leave it blank",
            );
        }
        let setting = match self.setting.trim() {
            "" | NO_SETTING => None,
            typed => {
                let chosen = typed.parse::<TeamId>().ok().filter(|&id| is_setting(id));
                if chosen.is_none() {
                    errors.add(
                        "setting",
                        "setting",
                        "Choose one of the council's settings, or 'No current setting'",
                    );
                }
                chosen
            }
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ReturnDetails {
            sex,
            ethnicity,
            upn,
            upn_unknown,
            primary_need,
            secondary_need,
            setting,
        })
    }
}

/// The council's answers in the return's header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouncilReturn {
    pub dfe_number: Option<String>,
    pub medical_officer: Option<InPost>,
    pub clinical_officer: Option<InPost>,
    pub social_care_officer: Option<InPost>,
}

impl CouncilReturn {
    /// Whether the header can be written.
    pub fn complete(&self) -> bool {
        self.dfe_number.is_some() && self.medical_officer.is_some() && self.clinical_officer.is_some()
    }
}

/// What the council's form sends.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CouncilInput {
    pub year: String,
    pub dfe_number: String,
    pub medical_officer: String,
    pub clinical_officer: String,
    pub social_care_officer: String,
}

impl CouncilInput {
    /// # Errors
    /// A message beside each field given wrongly or left out.
    pub fn validate(&self) -> Result<CouncilReturn, FieldErrors> {
        let mut errors = FieldErrors::default();
        let dfe_number = codes::la_number(&self.dfe_number);
        if dfe_number.is_none() {
            errors.add(
                "dfe_number",
                "dfe_number",
                "Enter your council's 3-digit DfE number, like 320",
            );
        }
        let mut officer = |field: &str, value: &str, what: &str| {
            let chosen = choice(&mut errors, field, value, InPost::parse);
            if value.trim().is_empty() {
                errors.add(field, &format!("{field}-Y"), format!("Say whether {what} is in post"));
            }
            chosen
        };
        let medical_officer = officer("medical_officer", &self.medical_officer, "a designated medical officer");
        let clinical_officer = officer(
            "clinical_officer",
            &self.clinical_officer,
            "a designated clinical officer",
        );
        let social_care_officer = choice(
            &mut errors,
            "social_care_officer",
            &self.social_care_officer,
            InPost::parse,
        );
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(CouncilReturn {
            dfe_number,
            medical_officer,
            clinical_officer,
            social_care_officer,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> DetailsInput {
        DetailsInput {
            case: "1".to_owned(),
            sex: "F".to_owned(),
            ethnicity: "BAFR".to_owned(),
            upn: "a12345678901b".to_owned(),
            primary_need: "ASD".to_owned(),
            ..DetailsInput::default()
        }
    }

    #[test]
    fn details_are_read_as_codes_and_the_upn_in_capitals() {
        let details = input().validate(|_| true).unwrap();
        assert_eq!(details.upn.as_deref(), Some("A12345678901B"));
        assert_eq!(details.primary_need, Some(NeedType::Autism));
        assert_eq!(details.fingerprint(), "F|BAFR|A12345678901B||ASD||");
    }

    #[test]
    fn the_setting_is_one_of_the_councils_or_none() {
        let council = |id: TeamId| id == TeamId(7);
        let moved = DetailsInput {
            setting: "7".to_owned(),
            ..input()
        };
        assert_eq!(moved.validate(council).unwrap().setting, Some(TeamId(7)));
        let none = DetailsInput {
            setting: NO_SETTING.to_owned(),
            ..input()
        };
        assert_eq!(none.validate(council).unwrap().setting, None);
        let elsewhere = DetailsInput {
            setting: "8".to_owned(),
            ..input()
        };
        assert!(elsewhere.validate(council).unwrap_err().get("setting").is_some());
    }

    #[test]
    fn every_detail_may_be_left_for_later() {
        assert_eq!(
            DetailsInput::default().validate(|_| true).unwrap(),
            ReturnDetails::default()
        );
    }

    #[test]
    fn a_malformed_upn_or_a_upn_with_a_reason_is_refused_beside_the_field() {
        let wrong = DetailsInput {
            upn: "12345".to_owned(),
            ..input()
        };
        assert!(
            wrong
                .validate(|_| true)
                .unwrap_err()
                .get("upn")
                .unwrap()
                .contains("correct format")
        );
        let both = DetailsInput {
            upn_unknown: "UN1".to_owned(),
            ..input()
        };
        assert!(
            both.validate(|_| true)
                .unwrap_err()
                .get("upn")
                .unwrap()
                .contains("not both")
        );
    }

    #[test]
    fn a_secondary_need_must_differ_from_a_primary_one() {
        let same = DetailsInput {
            secondary_need: "ASD".to_owned(),
            ..input()
        };
        assert!(same.validate(|_| true).unwrap_err().get("secondary_need").is_some());
        let alone = DetailsInput {
            primary_need: String::new(),
            secondary_need: "SLCN".to_owned(),
            ..input()
        };
        assert!(alone.validate(|_| true).unwrap_err().get("primary_need").is_some());
    }

    #[test]
    fn the_council_needs_its_number_and_two_officers() {
        let errors = CouncilInput::default().validate().unwrap_err();
        assert!(errors.get("dfe_number").is_some());
        assert!(errors.get("medical_officer").is_some());
        assert!(errors.get("clinical_officer").is_some());
        assert!(errors.get("social_care_officer").is_none());
        let given = CouncilInput {
            dfe_number: "320".to_owned(),
            medical_officer: "Y".to_owned(),
            clinical_officer: "R".to_owned(),
            ..CouncilInput::default()
        };
        let council = given.validate().unwrap();
        assert!(council.complete());
        assert_eq!(council.social_care_officer, None);
    }
}
