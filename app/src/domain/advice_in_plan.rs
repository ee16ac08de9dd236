//! From advice to the plan: bringing one professional's advice on an area
//! into the draft's area (needs, outcomes, steps and provision, each keeping
//! the advice it came from), and the warnings the task list and the share
//! page give while the draft does not yet cover what advice describes.

use super::advice_template::{AdviceAreas, is_written};
use super::plan::content::{AdviceSource, Area, ItemKey, Outcome, Provision, Step};
use super::plan::part::Part;

/// One submitted piece of advice, as the plan needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GivenAdvice {
    pub request: i64,
    /// "Priya Shah, Speech and language therapist, 3 December 2026".
    pub label: String,
    pub areas: AdviceAreas,
}

fn take(next: &mut ItemKey) -> ItemKey {
    let key = (*next).max(1);
    *next = key + 1;
    key
}

/// Whether `area` already holds anything brought from `request`.
pub fn already_brought(area: &Area, request: i64) -> bool {
    area.sources.iter().any(|s| s.request == request)
        || area
            .outcomes
            .iter()
            .any(|o| o.from.as_ref().is_some_and(|f| f.request == request))
}

/// Adds the advice's needs (as a paragraph) and its outcomes, with their
/// steps and provision, to the draft's `area`. New keys are taken from the
/// area; each item records the advice and its key there.
pub fn bring_in(area: &mut Area, advice: &GivenAdvice, from: &Area) {
    let source = |item: ItemKey| {
        Some(AdviceSource {
            request: advice.request,
            item,
            label: advice.label.clone(),
        })
    };
    let needs = from.needs.trim();
    if !needs.is_empty() {
        if !area.needs.trim().is_empty() {
            area.needs = format!("{}\n\n", area.needs.trim_end());
        }
        area.needs.push_str(needs);
    }
    area.sources.push(AdviceSource {
        request: advice.request,
        item: 0,
        label: advice.label.clone(),
    });
    for o in &from.outcomes {
        let outcome = Outcome {
            key: take(&mut area.next_key),
            text: o.text.clone(),
            from: source(o.key),
            steps: Vec::new(),
            provisions: Vec::new(),
        };
        area.outcomes.push(outcome);
        let steps: Vec<Step> = o
            .steps
            .iter()
            .map(|s| Step {
                key: take(&mut area.next_key),
                text: s.text.clone(),
                from: source(s.key),
            })
            .collect();
        let provisions: Vec<Provision> = o
            .provisions
            .iter()
            .map(|p| Provision {
                key: take(&mut area.next_key),
                from: source(p.key),
                ..p.clone()
            })
            .collect();
        if let Some(added) = area.outcomes.last_mut() {
            added.steps = steps;
            added.provisions = provisions;
        }
    }
}

/// What the draft does not yet cover of the submitted advice, in words for
/// the caseworker, and how much advice is still awaited.
pub fn warnings(advice: &[GivenAdvice], draft: &[(Part, Area)], outstanding: usize) -> Vec<String> {
    let mut out = Vec::new();
    for given in advice {
        for (part, from) in &given.areas {
            if !is_written(from) {
                continue;
            }
            let Some((_, area)) = draft.iter().find(|(p, _)| p == part) else {
                continue;
            };
            if !from.needs.trim().is_empty() && area.outcomes.is_empty() {
                out.push(format!(
                    "{}: advice from {} describes needs that have no outcome in the draft.",
                    part.title(),
                    given.label
                ));
            }
            let in_draft: Vec<&Provision> = area.outcomes.iter().flat_map(|o| &o.provisions).collect();
            for p in from.outcomes.iter().flat_map(|o| &o.provisions) {
                let brought = in_draft.iter().find(|d| {
                    d.from
                        .as_ref()
                        .is_some_and(|f| f.request == given.request && f.item == p.key)
                });
                let what = short(&p.text);
                match brought {
                    None => out.push(format!(
                        "{}: provision recommended in advice from {} is not in the draft: “{what}”.",
                        part.title(),
                        given.label
                    )),
                    Some(d) if d.summary() != p.summary() => out.push(format!(
                        "{}: provision recommended in advice from {} has been changed in the draft: “{what}”.",
                        part.title(),
                        given.label
                    )),
                    Some(_) => {}
                }
            }
        }
    }
    match outstanding {
        0 => {}
        1 => out.push("1 request for advice or information is still outstanding.".to_owned()),
        n => out.push(format!("{n} requests for advice or information are still outstanding.")),
    }
    out
}

/// The first words of a provision, to name it in a warning.
fn short(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(80) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn advice() -> GivenAdvice {
        let provision = Provision {
            key: 3,
            text: "Speech and language therapy".into(),
            who: "Speech and language therapist".into(),
            how_often: "Weekly".into(),
            duration: "30 minutes for 12 weeks".into(),
            ..Provision::default()
        };
        let area = Area {
            needs: "Maya finds it hard to ask for help.".into(),
            outcomes: vec![Outcome {
                key: 1,
                text: "By July 2027 Maya will ask an adult for help.".into(),
                steps: vec![Step {
                    key: 2,
                    text: "By March, with a picture card.".into(),
                    from: None,
                }],
                provisions: vec![provision],
                from: None,
            }],
            next_key: 4,
            sources: Vec::new(),
        };
        GivenAdvice {
            request: 7,
            label: "Priya Shah, Speech and language therapist, 3 December 2026".into(),
            areas: [(Part::Communication, area)].into_iter().collect(),
        }
    }

    #[test]
    fn bringing_advice_in_keeps_where_each_item_came_from_and_clears_the_warnings() {
        let given = advice();
        let mut draft = Area {
            needs: "From the school: Maya is sociable.".into(),
            next_key: 10,
            ..Area::default()
        };
        let before = warnings(std::slice::from_ref(&given), &[(Part::Communication, draft.clone())], 1);
        assert_eq!(before.len(), 3, "{before:?}");
        assert!(before[0].contains("no outcome"), "{before:?}");
        assert!(before[1].contains("is not in the draft"), "{before:?}");
        assert!(before[2].contains("1 request"), "{before:?}");

        bring_in(&mut draft, &given, &given.areas[&Part::Communication]);
        assert!(
            draft
                .needs
                .starts_with("From the school: Maya is sociable.\n\nMaya finds it hard")
        );
        let outcome = &draft.outcomes[0];
        assert_eq!(outcome.key, 10);
        assert_eq!(outcome.from.as_ref().map(|f| (f.request, f.item)), Some((7, 1)));
        assert_eq!(outcome.steps[0].from.as_ref().map(|f| f.item), Some(2));
        assert_eq!(outcome.provisions[0].from.as_ref().map(|f| f.item), Some(3));
        assert!(already_brought(&draft, 7));
        assert_eq!(
            warnings(std::slice::from_ref(&given), &[(Part::Communication, draft.clone())], 0),
            Vec::<String>::new()
        );

        // The caseworker cuts the sessions: the draft no longer says what the advice did.
        draft.outcomes[0].provisions[0].duration = "30 minutes for 6 weeks".into();
        let after = warnings(&[given], &[(Part::Communication, draft)], 0);
        assert_eq!(after.len(), 1, "{after:?}");
        assert!(after[0].contains("has been changed"), "{after:?}");
    }
}
