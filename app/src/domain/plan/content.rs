//! What each part of a plan holds. Parts are saved whole (as one document
//! each), so a part's outcomes, steps and provisions always change together
//! and two people editing one part are caught by one revision number.

use serde::{Deserialize, Serialize};

use super::part::{Part, PartKind};
use crate::domain::provision_check::ProvisionDraft;

/// Identifies an outcome, step, provision or advice entry within its part, so
/// a later version can be compared item by item. Never reused within a part.
pub type ItemKey = u32;

/// Section A, in its three parts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Views {
    pub about_me: String,
    pub parent_views: String,
    pub background: String,
}

/// Which provision section a provision belongs to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProvisionSection {
    /// Special educational provision.
    #[default]
    F,
    /// Health provision.
    G,
    /// Social care under section 2 of the Chronically Sick and Disabled Persons Act 1970.
    H1,
    /// Other social care provision.
    H2,
}

impl ProvisionSection {
    pub fn as_str(self) -> &'static str {
        match self {
            ProvisionSection::F => "F",
            ProvisionSection::G => "G",
            ProvisionSection::H1 => "H1",
            ProvisionSection::H2 => "H2",
        }
    }

    /// The section provision in `part` belongs to; in social care, `asked` picks H1 or H2.
    pub fn for_part(part: Part, asked: &str) -> ProvisionSection {
        match part {
            Part::Health => ProvisionSection::G,
            Part::SocialCare if asked == "H1" => ProvisionSection::H1,
            Part::SocialCare => ProvisionSection::H2,
            _ => ProvisionSection::F,
        }
    }
}

/// Where an item brought in from a professional's advice came from: kept
/// with the item through every later version, so the plan shows whose advice
/// it rests on.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AdviceSource {
    /// The request the advice answered.
    pub request: i64,
    /// The item's key within the advice's area, so a later check can tell
    /// whether the draft still says what the advice recommended.
    pub item: ItemKey,
    /// "Priya Shah, Speech and language therapist, 3 December 2026".
    pub label: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Step {
    pub key: ItemKey,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<AdviceSource>,
}

/// Provision, specified and quantified: the free text and the structured
/// details beside it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Provision {
    pub key: ItemKey,
    pub section: ProvisionSection,
    /// What will be provided.
    pub text: String,
    pub who: String,
    pub how_often: String,
    /// For how long, or the group size.
    pub duration: String,
    pub starts: String,
    pub review: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<AdviceSource>,
}

impl Provision {
    /// The fields the provision checker reads.
    pub fn draft(&self) -> ProvisionDraft {
        ProvisionDraft {
            text: self.text.clone(),
            who: self.who.clone(),
            how_often: self.how_often.clone(),
            duration: self.duration.clone(),
            review: self.review.clone(),
        }
    }
}

/// A long-term outcome (section E), its steps and the provision that helps
/// the child reach it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Outcome {
    pub key: ItemKey,
    pub text: String,
    pub steps: Vec<Step>,
    pub provisions: Vec<Provision>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<AdviceSource>,
}

/// One area of need: its strengths and needs, outcomes and provision.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Area {
    pub needs: String,
    pub outcomes: Vec<Outcome>,
    /// The advice whose needs were brought into this area.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<AdviceSource>,
    /// The key the next new item gets.
    pub next_key: ItemKey,
}

/// Section I: blank while the plan is a draft.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Placement {
    pub setting_name: String,
    pub setting_type: String,
}

/// Section J.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Budget {
    pub personal_budget: String,
    pub annual_cost: String,
}

/// One advice giver in section K.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AdviceEntry {
    pub key: ItemKey,
    pub name: String,
    pub role: String,
    pub date: String,
    pub documents: String,
    /// Listed automatically from submitted advice: the request it answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<i64>,
}

/// Section K.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AdviceList {
    pub entries: Vec<AdviceEntry>,
    pub next_key: ItemKey,
}

/// What one part holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PartContent {
    Views(Views),
    Area(Area),
    Placement(Placement),
    Budget(Budget),
    Advice(AdviceList),
}

impl PartContent {
    /// An empty part of the right shape.
    pub fn empty(part: Part) -> PartContent {
        match part.kind() {
            PartKind::Views => PartContent::Views(Views::default()),
            PartKind::Area => PartContent::Area(Area {
                next_key: 1,
                ..Area::default()
            }),
            PartKind::Placement => PartContent::Placement(Placement::default()),
            PartKind::Budget => PartContent::Budget(Budget::default()),
            PartKind::Advice => PartContent::Advice(AdviceList {
                next_key: 1,
                ..AdviceList::default()
            }),
        }
    }

    /// Every piece of text in reading order, labelled, for downloads and
    /// comparison. Each has an id that stays the same across versions.
    pub fn fields(&self) -> Vec<Field> {
        let mut out = Vec::new();
        let mut add = |id: String, label: String, text: &str| {
            out.push(Field {
                id,
                label,
                text: text.to_owned(),
            })
        };
        match self {
            PartContent::Views(v) => {
                add("about_me".into(), "About me".into(), &v.about_me);
                add("parent_views".into(), "Parent or carer's views".into(), &v.parent_views);
                add(
                    "background".into(),
                    "Background information from the local authority".into(),
                    &v.background,
                );
            }
            PartContent::Area(a) => {
                add("needs".into(), "Strengths and needs".into(), &a.needs);
                for (i, o) in a.outcomes.iter().enumerate() {
                    let label = format!("Outcome {}{}", i + 1, source(&o.from));
                    add(format!("item-{}", o.key), label, &o.text);
                    for (j, s) in o.steps.iter().enumerate() {
                        let label = format!("Outcome {} step {}{}", i + 1, j + 1, source(&s.from));
                        add(format!("item-{}", s.key), label, &s.text);
                    }
                    for (j, p) in o.provisions.iter().enumerate() {
                        let label = format!(
                            "Outcome {} provision {} (section {}){}",
                            i + 1,
                            j + 1,
                            p.section.as_str(),
                            source(&p.from)
                        );
                        add(format!("item-{}", p.key), label, &p.summary());
                    }
                }
            }
            PartContent::Placement(p) => {
                add(
                    "setting_name".into(),
                    "Name of school or setting".into(),
                    &p.setting_name,
                );
                add(
                    "setting_type".into(),
                    "Type of school or setting".into(),
                    &p.setting_type,
                );
            }
            PartContent::Budget(b) => {
                add("personal_budget".into(), "Personal budget".into(), &b.personal_budget);
                add("annual_cost".into(), "Annual cost of support".into(), &b.annual_cost);
            }
            PartContent::Advice(k) => {
                for (i, e) in k.entries.iter().enumerate() {
                    add(format!("item-{}", e.key), format!("Advice {}", i + 1), &e.summary());
                }
            }
        }
        out
    }
}

/// How a label names the advice an item came from: " (from advice: …)".
fn source(from: &Option<AdviceSource>) -> String {
    from.as_ref()
        .map(|f| format!(" (from advice: {})", f.label))
        .unwrap_or_default()
}

/// One labelled piece of a part's text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    /// Stable across versions: the item's key, or the field's name.
    pub id: String,
    pub label: String,
    pub text: String,
}

impl Provision {
    /// The provision in one line: the text, then each detail given.
    pub fn summary(&self) -> String {
        let details = [
            ("Who", &self.who),
            ("How often", &self.how_often),
            ("How long or group size", &self.duration),
            ("Starts", &self.starts),
            ("Review", &self.review),
        ];
        let mut line = self.text.trim().to_owned();
        for (label, value) in details {
            if !value.trim().is_empty() {
                line.push_str(&format!(". {label}: {}", value.trim()));
            }
        }
        line
    }
}

impl AdviceEntry {
    pub fn summary(&self) -> String {
        [&self.name, &self.role, &self.date, &self.documents]
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    }
}
