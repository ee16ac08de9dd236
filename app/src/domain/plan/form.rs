//! The edit form of a part as posted (flat lists, so the form stays within
//! the nesting a form body allows), turned back into the part's content, and
//! the buttons that add, move and remove items. Every button saves what was
//! typed first, so adding a step never loses the outcome above it.

use serde::{Deserialize, Serialize};

use super::content::{
    AdviceEntry, AdviceList, AdviceSource, Area, Budget, ItemKey, Outcome, PartContent, Placement, Provision,
    ProvisionSection, Step, Views,
};
use super::part::Part;
use crate::error::FieldErrors;

/// Longest text one field may hold: a long section runs to a few pages.
pub const MAX_FIELD_CHARS: usize = 20_000;

/// Most outcomes in one area of need. A plan usually has two to five in each;
/// the limits keep one part (and the form that posts it) a bounded size.
pub const MAX_OUTCOMES: usize = 20;
/// Most steps towards one outcome.
pub const MAX_STEPS: usize = 10;
/// Most pieces of provision under one outcome.
pub const MAX_PROVISIONS: usize = 10;
/// Most advice givers listed in section K.
pub const MAX_ADVICE: usize = 30;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OutcomeRow {
    pub key: ItemKey,
    pub text: String,
    /// The advice the item came from (hidden fields, so it survives every save).
    pub from_request: String,
    pub from_label: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StepRow {
    pub key: ItemKey,
    /// The key of the outcome the step leads to.
    pub outcome: ItemKey,
    pub text: String,
    pub from_request: String,
    pub from_label: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProvisionRow {
    pub key: ItemKey,
    pub outcome: ItemKey,
    /// `H1` or `H2` in social care; ignored elsewhere.
    pub section: String,
    pub text: String,
    pub who: String,
    pub how_often: String,
    pub duration: String,
    pub starts: String,
    pub review: String,
    pub from_request: String,
    pub from_label: String,
}

/// The advice an item came from, as its hidden fields post it
/// (`request:item`, and the label).
fn source(request: &str, label: String) -> Option<AdviceSource> {
    let (request, item) = request.split_once(':')?;
    Some(AdviceSource {
        request: request.parse().ok()?,
        item: item.parse().ok()?,
        label,
    })
}

/// The hidden fields of an item's source: `request:item` and the label, or blanks.
pub fn source_fields(from: &Option<AdviceSource>) -> (String, String) {
    from.as_ref()
        .map(|f| (format!("{}:{}", f.request, f.item), f.label.clone()))
        .unwrap_or_default()
}

/// Every field any part's form may post; each part reads the ones it has.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlanForm {
    pub about_me: String,
    pub parent_views: String,
    pub background: String,
    pub needs: String,
    pub outcomes: Vec<OutcomeRow>,
    pub steps: Vec<StepRow>,
    pub provisions: Vec<ProvisionRow>,
    pub setting_name: String,
    pub setting_type: String,
    pub personal_budget: String,
    pub annual_cost: String,
    pub advice: Vec<AdviceEntry>,
    pub next_key: ItemKey,
    /// The advice whose needs an area holds (hidden fields).
    pub sources: Vec<AdviceSource>,
}

/// What the button pressed asks for, besides saving.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Intent {
    /// Save and go back to the plan.
    Save,
    /// Save and stay on the page (the save button above the form, and autosave).
    Stay,
    AddOutcome,
    AddStep(ItemKey),
    AddProvision(ItemKey),
    AddAdvice,
    Remove(ItemKey),
    Up(ItemKey),
    Down(ItemKey),
}

impl Intent {
    /// Reads a button's value, such as `add_step:3`.
    pub fn parse(s: &str) -> Option<Intent> {
        let (verb, key) = match s.split_once(':') {
            Some((verb, key)) => (verb, Some(key.parse::<ItemKey>().ok()?)),
            None => (s, None),
        };
        Some(match (verb, key) {
            ("save", None) => Intent::Save,
            ("stay", None) => Intent::Stay,
            ("add_outcome", None) => Intent::AddOutcome,
            ("add_advice", None) => Intent::AddAdvice,
            ("add_step", Some(k)) => Intent::AddStep(k),
            ("add_provision", Some(k)) => Intent::AddProvision(k),
            ("remove", Some(k)) => Intent::Remove(k),
            ("up", Some(k)) => Intent::Up(k),
            ("down", Some(k)) => Intent::Down(k),
            _ => return None,
        })
    }

    /// The item to show after the page comes back, if the button was about one.
    pub fn focus(self) -> Option<ItemKey> {
        match self {
            Intent::AddStep(k) | Intent::AddProvision(k) | Intent::Up(k) | Intent::Down(k) => Some(k),
            _ => None,
        }
    }
}

impl PlanForm {
    /// The part's content as typed.
    pub fn into_content(self, part: Part) -> PartContent {
        let empty = PartContent::empty(part);
        match empty {
            PartContent::Views(_) => PartContent::Views(Views {
                about_me: self.about_me,
                parent_views: self.parent_views,
                background: self.background,
            }),
            PartContent::Placement(_) => PartContent::Placement(Placement {
                setting_name: self.setting_name,
                setting_type: self.setting_type,
            }),
            PartContent::Budget(_) => PartContent::Budget(Budget {
                personal_budget: self.personal_budget,
                annual_cost: self.annual_cost,
            }),
            PartContent::Advice(_) => {
                let next_key = next_free(self.next_key, self.advice.iter().map(|a| a.key));
                PartContent::Advice(AdviceList {
                    entries: self.advice,
                    next_key,
                })
            }
            PartContent::Area(_) => {
                let keys = self
                    .outcomes
                    .iter()
                    .map(|o| o.key)
                    .chain(self.steps.iter().map(|s| s.key))
                    .chain(self.provisions.iter().map(|p| p.key));
                let next_key = next_free(self.next_key, keys);
                let mut outcomes: Vec<Outcome> = self
                    .outcomes
                    .into_iter()
                    .map(|o| Outcome {
                        from: source(&o.from_request, o.from_label),
                        key: o.key,
                        text: o.text,
                        ..Outcome::default()
                    })
                    .collect();
                for s in self.steps {
                    if let Some(o) = outcomes.iter_mut().find(|o| o.key == s.outcome) {
                        o.steps.push(Step {
                            from: source(&s.from_request, s.from_label),
                            key: s.key,
                            text: s.text,
                        });
                    }
                }
                for p in self.provisions {
                    if let Some(o) = outcomes.iter_mut().find(|o| o.key == p.outcome) {
                        o.provisions.push(Provision {
                            key: p.key,
                            section: ProvisionSection::for_part(part, &p.section),
                            text: p.text,
                            who: p.who,
                            how_often: p.how_often,
                            duration: p.duration,
                            starts: p.starts,
                            review: p.review,
                            from: source(&p.from_request, p.from_label),
                        });
                    }
                }
                PartContent::Area(Area {
                    needs: self.needs,
                    outcomes,
                    next_key,
                    sources: self.sources,
                })
            }
        }
    }

    /// The form that shows `content` (the reverse of [`PlanForm::into_content`]).
    pub fn from_content(content: &PartContent) -> PlanForm {
        let mut form = PlanForm::default();
        match content {
            PartContent::Views(v) => {
                form.about_me = v.about_me.clone();
                form.parent_views = v.parent_views.clone();
                form.background = v.background.clone();
            }
            PartContent::Placement(p) => {
                form.setting_name = p.setting_name.clone();
                form.setting_type = p.setting_type.clone();
            }
            PartContent::Budget(b) => {
                form.personal_budget = b.personal_budget.clone();
                form.annual_cost = b.annual_cost.clone();
            }
            PartContent::Advice(k) => {
                form.advice = k.entries.clone();
                form.next_key = k.next_key;
            }
            PartContent::Area(a) => {
                form.needs = a.needs.clone();
                form.next_key = a.next_key;
                form.sources = a.sources.clone();
                for o in &a.outcomes {
                    let (from_request, from_label) = source_fields(&o.from);
                    form.outcomes.push(OutcomeRow {
                        key: o.key,
                        text: o.text.clone(),
                        from_request,
                        from_label,
                    });
                    for s in &o.steps {
                        let (from_request, from_label) = source_fields(&s.from);
                        form.steps.push(StepRow {
                            key: s.key,
                            outcome: o.key,
                            text: s.text.clone(),
                            from_request,
                            from_label,
                        });
                    }
                    for p in &o.provisions {
                        form.provisions.push(ProvisionRow {
                            key: p.key,
                            outcome: o.key,
                            section: p.section.as_str().to_owned(),
                            text: p.text.clone(),
                            who: p.who.clone(),
                            how_often: p.how_often.clone(),
                            duration: p.duration.clone(),
                            starts: p.starts.clone(),
                            review: p.review.clone(),
                            from_request: source_fields(&p.from).0,
                            from_label: source_fields(&p.from).1,
                        });
                    }
                }
            }
        }
        form
    }
}

/// A key above every key in use and at least the stored next key, so a key
/// posted by a stale form is never handed out twice.
fn next_free(stored: ItemKey, used: impl Iterator<Item = ItemKey>) -> ItemKey {
    used.map(|k| k.saturating_add(1)).fold(stored.max(1), ItemKey::max)
}

/// Refuses text too long to be a plan section (a pasted file, say), and
/// lists longer than a plan needs. A list's message is placed beside the
/// button that adds to it (see [`add_button`]).
pub fn validate(content: &PartContent) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::default();
    if let Some(field) = content
        .fields()
        .into_iter()
        .find(|f| f.text.chars().count() > MAX_FIELD_CHARS)
    {
        errors.add(
            "content",
            "content",
            format!("{} must be {MAX_FIELD_CHARS} characters or fewer", field.label),
        );
    }
    match content {
        PartContent::Area(area) => {
            if area.outcomes.len() > MAX_OUTCOMES {
                errors.add(
                    "outcomes",
                    &add_button("outcomes"),
                    format!("An area of need can have up to {MAX_OUTCOMES} outcomes"),
                );
            }
            for (i, o) in area.outcomes.iter().enumerate() {
                let n = i + 1;
                if o.steps.len() > MAX_STEPS {
                    let at = list_at("steps", o.key);
                    let message = format!("Outcome {n} can have up to {MAX_STEPS} steps");
                    errors.add(&at, &add_button(&at), message);
                }
                if o.provisions.len() > MAX_PROVISIONS {
                    let at = list_at("provisions", o.key);
                    let message = format!("Outcome {n} can have up to {MAX_PROVISIONS} pieces of provision");
                    errors.add(&at, &add_button(&at), message);
                }
            }
        }
        PartContent::Advice(list) if list.entries.len() > MAX_ADVICE => {
            errors.add(
                "advice",
                &add_button("advice"),
                format!("Section K can list up to {MAX_ADVICE} pieces of advice"),
            );
        }
        _ => {}
    }
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

/// The name of one outcome's list of steps or provisions, for its message (`steps-12`).
pub fn list_at(list: &str, outcome: ItemKey) -> String {
    format!("{list}-{outcome}")
}

/// The id of the button that adds to `list`, where the error summary links.
pub fn add_button(list: &str) -> String {
    format!("add-{list}")
}

/// Applies a button's request to the content; saving alone changes nothing.
pub fn apply(content: &mut PartContent, intent: Intent) {
    match content {
        PartContent::Area(area) => apply_to_area(area, intent),
        PartContent::Advice(list) => apply_to_advice(list, intent),
        _ => {}
    }
}

fn take_key(next: &mut ItemKey) -> ItemKey {
    let key = (*next).max(1);
    *next = key + 1;
    key
}

fn apply_to_area(area: &mut Area, intent: Intent) {
    match intent {
        Intent::AddOutcome => {
            let key = take_key(&mut area.next_key);
            area.outcomes.push(Outcome {
                key,
                ..Outcome::default()
            });
        }
        Intent::AddStep(outcome) => {
            let key = take_key(&mut area.next_key);
            if let Some(o) = area.outcomes.iter_mut().find(|o| o.key == outcome) {
                o.steps.push(Step { key, ..Step::default() });
            }
        }
        Intent::AddProvision(outcome) => {
            let key = take_key(&mut area.next_key);
            if let Some(o) = area.outcomes.iter_mut().find(|o| o.key == outcome) {
                let section = o.provisions.last().map(|p| p.section).unwrap_or_default();
                o.provisions.push(Provision {
                    key,
                    section,
                    ..Provision::default()
                });
            }
        }
        Intent::Remove(key) => {
            area.outcomes.retain(|o| o.key != key);
            for o in &mut area.outcomes {
                o.steps.retain(|s| s.key != key);
                o.provisions.retain(|p| p.key != key);
            }
        }
        Intent::Up(key) | Intent::Down(key) => {
            let up = matches!(intent, Intent::Up(_));
            if !shift(&mut area.outcomes, |o| o.key == key, up) {
                for o in &mut area.outcomes {
                    shift(&mut o.steps, |s| s.key == key, up);
                    shift(&mut o.provisions, |p| p.key == key, up);
                }
            }
        }
        Intent::Save | Intent::Stay | Intent::AddAdvice => {}
    }
}

fn apply_to_advice(list: &mut AdviceList, intent: Intent) {
    match intent {
        Intent::AddAdvice => {
            let key = take_key(&mut list.next_key);
            list.entries.push(AdviceEntry {
                key,
                ..AdviceEntry::default()
            });
        }
        Intent::Remove(key) => list.entries.retain(|e| e.key != key),
        Intent::Up(key) => {
            shift(&mut list.entries, |e| e.key == key, true);
        }
        Intent::Down(key) => {
            shift(&mut list.entries, |e| e.key == key, false);
        }
        _ => {}
    }
}

/// Moves the matching item one place up or down; says whether it was found.
fn shift<T>(items: &mut [T], matches: impl Fn(&T) -> bool, up: bool) -> bool {
    let Some(i) = items.iter().position(matches) else {
        return false;
    };
    if up && i > 0 {
        items.swap(i, i - 1);
    } else if !up && i + 1 < items.len() {
        items.swap(i, i + 1);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area_with_two_outcomes() -> PartContent {
        let mut content = PartContent::empty(Part::Communication);
        apply(&mut content, Intent::AddOutcome);
        apply(&mut content, Intent::AddOutcome);
        content
    }

    fn area(content: &PartContent) -> &Area {
        match content {
            PartContent::Area(a) => a,
            other => panic!("not an area: {other:?}"),
        }
    }

    #[test]
    fn buttons_are_read_from_their_values() {
        assert_eq!(Intent::parse("save"), Some(Intent::Save));
        assert_eq!(Intent::parse("add_step:3"), Some(Intent::AddStep(3)));
        assert_eq!(Intent::parse("remove:12"), Some(Intent::Remove(12)));
        assert_eq!(Intent::parse("remove"), None);
        assert_eq!(Intent::parse("remove:x"), None);
        assert_eq!(Intent::parse("delete_all"), None);
    }

    #[test]
    fn steps_and_provisions_join_the_outcome_they_were_added_to() {
        let mut content = area_with_two_outcomes();
        let second = area(&content).outcomes[1].key;
        apply(&mut content, Intent::AddStep(second));
        apply(&mut content, Intent::AddProvision(second));
        let a = area(&content);
        assert!(a.outcomes[0].steps.is_empty());
        assert_eq!(a.outcomes[1].steps.len(), 1);
        assert_eq!(a.outcomes[1].provisions.len(), 1);
        let mut keys = vec![
            a.outcomes[0].key,
            second,
            a.outcomes[1].steps[0].key,
            a.outcomes[1].provisions[0].key,
        ];
        keys.dedup();
        assert_eq!(keys.len(), 4, "every item has its own key: {keys:?}");
    }

    #[test]
    fn the_form_round_trips_to_the_same_content() {
        let mut content = area_with_two_outcomes();
        let first = area(&content).outcomes[0].key;
        apply(&mut content, Intent::AddStep(first));
        apply(&mut content, Intent::AddProvision(first));
        if let PartContent::Area(a) = &mut content {
            a.needs = "Finds busy rooms hard".into();
            a.outcomes[0].text = "By July 2027 Maya will be able to ask for help".into();
            a.outcomes[0].provisions[0].who = "Speech and language therapist".into();
        }
        let back = PlanForm::from_content(&content).into_content(Part::Communication);
        assert_eq!(back, content);
    }

    #[test]
    fn a_stale_form_never_reuses_a_key() {
        let mut form = PlanForm::from_content(&area_with_two_outcomes());
        form.next_key = 1;
        let content = form.into_content(Part::Communication);
        let a = area(&content);
        assert!(a.next_key > a.outcomes.iter().map(|o| o.key).max().unwrap_or(0));
    }

    #[test]
    fn items_move_within_their_list_and_are_removed_with_their_children() {
        let mut content = area_with_two_outcomes();
        let (first, second) = (area(&content).outcomes[0].key, area(&content).outcomes[1].key);
        apply(&mut content, Intent::AddStep(first));
        apply(&mut content, Intent::Up(second));
        assert_eq!(area(&content).outcomes[0].key, second);
        apply(&mut content, Intent::Up(second));
        assert_eq!(area(&content).outcomes[0].key, second, "the first item stays first");
        apply(&mut content, Intent::Remove(first));
        assert_eq!(area(&content).outcomes.len(), 1);
        assert!(area(&content).outcomes.iter().all(|o| o.steps.is_empty()));
    }

    #[test]
    fn social_care_provision_keeps_its_h1_or_h2_section() {
        let mut form = PlanForm {
            outcomes: vec![OutcomeRow {
                key: 1,
                text: "x".into(),
                ..OutcomeRow::default()
            }],
            ..PlanForm::default()
        };
        form.provisions.push(ProvisionRow {
            key: 2,
            outcome: 1,
            section: "H1".into(),
            ..ProvisionRow::default()
        });
        let content = form.clone().into_content(Part::SocialCare);
        assert_eq!(area(&content).outcomes[0].provisions[0].section, ProvisionSection::H1);
        let content = form.into_content(Part::Health);
        assert_eq!(area(&content).outcomes[0].provisions[0].section, ProvisionSection::G);
    }

    #[test]
    fn lists_are_refused_past_their_limit_with_a_message_beside_the_add_button() {
        let mut content = PartContent::empty(Part::Communication);
        for _ in 0..MAX_OUTCOMES {
            apply(&mut content, Intent::AddOutcome);
        }
        let first = area(&content).outcomes[0].key;
        for _ in 0..MAX_STEPS {
            apply(&mut content, Intent::AddStep(first));
        }
        for _ in 0..MAX_PROVISIONS {
            apply(&mut content, Intent::AddProvision(first));
        }
        assert_eq!(validate(&content), Ok(()), "at each limit is fine");

        let mut more = content.clone();
        apply(&mut more, Intent::AddOutcome);
        apply(&mut more, Intent::AddStep(first));
        apply(&mut more, Intent::AddProvision(first));
        let errors = validate(&more).expect_err("over each limit");
        assert_eq!(
            errors.get("outcomes"),
            Some("An area of need can have up to 20 outcomes")
        );
        let steps = list_at("steps", first);
        assert_eq!(errors.get(&steps), Some("Outcome 1 can have up to 10 steps"));
        assert_eq!(
            errors.get(&list_at("provisions", first)),
            Some("Outcome 1 can have up to 10 pieces of provision")
        );
        let targets: Vec<&str> = errors.0.iter().map(|e| e.target.as_str()).collect();
        assert_eq!(
            targets,
            vec![
                "add-outcomes",
                &format!("add-{steps}"),
                &format!("add-provisions-{first}")
            ]
        );

        let mut advice = PartContent::empty(Part::K);
        for _ in 0..=MAX_ADVICE {
            apply(&mut advice, Intent::AddAdvice);
        }
        let errors = validate(&advice).expect_err("too many");
        assert_eq!(
            errors.get("advice"),
            Some("Section K can list up to 30 pieces of advice")
        );
    }

    #[test]
    fn overlong_text_is_refused_with_a_message() {
        let content = PartContent::Views(Views {
            about_me: "x".repeat(MAX_FIELD_CHARS + 1),
            ..Views::default()
        });
        let errors = validate(&content).expect_err("too long");
        assert!(errors.get("content").is_some_and(|m| m.contains("About me")));
    }
}
