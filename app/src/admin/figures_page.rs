//! The council's figures (`/admin/figures`): a year's new plans issued
//! within 20 weeks (with and without exception cases), decisions within 6
//! and 16 weeks, advice returned within 6 weeks by team, cases at risk now by
//! stage and reviews overdue. Each figure links to the cases behind it; the
//! plans by month are drawn as a chart (server-rendered SVG) with the same
//! numbers in a table.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::domain::figures::{AtRisk, CaseRef, Figures, Measure, Month};
use crate::error::AppError;

#[server]
pub async fn get_figures(year: Option<i32>) -> Result<Figures, AppError> {
    use crate::domain::capability::Capability;
    use crate::state::{AppState, today};
    let viewer = crate::accounts::guard::require(Capability::ReadCouncilFigures)?;
    let state = AppState::current()?;
    use chrono::Datelike;
    // Plans began in September 2014; there are no figures for the future.
    let year = year
        .filter(|y| (2014..=today().year()).contains(y))
        .unwrap_or_else(|| crate::store::figures::this_year(today()));
    Ok(crate::store::figures::council(&state.db, viewer.council, year, today(), &state.limits).await?)
}

#[component]
pub fn FiguresPage() -> impl IntoView {
    let year = use_query_map().with_untracked(|q| q.get_str("year").and_then(|y| y.parse::<i32>().ok()));
    let figures = Resource::new(move || year, get_figures);
    view! {
        <Title text="Your council's figures - EHC hub" />
        <Suspense fallback=|| view! { <p class="body">"Loading figures…"</p> }>
            {move || Suspend::new(async move {
                match figures.await {
                    Ok(figures) => view! { <FiguresView figures /> }.into_any(),
                    Err(err) => {
                        err.set_page_status();
                        view! { <h1 class="heading-l">{err.to_string()}</h1> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn FiguresView(figures: Figures) -> impl IntoView {
    let year = figures.year;
    view! {
        <span class="caption-l">{format!("January to December {year}")}</span>
        <h1 class="heading-l">"Your council's figures"</h1>
        <p class="body">
            <a class="link" href=format!("{}?year={}", crate::paths::FIGURES, year - 1)>{format!("Figures for {}", year - 1)}</a>
            " · "
            <a class="link" href=crate::paths::SEN2>"The SEN2 return to the DfE"</a>
        </p>
        <h2 class="heading-m" id="plans">"New EHC plans issued within 20 weeks"</h2>
        <Headline measure=figures.plans.clone() what="plans" />
        <p class="body">
            {format!("Leaving out cases with an exception to the time limit, as the SEN2 return does: {}.", figures.plans_without_exceptions.describe())}
        </p>
        <MonthChart months=figures.months year />
        <LateCases measure=figures.plans what="Plans issued after 20 weeks" />

        <h2 class="heading-m" id="decisions">"Decisions within their time limits"</h2>
        <dl class="summary-list">
            <div class="summary-list__row">
                <dt class="summary-list__key">"Decision whether to assess, within 6 weeks"</dt>
                <dd class="summary-list__value">{figures.decided_to_assess.describe()}</dd>
            </div>
            <div class="summary-list__row">
                <dt class="summary-list__key">"Decision whether to issue a plan, within 16 weeks"</dt>
                <dd class="summary-list__value">{figures.decided_to_issue.describe()}</dd>
            </div>
        </dl>
        <LateCases measure=figures.decided_to_assess what="Decisions whether to assess made after 6 weeks" />
        <LateCases measure=figures.decided_to_issue what="Decisions whether to issue made after 16 weeks" />

        <h2 class="heading-m" id="advice">"Advice returned within 6 weeks, by team"</h2>
        <AdviceTable figures=figures.advice />

        <h2 class="heading-m" id="at-risk">"Cases at risk now"</h2>
        <AtRiskTable rows=figures.at_risk />
        <p class="body">
            <a class="link" href="/cases?tray=live&cases=all&due=overdue">
                {format!("Annual reviews overdue: {}", figures.reviews_overdue)}
            </a>
        </p>
    }
}

/// The big number: the share in time, and how many of how many.
#[component]
fn Headline(measure: Measure, what: &'static str) -> impl IntoView {
    let big = measure.percent().map_or_else(|| "–".to_owned(), |p| format!("{p}%"));
    view! {
        <p class="figure">
            <span class="figure__number">{big}</span>
            <span class="figure__label">{format!("{} {what} in time", measure.describe())}</span>
        </p>
    }
}

/// The cases counted late, each a link to its case.
#[component]
fn LateCases(measure: Measure, what: &'static str) -> impl IntoView {
    (!measure.late.is_empty()).then(|| {
        let items = measure
            .late
            .into_iter()
            .map(|c: CaseRef| {
                let label = if c.child_name.is_empty() {
                    c.reference.clone()
                } else {
                    format!("{} ({})", c.child_name, c.reference)
                };
                view! { <li><a class="link" href=crate::paths::case(c.id)>{label}</a></li> }
            })
            .collect_view();
        view! {
            <details class="details">
                <summary class="details__summary">{format!("{what}: {}", measure.total - measure.in_time)}</summary>
                <ul class="list">{items}</ul>
            </details>
        }
    })
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Plans issued each month, in time and late, as stacked bars, with the
/// same numbers in a table for those who would rather read them.
#[component]
fn MonthChart(months: [Month; 12], year: i32) -> impl IntoView {
    const WIDTH: f32 = 600.0;
    const HEIGHT: f32 = 160.0;
    const TOP: f32 = 20.0;
    let most = months.iter().map(|m| m.in_time + m.late).max().unwrap_or(0).max(1) as f32;
    let slot = WIDTH / 12.0;
    let bars = months
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let x = i as f32 * slot + slot * 0.2;
            let width = slot * 0.6;
            let in_time = HEIGHT * m.in_time as f32 / most;
            let late = HEIGHT * m.late as f32 / most;
            let base = TOP + HEIGHT;
            let total = m.in_time + m.late;
            view! {
                <g>
                    <rect class="chart__in-time" x=x y=base - in_time width=width height=in_time />
                    <rect class="chart__late" x=x y=base - in_time - late width=width height=late />
                    <text class="chart__value" x=x + width / 2.0 y=base - in_time - late - 4.0 text-anchor="middle">
                        {(total > 0).then(|| total.to_string())}
                    </text>
                    <text class="chart__axis" x=x + width / 2.0 y=base + 16.0 text-anchor="middle">{MONTHS[i]}</text>
                </g>
            }
        })
        .collect_view();
    let rows = months
        .iter()
        .enumerate()
        .map(|(i, m)| {
            view! {
                <tr>
                    <th scope="row">{MONTHS[i]}</th>
                    <td>{m.in_time}</td>
                    <td>{m.late}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <svg
                class="chart__svg"
                viewBox=format!("0 0 {WIDTH} {}", TOP + HEIGHT + 24.0)
                role="img"
                aria-labelledby="plans-chart-title"
            >
                <title id="plans-chart-title">{format!("New plans issued each month of {year}: in time and late")}</title>
                {bars}
            </svg>
            <figcaption class="chart__legend">
                <span class="chart__key chart__key--in-time"></span>"Within 20 weeks "
                <span class="chart__key chart__key--late"></span>"After 20 weeks"
            </figcaption>
        </figure>
        <details class="details">
            <summary class="details__summary">"The chart's numbers as a table"</summary>
            <table class="table">
                <caption class="visually-hidden">{format!("New plans issued each month of {year}")}</caption>
                <thead><tr><th scope="col">"Month"</th><th scope="col">"Within 20 weeks"</th><th scope="col">"After 20 weeks"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </details>
    }
}

#[component]
fn AdviceTable(figures: Vec<crate::domain::figures::TeamAdvice>) -> impl IntoView {
    if figures.is_empty() {
        return view! { <p class="body">"No advice was returned this year."</p> }.into_any();
    }
    let rows = figures
        .into_iter()
        .map(|t| view! { <tr><th scope="row">{t.team}</th><td>{t.returned.describe()}</td></tr> })
        .collect_view();
    view! {
        <table class="table">
            <caption class="visually-hidden">"Advice returned within 6 weeks, by team"</caption>
            <thead><tr><th scope="col">"Team"</th><th scope="col">"Returned within 6 weeks"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

/// Cases in progress overdue or due soon, by stage: each number opens the
/// council's tray with those filters.
#[component]
fn AtRiskTable(rows: Vec<AtRisk>) -> impl IntoView {
    let tray = |stage: &str, due: &str| format!("/cases?tray=in-progress&cases=all&stage={stage}&due={due}");
    let rows = rows
        .into_iter()
        .map(|r| {
            let stage = r.stage.as_str();
            view! {
                <tr>
                    <th scope="row">{r.stage.label()}</th>
                    <td><a class="link" href=tray(stage, "overdue")>{r.overdue}<span class="visually-hidden">{format!(" overdue at {}", r.stage.label())}</span></a></td>
                    <td><a class="link" href=tray(stage, "soon")>{r.due_soon}<span class="visually-hidden">{format!(" due soon at {}", r.stage.label())}</span></a></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="table">
            <caption class="visually-hidden">"Cases in progress at risk, by stage"</caption>
            <thead><tr><th scope="col">"Stage"</th><th scope="col">"Overdue"</th><th scope="col">"Due soon"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
