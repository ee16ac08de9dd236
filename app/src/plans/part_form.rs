//! The fields of each kind of part, named as [`PlanForm`] reads them: flat
//! lists of outcomes, steps and provisions, each step and provision naming
//! the outcome it belongs to. Buttons carry what they ask for in `intent`.
//!
//! [`PlanForm`]: crate::domain::plan::form::PlanForm

use leptos::prelude::*;

use super::findings::{Findings, messages_for};
use crate::components::fields::{TextArea, TextInput};
use crate::domain::ids::CaseId;
use crate::domain::plan::checks::PlanIssue;
use crate::domain::plan::content::{AdviceSource, Area, ItemKey, PartContent, Provision, ProvisionSection};
use crate::domain::plan::form::{add_button, list_at, source_fields};
use crate::domain::plan::part::Part;
use crate::error::FieldErrors;

fn no_error() -> Signal<Option<String>> {
    Signal::derive(|| None)
}

/// Small buttons to move or remove an item; each saves first.
#[component]
fn ItemButtons(key: ItemKey, #[prop(into)] what: String) -> impl IntoView {
    view! {
        <div class="item-buttons">
            <button type="submit" class="button button--small button--secondary" name="intent" value=format!("up:{key}")>
                "Move up"<span class="visually-hidden">{format!(" {what}")}</span>
            </button>
            <button type="submit" class="button button--small button--secondary" name="intent" value=format!("down:{key}")>
                "Move down"<span class="visually-hidden">{format!(" {what}")}</span>
            </button>
            <button type="submit" class="button button--small button--warning" name="intent" value=format!("remove:{key}")>
                "Remove"<span class="visually-hidden">{format!(" {what}")}</span>
            </button>
        </div>
    }
}

/// A button that adds to a list, and beside it the message when the list is
/// full. The error summary links to the button.
#[component]
fn AddButton(
    /// The list's name in the errors: `outcomes`, `steps-12`, `advice`.
    #[prop(into)]
    list: String,
    #[prop(into)] intent: String,
    label: &'static str,
    /// Said after the label to screen reader users: which outcome.
    #[prop(into, optional)]
    context: String,
    errors: FieldErrors,
) -> impl IntoView {
    let id = add_button(&list);
    let error_id = format!("{id}-error");
    let message = errors.get(&list).map(str::to_owned);
    let described = message.is_some().then(|| error_id.clone());
    let context = (!context.is_empty()).then(|| view! { <span class="visually-hidden">{context}</span> });
    let button = view! {
        <button type="submit" class="button button--secondary" id=id name="intent" value=intent aria-describedby=described>
            {label}{context}
        </button>
    };
    match message {
        Some(message) => view! {
            <div class="form-group form-group--error">
                <p class="error-message" id=error_id>
                    <span class="visually-hidden">"Error: "</span>
                    {message}
                </p>
                {button}
            </div>
        }
        .into_any(),
        None => button.into_any(),
    }
}

/// Where an item brought in from advice came from: hidden fields that carry
/// it through every save, and a link to the advice.
#[component]
fn FromAdvice(case: CaseId, name: String, from: Option<AdviceSource>) -> impl IntoView {
    let (request, label) = source_fields(&from);
    let shown = from.map(|f| {
        view! {
            <p class="item-source">
                "From advice: "
                <a class="link" href=crate::paths::advice_response(case, f.request)>{f.label}</a>
            </p>
        }
    });
    view! {
        <input type="hidden" name=format!("{name}[from_request]") value=request />
        <input type="hidden" name=format!("{name}[from_label]") value=label />
        {shown}
    }
}

#[component]
pub fn PartFields(
    case: CaseId,
    part: Part,
    content: PartContent,
    issues: Vec<PlanIssue>,
    errors: FieldErrors,
) -> impl IntoView {
    match content {
        PartContent::Views(v) => view! {
            <TextArea id="about_me" name="form[about_me]" label="About me" bold_label=true hint="In the child's or young person's own words where possible: what they like, what they are good at, what matters to them." value=v.about_me error=no_error() rows=8 />
            <TextArea id="parent_views" name="form[parent_views]" label="Parent or carer's views" bold_label=true value=v.parent_views error=no_error() rows=8 />
            <TextArea id="background" name="form[background]" label="Background information from the local authority" bold_label=true value=v.background error=no_error() rows=6 />
        }
        .into_any(),
        PartContent::Area(area) => view! { <AreaFields case part area issues errors /> }.into_any(),
        PartContent::Placement(p) => view! {
            <TextInput id="setting_name" name="form[setting_name]" label="Name of school or setting" value=p.setting_name error=no_error() />
            <TextInput id="setting_type" name="form[setting_type]" label="Type of school or setting" value=p.setting_type error=no_error() />
        }
        .into_any(),
        PartContent::Budget(b) => view! {
            <TextArea id="personal_budget" name="form[personal_budget]" label="Personal budget" bold_label=true hint="What the personal budget covers, how it is paid (direct payment or arrangement) and the amount." value=b.personal_budget error=no_error() rows=4 />
            <TextArea id="annual_cost" name="form[annual_cost]" label="Annual cost of support" bold_label=true value=b.annual_cost error=no_error() rows=3 />
        }
        .into_any(),
        PartContent::Advice(k) => {
            let next_key = k.next_key;
            let rows = k
                .entries
                .into_iter()
                .enumerate()
                .map(|(i, e)| {
                    let n = i + 1;
                    let name = move |field: &str| format!("form[advice][{i}][{field}]");
                    view! {
                        <fieldset class="fieldset item" id=format!("item-{}", e.key)>
                            <legend class="fieldset__legend">{format!("Advice {n}")}</legend>
                            <input type="hidden" name=name("key") value=e.key.to_string() />
                            {e.request.map(|r| view! { <input type="hidden" name=name("request") value=r.to_string() /> })}
                            <TextInput id=format!("advice-{}-name", e.key) name=name("name") label="Name of the advice giver" value=e.name error=no_error() />
                            <TextInput id=format!("advice-{}-role", e.key) name=name("role") label="Their job title or role" value=e.role error=no_error() />
                            <TextInput id=format!("advice-{}-date", e.key) name=name("date") label="Date of the advice" value=e.date error=no_error() width_class="input--width-10" />
                            <TextInput id=format!("advice-{}-documents", e.key) name=name("documents") label="Documents" value=e.documents error=no_error() />
                            <ItemButtons key=e.key what=format!("advice {n}") />
                        </fieldset>
                    }
                })
                .collect_view();
            view! {
                <input type="hidden" name="form[next_key]" value=next_key.to_string() />
                {rows}
                <AddButton list="advice" intent="add_advice" label="Add advice" errors />
            }
            .into_any()
        }
    }
}

#[component]
fn AreaFields(case: CaseId, part: Part, area: Area, issues: Vec<PlanIssue>, errors: FieldErrors) -> impl IntoView {
    // Steps and provisions are numbered across the whole part in the form.
    let mut step_index = 0_usize;
    let mut provision_index = 0_usize;
    let outcomes = area
        .outcomes
        .into_iter()
        .enumerate()
        .map(|(i, o)| {
            let n = i + 1;
            let okey = o.key;
            let steps = o
                .steps
                .into_iter()
                .enumerate()
                .map(|(j, s)| {
                    let at = step_index;
                    step_index += 1;
                    let name = move |field: &str| format!("form[steps][{at}][{field}]");
                    view! {
                        <div class="item item--step" id=format!("item-{}", s.key)>
                            <input type="hidden" name=name("key") value=s.key.to_string() />
                            <input type="hidden" name=name("outcome") value=okey.to_string() />
                            <FromAdvice case name=format!("form[steps][{at}]") from=s.from />
                            <TextArea id=format!("step-{}", s.key) name=name("text") label=format!("Step {}", j + 1) value=s.text error=no_error() rows=2 />
                            <ItemButtons key=s.key what=format!("step {} of outcome {n}", j + 1) />
                        </div>
                    }
                })
                .collect_view();
            let provisions = o
                .provisions
                .into_iter()
                .enumerate()
                .map(|(j, p)| {
                    let at = provision_index;
                    provision_index += 1;
                    let found = messages_for(&issues, Some(p.key));
                    view! { <ProvisionFields case part at outcome=okey number=j + 1 outcome_number=n p found /> }
                })
                .collect_view();
            let outcome_name = format!("form[outcomes][{i}]");
            view! {
                <fieldset class="fieldset outcome-fields" id=format!("item-{okey}")>
                    <legend class="fieldset__legend fieldset__legend--m">{format!("Outcome {n}")}</legend>
                    <input type="hidden" name=format!("{outcome_name}[key]") value=okey.to_string() />
                    <FromAdvice case name=outcome_name.clone() from=o.from />
                    <TextArea id=format!("outcome-{okey}") name=format!("{outcome_name}[text]") label="What the child will achieve, and by when" hint="For example: By the end of Key Stage 2, Maya will be able to ask an adult for help using a short sentence, on at least 4 out of 5 occasions." value=o.text error=no_error() rows=3 />
                    <Findings item=Some(okey) found=messages_for(&issues, Some(okey)) />
                    <ItemButtons key=okey what=format!("outcome {n}") />
                    <h3 class="heading-s">"Steps towards this outcome"</h3>
                    {steps}
                    <AddButton list=list_at("steps", okey) intent=format!("add_step:{okey}") label="Add a step" context=format!(" to outcome {n}") errors=errors.clone() />
                    <h3 class="heading-s">"Provision"</h3>
                    {provisions}
                    <AddButton list=list_at("provisions", okey) intent=format!("add_provision:{okey}") label="Add provision" context=format!(" to outcome {n}") errors=errors.clone() />
                </fieldset>
            }
        })
        .collect_view();
    let sources = area
        .sources
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let name = move |field: &str| format!("form[sources][{i}][{field}]");
            view! {
                <input type="hidden" name=name("request") value=f.request.to_string() />
                <input type="hidden" name=name("item") value=f.item.to_string() />
                <input type="hidden" name=name("label") value=f.label.clone() />
            }
        })
        .collect_view();
    let sources_line = (!area.sources.is_empty()).then(|| {
        let links = area
            .sources
            .iter()
            .map(|f| view! { <li><a class="link" href=crate::paths::advice_response(case, f.request)>{f.label.clone()}</a></li> })
            .collect_view();
        view! {
            <div class="item-source">
                <p class="body">"These needs include advice from:"</p>
                <ul class="list">{links}</ul>
            </div>
        }
    });
    view! {
        <input type="hidden" name="form[next_key]" value=area.next_key.to_string() />
        {sources}
        {sources_line}
        <TextArea id="needs" name="form[needs]" label=part.needs_label() bold_label=true hint="The child's strengths, then their needs in this area." value=area.needs error=no_error() rows=8 />
        <Findings item=None found=messages_for(&issues, None) />
        <h2 class="heading-m">"Outcomes (section E)"</h2>
        {outcomes}
        <AddButton list="outcomes" intent="add_outcome" label="Add an outcome" errors />
    }
}

#[component]
fn ProvisionFields(
    case: CaseId,
    part: Part,
    at: usize,
    outcome: ItemKey,
    number: usize,
    outcome_number: usize,
    p: Provision,
    /// The checker's findings about this provision, as the server found them.
    found: Vec<String>,
) -> impl IntoView {
    let key = p.key;
    let name = move |field: &str| format!("form[provisions][{at}][{field}]");
    let id = move |field: &str| format!("provision-{key}-{field}");
    let section = (part == Part::SocialCare).then(|| {
        let h1 = p.section == ProvisionSection::H1;
        view! {
            <div class="form-group">
                <label class="label" for=id("section")>"Section"</label>
                <select class="select" id=id("section") name=name("section")>
                    <option value="H1" selected=h1>"H1: under section 2 of the Chronically Sick and Disabled Persons Act 1970"</option>
                    <option value="H2" selected=!h1>"H2: other social care provision"</option>
                </select>
            </div>
        }
    });
    view! {
        <fieldset class="fieldset item item--provision" id=format!("item-{key}")>
            <legend class="fieldset__legend">{format!("Provision {number} (section {})", p.section.as_str())}</legend>
            <input type="hidden" name=name("key") value=key.to_string() />
            <input type="hidden" name=name("outcome") value=outcome.to_string() />
            <FromAdvice case name=format!("form[provisions][{at}]") from=p.from.clone() />
            {section}
            <TextArea id=id("text") name=name("text") label="What will be provided" value=p.text error=no_error() rows=3 />
            <div class="provision-grid">
                <TextInput id=id("who") name=name("who") label="Who will deliver it" value=p.who error=no_error() />
                <TextInput id=id("how_often") name=name("how_often") label="How often" hint="For example, weekly" value=p.how_often error=no_error() />
                <TextInput id=id("duration") name=name("duration") label="For how long, or group size" hint="For example, 30 minutes for 12 weeks" value=p.duration error=no_error() />
                <TextInput id=id("starts") name=name("starts") label="Starts" hint="For example, September 2027" value=p.starts error=no_error() />
                <TextInput id=id("review") name=name("review") label="Reviewed" hint="For example, termly" value=p.review error=no_error() />
            </div>
            <Findings item=Some(key) found />
            <ItemButtons key what=format!("provision {number} of outcome {outcome_number}") />
        </fieldset>
    }
}
