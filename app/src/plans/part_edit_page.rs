//! Editing one part of the draft plan. Every button saves what was typed
//! before it adds, moves or removes an item, so nothing typed is lost; when
//! hydrated the part also saves itself a few seconds after typing stops and
//! the provision checker runs as the caseworker types. A save names the
//! revision it started from: if someone else saved first, nothing is
//! overwritten and both versions are shown.

use leptos::html;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map};
use serde::{Deserialize, Serialize};

use super::part_form::PartFields;
use super::types::{PartView, PlanCase, VersionSummary};
use crate::components::error_summary::ErrorSummary;
use crate::components::forms::{FormState, NextPage, Redact, form_state, submit_with};
use crate::domain::ids::CaseId;
use crate::domain::plan::checks::check_part;
use crate::domain::plan::content::{ItemKey, PartContent};
use crate::domain::plan::form::PlanForm;
use crate::domain::plan::part::{Part, PartStatus};
use crate::error::AppError;

/// Seconds after the last keystroke before a hydrated editor saves.
const AUTOSAVE_AFTER_MS: u64 = 2_500;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartEditData {
    pub case: PlanCase,
    pub version: VersionSummary,
    pub part: PartView,
    /// False once the version has been shared or issued: the page then says so.
    pub editable: bool,
}

#[server]
pub async fn get_plan_part(case: CaseId, part: Part) -> Result<PartEditData, AppError> {
    let ctx = super::access::PlanContext::open(case).await?;
    ctx.require_manager()?;
    // The latest version, so a refused save after sharing can still show what was typed.
    let version = ctx.readable_versions().await?.pop().ok_or(AppError::NotFound)?;
    let editable = version.state == crate::domain::plan::version::VersionState::Drafting;
    let view = crate::store::plans::parts(&ctx.state.db, version.id)
        .await?
        .into_iter()
        .find(|p| p.part == part)
        .ok_or(AppError::NotFound)?;
    Ok(PartEditData {
        case: ctx.case,
        version,
        part: view,
        editable,
    })
}

/// What the page does once a save has gone through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AfterSave {
    /// "Save and return to the plan".
    ReturnToPlan,
    /// The save button above the form, or autosave: nothing on screen changes.
    Stay,
    /// An item was added, moved or removed: draw the part again.
    Redraw,
}

/// What a save returns: enough to carry on editing without reloading.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartSaved {
    pub case: CaseId,
    pub part: Part,
    pub after: AfterSave,
    pub revision: i32,
    pub saved_at: String,
    pub content: PartContent,
    /// The item the button was about (or the one it added), to show next.
    pub focus: Option<ItemKey>,
}

impl NextPage for PartSaved {
    fn next_page(&self) -> String {
        if self.after == AfterSave::ReturnToPlan {
            format!("/cases/{}/plan?done=saved#tasks", self.case)
        } else {
            let anchor = self.focus.map_or("editor".to_owned(), |k| format!("item-{k}"));
            format!("/cases/{}/plan/edit/{}#{anchor}", self.case, self.part.as_str())
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
    use crate::domain::plan::form::{Intent, apply, validate};
    use crate::store::plans::{Saved, save_part};
    let ctx = super::access::PlanContext::open(case).await?;
    ctx.require_manager()?;
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
    validate(&content).map_err(AppError::Validation)?;
    let added = match &content {
        PartContent::Area(a) => a.next_key,
        PartContent::Advice(k) => k.next_key,
        _ => 0,
    };
    apply(&mut content, action);
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
        content,
        focus,
    })
}

impl Redact for SavePlanPart {
    fn redact(self) -> Self {
        self
    }
}

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

#[component]
fn PartEditor(data: PartEditData) -> impl IntoView {
    let FormState {
        action,
        error,
        submitted,
    } = form_state::<SavePlanPart>();
    let part = data.part.part;
    let case = data.case.id;
    // After a refused post without JavaScript, the form shows what was typed.
    let (first_content, first_status) = match submitted {
        Some(s) => (
            s.form.into_content(part),
            PartStatus::parse(&s.status).unwrap_or(data.part.status),
        ),
        None => (data.part.content.clone(), data.part.status),
    };
    // On a conflict (first render without JavaScript) theirs is what is saved now.
    let conflict_first = error.get_untracked() == Some(AppError::Conflict);
    let theirs = RwSignal::new(conflict_first.then(|| data.part.clone()));
    let content = RwSignal::new(first_content.clone());
    let status = RwSignal::new(first_status);
    let revision = RwSignal::new(data.part.revision);
    let saved_at = RwSignal::new(format!("Last saved {}", data.part.saved_at));
    let issues = RwSignal::new(check_part(part, first_status, &first_content));
    let form_ref = NodeRef::<html::Form>::new();

    let navigate = use_navigate();
    Effect::new(move |_| match action.value().get() {
        Some(Ok(saved)) => {
            revision.set(saved.revision);
            saved_at.set(format!("Saved {}", saved.saved_at));
            theirs.set(None);
            match saved.after {
                AfterSave::ReturnToPlan => navigate(&saved.next_page(), Default::default()),
                AfterSave::Stay => {}
                AfterSave::Redraw => {
                    issues.set(check_part(part, status.get_untracked(), &saved.content));
                    content.set(saved.content.clone());
                    if let Some(key) = saved.focus {
                        focus_item(key);
                    }
                }
            }
        }
        Some(Err(AppError::Conflict)) => {
            leptos::task::spawn_local(async move {
                if let Ok(now) = get_plan_part(case, part).await {
                    revision.set(now.part.revision);
                    theirs.set(Some(now.part));
                }
            });
        }
        _ => {}
    });

    // Hydrated: check as the caseworker types, and save once they pause.
    let typed = StoredValue::new(0_u64);
    let read_form = move || -> Option<SavePlanPart> {
        let form = form_ref.try_get_untracked().flatten()?;
        let data = leptos::web_sys::FormData::new_with_form(&form).ok()?;
        // Read outside a submit, the form has no button's intent: this one only saves.
        data.append_with_str("intent", "stay").ok()?;
        <SavePlanPart as leptos::form::FromFormData>::from_form_data(&data).ok()
    };
    let on_input = move |_| {
        if let Some(now) = read_form() {
            let state = PartStatus::parse(&now.status).unwrap_or(PartStatus::InProgress);
            issues.set(check_part(part, state, &now.form.into_content(part)));
        }
        typed.update_value(|n| *n += 1);
        let mine = typed.get_value();
        set_timeout(
            move || {
                // The page may have gone (saved and left) before the timer fires.
                // While a conflict is shown only a deliberate save may replace theirs.
                if typed.try_get_value() == Some(mine)
                    && action.pending().try_get_untracked() == Some(false)
                    && theirs.try_with_untracked(Option::is_none) == Some(true)
                    && let Some(input) = read_form()
                {
                    action.dispatch(input);
                }
            },
            std::time::Duration::from_millis(AUTOSAVE_AFTER_MS),
        );
    };
    let conflict = move || {
        theirs.get().map(|their| {
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
        })
    };
    let only_conflict = Signal::derive(move || match error.get() {
        Some(AppError::Conflict) => None,
        other => other,
    });
    let title = format!("{} - draft plan - EHC hub", part.title());
    view! {
        <Title text=title />
        <a class="back-link" href=format!("/cases/{case}/plan#tasks")>"Back to the plan"</a>
        <span class="caption-l">{format!("{} · {} · draft version {}", data.case.reference, data.case.child_name, data.version.number)}</span>
        <h1 class="heading-l">{part.title()}</h1>
        <ErrorSummary error=only_conflict />
        {(!data.editable).then(|| view! {
            <div class="warning-text">
                <strong>{format!("{} has been shared or issued, so it cannot change.", data.version.name())}</strong>
                " To make changes, start a new draft version from the plan page."
            </div>
        })}
        {conflict}
        <form
            id="editor"
            class="plan-editor"
            method="post"
            action=format!("/cases/{case}/plan/edit/{}", part.as_str())
            novalidate
            node_ref=form_ref
            on:submit=submit_with(action)
            on:input=on_input
        >
            <input type="hidden" name="case" value=case.to_string() />
            <input type="hidden" name="part" value=part.as_str() />
            <input type="hidden" name="revision" value=move || revision.get().to_string() />
            <div class="save-bar">
                // First in the form, so pressing Enter in a field saves and stays.
                <button type="submit" class="button button--secondary save-bar__button" name="intent" value="stay" disabled=move || action.pending().get()>"Save"</button>
                <p class="save-bar__state" role="status" aria-live="polite">
                    {move || if action.pending().get() { "Saving…".to_owned() } else { saved_at.get() }}
                </p>
            </div>
            {move || view! { <PartFields part content=content.get() issues /> }}
            <StatusQuestion part status />
            <button type="submit" class="button" name="intent" value="save" disabled=move || action.pending().get()>"Save and return to the plan"</button>
        </form>
    }
}

/// Brings the item a button was about into view, once it has been drawn.
fn focus_item(_key: ItemKey) {
    #[cfg(feature = "hydrate")]
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(&format!("item-{_key}")) {
            el.scroll_into_view();
            if let Ok(Some(field)) = el.query_selector("textarea, input:not([type=hidden])")
                && let Ok(field) = leptos::wasm_bindgen::JsCast::dyn_into::<leptos::web_sys::HtmlElement>(field)
            {
                let _ = field.focus();
            }
        }
    });
}

#[component]
fn StatusQuestion(part: Part, status: RwSignal<PartStatus>) -> impl IntoView {
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
                    <input
                        class="radios__input"
                        id=id.clone()
                        name="status"
                        type="radio"
                        value=value.as_str()
                        checked=status.get_untracked() == value
                        on:change=move |_| status.set(value)
                    />
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
