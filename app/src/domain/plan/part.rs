//! The parts of a plan that are edited, saved and versioned one at a time,
//! and the task list that groups them as councils show the plan.

use crate::domain::stored::stored_enum;

stored_enum! {
    /// One editable part of the plan. Each area of need carries its needs (B, C
    /// or D), its outcomes (E) and their provision (F, G or H1/H2).
    #[derive(Hash, PartialOrd, Ord)]
    #[serde(rename_all = "snake_case")]
    pub enum Part {
        A = "a",
        Communication = "communication",
        Cognition = "cognition",
        Semh = "semh",
        Sensory = "sensory",
        Health = "health",
        SocialCare = "social_care",
        I = "i",
        J = "j",
        K = "k",
    }
}

/// What kind of editing a part needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartKind {
    Views,
    Area,
    Placement,
    Budget,
    Advice,
}

impl Part {
    /// The four areas of special educational need (section B).
    pub const SEN_AREAS: [Part; 4] = [Part::Communication, Part::Cognition, Part::Semh, Part::Sensory];

    pub fn kind(self) -> PartKind {
        match self {
            Part::A => PartKind::Views,
            Part::I => PartKind::Placement,
            Part::J => PartKind::Budget,
            Part::K => PartKind::Advice,
            _ => PartKind::Area,
        }
    }

    /// The heading users see.
    pub fn title(self) -> &'static str {
        match self {
            Part::A => "Section A: views, interests and aspirations",
            Part::Communication => "Communication and interaction",
            Part::Cognition => "Cognition and learning",
            Part::Semh => "Social, emotional and mental health",
            Part::Sensory => "Sensory and/or physical",
            Part::Health => "Health (sections C, E and G)",
            Part::SocialCare => "Social care (sections D, E, H1 and H2)",
            Part::I => "Section I: placement",
            Part::J => "Section J: personal budget",
            Part::K => "Section K: advice and information",
        }
    }

    /// What the needs of this area are called on the form.
    pub fn needs_label(self) -> &'static str {
        match self {
            Part::Health => "Health needs related to special educational needs (section C)",
            Part::SocialCare => "Social care needs related to special educational needs (section D)",
            _ => "Strengths and special educational needs (section B)",
        }
    }

    /// Parts that may not apply to every child. Section A and the four areas
    /// of need always apply: an area with no needs says so in words.
    pub fn may_not_apply(self) -> bool {
        matches!(self, Part::Health | Part::SocialCare | Part::J)
    }

    /// Section I is named only when the plan is finalised.
    pub fn edited_in_draft(self) -> bool {
        self != Part::I
    }
}

stored_enum! {
    /// How far the caseworker has got with a part.
    #[derive(Hash, Default)]
    #[serde(rename_all = "snake_case")]
    pub enum PartStatus {
        #[default]
        NotStarted = "not_started",
        InProgress = "in_progress",
        Complete = "complete",
        NotApplicable = "not_applicable",
    }
}

impl PartStatus {
    pub fn label(self) -> &'static str {
        match self {
            PartStatus::NotStarted => "Not started",
            PartStatus::InProgress => "In progress",
            PartStatus::Complete => "Complete",
            PartStatus::NotApplicable => "Not applicable",
        }
    }

    /// The status of a task made of several parts: complete only when every part is done.
    pub fn combine(statuses: &[PartStatus]) -> PartStatus {
        let done = |s: &PartStatus| matches!(s, PartStatus::Complete | PartStatus::NotApplicable);
        if statuses.is_empty() || statuses.iter().all(|s| *s == PartStatus::NotStarted) {
            PartStatus::NotStarted
        } else if statuses.iter().all(|s| *s == PartStatus::NotApplicable) {
            PartStatus::NotApplicable
        } else if statuses.iter().all(done) {
            PartStatus::Complete
        } else {
            PartStatus::InProgress
        }
    }
}

/// One row of the plan's task list, grouped as councils show the plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Task {
    pub title: &'static str,
    pub parts: &'static [Part],
}

pub const TASKS: [Task; 7] = [
    Task {
        title: "A: views, interests and aspirations",
        parts: &[Part::A],
    },
    Task {
        title: "B, E and F: special educational needs, outcomes and provision",
        parts: &Part::SEN_AREAS,
    },
    Task {
        title: "C, E and G: health needs, outcomes and provision",
        parts: &[Part::Health],
    },
    Task {
        title: "D, E, H1 and H2: social care needs, outcomes and provision",
        parts: &[Part::SocialCare],
    },
    Task {
        title: "I: placement",
        parts: &[Part::I],
    },
    Task {
        title: "J: personal budget",
        parts: &[Part::J],
    },
    Task {
        title: "K: advice and information",
        parts: &[Part::K],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_round_trip_through_their_stored_names() {
        for part in Part::ALL {
            assert_eq!(Part::parse(part.as_str()), Some(part));
        }
        for status in PartStatus::ALL {
            assert_eq!(PartStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(Part::parse("z"), None);
    }

    #[test]
    fn the_task_list_covers_every_part_once() {
        let mut parts: Vec<Part> = TASKS.iter().flat_map(|t| t.parts.iter().copied()).collect();
        parts.sort();
        assert_eq!(parts, Part::ALL.to_vec());
    }

    #[test]
    fn a_task_is_complete_only_when_all_its_parts_are_done() {
        use PartStatus::*;
        assert_eq!(PartStatus::combine(&[NotStarted, NotStarted]), NotStarted);
        assert_eq!(PartStatus::combine(&[Complete, NotStarted]), InProgress);
        assert_eq!(PartStatus::combine(&[Complete, NotApplicable]), Complete);
        assert_eq!(PartStatus::combine(&[NotApplicable]), NotApplicable);
        assert_eq!(PartStatus::combine(&[InProgress, Complete]), InProgress);
    }
}
