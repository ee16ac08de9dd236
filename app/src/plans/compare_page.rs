//! The redline: what changed between any two versions of a plan, part by
//! part and item by item, with removed words struck through and added words
//! underlined.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use super::types::VersionSummary;
use crate::domain::case::CaseHeading;
use crate::domain::ids::CaseId;
use crate::domain::plan::redline::{Change, PartChanges, Words};
use crate::error::AppError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redline {
    pub case: CaseHeading,
    pub versions: Vec<VersionSummary>,
    pub from: VersionSummary,
    pub to: VersionSummary,
    pub parts: Vec<PartChanges>,
}

#[server]
pub async fn compare_versions(case: CaseId, from: i32, to: i32) -> Result<Redline, AppError> {
    use crate::domain::plan::redline::compare_part;
    let ctx = crate::cases::context::CaseContext::open(case, crate::domain::capability::Capability::ViewCase).await?;
    let (old, new) = (ctx.version(Some(from)).await?, ctx.version(Some(to)).await?);
    let detail = format!("Compared {} with {}", old.name(), new.name());
    ctx.record(
        crate::domain::audit::AuditAction::PlanViewed,
        &detail,
        chrono::Utc::now(),
    )
    .await?;
    let before = crate::store::plans::parts(&ctx.state.db, old.id).await?;
    let after = crate::store::plans::parts(&ctx.state.db, new.id).await?;
    let parts = after
        .iter()
        .filter_map(|a| {
            let b = before.iter().find(|b| b.part == a.part)?;
            let changes = compare_part(&b.content, &a.content);
            (!changes.is_empty()).then_some(PartChanges { part: a.part, changes })
        })
        .collect();
    Ok(Redline {
        versions: ctx.readable_versions().await?,
        case: ctx.case,
        from: old,
        to: new,
        parts,
    })
}

#[component]
pub fn ComparePage() -> impl IntoView {
    let case = super::load::case_param();
    let query = use_query_map();
    let source = move || {
        let id = case();
        let num = |k: &str| query.with(|q| q.get_str(k).and_then(|v| v.parse::<i32>().ok()));
        (id, num("from"), num("to"))
    };
    let redline = Resource::new(source, |(id, from, to)| async move {
        match (id, from, to) {
            (Some(id), Some(from), Some(to)) => compare_versions(id, from, to).await,
            _ => Err(AppError::NotFound),
        }
    });
    super::load::loaded(redline, "Comparing…", |redline| view! { <RedlineView redline /> })
}

fn version_select(id: &'static str, label: &'static str, versions: &[VersionSummary], chosen: i32) -> AnyView {
    let options = versions
        .iter()
        .map(|v| view! { <option value=v.number.to_string() selected=v.number == chosen>{v.name()}</option> })
        .collect_view();
    view! {
        <div class="form-group compare-form__field">
            <label class="label" for=id>{label}</label>
            <select class="select" id=id name=id>{options}</select>
        </div>
    }
    .into_any()
}

#[component]
fn RedlineView(redline: Redline) -> impl IntoView {
    let case = redline.case.id;
    let from_select = version_select("from", "Earlier version", &redline.versions, redline.from.number);
    let to_select = version_select("to", "Later version", &redline.versions, redline.to.number);
    let body = if redline.parts.is_empty() {
        view! { <p class="body">"Nothing changed between these versions."</p> }.into_any()
    } else {
        redline
            .parts
            .into_iter()
            .map(|part| {
                let changes = part
                    .changes
                    .into_iter()
                    .map(|c| {
                        let (tag, colour) = match c.change {
                            Change::Added => ("Added", "tag--green"),
                            Change::Removed => ("Removed", "tag--red"),
                            Change::Changed => ("Changed", "tag--blue"),
                        };
                        let words = c
                            .words
                            .into_iter()
                            .map(|w| match w {
                                Words::Same(t) => view! { <span>{t}</span> }.into_any(),
                                Words::Removed(t) => view! { <del class="redline__removed">{t}</del> }.into_any(),
                                Words::Added(t) => view! { <ins class="redline__added">{t}</ins> }.into_any(),
                            })
                            .collect_view();
                        view! {
                            <div class="redline__change">
                                <p class="redline__label"><strong class=format!("tag {colour}")>{tag}</strong>" "{c.label}</p>
                                <p class="body plan-text">{words}</p>
                            </div>
                        }
                    })
                    .collect_view();
                view! {
                    <section class="plan-part">
                        <h2 class="heading-m">{part.part.title()}</h2>
                        {changes}
                    </section>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <Title text=format!("Compare plan versions: {} - EHC hub", redline.case.reference) />
        <a class="back-link" href=crate::paths::plan(case)>"Back to the plan"</a>
        <span class="caption-l">{format!("{} · {}", redline.case.reference, redline.case.child_name)}</span>
        <h1 class="heading-l">"What changed between versions"</h1>
        <form class="compare-form" method="get" action=crate::paths::plan_compare(case)>
            {from_select}
            {to_select}
            <button type="submit" class="button button--secondary">"Compare"</button>
        </form>
        <p class="body">{format!("From {} to {}. ", redline.from.name(), redline.to.name())}"Removed words are struck through; added words are underlined."</p>
        {body}
    }
}
