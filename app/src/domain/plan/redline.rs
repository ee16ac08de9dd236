//! What changed between two versions of a plan, part by part and item by
//! item, with the words added and removed in each changed piece of text.

use serde::{Deserialize, Serialize};
use similar::{ChangeTag, TextDiff};

use super::content::{Field, PartContent};
use super::part::Part;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    Added,
    Removed,
    Changed,
}

/// A run of words that stayed, went or arrived.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Words {
    Same(String),
    Removed(String),
    Added(String),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub label: String,
    pub change: Change,
    pub words: Vec<Words>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartChanges {
    pub part: Part,
    pub changes: Vec<FieldChange>,
}

/// The words of `old` and `new`, marked as kept, removed or added.
pub fn word_diff(old: &str, new: &str) -> Vec<Words> {
    let diff = TextDiff::from_words(old, new);
    let mut out: Vec<Words> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value().to_owned();
        let merged = match (out.last_mut(), change.tag()) {
            (Some(Words::Same(t)), ChangeTag::Equal)
            | (Some(Words::Removed(t)), ChangeTag::Delete)
            | (Some(Words::Added(t)), ChangeTag::Insert) => {
                t.push_str(&text);
                true
            }
            _ => false,
        };
        if !merged {
            out.push(match change.tag() {
                ChangeTag::Equal => Words::Same(text),
                ChangeTag::Delete => Words::Removed(text),
                ChangeTag::Insert => Words::Added(text),
            });
        }
    }
    out
}

/// The changes in one part between two versions; empty when nothing changed.
pub fn compare_part(old: &PartContent, new: &PartContent) -> Vec<FieldChange> {
    let before = old.fields();
    let after = new.fields();
    let find = |fields: &[Field], id: &str| fields.iter().find(|f| f.id == id).cloned();
    let mut changes = Vec::new();
    for field in &after {
        match find(&before, &field.id) {
            Some(was) if was.text == field.text => {}
            Some(was) if was.text.trim().is_empty() => changes.push(FieldChange {
                label: field.label.clone(),
                change: Change::Added,
                words: vec![Words::Added(field.text.clone())],
            }),
            Some(was) => changes.push(FieldChange {
                label: field.label.clone(),
                change: Change::Changed,
                words: word_diff(&was.text, &field.text),
            }),
            None => changes.push(FieldChange {
                label: field.label.clone(),
                change: Change::Added,
                words: vec![Words::Added(field.text.clone())],
            }),
        }
    }
    for field in before.iter().filter(|f| find(&after, &f.id).is_none()) {
        changes.push(FieldChange {
            label: format!("{} (in the earlier version)", field.label),
            change: Change::Removed,
            words: vec![Words::Removed(field.text.clone())],
        });
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::content::{Area, Outcome, Views};

    fn area(outcomes: &[(u32, &str)]) -> PartContent {
        PartContent::Area(Area {
            sources: Vec::new(),
            needs: "Needs".into(),
            outcomes: outcomes
                .iter()
                .map(|(key, text)| Outcome {
                    key: *key,
                    text: (*text).into(),
                    ..Outcome::default()
                })
                .collect(),
            next_key: 10,
        })
    }

    #[test]
    fn changed_words_are_marked_removed_and_added() {
        let words = word_diff("Weekly sessions of 30 minutes", "Twice weekly sessions of 30 minutes");
        assert!(words.contains(&Words::Removed("Weekly".into())), "{words:?}");
        assert!(
            words
                .iter()
                .any(|w| matches!(w, Words::Added(t) if t.contains("Twice"))),
            "{words:?}"
        );
        assert!(
            words
                .iter()
                .any(|w| matches!(w, Words::Same(t) if t.contains("of 30 minutes")))
        );
    }

    #[test]
    fn items_are_matched_by_key_so_added_removed_and_changed_are_told_apart() {
        let old = area(&[(1, "Read 20 words"), (2, "Swim 10 metres")]);
        let new = area(&[(1, "Read 40 words"), (3, "Ride a bike")]);
        let changes = compare_part(&old, &new);
        let kinds: Vec<(Change, &str)> = changes.iter().map(|c| (c.change, c.label.as_str())).collect();
        assert_eq!(
            kinds,
            vec![
                (Change::Changed, "Outcome 1"),
                (Change::Added, "Outcome 2"),
                (Change::Removed, "Outcome 2 (in the earlier version)"),
            ]
        );
    }

    #[test]
    fn an_unchanged_part_has_no_changes() {
        let views = PartContent::Views(Views {
            about_me: "I like trains".into(),
            ..Views::default()
        });
        assert!(compare_part(&views, &views.clone()).is_empty());
    }

    #[test]
    fn an_item_brought_from_advice_says_so_in_the_redline() {
        use crate::domain::plan::content::AdviceSource;
        let old = area(&[(1, "Read 20 words")]);
        let PartContent::Area(mut brought) = area(&[(1, "Read 20 words"), (2, "Read a short book aloud by July 2027")])
        else {
            unreachable!("an area");
        };
        brought.outcomes[1].from = Some(AdviceSource {
            request: 7,
            item: 1,
            label: "Dr Hannah Moore, Educational psychologist, 3 December 2026".into(),
        });
        let changes = compare_part(&old, &PartContent::Area(brought));
        let added = changes.iter().find(|c| c.change == Change::Added).expect("added");
        assert_eq!(
            added.label,
            "Outcome 2 (from advice: Dr Hannah Moore, Educational psychologist, 3 December 2026)"
        );
    }
}
