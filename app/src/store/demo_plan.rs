//! A full demo plan: Maya's draft, shared for comment, with twelve outcomes
//! (three in each area of special educational need), each with three steps
//! and four pieces of provision written the way seed guidance asks. It shows
//! what a complete plan looks like and is the plan the page benchmarks use.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{DatabaseConnection, DbErr};

use super::plans;
use crate::domain::ids::{AccountId, CaseId, PlanVersionId};
use crate::domain::plan::content::{
    AdviceEntry, AdviceList, Area, Budget, Outcome, PartContent, Placement, Provision, ProvisionSection, Step, Views,
};
use crate::domain::plan::part::{Part, PartStatus};

/// (area, needs, three outcomes) for each area of special educational need.
const AREAS: [(Part, &str, [&str; 3]); 4] = [
    (
        Part::Communication,
        "Maya is chatty and confident with familiar adults, and finds it hard to follow instructions of more than two steps and to ask for help in class.",
        [
            "By the end of Key Stage 2, Maya will be able to ask an adult for help in class using a short sentence, on at least 4 out of 5 occasions.",
            "By July 2027 Maya will be able to follow a three-step spoken instruction in class without a visual prompt.",
            "By the end of Year 3 Maya will be able to take turns in a small-group conversation for at least 5 minutes.",
        ],
    ),
    (
        Part::Cognition,
        "Maya loves stories and remembers them well. Reading and number skills are about two years below those of classmates.",
        [
            "By July 2027 Maya will be able to read and understand a book at book band 6 independently.",
            "By the end of Year 3 Maya will be able to add and subtract numbers to 20 without apparatus.",
            "By the end of Key Stage 2 Maya will be able to write a short paragraph of at least 5 sentences independently.",
        ],
    ),
    (
        Part::Semh,
        "Maya is kind and well liked, and becomes anxious at transitions and when routines change, sometimes leaving the classroom.",
        [
            "By July 2027 Maya will be able to name three feelings and a calming strategy for each, without adult prompting.",
            "By the end of Year 3 Maya will be able to stay in class through a change of routine on at least 4 out of 5 occasions.",
            "By July 2027 Maya will be able to join a lunchtime club with peers for at least 20 minutes.",
        ],
    ),
    (
        Part::Sensory,
        "Maya has mild hypermobility, tires when writing, and finds busy, noisy rooms overwhelming.",
        [
            "By July 2027 Maya will be able to write for 10 minutes without a break, using a pencil grip.",
            "By the end of Year 3 Maya will be able to use ear defenders independently when the room is loud.",
            "By July 2027 Maya will be able to complete a PE lesson with the rest of the class, with at least 30 minutes of activity.",
        ],
    ),
];

const STEPS: [&str; 3] = [
    "By the end of the autumn term, Maya will be able to do this with an adult's support on 3 out of 5 occasions.",
    "By the end of the spring term, Maya will be able to do this with a visual prompt on 4 out of 5 occasions.",
    "By the end of the summer term, Maya will be able to do this independently on 4 out of 5 occasions.",
];

/// (what, who, how often, how long or group size, review) for the provision under each outcome.
const PROVISION: [(&str, &str, &str, &str, &str); 4] = [
    (
        "Individual sessions to work on the skills in this outcome, using the programme set by the therapist.",
        "Speech and language therapist",
        "Weekly",
        "30 minutes for 12 weeks",
        "Termly",
    ),
    (
        "Small-group practice of the same skills with peers.",
        "Teaching assistant trained by the therapist",
        "Three times a week",
        "20 minutes; group of up to 4",
        "Termly",
    ),
    (
        "Visual timetable and task plan, shown before each lesson.",
        "Class teacher",
        "Daily",
        "5 minutes at the start of each lesson",
        "At each annual review",
    ),
    (
        "Meeting with Maya's parents to share progress and strategies for home.",
        "SENCO",
        "Once each term",
        "30 minutes",
        "Termly",
    ),
];

fn area(name: &str, needs: &str, outcomes: &[&str; 3], first_key: u32) -> Area {
    let personal = |text: &str| text.replace("Maya", name);
    let mut key = first_key;
    let mut take = || {
        key += 1;
        key
    };
    let outcomes = outcomes
        .iter()
        .map(|text| Outcome {
            key: take(),
            text: (*text).to_owned(),
            steps: STEPS
                .iter()
                .map(|s| Step {
                    key: take(),
                    text: (*s).to_owned(),
                    from: None,
                })
                .collect(),
            provisions: PROVISION
                .iter()
                .map(|(what, who, often, long, review)| Provision {
                    key: take(),
                    section: ProvisionSection::F,
                    text: personal(what),
                    who: (*who).to_owned(),
                    how_often: (*often).to_owned(),
                    duration: (*long).to_owned(),
                    starts: "September 2026".to_owned(),
                    review: (*review).to_owned(),
                    from: None,
                })
                .collect(),
            from: None,
        })
        .collect();
    Area {
        sources: Vec::new(),
        needs: personal(needs),
        outcomes,
        next_key: key + 1,
    }
}

/// The content of every part of the demo plan for a child called `name`, with its status.
pub fn full_plan(name: &str) -> Vec<(Part, PartStatus, PartContent)> {
    let personal = |text: &str| text.replace("Maya", name);
    let mut parts = vec![(
        Part::A,
        PartStatus::Complete,
        PartContent::Views(Views {
            about_me: "I like drawing horses and playing tag. I don't like it when it's noisy.\n\nI want to be a vet when I grow up.".to_owned(),
            parent_views: personal("We want Maya to make friends and to feel confident asking for help at school."),
            background: personal("Maya was referred by the community paediatrician."),
        }),
    )];
    for (i, (part, needs, outcomes)) in AREAS.iter().enumerate() {
        let first_key = u32::try_from(i).unwrap_or(0) * 100;
        parts.push((
            *part,
            PartStatus::Complete,
            PartContent::Area(area(name, needs, outcomes, first_key)),
        ));
    }
    parts.push((
        Part::Health,
        PartStatus::NotApplicable,
        PartContent::empty(Part::Health),
    ));
    parts.push((
        Part::SocialCare,
        PartStatus::NotApplicable,
        PartContent::empty(Part::SocialCare),
    ));
    parts.push((
        Part::J,
        PartStatus::Complete,
        PartContent::Budget(Budget {
            personal_budget: "No personal budget has been requested.".to_owned(),
            annual_cost: "£8,400 a year of additional support, met from the high needs block.".to_owned(),
        }),
    ));
    let advice = [
        ("Dr Hannah Moore", "Educational psychologist", "12 October 2026"),
        ("Grace Adeyemi", "Speech and language therapist", "14 October 2026"),
        ("Daniel Price", "SENCO, Riverside Primary School", "9 October 2026"),
        ("Parent or carer", "Parent's views", "2 October 2026"),
    ];
    parts.push((
        Part::K,
        PartStatus::Complete,
        PartContent::Advice(AdviceList {
            entries: advice
                .iter()
                .enumerate()
                .map(|(i, (name, role, date))| AdviceEntry {
                    key: u32::try_from(i).unwrap_or(0) + 1,
                    name: (*name).to_owned(),
                    role: (*role).to_owned(),
                    date: (*date).to_owned(),
                    documents: "Advice report (PDF)".to_owned(),
                    request: None,
                })
                .collect(),
            next_key: 10,
        }),
    ));
    parts
}

/// Writes the full plan for `name` into `case` as draft version 1 and shares it
/// on `shared_on`, giving each of `family` 15 days to comment.
///
/// # Errors
/// A database error.
pub async fn load_shared(
    db: &DatabaseConnection,
    case: CaseId,
    name: &str,
    caseworker: AccountId,
    family: &[AccountId],
    shared_on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<PlanVersionId, DbErr> {
    let draft = plans::start_draft(db, case, caseworker, now).await?;
    for (part, status, content) in full_plan(name) {
        plans::save_part(db, draft.id, part, 1, status, &content, caseworker, now).await?;
    }
    plans::share(db, draft.id, family, shared_on).await?;
    Ok(draft.id)
}

/// As [`load_shared`], then issues it as the final plan on `issued_on`, naming `setting`.
///
/// # Errors
/// A database error.
#[allow(clippy::too_many_arguments)]
pub async fn load_issued(
    db: &DatabaseConnection,
    case: CaseId,
    name: &str,
    caseworker: AccountId,
    setting: &str,
    issued_on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let shared_on = issued_on - chrono::TimeDelta::days(20);
    let draft = load_shared(db, case, name, caseworker, &[], shared_on, now).await?;
    let placement = Placement {
        setting_name: setting.to_owned(),
        setting_type: "Mainstream school".to_owned(),
    };
    plans::issue(db, case, draft, placement, caseworker, issued_on, now).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::checks::check_part;

    #[test]
    fn the_demo_plan_is_full_size_and_passes_the_provision_checker() {
        let parts = full_plan("Maya");
        let areas: Vec<&Area> = parts
            .iter()
            .filter_map(|(_, _, c)| match c {
                PartContent::Area(a) => Some(a),
                _ => None,
            })
            .collect();
        let outcomes: Vec<&Outcome> = areas.iter().flat_map(|a| a.outcomes.iter()).collect();
        assert_eq!(outcomes.len(), 12);
        assert!(outcomes.iter().all(|o| o.steps.len() == 3 && o.provisions.len() == 4));
        for (part, status, content) in &parts {
            assert_eq!(check_part(*part, *status, content), vec![], "{part:?}");
        }
    }
}
