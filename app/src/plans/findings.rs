//! The provision checker's findings beside each outcome and provision of the
//! part editor. The server renders what it found in the saved (or refused)
//! text; once the editor is hydrated each list follows what is typed.

use leptos::prelude::*;

use crate::domain::plan::checks::PlanIssue;
use crate::domain::plan::content::ItemKey;

/// What the checker finds as the caseworker types, provided by the editor
/// island to the findings islands inside its fields. `None` until the first
/// check in the browser, so the server's findings show until then.
#[derive(Clone, Copy, Default)]
pub struct LiveFindings(RwSignal<Option<Vec<PlanIssue>>>);

impl LiveFindings {
    pub fn set(&self, issues: Vec<PlanIssue>) {
        self.0.set(Some(issues));
    }
}

/// The findings for one item (or, with `None`, for the part as a whole).
/// `found` is what the server found, shown until the editor checks again.
#[island]
pub fn Findings(item: Option<ItemKey>, found: Vec<String>) -> impl IntoView {
    // Hydration must first draw exactly what the server drew, so the live
    // findings take over only after it (an effect never runs before).
    let shown = RwSignal::new(found);
    if let Some(live) = use_context::<LiveFindings>() {
        Effect::new(move |_| {
            if let Some(all) = live.0.get() {
                shown.set(messages_for(&all, item));
            }
        });
    }
    move || {
        let mine = shown.get();
        (!mine.is_empty()).then(|| {
            let items = mine.into_iter().map(|m| view! { <li>{m}</li> }).collect_view();
            view! {
                <div class="checker" role="status">
                    <p class="checker__title">"Provision checker"</p>
                    <ul class="checker__list">{items}</ul>
                </div>
            }
        })
    }
}

/// The messages of `issues` about `item`, for a [`Findings`] island's first render.
pub fn messages_for(issues: &[PlanIssue], item: Option<ItemKey>) -> Vec<String> {
    issues
        .iter()
        .filter(|i| i.item == item)
        .map(|i| i.message.clone())
        .collect()
}
