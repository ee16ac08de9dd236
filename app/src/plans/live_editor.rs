//! The editor shared by the plan's parts and a professional's advice areas:
//! a server-rendered form every button of which posts (so it works without
//! JavaScript), and, once hydrated, the provision checker as the person types
//! and a save a few seconds after typing stops. A save names the revision it
//! started from, so nobody's work is overwritten silently.

use leptos::html;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::findings::LiveFindings;
use super::part_edit_page::SavePlanPart;
use crate::components::forms::NextPage;
use crate::domain::ids::CaseId;
use crate::domain::plan::checks::check_part;
use crate::domain::plan::content::ItemKey;
use crate::domain::plan::part::{Part, PartStatus};
use crate::error::AppError;

/// Seconds after the last keystroke before a hydrated editor saves.
const AUTOSAVE_AFTER_MS: u64 = 2_500;

/// What the editor saves: a part of the draft plan, or an area of the
/// advice answering a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EditTarget {
    Plan,
    Advice { request: i64 },
}

impl EditTarget {
    /// Where the form posts.
    fn action(self, case: CaseId, part: Part) -> String {
        match self {
            EditTarget::Plan => crate::paths::plan_part(case, part),
            EditTarget::Advice { request } => crate::paths::advice_area(case, request, part),
        }
    }

    /// The button that saves and leaves.
    fn save_and_return(self) -> &'static str {
        match self {
            EditTarget::Plan => "Save and return to the plan",
            EditTarget::Advice { .. } => "Save and return to your advice",
        }
    }
}

/// Where the page goes once a save has gone through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AfterSave {
    /// "Save and return to the plan".
    ReturnToPlan,
    /// The save button above the form, or autosave: the editor again.
    Stay,
    /// An item was added, moved or removed: the editor again, at that item.
    Redraw,
}

impl AfterSave {
    /// Where the button pressed goes once its save is through.
    pub fn after(intent: crate::domain::plan::form::Intent) -> AfterSave {
        use crate::domain::plan::form::Intent;
        match intent {
            Intent::Save => AfterSave::ReturnToPlan,
            Intent::Stay => AfterSave::Stay,
            _ => AfterSave::Redraw,
        }
    }
}

/// What a save returns: the next page, and for autosave the new revision to
/// carry on from and when it was saved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartSaved {
    pub case: CaseId,
    pub target: EditTarget,
    pub part: Part,
    pub after: AfterSave,
    pub revision: i32,
    pub saved_at: String,
    /// The item the button was about (or the one it added), to show next.
    pub focus: Option<ItemKey>,
}

impl NextPage for PartSaved {
    fn next_page(&self) -> String {
        match (self.after, self.target) {
            (AfterSave::ReturnToPlan, EditTarget::Plan) => {
                format!("{}?done=saved#tasks", crate::paths::plan(self.case))
            }
            (AfterSave::ReturnToPlan, EditTarget::Advice { request }) => {
                format!("{}?done=saved#areas", crate::paths::advice_response(self.case, request))
            }
            _ => {
                let anchor = self.focus.map_or("editor".to_owned(), |k| format!("item-{k}"));
                format!("{}#{anchor}", self.target.action(self.case, self.part))
            }
        }
    }
}

/// What the save line says.
#[derive(Clone, Debug, PartialEq, Eq)]
enum SaveState {
    Saved(String),
    /// Autosave was refused: it stops, and the message says what to do.
    Stopped(String),
    /// Autosave could not reach the server: the next keystroke tries again.
    Failed(String),
}

/// The part's form around its server-rendered fields. Hydrated, it runs the
/// provision checker as the caseworker types (the findings beside each item
/// are islands reading [`LiveFindings`]) and saves a few seconds after typing
/// stops. Buttons post the form as without JavaScript; one pressed while an
/// autosave is on its way waits for it, so it carries the new revision.
#[island]
pub fn LiveEditor(
    case: CaseId,
    target: EditTarget,
    part: Part,
    revision: i32,
    saved_at: String,
    /// False while someone else's version is shown (only a deliberate save
    /// may replace it) or once the draft has been shared.
    autosave: bool,
    children: Children,
) -> impl IntoView {
    // One save for both editors: the advice editor's form names its request.
    let action = ServerAction::<SavePlanPart>::new();
    let form_ref = NodeRef::<html::Form>::new();
    let revision_ref = NodeRef::<html::Input>::new();
    let findings = LiveFindings::default();
    provide_context(findings);
    let state = RwSignal::new(SaveState::Saved(format!("Last saved {saved_at}")));
    let autosave = RwSignal::new(autosave);
    // Bumped by each keystroke and each deliberate save: a timer set before either does nothing.
    let typed = StoredValue::new(0_u64);
    // The intent of the button pressed while an autosave was on its way, to
    // press again once it is done. (Kept as text: the island also renders on
    // the server, where browser objects cannot be held.)
    let waiting = StoredValue::new(None::<String>);

    let read_form = move || -> Option<SavePlanPart> {
        let form = form_ref.try_get_untracked().flatten()?;
        let data = leptos::web_sys::FormData::new_with_form(&form).ok()?;
        // Read outside a submit, the form has no button's intent: this one only saves.
        data.append_with_str("intent", "stay").ok()?;
        <SavePlanPart as leptos::form::FromFormData>::from_form_data(&data).ok()
    };
    let check = move || {
        if let Some(now) = read_form() {
            let status = PartStatus::parse(&now.status).unwrap_or(PartStatus::InProgress);
            findings.set(check_part(part, status, &now.form.into_content(part)));
        }
    };

    // Once hydrated: anything typed before the page became interactive is checked now.
    Effect::new(move |_| {
        check();
        focus_item_in_address();
    });
    Effect::new(move |_| {
        match action.value().get() {
            Some(Ok(saved)) => {
                if let Some(input) = revision_ref.get_untracked() {
                    input.set_value(&saved.revision.to_string());
                }
                state.set(SaveState::Saved(format!("Saved {}", saved.saved_at)));
            }
            Some(Err(AppError::Conflict)) => {
                autosave.set(false);
                state.set(SaveState::Stopped(
                    "Someone else saved this section while you were editing. Your changes are still here but have not been saved. Select Save to see their version beside yours.".to_owned(),
                ));
            }
            Some(Err(AppError::Validation(errors))) => {
                autosave.set(false);
                let message = errors.0.first().map(|e| e.message.clone()).unwrap_or_default();
                state.set(SaveState::Stopped(message));
            }
            Some(Err(other)) => state.set(SaveState::Failed(format!(
                "Your changes have not been saved yet: {other} They are still here."
            ))),
            None => {}
        }
        if action.value().with(Option::is_some)
            && let (Some(intent), Some(form)) = (waiting.get_value(), form_ref.get_untracked())
        {
            waiting.set_value(None);
            press_again(&form, &intent);
        }
    });

    let on_input = move |_| {
        check();
        typed.update_value(|n| *n += 1);
        let mine = typed.get_value();
        set_timeout(
            move || {
                // The page may have gone before the timer fires.
                if typed.try_get_value() == Some(mine)
                    && action.pending().try_get_untracked() == Some(false)
                    && autosave.try_get_untracked() == Some(true)
                    && let Some(input) = read_form()
                {
                    action.dispatch(input);
                }
            },
            std::time::Duration::from_millis(AUTOSAVE_AFTER_MS),
        );
    };
    let on_submit = move |ev: leptos::web_sys::SubmitEvent| {
        // The page is being posted: no autosave may race it with the same revision.
        typed.update_value(|n| *n += 1);
        if action.pending().get_untracked() {
            ev.prevent_default();
            let intent = ev
                .submitter()
                .and_then(|b| b.get_attribute("value"))
                .unwrap_or_else(|| "stay".to_owned());
            waiting.set_value(Some(intent));
        }
    };
    let line = move || {
        if action.pending().get() {
            return "Saving…".to_owned();
        }
        match state.get() {
            SaveState::Saved(at) | SaveState::Failed(at) => at,
            SaveState::Stopped(_) => "Not saved".to_owned(),
        }
    };
    let stopped = move || match state.get() {
        SaveState::Stopped(message) => Some(view! {
            <div class="panel panel--warning" role="alert"><p class="body">{message}</p></div>
        }),
        _ => None,
    };
    view! {
        <form
            id="editor"
            class="plan-editor"
            method="post"
            action=target.action(case, part)
            novalidate
            node_ref=form_ref
            on:input=on_input
            on:submit=on_submit
        >
            <input type="hidden" name="case" value=case.to_string() />
            <input type="hidden" name="part" value=part.as_str() />
            {match target {
                EditTarget::Advice { request } => Some(view! { <input type="hidden" name="request" value=request.to_string() /> }),
                EditTarget::Plan => None,
            }}
            <input type="hidden" name="revision" value=revision.to_string() node_ref=revision_ref />
            <div class="save-bar">
                // First in the form, so pressing Enter in a field saves and stays.
                <button type="submit" class="button button--secondary save-bar__button" name="intent" value="stay">"Save"</button>
                <p class="save-bar__state" role="status" aria-live="polite">{line}</p>
            </div>
            {stopped}
            {children()}
            <button type="submit" class="button" name="intent" value="save">{target.save_and_return()}</button>
        </form>
    }
}

/// Submits the form again as if the button with `intent` had been pressed.
fn press_again(form: &leptos::web_sys::HtmlFormElement, intent: &str) {
    let button = form
        .query_selector(&format!("button[name=intent][value=\"{intent}\"]"))
        .ok()
        .flatten()
        .and_then(|b| leptos::wasm_bindgen::JsCast::dyn_into::<leptos::web_sys::HtmlElement>(b).ok());
    let _ = form.request_submit_with_submitter(button.as_ref());
}

/// After a button added or moved an item, the address names it
/// (`#item-12`): bring its first field into focus, unless the person is
/// already typing somewhere.
fn focus_item_in_address() {
    #[cfg(feature = "hydrate")]
    {
        let hash = window().location().hash().unwrap_or_default();
        let typing = document().active_element().is_some_and(|el| el.tag_name() != "BODY");
        if !hash.starts_with("#item-") || typing {
            return;
        }
        if let Some(el) = document().get_element_by_id(&hash[1..])
            && let Ok(Some(field)) = el.query_selector("textarea, input:not([type=hidden])")
            && let Ok(field) = leptos::wasm_bindgen::JsCast::dyn_into::<leptos::web_sys::HtmlElement>(field)
        {
            let _ = field.focus();
        }
    }
}
