//! The checks run over a whole plan before it is shared (and over a part as
//! it is typed): provision that is not specified and quantified, outcomes
//! with no time frame or measurable result, and needs with nothing to meet them.

use serde::{Deserialize, Serialize};

use super::content::{Area, ItemKey, PartContent};
use super::part::{Part, PartStatus};
use crate::domain::provision_check::{check_outcome, check_provision};

/// One thing to put right, and where.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanIssue {
    pub part: Part,
    /// The outcome, step or provision, if the issue is about one.
    pub item: Option<ItemKey>,
    /// Which item, in words ("Outcome 2, provision 1").
    pub place: String,
    pub message: String,
}

/// The issues in one area of need.
pub fn check_area(part: Part, area: &Area) -> Vec<PlanIssue> {
    let mut issues = Vec::new();
    let mut push = |item: Option<ItemKey>, place: String, message: String| {
        issues.push(PlanIssue {
            part,
            item,
            place,
            message,
        })
    };
    if !area.needs.trim().is_empty() {
        if area.outcomes.is_empty() {
            push(
                None,
                "Needs".into(),
                "Needs are described but there is no outcome for them".into(),
            );
        } else if area.outcomes.iter().all(|o| o.provisions.is_empty()) {
            push(
                None,
                "Needs".into(),
                "Needs are described but there is no provision to meet them".into(),
            );
        }
    }
    for (i, outcome) in area.outcomes.iter().enumerate() {
        let n = i + 1;
        if outcome.text.trim().is_empty() {
            push(Some(outcome.key), format!("Outcome {n}"), "Write the outcome".into());
        } else {
            for issue in check_outcome(&outcome.text) {
                push(Some(outcome.key), format!("Outcome {n}"), issue.message());
            }
        }
        for (j, provision) in outcome.provisions.iter().enumerate() {
            let place = format!("Outcome {n}, provision {}", j + 1);
            if provision.text.trim().is_empty() {
                push(Some(provision.key), place, "Say what the provision is".into());
                continue;
            }
            for issue in check_provision(&provision.draft()) {
                push(Some(provision.key), place.clone(), issue.message());
            }
        }
    }
    issues
}

/// The issues in a part; parts that do not apply have none.
pub fn check_part(part: Part, status: PartStatus, content: &PartContent) -> Vec<PlanIssue> {
    match content {
        PartContent::Area(area) if status != PartStatus::NotApplicable => check_area(part, area),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::content::{Outcome, Provision};

    fn area(needs: &str, outcomes: Vec<Outcome>) -> Area {
        Area {
            needs: needs.into(),
            outcomes,
            next_key: 10,
            sources: Vec::new(),
        }
    }

    /// Seed 002's example outcome and provision, as a caseworker would enter them.
    fn seed_outcome() -> Outcome {
        Outcome {
            key: 1,
            text: "By the end of Key Stage 2, Maya will be able to ask an adult for help in class using a short sentence, on at least 4 out of 5 occasions.".into(),
            steps: vec![],
            from: None,
            provisions: vec![Provision {
                key: 2,
                text: "Individual speech and language therapy to develop expressive language".into(),
                who: "Speech and language therapist".into(),
                how_often: "Weekly".into(),
                duration: "30 minutes for 12 weeks".into(),
                review: "Termly".into(),
                ..Provision::default()
            }],
        }
    }

    #[test]
    fn a_specific_outcome_with_quantified_provision_passes() {
        assert_eq!(
            check_area(
                Part::Communication,
                &area("Finds it hard to ask for help", vec![seed_outcome()])
            ),
            vec![]
        );
    }

    #[test]
    fn needs_without_an_outcome_or_provision_are_flagged() {
        let issues = check_area(Part::Cognition, &area("Reads two years behind", vec![]));
        assert_eq!(issues.len(), 1);
        assert!(issues[0].message.contains("no outcome"));
        let mut outcome = seed_outcome();
        outcome.provisions.clear();
        let issues = check_area(Part::Cognition, &area("Reads two years behind", vec![outcome]));
        assert!(issues.iter().any(|i| i.message.contains("no provision")), "{issues:?}");
    }

    #[test]
    fn vague_provision_is_flagged_at_its_place() {
        let mut outcome = seed_outcome();
        outcome.provisions[0] = Provision {
            key: 2,
            text: "Access to speech and language therapy as required".into(),
            ..Provision::default()
        };
        let issues = check_area(Part::Communication, &area("x", vec![outcome]));
        assert!(
            issues
                .iter()
                .all(|i| i.item == Some(2) && i.place == "Outcome 1, provision 1")
        );
        assert!(issues.iter().any(|i| i.message.contains("access to")), "{issues:?}");
        assert!(issues.iter().any(|i| i.message.contains("who")), "{issues:?}");
    }

    #[test]
    fn a_part_that_does_not_apply_is_not_checked() {
        let content = PartContent::Area(area("x", vec![]));
        assert!(check_part(Part::Health, PartStatus::NotApplicable, &content).is_empty());
        assert!(!check_part(Part::Health, PartStatus::Complete, &content).is_empty());
    }
}
