//! Form fields with their label, hint and error message, marked up so the
//! message is read out with the field (`aria-describedby`).

use leptos::prelude::*;

use crate::domain::dates::DateParts;

fn described_by(id: &str, hint: bool, error: bool) -> Option<String> {
    let parts: Vec<String> = [hint.then(|| format!("{id}-hint")), error.then(|| format!("{id}-error"))]
        .into_iter()
        .flatten()
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

fn group_class(error: bool) -> &'static str {
    if error {
        "form-group form-group--error"
    } else {
        "form-group"
    }
}

#[component]
fn ErrorMessage(id: String, #[prop(into)] error: Signal<Option<String>>) -> impl IntoView {
    move || {
        error.get().map(|message| {
            view! {
                <p class="error-message" id=format!("{id}-error")>
                    <span class="visually-hidden">"Error: "</span>
                    {message}
                </p>
            }
        })
    }
}

#[component]
pub fn TextInput(
    #[prop(into)] id: String,
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(into)] value: String,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional, into)] autocomplete: Option<String>,
    /// `text` unless given: `email`, `password`…
    #[prop(optional, into)]
    input_type: Option<String>,
    #[prop(optional, into)] inputmode: Option<String>,
    /// A fixed width such as `input--width-10`; full width otherwise.
    #[prop(optional, into)]
    width_class: Option<String>,
) -> impl IntoView {
    let has_hint = hint.is_some();
    let width = width_class.map(|w| format!(" {w}")).unwrap_or_default();
    let has_error = move || error.with(Option::is_some);
    let hint_id = format!("{id}-hint");
    let input_id = id.clone();
    let describe_id = id.clone();
    view! {
        <div class=move || group_class(has_error())>
            <label class="label" for=id.clone()>{label}</label>
            {hint.map(|h| view! { <div class="hint" id=hint_id>{h}</div> })}
            <ErrorMessage id=id.clone() error />
            <input
                class=move || format!("input{width}{}", if has_error() { " input--error" } else { "" })
                id=input_id
                name=name
                type=input_type.unwrap_or_else(|| "text".to_owned())
                value=value
                autocomplete=autocomplete
                inputmode=inputmode
                spellcheck="false"
                aria-describedby=move || described_by(&describe_id, has_hint, has_error())
            />
        </div>
    }
}

/// A multi-line text box. `messages` are warnings shown under it as the
/// person types (the provision checker), not errors that stop a save.
#[component]
pub fn TextArea(
    #[prop(into)] id: String,
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(into)] value: String,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional)] rows: Option<u32>,
    /// Shows the label as a small heading instead of plain bold text.
    #[prop(optional)]
    bold_label: bool,
) -> impl IntoView {
    let has_hint = hint.is_some();
    let has_error = move || error.with(Option::is_some);
    let hint_id = format!("{id}-hint");
    let describe_id = id.clone();
    view! {
        <div class=move || group_class(has_error())>
            <label class=if bold_label { "label label--bold" } else { "label" } for=id.clone()>{label}</label>
            {hint.map(|h| view! { <div class="hint" id=hint_id>{h}</div> })}
            <ErrorMessage id=id.clone() error />
            <textarea
                class=move || if has_error() { "textarea input--error" } else { "textarea" }
                id=id.clone()
                name=name
                rows=rows.unwrap_or(5)
                aria-describedby=move || described_by(&describe_id, has_hint, has_error())
            >
                {value}
            </textarea>
        </div>
    }
}

/// Day, month and year boxes (GOV.UK date input). Ids are `{id}-day` and so on,
/// names `{name}[day]` and so on.
#[component]
pub fn DateInput(
    #[prop(into)] id: String,
    #[prop(into)] name: String,
    #[prop(into)] legend: String,
    #[prop(into)] hint: String,
    value: DateParts,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional)] birth_date: bool,
) -> impl IntoView {
    let has_error = move || error.with(Option::is_some);
    let describe_id = id.clone();
    let error_id = id.clone();
    let hint_id = format!("{id}-hint");
    let part = move |part: &'static str,
                     label: &'static str,
                     value: String,
                     width: &'static str,
                     autocomplete: &'static str| {
        let part_id = format!("{id}-{part}");
        view! {
            <div class="date-input__item">
                <label class="label date-input__label" for=part_id.clone()>{label}</label>
                <input
                    class=move || format!("input input--width-{width}{}", if has_error() { " input--error" } else { "" })
                    id=part_id
                    name=format!("{name}[{part}]")
                    type="text"
                    inputmode="numeric"
                    value=value
                    autocomplete=birth_date.then_some(autocomplete)
                />
            </div>
        }
    };
    let items = (
        part("day", "Day", value.day, "2", "bday-day"),
        part("month", "Month", value.month, "2", "bday-month"),
        part("year", "Year", value.year, "4", "bday-year"),
    );
    view! {
        <div class=move || group_class(has_error())>
            <fieldset
                class="fieldset"
                role="group"
                aria-describedby=move || described_by(&describe_id, true, has_error())
            >
                <legend class="fieldset__legend">{legend}</legend>
                <div class="hint" id=hint_id>{hint}</div>
                <ErrorMessage id=error_id error />
                <div class="date-input">{items}</div>
            </fieldset>
        </div>
    }
}

/// One choice among radios or in a select.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

impl Choice {
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Self {
        Choice {
            value: value.into(),
            label: label.into(),
        }
    }
}

/// Radios; each has the id `{id}-{value}`, so the error summary links to the first.
#[component]
pub fn Radios(
    #[prop(into)] id: String,
    #[prop(into)] name: String,
    #[prop(into)] legend: String,
    choices: Vec<Choice>,
    #[prop(into)] selected: String,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let has_error = move || error.with(Option::is_some);
    let describe_id = id.clone();
    let radios = choices
        .into_iter()
        .map(|choice| {
            let radio_id = format!("{id}-{}", choice.value);
            let checked = choice.value == selected;
            view! {
                <div class="radios__item">
                    <input class="radios__input" id=radio_id.clone() name=name.clone() type="radio" value=choice.value checked=checked />
                    <label class="label radios__label" for=radio_id>{choice.label}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class=move || group_class(has_error())>
            <fieldset class="fieldset" aria-describedby=move || described_by(&describe_id, false, has_error())>
                <legend class="fieldset__legend">{legend}</legend>
                <ErrorMessage id=id.clone() error />
                <div class="radios">{radios}</div>
            </fieldset>
        </div>
    }
}

/// Checkboxes posting as a map: each ticked one sends `{name}[{value}]=yes`,
/// so the server reads the set chosen whatever the order. Each has the id
/// `{id}-{value}`; the error summary links to the first.
#[component]
pub fn Checkboxes(
    #[prop(into)] id: String,
    #[prop(into)] name: String,
    #[prop(into)] legend: String,
    #[prop(optional, into)] hint: Option<String>,
    choices: Vec<Choice>,
    /// The values ticked.
    checked: Vec<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let has_error = move || error.with(Option::is_some);
    let has_hint = hint.is_some();
    let describe_id = id.clone();
    let boxes = choices
        .into_iter()
        .map(|choice| {
            let box_id = format!("{id}-{}", choice.value);
            let ticked = checked.contains(&choice.value);
            view! {
                <div class="checkboxes__item">
                    <input class="checkboxes__input" id=box_id.clone() name=format!("{name}[{}]", choice.value) type="checkbox" value="yes" checked=ticked />
                    <label class="label checkboxes__label" for=box_id>{choice.label}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class=move || group_class(has_error())>
            <fieldset class="fieldset" aria-describedby=move || described_by(&describe_id, has_hint, has_error())>
                <legend class="fieldset__legend">{legend}</legend>
                {hint.map(|h| view! { <div class="hint" id=format!("{id}-hint")>{h}</div> })}
                <ErrorMessage id=id.clone() error />
                <div class="checkboxes">{boxes}</div>
            </fieldset>
        </div>
    }
}

/// A select with a first "Choose …" option that has no value.
#[component]
pub fn Select(
    #[prop(into)] id: String,
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(into)] placeholder: String,
    choices: Vec<Choice>,
    #[prop(into)] selected: String,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let has_error = move || error.with(Option::is_some);
    let describe_id = id.clone();
    let options = choices
        .into_iter()
        .map(|choice| {
            let is_selected = choice.value == selected;
            view! { <option value=choice.value selected=is_selected>{choice.label}</option> }
        })
        .collect_view();
    view! {
        <div class=move || group_class(has_error())>
            <label class="label" for=id.clone()>{label}</label>
            <ErrorMessage id=id.clone() error />
            <select
                class=move || if has_error() { "select input--error" } else { "select" }
                id=id.clone()
                name=name
                aria-describedby=move || described_by(&describe_id, false, has_error())
            >
                <option value="">{placeholder}</option>
                {options}
            </select>
        </div>
    }
}
