//! The plan as everyone reads it, grouped as councils show it: A; B, E and F;
//! C, E and G; D, E, H1 and H2; I; J; K. Each part shows how many comments it
//! has, the comments themselves and, for the family, a box to add one; a
//! contents list before them, for phones above all.

use leptos::prelude::*;

use super::comments::PartComments;
use super::types::{PartView, PlanView};
use crate::domain::plan::content::{Area, PartContent, Provision};
use crate::domain::plan::part::{Part, PartStatus};

/// The heading a part has in the document and in its contents list.
fn part_heading(part: Part) -> String {
    if Part::SEN_AREAS.contains(&part) {
        format!("Sections B, E and F: {}", part.title().to_lowercase())
    } else {
        part.title().to_owned()
    }
}

fn comment_count(count: usize) -> String {
    if count == 1 {
        "1 comment".to_owned()
    } else {
        format!("{count} comments")
    }
}

/// The plan's parts in the order councils show them, with their comments.
/// Before them, a contents list with jump links and comment counts: Maya's
/// demo draft is about 45 screens on a phone. Each part folds away without
/// JavaScript (`<details>`), and ends with a way back to the contents.
#[component]
pub fn PlanDocument(plan: PlanView) -> impl IntoView {
    let comment_on = plan.may.own.is_some().then_some((plan.case.id, plan.version.id));
    // Each part and its comments are moved into its section, not copied.
    let PlanView {
        mut parts,
        mut comments,
        ..
    } = plan;
    parts.sort_by_key(|view| view.part);
    let sections: Vec<_> = parts
        .into_iter()
        .map(|view| {
            let here: Vec<_> = comments.extract_if(.., |c| c.part == view.part).collect();
            (view, here)
        })
        .collect();
    let contents = sections
        .iter()
        .map(|(view, here)| {
            let part = view.part.as_str();
            let count = (!here.is_empty()).then(|| {
                view! { " " <a class="tag tag--yellow comment-count" href=format!("#comments-{part}")>{comment_count(here.len())}</a> }
            });
            view! { <li><a class="link" href=format!("#part-{part}")>{part_heading(view.part)}</a>{count}</li> }
        })
        .collect_view();
    let sections = sections
        .into_iter()
        .map(|(view, here)| {
            let part = view.part;
            let count = (!here.is_empty())
                .then(|| view! { <span class="tag tag--yellow comment-count">{comment_count(here.len())}</span> });
            view! {
                <section class="plan-part" id=format!("part-{}", part.as_str()) aria-labelledby=format!("heading-{}", part.as_str())>
                    <details class="plan-part__fold" open>
                        <summary class="plan-part__heading">
                            <h3 class="heading-m" id=format!("heading-{}", part.as_str())>{part_heading(part)}</h3>
                            {count}
                        </summary>
                        <PartBody view />
                        <PartComments comments=here part comment_on />
                        <p class="body plan-part__back"><a class="link" href="#contents">"Back to contents"</a></p>
                    </details>
                </section>
            }
        })
        .collect_view();
    view! {
        <nav class="plan-contents" id="contents" aria-labelledby="contents-heading">
            <h3 class="heading-s" id="contents-heading">"Contents"</h3>
            <ol class="list plan-contents__list">{contents}</ol>
        </nav>
        <div class="plan-document">{sections}</div>
    }
}

/// Text kept as typed, paragraph by paragraph; "Not recorded" when empty.
fn paragraphs(text: &str) -> AnyView {
    if text.trim().is_empty() {
        return view! { <p class="body hint">"Not recorded."</p> }.into_any();
    }
    text.split("\n\n")
        .map(|p| view! { <p class="body plan-text">{p.trim().to_owned()}</p> })
        .collect_view()
        .into_any()
}

#[component]
pub fn PartBody(view: PartView) -> impl IntoView {
    if view.status == PartStatus::NotApplicable {
        return view! { <p class="body"><strong>"Not applicable."</strong></p> }.into_any();
    }
    match view.content {
        PartContent::Views(v) => view! {
            <h4 class="heading-s">"About me"</h4>
            {paragraphs(&v.about_me)}
            <h4 class="heading-s">"Parent or carer's views"</h4>
            {paragraphs(&v.parent_views)}
            <h4 class="heading-s">"Background information from the local authority"</h4>
            {paragraphs(&v.background)}
        }
        .into_any(),
        PartContent::Area(area) => view! { <AreaBody part=view.part area /> }.into_any(),
        PartContent::Placement(p) => {
            let blank = p.setting_name.trim().is_empty();
            view! {
                <dl class="summary-list">
                    <div class="summary-list__row">
                        <dt class="summary-list__key">"Name of school or setting"</dt>
                        <dd class="summary-list__value">{if blank { "Left blank in a draft plan".to_owned() } else { p.setting_name }}</dd>
                    </div>
                    <div class="summary-list__row">
                        <dt class="summary-list__key">"Type of school or setting"</dt>
                        <dd class="summary-list__value">{p.setting_type}</dd>
                    </div>
                </dl>
            }
            .into_any()
        }
        PartContent::Budget(b) => view! {
            <dl class="summary-list">
                <div class="summary-list__row">
                    <dt class="summary-list__key">"Personal budget"</dt>
                    <dd class="summary-list__value">{paragraphs(&b.personal_budget)}</dd>
                </div>
                <div class="summary-list__row">
                    <dt class="summary-list__key">"Annual cost of support"</dt>
                    <dd class="summary-list__value">{paragraphs(&b.annual_cost)}</dd>
                </div>
            </dl>
        }
        .into_any(),
        PartContent::Advice(k) if k.entries.is_empty() => {
            view! { <p class="body hint">"No advice listed yet."</p> }.into_any()
        }
        PartContent::Advice(k) => {
            let rows = k
                .entries
                .into_iter()
                .map(|e| {
                    view! {
                        <tr>
                            <td data-label="Advice given by">{e.name}</td>
                            <td data-label="Role">{e.role}</td>
                            <td data-label="Date">{e.date}</td>
                            <td data-label="Documents">{e.documents}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table class="table case-table">
                    <caption class="visually-hidden">"Advice and information"</caption>
                    <thead><tr><th scope="col">"Advice given by"</th><th scope="col">"Role"</th><th scope="col">"Date"</th><th scope="col">"Documents"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            }
            .into_any()
        }
    }
}

#[component]
pub fn AreaBody(part: Part, area: Area) -> impl IntoView {
    let outcomes = area
        .outcomes
        .into_iter()
        .enumerate()
        .map(|(i, o)| {
            let steps = (!o.steps.is_empty()).then(|| {
                let items = o.steps.into_iter().map(|s| view! { <li>{s.text}</li> }).collect_view();
                view! {
                    <h5 class="heading-xs">"Steps towards this outcome"</h5>
                    <ol class="list list--number">{items}</ol>
                }
            });
            let provisions = o
                .provisions
                .into_iter()
                .map(|p| view! { <ProvisionCard p /> })
                .collect_view();
            view! {
                <div class="outcome" id=format!("item-{}", o.key)>
                    <h4 class="heading-s">{format!("Outcome {} (section E)", i + 1)}</h4>
                    <p class="body plan-text">{o.text}</p>
                    {steps}
                    {provisions}
                </div>
            }
        })
        .collect_view();
    view! {
        <h4 class="heading-s">{part.needs_label()}</h4>
        {paragraphs(&area.needs)}
        {outcomes}
    }
}

#[component]
fn ProvisionCard(p: Provision) -> impl IntoView {
    let row = |key: &'static str, value: String| {
        (!value.trim().is_empty()).then(|| {
            view! {
                <div class="summary-list__row">
                    <dt class="summary-list__key">{key}</dt>
                    <dd class="summary-list__value">{value}</dd>
                </div>
            }
        })
    };
    view! {
        <div class="provision" id=format!("item-{}", p.key)>
            <h5 class="heading-xs">{format!("Provision (section {})", p.section.as_str())}</h5>
            <p class="body plan-text">{p.text.clone()}</p>
            <dl class="summary-list summary-list--compact">
                {row("Who will deliver it", p.who)}
                {row("How often", p.how_often)}
                {row("How long, or group size", p.duration)}
                {row("Starts", p.starts)}
                {row("Reviewed", p.review)}
            </dl>
        </div>
    }
}
