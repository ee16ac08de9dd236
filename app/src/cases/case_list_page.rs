//! The work trays ("My cases in progress", "My live cases"): each case's child,
//! reference, stage, setting and next statutory deadline, with search.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::types::{CaseFilter, CaseList, CaseListItem, Cursor, DueFilter, Scope};
use crate::components::tags::{DeadlineTag, StageTag};
use crate::domain::dates::long_date;
use crate::domain::stage::{Stage, Tray};
use crate::error::AppError;

#[server]
pub async fn list_cases(filter: CaseFilter) -> Result<CaseList, AppError> {
    use crate::accounts::guard::may;
    use crate::domain::capability::Capability;
    use crate::state::{AppState, today};
    let viewer = crate::accounts::guard::require_viewer()?;
    let state = AppState::current()?;
    let mut list =
        crate::store::trays::list(&state.db, &viewer, &filter, today(), &state.limits, &state.access).await?;
    list.start = if may(&viewer, Capability::RegisterRequest) {
        Some((crate::paths::NEW_CASE.to_owned(), "Register a request".to_owned()))
    } else if may(&viewer, Capability::RequestAssessment) {
        Some((
            crate::paths::REQUEST_START.to_owned(),
            "Request an assessment".to_owned(),
        ))
    } else {
        None
    };
    Ok(list)
}

/// The filters that narrow a tray, as the address writes them (name and
/// value; defaults left out). The tray, the search and the page are apart.
fn narrowing(filter: &CaseFilter) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    let mut add = |name: &str, value: String| pairs.push((name.to_owned(), value));
    if let Some(scope) = filter.scope {
        add("cases", scope.as_str().to_owned());
    }
    if let Some(stage) = filter.stage {
        add("stage", stage.as_str().to_owned());
    }
    if let Some(setting) = filter.setting {
        add("setting", setting.to_string());
    }
    if filter.due != DueFilter::Any {
        add("due", filter.due.as_str().to_owned());
    }
    if filter.include_closed {
        add("closed", "yes".to_owned());
    }
    pairs
}

/// A tray's address: the tray, the filters kept, the search, and any more
/// (the page and its cursor). Plain strings, so the browser's search box
/// builds it without the filter types.
fn address(tray: Tray, keep: &str, search: &str, more: &[(String, String)]) -> String {
    let mut href = format!("/cases?tray={}{keep}", tray.as_str());
    let search = (!search.is_empty()).then(|| ("q".to_owned(), search.to_owned()));
    for (name, value) in search.into_iter().chain(more.iter().cloned()) {
        href.push('&');
        href.push_str(&name);
        href.push('=');
        href.push_str(&encode_query_value(&value));
    }
    href
}

/// The filters kept from page to page as they follow the tray in an
/// address (`&cases=all&due=overdue`): one string, so the browser's search
/// box carries them without knowing what they are.
fn kept(filter: &CaseFilter) -> String {
    narrowing(filter)
        .into_iter()
        .map(|(name, value)| format!("&{name}={}", encode_query_value(&value)))
        .collect()
}

/// The filters' values in what [`kept`] wrote.
#[cfg(feature = "ssr")]
fn read_kept(keep: &str) -> Vec<(String, String)> {
    keep.split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(name, value)| (name.to_owned(), decode_query_value(value)))
        .collect()
}

/// Undoes [`encode_query_value`].
#[cfg(feature = "ssr")]
fn decode_query_value(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match value.get(i + 1..i + 3).and_then(|hex| u8::from_str_radix(hex, 16).ok()) {
                Some(byte) => {
                    out.push(byte);
                    i += 2;
                }
                None => out.push(b'%'),
            },
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A tray's address with everything that narrows it; defaults are left out.
fn tray_href(filter: &CaseFilter) -> String {
    let mut more = Vec::new();
    if filter.page > 1 {
        more.push(("page".to_owned(), filter.page.to_string()));
    }
    if let Some(after) = &filter.after {
        more.push(("after".to_owned(), after.encode()));
    }
    if let Some(before) = &filter.before {
        more.push(("before".to_owned(), before.encode()));
    }
    address(filter.tray, &kept(filter), &filter.search, &more)
}

/// The tray as an address asks for it, by its parameters' values.
fn filter_from(get: impl Fn(&str) -> Option<String>) -> CaseFilter {
    CaseFilter {
        tray: Tray::from_query(get("tray").as_deref()),
        scope: get("cases").as_deref().and_then(Scope::parse),
        stage: get("stage").as_deref().and_then(Stage::parse),
        setting: get("setting").and_then(|s| s.parse().ok()),
        due: DueFilter::parse(get("due").as_deref().unwrap_or_default()),
        include_closed: get("closed").as_deref() == Some("yes"),
        search: get("q").unwrap_or_default(),
        page: get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
        after: get("after").as_deref().and_then(Cursor::decode),
        before: get("before").as_deref().and_then(Cursor::decode),
    }
}

/// The tray's heading: the person's own cases, their team's, or everyone's.
fn heading(tray: Tray, scope: Scope, team: bool) -> &'static str {
    match (scope, tray) {
        (Scope::Mine, Tray::InProgress) if team => "Team cases in progress",
        (Scope::Mine, Tray::Live) if team => "Team's live cases",
        (Scope::Mine, Tray::Closed) if team => "Team's closed cases",
        (Scope::Mine, _) => tray.label(),
        (Scope::Everyone, Tray::InProgress) => "Cases in progress",
        (Scope::Everyone, Tray::Live) => "Live cases",
        (Scope::Everyone, Tray::Closed) => "Closed cases",
        (Scope::AwaitingAllocation, Tray::InProgress) => "Cases in progress awaiting allocation",
        (Scope::AwaitingAllocation, Tray::Live) => "Live cases awaiting allocation",
        (Scope::AwaitingAllocation, Tray::Closed) => "Closed cases never allocated",
    }
}

/// Keeps the search in the address without loading a page.
fn replace_address(href: &str) {
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&leptos::wasm_bindgen::JsValue::NULL, "", Some(href));
    }
}

fn encode_query_value(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            b' ' => "+".to_owned(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[component]
pub fn CaseListPage() -> impl IntoView {
    // Read once: a new search, filter or tray is a new page load.
    let filter = use_query_map().with_untracked(|q| filter_from(|name| q.get(name)));
    let asked = filter.clone();
    let cases = Resource::new(move || asked.clone(), list_cases);
    view! {
        <Suspense fallback=|| view! { <p class="body">"Loading cases…"</p> }>
            {move || {
                let filter = filter.clone();
                Suspend::new(async move {
                    match cases.await {
                        Ok(list) => {
                            // Council staff choose whose cases: the choice shown is the one used. For
                            // everyone else the cases are their own.
                            let filter = CaseFilter { scope: list.may_choose_scope.then_some(list.scope), ..filter.clone() };
                            let whose = filter.scope.unwrap_or(Scope::Mine);
                            let title = heading(filter.tray, whose, list.team);
                            // The tabs say whose cases they hold as the heading does.
                            let tab_whose = if whose == Scope::Mine { Scope::Mine } else { Scope::Everyone };
                            let tabs = [Tray::InProgress, Tray::Live, Tray::Closed].map(|t| heading(t, tab_whose, list.team).to_owned());
                            let start = list.start.clone().map(|(href, words)| view! { <a href=href class="button button--secondary" role="button" draggable="false">{words}</a> });
                            let filters = view! { <TrayFilters list=list.clone() filter=filter.clone() /> };
                            let found = view! { <CaseTable list filter=filter.clone() /> };
                            view! {
                                <Title text=format!("{title} - EHC hub") />
                                <div class="page-heading">
                                    <h1 class="heading-l">{title}</h1>
                                    {start}
                                </div>
                                <TraySearch
                                    tray=filter.tray
                                    search=filter.search.clone()
                                    keep=kept(&filter)
                                    keep_for_tabs=kept(&CaseFilter { stage: None, ..filter.clone() })
                                    hidden=narrowing(&filter)
                                    tabs
                                >
                                    {filters}
                                    {found}
                                </TraySearch>
                            }
                            .into_any()
                        }
                        Err(err) => view! { <p class="body error-message">{err.to_string()}</p> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// One page of a tray as HTML, rendered here as the page renders it, for the
/// live search: the island swaps it in, so the browser needs no code to draw
/// a table of cases.
#[server]
pub async fn search_cases(tray: Tray, search: String, keep: String) -> Result<String, AppError> {
    use leptos::tachys::view::RenderHtml;
    let kept = read_kept(&keep);
    let filter = CaseFilter {
        tray,
        search,
        ..filter_from(|name| kept.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()))
    };
    let list = list_cases(filter.clone()).await?;
    let filter = CaseFilter {
        scope: list.may_choose_scope.then_some(list.scope),
        ..filter
    };
    Ok(Owner::new()
        .with(|| view! { <TrayFilters list=list.clone() filter=filter.clone() /> <CaseTable list filter /> }.to_html()))
}

/// The tray's tabs, its search box and its cases. The cases come rendered
/// from the server (the children). Hydrated, the list narrows as the
/// caseworker types, and the address keeps the search so it survives a
/// reload and the back button. Without JavaScript the search is a GET form.
#[island]
#[allow(clippy::too_many_arguments)]
fn TraySearch(
    tray: Tray,
    search: String,
    /// The filters as they follow the tray in the address.
    keep: String,
    /// The same, less the stage, which belongs to one tray.
    keep_for_tabs: String,
    /// The filters as fields of the search form without JavaScript.
    hidden: Vec<(String, String)>,
    /// The three trays' tabs' words: in progress, live, closed.
    tabs: [String; 3],
    children: Children,
) -> impl IntoView {
    let typed = RwSignal::new(search.clone());
    let kept = StoredValue::new(keep);
    let results = NodeRef::<leptos::html::Div>::new();
    // Answers can arrive out of order: only the newest search is shown.
    let asked = StoredValue::new(0_u64);
    let on_input = move |ev: leptos::ev::Event| {
        let search = event_target_value(&ev).trim().to_owned();
        replace_address(&kept.with_value(|keep| address(tray, keep, &search, &[])));
        typed.set(search.clone());
        asked.update_value(|n| *n += 1);
        let mine = asked.get_value();
        leptos::task::spawn_local(async move {
            let found = search_cases(tray, search, kept.get_value()).await;
            let html = found.unwrap_or_else(|err| format!(r#"<p class="body error-message" role="status">{err}</p>"#));
            if asked.try_get_value() == Some(mine)
                && let Some(div) = results.get_untracked()
            {
                div.set_inner_html(&html);
            }
        });
    };
    let tabs = [Tray::InProgress, Tray::Live, Tray::Closed]
        .into_iter()
        .zip(tabs)
        .map(|(t, label)| {
            let current = (t == tray).then_some("page");
            // A stage belongs to one tray: another tray's tab leaves it behind.
            let keep = keep_for_tabs.clone();
            view! {
                <li class="tabs__item">
                    <a class="tabs__tab" href=move || typed.with(|s| address(t, &keep, s, &[])) aria-current=current>{label}</a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav aria-label="Work trays"><ul class="tabs">{tabs}</ul></nav>
        <form method="get" action="/cases" role="search" class="search" on:submit=|ev| ev.prevent_default()>
            <input type="hidden" name="tray" value=tray.as_str() />
            {hidden.into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value /> }).collect_view()}
            <div class="form-group">
                <label class="label" for="case-search">"Search by child's name or case reference"</label>
                <div class="search__row">
                    <input
                        class="input search__input"
                        id="case-search"
                        name="q"
                        type="search"
                        autocomplete="off"
                        value=search
                        on:input=on_input
                    />
                    <button type="submit" class="button search__button">"Search"</button>
                </div>
            </div>
        </form>
        <div node_ref=results>{children()}</div>
    }
}

/// Narrowing a tray: whose cases, stage, setting, deadlines and closed
/// cases. A plain form that loads the tray again, so filters combine and
/// stay in the address.
#[component]
fn TrayFilters(list: CaseList, filter: CaseFilter) -> impl IntoView {
    let option = |value: String, label: String, selected: bool| {
        view! { <option value=value selected=selected>{label}</option> }
    };
    let scope = list.may_choose_scope.then(|| {
        let chosen = filter.scope.unwrap_or(list.scope);
        view! {
            <div class="form-group filters__item">
                <label class="label" for="filter-cases">"Cases"</label>
                <select class="select" id="filter-cases" name="cases">
                    {option("mine".into(), "My cases".into(), chosen == Scope::Mine)}
                    {option("all".into(), "All cases in the council".into(), chosen == Scope::Everyone)}
                    {option("unallocated".into(), "Awaiting allocation".into(), chosen == Scope::AwaitingAllocation)}
                </select>
            </div>
        }
    });
    let stages = filter
        .tray
        .stages()
        .into_iter()
        .map(|s| option(s.as_str().to_owned(), s.label().to_owned(), filter.stage == Some(s)))
        .collect_view();
    let settings = (!list.settings.is_empty()).then(|| {
        let options = list
            .settings
            .iter()
            .map(|s| option(s.id.to_string(), s.name.clone(), filter.setting == Some(s.id)))
            .collect_view();
        view! {
            <div class="form-group filters__item">
                <label class="label" for="filter-setting">"Education setting"</label>
                <select class="select" id="filter-setting" name="setting">
                    <option value="">"Any setting"</option>
                    {options}
                </select>
            </div>
        }
    });
    let dues = [
        (DueFilter::Any, "Any deadline"),
        (DueFilter::Soon, "Due soon"),
        (DueFilter::Overdue, "Overdue"),
    ]
    .into_iter()
    .map(|(d, label)| option(d.as_str().to_owned(), label.to_owned(), filter.due == d))
    .collect_view();
    let clear = CaseFilter {
        tray: filter.tray,
        scope: filter.scope,
        ..CaseFilter::default()
    };
    view! {
        <form method="get" action="/cases" class="filters" aria-label="Filter cases">
            <input type="hidden" name="tray" value=filter.tray.as_str() />
            {(!filter.search.is_empty()).then(|| view! { <input type="hidden" name="q" value=filter.search.clone() /> })}
            {scope}
            <div class="form-group filters__item">
                <label class="label" for="filter-stage">"Stage"</label>
                <select class="select" id="filter-stage" name="stage">
                    <option value="">"Any stage"</option>
                    {stages}
                </select>
            </div>
            {settings}
            <div class="form-group filters__item">
                <label class="label" for="filter-due">"Next deadline"</label>
                <select class="select" id="filter-due" name="due">{dues}</select>
            </div>
            {(filter.tray != Tray::Closed).then(|| view! {
                <div class="checkboxes__item filters__item filters__check">
                    <input class="checkboxes__input" id="filter-closed" name="closed" type="checkbox" value="yes" checked=filter.include_closed />
                    <label class="label checkboxes__label" for="filter-closed">"Include closed cases"</label>
                </div>
            })}
            <div class="filters__actions">
                <button type="submit" class="button button--secondary">"Apply filters"</button>
                {filter.narrowed().then(|| view! { <a class="link" href=tray_href(&clear)>"Clear filters"</a> })}
            </div>
        </form>
    }
}

#[component]
fn CaseTable(list: CaseList, filter: CaseFilter) -> impl IntoView {
    let shown = if list.total == 1 {
        "1 case".to_owned()
    } else {
        format!("{} cases", list.total)
    };
    if list.items.is_empty() {
        let message = if filter.search.is_empty() && filter.narrowed() {
            "No cases match these filters.".to_owned()
        } else if filter.search.is_empty() {
            "There are no cases here.".to_owned()
        } else {
            format!(
                "No cases match “{}”. Check the spelling or search by case reference.",
                filter.search
            )
        };
        return view! {
            <p class="body" role="status">{message}</p>
        }
        .into_any();
    }
    let list_pages = Pages {
        page: list.page,
        pages: list.pages,
        next: list.next.clone(),
        previous: list.previous.clone(),
    };
    let rows = list
        .items
        .into_iter()
        .map(|item| view! { <CaseRow item /> })
        .collect_view();
    view! {
        <p class="body case-count" role="status">{shown}</p>
        <table class="table case-table">
            <caption class="visually-hidden">{filter.tray.label()}</caption>
            <thead>
                <tr>
                    <th scope="col">"Child"</th>
                    <th scope="col">"Reference"</th>
                    <th scope="col">"Stage"</th>
                    <th scope="col">"Education setting"</th>
                    <th scope="col">"Next deadline"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        <Pagination list=list_pages filter />
    }
    .into_any()
}

#[component]
fn CaseRow(item: CaseListItem) -> impl IntoView {
    let deadline = match item.next_deadline {
        Some(d) => view! {
            <span class="deadline-what">{d.kind.label()}</span>
            <span class="deadline-date">{long_date(d.due)}</span>
            <DeadlineTag status=d.status />
        }
        .into_any(),
        None => view! { <span class="deadline-none">"None due"</span> }.into_any(),
    };
    view! {
        <tr>
            <td data-label="Child"><a class="link" href=crate::paths::case(item.id)>{item.child_name}</a></td>
            <td data-label="Reference">{item.reference}</td>
            <td data-label="Stage"><StageTag stage=item.stage /></td>
            <td data-label="Education setting">{item.setting.unwrap_or_else(|| "No current setting".to_owned())}</td>
            <td data-label="Next deadline" class="case-table__deadline">{deadline}</td>
        </tr>
    }
}

/// Where a page sits among the tray's pages.
struct Pages {
    page: usize,
    pages: usize,
    next: Option<Cursor>,
    previous: Option<Cursor>,
}

#[component]
fn Pagination(list: Pages, filter: CaseFilter) -> impl IntoView {
    let Pages {
        page,
        pages,
        next,
        previous,
    } = list;
    (pages > 1).then(|| {
        let previous = previous.filter(|_| page > 1).map(|cursor| {
            let href = tray_href(&CaseFilter {
                page: page - 1,
                after: None,
                before: Some(cursor),
                ..filter.clone()
            });
            view! { <a class="pagination__link" href=href rel="prev">"Previous"<span class="visually-hidden">" page"</span></a> }
        });
        let next = next.filter(|_| page < pages).map(|cursor| {
            let href = tray_href(&CaseFilter {
                page: page + 1,
                after: Some(cursor),
                before: None,
                ..filter.clone()
            });
            view! { <a class="pagination__link" href=href rel="next">"Next"<span class="visually-hidden">" page"</span></a> }
        });
        view! {
            <nav class="pagination" aria-label="Pages of cases">
                {previous}
                <span class="pagination__current">{format!("Page {page} of {pages}")}</span>
                {next}
            </nav>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tray_links_keep_every_filter_and_the_search_and_escape_them() {
        let live = CaseFilter {
            tray: Tray::Live,
            ..CaseFilter::default()
        };
        assert_eq!(tray_href(&live), "/cases?tray=live");
        let narrowed = CaseFilter {
            tray: Tray::InProgress,
            scope: Some(Scope::Everyone),
            stage: Some(Stage::NeedsAssessment),
            due: DueFilter::Overdue,
            include_closed: true,
            search: "Ez Th&x".into(),
            page: 2,
            after: Some(Cursor {
                segment: 0,
                due: chrono::NaiveDate::from_ymd_opt(2026, 12, 14).unwrap(),
                reference: "DC-000123".into(),
            }),
            ..CaseFilter::default()
        };
        let href = tray_href(&narrowed);
        assert_eq!(
            href,
            "/cases?tray=in-progress&cases=all&stage=needs_assessment&due=overdue&closed=yes&q=Ez+Th%26x&page=2&after=0.2026-12-14.DC-000123"
        );
    }

    #[test]
    fn the_filters_kept_read_back_as_they_were_written() {
        let filter = CaseFilter {
            scope: Some(Scope::Everyone),
            setting: Some(crate::domain::ids::TeamId(7)),
            due: DueFilter::Soon,
            page: 1,
            ..CaseFilter::default()
        };
        let keep = kept(&filter);
        assert_eq!(keep, "&cases=all&setting=7&due=soon");
        let back = filter_from(|name| read_kept(&keep).into_iter().find(|(n, _)| n == name).map(|(_, v)| v));
        assert_eq!(back, filter);
        assert_eq!(decode_query_value(&encode_query_value("Ez Th&x %")), "Ez Th&x %");
        assert_eq!(decode_query_value("50%"), "50%");
    }

    #[test]
    fn a_cursor_reads_back_as_it_was_written() {
        let cursor = Cursor {
            segment: 1,
            due: chrono::NaiveDate::from_ymd_opt(9999, 12, 31).unwrap(),
            reference: "G001-000042".into(),
        };
        assert_eq!(Cursor::decode(&cursor.encode()), Some(cursor));
        assert_eq!(Cursor::decode("nonsense"), None);
    }
}
