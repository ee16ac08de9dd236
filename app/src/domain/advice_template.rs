//! The advice template a professional fills in: who is giving the advice
//! (the name and role that section K of the plan lists), whether they will
//! give it, and for each area in their expertise the child's strengths and
//! needs and the outcomes, steps and provision they suggest: the same shapes
//! as the plan's areas, so the same editor and provision checker serve both
//! and the caseworker can bring them into the draft whole.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::plan::content::Area;
use super::plan::part::Part;
use crate::error::FieldErrors;

/// The areas advice may cover: the four areas of special educational need,
/// health and social care.
pub const ADVICE_AREAS: [Part; 6] = [
    Part::Communication,
    Part::Cognition,
    Part::Semh,
    Part::Sensory,
    Part::Health,
    Part::SocialCare,
];

/// The longest name, role or "on behalf of" answer.
pub const MAX_NAME_CHARS: usize = 200;
/// The longest reason for not giving advice.
pub const MAX_REASON_CHARS: usize = 2_000;

/// The questions at the top of the template.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AdviceHeader {
    /// Responding on behalf of someone else, and who.
    pub on_behalf: bool,
    pub on_behalf_of: String,
    /// The person giving the advice: the name in section K.
    pub giver_name: String,
    pub giver_role: String,
    /// "Will you provide information and advice?": `None` until answered.
    pub will_provide: Option<bool>,
    /// Why not, when the answer is no.
    pub no_reason: String,
}

impl AdviceHeader {
    /// Before anything is saved: the person asked gives the advice unless they say otherwise.
    pub fn given_by(name: &str) -> AdviceHeader {
        AdviceHeader {
            giver_name: name.to_owned(),
            ..AdviceHeader::default()
        }
    }
}

/// The areas the professional has written about, in the template's order.
pub type AdviceAreas = BTreeMap<Part, Area>;

/// Whether an area has anything written in it.
pub fn is_written(area: &Area) -> bool {
    !area.needs.trim().is_empty() || !area.outcomes.is_empty()
}

/// Checks the header as saved: lengths, and the "who" of "on behalf of".
/// What submitting further needs is [`ready_to_submit`].
pub fn validate_header(header: &AdviceHeader) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::default();
    for (field, value) in [
        ("on_behalf_of", &header.on_behalf_of),
        ("giver_name", &header.giver_name),
        ("giver_role", &header.giver_role),
    ] {
        if value.chars().count() > MAX_NAME_CHARS {
            errors.add(
                field,
                field,
                format!("This must be {MAX_NAME_CHARS} characters or fewer"),
            );
        }
    }
    if header.no_reason.chars().count() > MAX_REASON_CHARS {
        errors.add(
            "no_reason",
            "no_reason",
            format!("The reason must be {MAX_REASON_CHARS} characters or fewer"),
        );
    }
    if header.on_behalf && header.on_behalf_of.trim().is_empty() {
        errors.add(
            "on_behalf_of",
            "on_behalf_of",
            "Enter the name of the person you are responding for",
        );
    }
    if header.will_provide == Some(false) && header.no_reason.trim().is_empty() {
        errors.add(
            "no_reason",
            "no_reason",
            "Enter why you will not provide information and advice",
        );
    }
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

/// What must be there before advice can be submitted: who is giving it,
/// their answer, and, for a yes, at least one area written.
pub fn ready_to_submit(header: &AdviceHeader, areas: &AdviceAreas) -> Result<(), FieldErrors> {
    let mut errors = validate_header(header).err().unwrap_or_default();
    if header.giver_name.trim().is_empty() {
        errors.add(
            "giver_name",
            "giver_name",
            "Enter the name of the person giving the advice",
        );
    }
    if header.giver_role.trim().is_empty() {
        errors.add("giver_role", "giver_role", "Enter their job title or role");
    }
    match header.will_provide {
        None => errors.add(
            "will_provide",
            "will_provide-yes",
            "Select whether you will provide information and advice",
        ),
        Some(true) if !areas.values().any(is_written) => errors.add(
            "areas",
            "areas",
            "Write about at least one area before you submit your advice",
        ),
        Some(_) => {}
    }
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> AdviceHeader {
        AdviceHeader {
            giver_name: "Priya Shah".into(),
            giver_role: "Speech and language therapist".into(),
            will_provide: Some(true),
            ..AdviceHeader::default()
        }
    }

    fn fields(errors: FieldErrors) -> Vec<String> {
        errors.0.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn advice_is_submitted_only_with_who_gives_it_and_something_written() {
        let mut areas = AdviceAreas::new();
        assert_eq!(fields(ready_to_submit(&header(), &areas).unwrap_err()), ["areas"]);
        areas.insert(
            Part::Communication,
            Area {
                needs: "Maya understands short instructions.".into(),
                ..Area::default()
            },
        );
        assert_eq!(ready_to_submit(&header(), &areas), Ok(()));
        let nameless = AdviceHeader {
            giver_name: " ".into(),
            will_provide: None,
            ..header()
        };
        assert_eq!(
            fields(ready_to_submit(&nameless, &areas).unwrap_err()),
            ["giver_name", "will_provide"]
        );
    }

    #[test]
    fn a_no_needs_its_reason_and_on_behalf_needs_a_name() {
        let no = AdviceHeader {
            will_provide: Some(false),
            on_behalf: true,
            ..header()
        };
        assert_eq!(fields(validate_header(&no).unwrap_err()), ["on_behalf_of", "no_reason"]);
        let no = AdviceHeader {
            no_reason: "Not known to the service.".into(),
            on_behalf_of: "Dr Ade Okafor".into(),
            ..no
        };
        // A no with its reason is complete without any area written.
        assert_eq!(ready_to_submit(&no, &AdviceAreas::new()), Ok(()));
    }
}
