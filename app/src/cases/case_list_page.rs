//! The work trays ("My cases in progress", "My live cases"): each case's child,
//! reference, stage, setting and next statutory deadline, with search.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::types::{CaseFilter, CaseList, CaseListItem};
use crate::components::tags::{DeadlineTag, StageTag};
use crate::domain::dates::long_date;
use crate::domain::stage::Tray;
use crate::error::AppError;

#[server]
pub async fn list_cases(filter: CaseFilter) -> Result<CaseList, AppError> {
    use crate::state::{AppState, today};
    let viewer = crate::accounts::guard::require_viewer()?;
    let state = AppState::current()?;
    Ok(crate::store::cases::list(&state.db, &viewer, &filter, today(), &state.limits, &state.access).await?)
}

/// The address of a tray page, keeping the search.
fn tray_href(tray: Tray, search: &str, page: usize) -> String {
    let mut href = format!("/cases?tray={}", tray.as_str());
    if !search.is_empty() {
        href.push_str("&q=");
        href.push_str(&encode_query_value(search));
    }
    if page > 1 {
        href.push_str(&format!("&page={page}"));
    }
    href
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
    // Read once: a new search or tray is a new page load.
    let filter = use_query_map().with_untracked(|q| CaseFilter {
        tray: Tray::from_query(q.get_str("tray")),
        search: q.get("q").unwrap_or_default(),
        page: q.get_str("page").and_then(|p| p.parse().ok()).unwrap_or(1),
    });
    let tray = filter.tray;
    let asked = filter.clone();
    let cases = Resource::new(move || asked.clone(), list_cases);
    view! {
        <Title text=format!("{} - EHC hub", tray.label()) />
        <div class="page-heading">
            <h1 class="heading-l">{tray.label()}</h1>
            <a href=crate::paths::NEW_CASE class="button button--secondary" role="button" draggable="false">"Register a request"</a>
        </div>
        <Suspense fallback=|| view! { <p class="body">"Loading cases…"</p> }>
            {move || {
                let filter = filter.clone();
                Suspend::new(async move {
                    let found = match cases.await {
                        Ok(list) => view! { <CaseTable list filter=filter.clone() /> }.into_any(),
                        Err(err) => view! { <p class="body error-message">{err.to_string()}</p> }.into_any(),
                    };
                    view! { <TraySearch tray=filter.tray search=filter.search.clone()>{found}</TraySearch> }
                })
            }}
        </Suspense>
    }
}

/// One page of a tray as HTML, rendered here as the page renders it, for the
/// live search: the island swaps it in, so the browser needs no code to draw
/// a table of cases.
#[server]
pub async fn search_cases(filter: CaseFilter) -> Result<String, AppError> {
    use leptos::tachys::view::RenderHtml;
    let list = list_cases(filter.clone()).await?;
    Ok(Owner::new().with(|| view! { <CaseTable list filter /> }.to_html()))
}

/// The tray's tabs, its search box and its cases. The cases come rendered
/// from the server (the children). Hydrated, the list narrows as the
/// caseworker types, and the address keeps the search so it survives a
/// reload and the back button. Without JavaScript the search is a GET form.
#[island]
fn TraySearch(tray: Tray, search: String, children: Children) -> impl IntoView {
    let typed = RwSignal::new(search.clone());
    let results = NodeRef::<leptos::html::Div>::new();
    // Answers can arrive out of order: only the newest search is shown.
    let asked = StoredValue::new(0_u64);
    let on_input = move |ev: leptos::ev::Event| {
        let search = event_target_value(&ev).trim().to_owned();
        replace_address(&tray_href(tray, &search, 1));
        typed.set(search.clone());
        asked.update_value(|n| *n += 1);
        let mine = asked.get_value();
        leptos::task::spawn_local(async move {
            let found = search_cases(CaseFilter { tray, search, page: 1 }).await;
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
        .map(|t| {
            let current = (t == tray).then_some("page");
            view! {
                <li class="tabs__item">
                    <a class="tabs__tab" href=move || typed.with(|s| tray_href(t, s, 1)) aria-current=current>{t.label()}</a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav aria-label="Work trays"><ul class="tabs">{tabs}</ul></nav>
        <form method="get" action="/cases" role="search" class="search" on:submit=|ev| ev.prevent_default()>
            <input type="hidden" name="tray" value=tray.as_str() />
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

#[component]
fn CaseTable(list: CaseList, filter: CaseFilter) -> impl IntoView {
    let shown = if list.total == 1 {
        "1 case".to_owned()
    } else {
        format!("{} cases", list.total)
    };
    if list.items.is_empty() {
        let message = if filter.search.is_empty() {
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
        <Pagination page=list.page pages=list.pages filter />
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

#[component]
fn Pagination(page: usize, pages: usize, filter: CaseFilter) -> impl IntoView {
    (pages > 1).then(|| {
        let previous = (page > 1).then(|| {
            let href = tray_href(filter.tray, &filter.search, page - 1);
            view! { <a class="pagination__link" href=href rel="prev">"Previous"<span class="visually-hidden">" page"</span></a> }
        });
        let next = (page < pages).then(|| {
            let href = tray_href(filter.tray, &filter.search, page + 1);
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
    fn tray_links_keep_the_search_and_escape_it() {
        assert_eq!(tray_href(Tray::Live, "", 1), "/cases?tray=live");
        assert_eq!(
            tray_href(Tray::InProgress, "Ez Th&x", 2),
            "/cases?tray=in-progress&q=Ez+Th%26x&page=2"
        );
    }
}
