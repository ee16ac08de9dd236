//! Editing one part of the draft plan. The page is server-rendered and every
//! button posts the form: each saves what was typed before it adds, moves or
//! removes an item, so nothing typed is lost. The form is an island: once
//! hydrated, the provision checker runs as the caseworker types and the part
//! saves itself a few seconds after typing stops. A save names the revision
//! it started from: if someone else saved first, nothing is overwritten and
//! both versions are shown.

use leptos::html;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

use super::findings::LiveFindings;
use super::part_form::PartFields;
use super::types::{PartView, VersionSummary};
use crate::components::error_summary::ErrorSummary;
use crate::components::forms::{NextPage, Redact, rejected_submission};
use crate::domain::case::CaseHeading;
use crate::domain::ids::CaseId;
use crate::domain::plan::checks::check_part;
use crate::domain::plan::content::ItemKey;
use crate::domain::plan::form::PlanForm;
use crate::domain::plan::part::{Part, PartStatus};
use crate::error::AppError;

/// Seconds after the last keystroke before a hydrated editor saves.
const AUTOSAVE_AFTER_MS: u64 = 2_500;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartEditData {
    pub case: CaseHeading,
    pub version: VersionSummary,
    pub part: PartView,
    /// False once the version has been shared or issued: the page then says so.
    pub editable: bool,
}

#[server]
pub async fn get_plan_part(case: CaseId, part: Part) -> Result<PartEditData, AppError> {
    let ctx = crate::cases::context::CaseContext::open(case, crate::domain::capability::Capability::WritePlan).await?;
    // The latest version, so a refused save after sharing can still show what was typed.
    let version = ctx.readable_versions().await?.pop().ok_or(AppError::NotFound)?;
    let editable = version.state == crate::domain::plan::version::VersionState::Drafting;
    let view = crate::store::plans::parts(&ctx.state.db, version.id)
        .await?
        .into_iter()
        .find(|p| p.part == part)
        .ok_or(AppError::NotFound)?;
    ctx.record(
        crate::domain::audit::AuditAction::PlanViewed,
        part.title(),
        chrono::Utc::now(),
    )
    .await?;
    Ok(PartEditData {
        case: ctx.case,
        version,
        part: view,
        editable,
    })
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

/// What a save returns: the next page, and for autosave the new revision to
/// carry on from and when it was saved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartSaved {
    pub case: CaseId,
    pub part: Part,
    pub after: AfterSave,
    pub revision: i32,
    pub saved_at: String,
    /// The item the button was about (or the one it added), to show next.
    pub focus: Option<ItemKey>,
}

impl NextPage for PartSaved {
    fn next_page(&self) -> String {
        if self.after == AfterSave::ReturnToPlan {
            format!("{}?done=saved#tasks", crate::paths::plan(self.case))
        } else {
            let anchor = self.focus.map_or("editor".to_owned(), |k| format!("item-{k}"));
            format!("{}#{anchor}", crate::paths::plan_part(self.case, self.part))
        }
    }
}

#[server]
pub async fn save_plan_part(
    case: CaseId,
    part: Part,
    revision: i32,
    #[server(default)] status: String,
    intent: String,
    #[server(default)] form: PlanForm,
) -> Result<PartSaved, AppError> {
    use crate::domain::audit::AuditAction;
    use crate::domain::plan::content::PartContent;
    use crate::domain::plan::form::{Intent, apply, validate};
    use crate::store::plans::{Saved, save_part};
    let ctx = crate::cases::context::CaseContext::open(case, crate::domain::capability::Capability::WritePlan).await?;
    // Shared or issued while this person was editing: say so plainly, keep what they typed.
    let closed = || {
        let mut errors = crate::error::FieldErrors::default();
        errors.add(
            "content",
            "editor",
            "This draft has been shared or issued since you opened it, so it cannot change. Copy your text, then start a new draft version from the plan page.",
        );
        AppError::Validation(errors)
    };
    let version = ctx.open_draft().await?.ok_or_else(closed)?;
    if !part.edited_in_draft() {
        return Err(AppError::Forbidden);
    }
    let action = Intent::parse(&intent).ok_or(AppError::NotFound)?;
    let mut content = form.into_content(part);
    let added = match &content {
        PartContent::Area(a) => a.next_key,
        PartContent::Advice(k) => k.next_key,
        _ => 0,
    };
    apply(&mut content, action);
    // After the button's change, so adding to a full list is refused too.
    validate(&content).map_err(AppError::Validation)?;
    let focus = match action {
        Intent::AddOutcome | Intent::AddStep(_) | Intent::AddProvision(_) | Intent::AddAdvice => Some(added),
        other => other.focus(),
    };
    let status = match PartStatus::parse(&status) {
        Some(PartStatus::NotApplicable) if !part.may_not_apply() => PartStatus::InProgress,
        Some(PartStatus::NotStarted) | None => PartStatus::InProgress,
        Some(s) => s,
    };
    let now = chrono::Utc::now();
    let saved = save_part(
        &ctx.state.db,
        version.id,
        part,
        revision,
        status,
        &content,
        ctx.viewer.account,
        now,
    )
    .await?;
    let revision = match saved {
        Saved::Revision(r) => r,
        Saved::Conflict => return Err(AppError::Conflict),
        Saved::Closed => return Err(closed()),
    };
    // Keystroke saves are not worth an audit row each; deliberate saves are.
    if action != Intent::Stay {
        ctx.record(AuditAction::PlanSectionSaved, part.title(), now).await?;
    }
    let saved_at = now
        .with_timezone(&chrono_tz::Europe::London)
        .format("%-d %B %Y at %H:%M")
        .to_string();
    Ok(PartSaved {
        case,
        part,
        after: match action {
            Intent::Save => AfterSave::ReturnToPlan,
            Intent::Stay => AfterSave::Stay,
            _ => AfterSave::Redraw,
        },
        revision,
        saved_at,
        focus,
    })
}

impl Redact for SavePlanPart {}

#[component]
pub fn PartEditPage() -> impl IntoView {
    let case = super::load::case_param();
    let params = use_params_map();
    let source = move || (case(), params.with(|p| p.get_str("part").and_then(Part::parse)));
    let data = Resource::new(source, |(case, part)| async move {
        match (case, part) {
            (Some(case), Some(part)) => get_plan_part(case, part).await,
            _ => Err(AppError::NotFound),
        }
    });
    super::load::loaded(data, "Loading the section…", |data| view! { <PartEditor data /> })
}

/// The editor page, server-rendered: after a refused post it shows what was
/// typed, the errors, and, when someone else saved first, their version.
#[component]
fn PartEditor(data: PartEditData) -> impl IntoView {
    let part = data.part.part;
    let case = data.case.id;
    let rejected = rejected_submission::<SavePlanPart>();
    let error = rejected.as_ref().map(|r| r.error.clone());
    let (content, status) = match rejected.and_then(|r| r.submitted) {
        Some(s) => (
            s.form.into_content(part),
            PartStatus::parse(&s.status).unwrap_or(data.part.status),
        ),
        None => (data.part.content.clone(), data.part.status),
    };
    let issues = check_part(part, status, &content);
    // Refused because someone else saved first: theirs is what is saved now.
    let conflict = error == Some(AppError::Conflict);
    let their_version = conflict.then(|| view! { <TheirVersion their=data.part.clone() /> });
    let shown_error = error.filter(|e| *e != AppError::Conflict);
    let errors = shown_error
        .as_ref()
        .and_then(AppError::field_errors)
        .cloned()
        .unwrap_or_default();
    let closed = (!data.editable).then(|| {
        view! {
            <div class="warning-text">
                <strong>{format!("{} has been shared or issued, so it cannot change.", data.version.name())}</strong>
                " To make changes, start a new draft version from the plan page."
            </div>
        }
    });
    view! {
        <Title text=format!("{} - draft plan - EHC hub", part.title()) />
        <a class="back-link" href=format!("{}#tasks", crate::paths::plan(case))>"Back to the plan"</a>
        <span class="caption-l">{format!("{} · {} · draft version {}", data.case.reference, data.case.child_name, data.version.number)}</span>
        <h1 class="heading-l">{part.title()}</h1>
        <ErrorSummary error=Signal::stored(shown_error) />
        {closed}
        {their_version}
        <LiveEditor
            case
            part
            revision=data.part.revision
            saved_at=data.part.saved_at.clone()
            autosave=data.editable && !conflict
        >
            <PartFields part content issues errors />
            <StatusQuestion part status />
        </LiveEditor>
    }
}

/// The other person's saved version, beside the form still holding this person's.
#[component]
fn TheirVersion(their: PartView) -> impl IntoView {
    let who = their.saved_by.clone().unwrap_or_else(|| "Someone else".to_owned());
    view! {
        <div class="conflict panel panel--warning" role="alert" id="conflict">
            <h2 class="heading-m">"Someone else saved this section while you were editing"</h2>
            <p class="body">{format!("{who} saved it {}. Your changes have not been saved: they are still in the form below. Their version is shown here.", their.saved_at)}</p>
            <p class="body">"Compare the two. To keep your version, save again: it will replace theirs."</p>
            <details class="details" open>
                <summary class="details__summary">"Their version"</summary>
                <div class="details__text"><super::document::PartBody view=their /></div>
            </details>
        </div>
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
fn LiveEditor(
    case: CaseId,
    part: Part,
    revision: i32,
    saved_at: String,
    /// False while someone else's version is shown (only a deliberate save
    /// may replace it) or once the draft has been shared.
    autosave: bool,
    children: Children,
) -> impl IntoView {
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
            action=crate::paths::plan_part(case, part)
            novalidate
            node_ref=form_ref
            on:input=on_input
            on:submit=on_submit
        >
            <input type="hidden" name="case" value=case.to_string() />
            <input type="hidden" name="part" value=part.as_str() />
            <input type="hidden" name="revision" value=revision.to_string() node_ref=revision_ref />
            <div class="save-bar">
                // First in the form, so pressing Enter in a field saves and stays.
                <button type="submit" class="button button--secondary save-bar__button" name="intent" value="stay">"Save"</button>
                <p class="save-bar__state" role="status" aria-live="polite">{line}</p>
            </div>
            {stopped}
            {children()}
            <button type="submit" class="button" name="intent" value="save">"Save and return to the plan"</button>
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

#[component]
fn StatusQuestion(part: Part, status: PartStatus) -> impl IntoView {
    let mut choices = vec![
        (PartStatus::Complete, "Yes, this section is complete"),
        (PartStatus::InProgress, "No, I will come back to it later"),
    ];
    if part.may_not_apply() {
        choices.push((PartStatus::NotApplicable, "This section does not apply to this child"));
    }
    let radios = choices
        .into_iter()
        .map(|(value, label)| {
            let id = format!("status-{}", value.as_str());
            view! {
                <div class="radios__item">
                    <input class="radios__input" id=id.clone() name="status" type="radio" value=value.as_str() checked=status == value />
                    <label class="label radios__label" for=id>{label}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="form-group">
            <fieldset class="fieldset">
                <legend class="fieldset__legend">"Have you completed this section?"</legend>
                <div class="radios">{radios}</div>
            </fieldset>
        </div>
    }
}
