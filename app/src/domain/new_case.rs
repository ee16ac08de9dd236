//! Registering a request for an EHC needs assessment: the form's input as
//! typed, and the rules it must meet before a case is opened.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::dates::{DateParts, DateProblem, age_on};
use super::ids::TeamId;
use super::requester::Requester;
use crate::error::FieldErrors;

/// The value of the setting field for a child with no current setting.
pub const NO_SETTING: &str = "none";

/// The request form exactly as typed, so it can be shown again with errors.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NewCaseInput {
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: DateParts,
    /// A setting's team id, [`NO_SETTING`], or empty when nothing was chosen.
    pub setting: String,
    pub requested_by: String,
    pub received_on: DateParts,
}

/// A request that has passed validation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewCase {
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: NaiveDate,
    pub setting: Option<TeamId>,
    pub requested_by: Requester,
    pub received_on: NaiveDate,
}

const NAME_MAX: usize = 100;
/// Plans run to age 25, so a request is for someone under 26.
const OLDEST_AGE: i32 = 25;

fn check_name(errors: &mut FieldErrors, field: &str, value: &str, what: &str) -> String {
    let name = value.trim();
    if name.is_empty() {
        errors.add(field, field, format!("Enter the child's {what}"));
    } else if name.chars().count() > NAME_MAX {
        errors.add(
            field,
            field,
            format!("The {what} must be {NAME_MAX} characters or fewer"),
        );
    }
    name.to_owned()
}

pub(crate) fn check_date(errors: &mut FieldErrors, field: &str, value: &DateParts, what: &str) -> Option<NaiveDate> {
    match value.parse() {
        Ok(date) => Some(date),
        Err(problem) => {
            let target = format!("{field}-{}", problem.part());
            let message = match problem {
                DateProblem::Empty => format!("Enter the {what}"),
                DateProblem::MissingDay => format!("The {what} must include a day"),
                DateProblem::MissingMonth => format!("The {what} must include a month"),
                DateProblem::MissingYear => format!("The {what} must include a year"),
                DateProblem::NotReal => format!("The {what} must be a real date"),
            };
            errors.add(field, &target, message);
            None
        }
    }
}

impl NewCaseInput {
    /// Checks the request on `today`; `is_setting` says whether an id is one of
    /// the council's settings.
    ///
    /// # Errors
    /// Every problem found, in the order the fields appear on the form.
    pub fn validate(&self, today: NaiveDate, is_setting: impl Fn(TeamId) -> bool) -> Result<NewCase, FieldErrors> {
        let mut errors = FieldErrors::default();
        let first_name = check_name(&mut errors, "first_name", &self.first_name, "first name");
        let last_name = check_name(&mut errors, "last_name", &self.last_name, "last name");

        // Only a date of birth that passes is compared with the date received,
        // so one mistake gives one message.
        let dob = check_date(&mut errors, "date_of_birth", &self.date_of_birth, "date of birth").filter(|&born| {
            let problem = if born > today {
                Some("The date of birth must be in the past")
            } else if age_on(born, today) > OLDEST_AGE {
                Some("The child or young person must be 25 or under: check the date of birth")
            } else {
                None
            };
            if let Some(message) = problem {
                errors.add("date_of_birth", "date_of_birth-day", message);
            }
            problem.is_none()
        });

        let setting = match self.setting.trim() {
            "" => {
                errors.add(
                    "setting",
                    "setting",
                    "Select the child's current setting, or 'No current setting'",
                );
                None
            }
            NO_SETTING => None,
            id => match id.parse::<TeamId>() {
                Ok(team) if is_setting(team) => Some(team),
                _ => {
                    errors.add("setting", "setting", "Select a setting from the list");
                    None
                }
            },
        };

        let requested_by = Requester::parse(self.requested_by.trim());
        if requested_by.is_none() {
            errors.add("requested_by", "requested_by-parent", "Select who made the request");
        }

        let received = check_date(
            &mut errors,
            "received_on",
            &self.received_on,
            "date the request was received",
        );
        if let Some(on) = received {
            if on > today {
                errors.add(
                    "received_on",
                    "received_on-day",
                    "The date the request was received must be today or in the past",
                );
            } else if dob.is_some_and(|born| on < born) {
                errors.add(
                    "received_on",
                    "received_on-day",
                    "The date the request was received must be after the date of birth",
                );
            }
        }

        match (dob, requested_by, received) {
            (Some(date_of_birth), Some(requested_by), Some(received_on)) if errors.is_empty() => Ok(NewCase {
                first_name,
                last_name,
                date_of_birth,
                setting,
                requested_by,
                received_on,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn known(id: TeamId) -> bool {
        id == TeamId(4)
    }

    fn valid() -> NewCaseInput {
        NewCaseInput {
            first_name: " Amelia ".into(),
            last_name: "Hart".into(),
            date_of_birth: DateParts::new("14", "3", "2017"),
            setting: "4".into(),
            requested_by: "parent".into(),
            received_on: DateParts::new("2", "11", "2026"),
        }
    }

    #[test]
    fn a_complete_request_is_accepted_and_trimmed() {
        let case = valid().validate(today(), known).unwrap();
        assert_eq!(case.first_name, "Amelia");
        assert_eq!(case.setting, Some(TeamId(4)));
        assert_eq!(case.requested_by, Requester::Parent);
        assert_eq!(case.received_on, NaiveDate::from_ymd_opt(2026, 11, 2).unwrap());
    }

    #[test]
    fn no_current_setting_is_a_valid_answer() {
        let input = NewCaseInput {
            setting: NO_SETTING.into(),
            ..valid()
        };
        assert_eq!(input.validate(today(), known).unwrap().setting, None);
    }

    #[test]
    fn an_empty_form_lists_every_field_in_page_order() {
        let errors = NewCaseInput::default().validate(today(), known).unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| (e.field.as_str(), e.target.as_str())).collect();
        assert_eq!(
            fields,
            vec![
                ("first_name", "first_name"),
                ("last_name", "last_name"),
                ("date_of_birth", "date_of_birth-day"),
                ("setting", "setting"),
                ("requested_by", "requested_by-parent"),
                ("received_on", "received_on-day"),
            ]
        );
        assert_eq!(errors.get("first_name"), Some("Enter the child's first name"));
        assert_eq!(
            errors.get("received_on"),
            Some("Enter the date the request was received")
        );
    }

    #[test]
    fn each_rule_gives_its_own_message() {
        type Edit = fn(&mut NewCaseInput);
        let cases: [(Edit, &str, &str); 10] = [
            (
                |i| i.first_name = "x".repeat(101),
                "first_name",
                "The first name must be 100 characters or fewer",
            ),
            (
                |i| i.date_of_birth.month = String::new(),
                "date_of_birth",
                "The date of birth must include a month",
            ),
            (
                |i| i.date_of_birth = DateParts::new("31", "2", "2017"),
                "date_of_birth",
                "The date of birth must be a real date",
            ),
            (
                |i| i.date_of_birth = DateParts::new("1", "1", "2030"),
                "date_of_birth",
                "The date of birth must be in the past",
            ),
            (
                |i| i.date_of_birth = DateParts::new("1", "1", "2000"),
                "date_of_birth",
                "The child or young person must be 25 or under: check the date of birth",
            ),
            (
                |i| i.setting = "Riverside".into(),
                "setting",
                "Select a setting from the list",
            ),
            (|i| i.setting = "99".into(), "setting", "Select a setting from the list"),
            (
                |i| i.requested_by = "neighbour".into(),
                "requested_by",
                "Select who made the request",
            ),
            (
                |i| i.received_on = DateParts::new("23", "11", "2026"),
                "received_on",
                "The date the request was received must be today or in the past",
            ),
            (
                |i| i.received_on = DateParts::new("1", "1", "2016"),
                "received_on",
                "The date the request was received must be after the date of birth",
            ),
        ];
        for (edit, field, message) in cases {
            let mut input = valid();
            edit(&mut input);
            let errors = input.validate(today(), known).unwrap_err();
            assert_eq!(errors.0.len(), 1, "{message}: {errors:?}");
            assert_eq!(errors.get(field), Some(message));
        }
    }

    #[test]
    fn a_date_error_links_to_the_box_that_is_wrong() {
        let input = NewCaseInput {
            date_of_birth: DateParts::new("1", "1", ""),
            ..valid()
        };
        let errors = input.validate(today(), known).unwrap_err();
        assert_eq!(errors.0[0].target, "date_of_birth-year");
    }
}
