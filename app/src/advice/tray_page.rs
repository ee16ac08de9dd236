//! "Requests": the requests for advice and information a professional has
//! been asked (or allocated), and for a team's manager the team's too, most
//! urgent first, each marked due soon or overdue; a manager can show only
//! those awaiting allocation.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::domain::advice::{RequestKind, RequestStatus};
use crate::domain::ids::CaseId;
use crate::error::AppError;

/// How near a request's due date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Due {
    Overdue,
    Soon,
    Later,
    /// Answered: its date no longer presses.
    Done,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrayRow {
    pub case: CaseId,
    pub reference: String,
    pub request: i64,
    pub kind: RequestKind,
    /// The team or person asked.
    pub asked: String,
    pub status: RequestStatus,
    pub due_on: String,
    pub due: Due,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestTray {
    /// The person manages a team: the filter is offered.
    pub manages: bool,
    pub awaiting: bool,
    pub rows: Vec<TrayRow>,
}

#[server]
pub async fn list_requests(awaiting: bool) -> Result<RequestTray, AppError> {
    use crate::domain::capability::{Capability, Terms};
    use crate::domain::role::Role;
    let viewer = crate::accounts::guard::require_viewer()?;
    crate::accounts::guard::require(Capability::SeeOwnRequests)?;
    let state = crate::state::AppState::current()?;
    let today = crate::state::today();
    let terms = Terms {
        today,
        policy: &state.access,
    };
    let manages = viewer.role == Role::TeamManager && viewer.team.is_some();
    let soon = today + chrono::TimeDelta::days(i64::from(state.limits.due_soon_days));
    let rows = crate::store::advice_trays::tray(&state.db, &viewer, awaiting && manages, terms)
        .await?
        .into_iter()
        .map(|t| {
            let r = t.request;
            let due = if !r.status.outstanding() {
                Due::Done
            } else if r.due_on < today {
                Due::Overdue
            } else if r.due_on <= soon {
                Due::Soon
            } else {
                Due::Later
            };
            TrayRow {
                case: r.case,
                reference: t.reference,
                request: r.id,
                kind: r.kind,
                asked: r.asked,
                status: r.status,
                due_on: crate::domain::dates::long_date(r.due_on),
                due,
            }
        })
        .collect();
    Ok(RequestTray {
        manages,
        awaiting: awaiting && manages,
        rows,
    })
}

#[component]
pub fn RequestsPage() -> impl IntoView {
    let query = use_query_map();
    let awaiting = move || query.with(|q| q.get_str("show") == Some("awaiting"));
    let tray = Resource::new(awaiting, list_requests);
    view! {
        <Title text="Requests - EHC hub" />
        <h1 class="heading-l">"Requests for advice and information"</h1>
        <Suspense fallback=|| view! { <p class="body">"Loading the requests…"</p> }>
            {move || Suspend::new(async move {
                match tray.await {
                    Ok(tray) => view! { <Tray tray /> }.into_any(),
                    Err(err) => crate::plans::load::error_page(err).into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Tray(tray: RequestTray) -> impl IntoView {
    let filter = tray.manages.then(|| {
        let (all, only) = if tray.awaiting {
            (
                view! { <a class="link" href=crate::paths::REQUESTS>"All requests"</a> }.into_any(),
                view! { <strong>"Awaiting allocation"</strong> }.into_any(),
            )
        } else {
            (
                view! { <strong>"All requests"</strong> }.into_any(),
                view! { <a class="link" href=format!("{}?show=awaiting", crate::paths::REQUESTS)>"Awaiting allocation"</a> }.into_any(),
            )
        };
        view! {
            <nav class="tray-filter" aria-label="Show">
                <ul class="inline-list"><li>{all}</li><li>{only}</li></ul>
            </nav>
        }
    });
    let body = if tray.rows.is_empty() {
        let message = if tray.awaiting {
            "No request is waiting for your team's answer or allocation."
        } else {
            "Nobody has asked you for advice or information yet."
        };
        view! { <p class="body">{message}</p> }.into_any()
    } else {
        let rows = tray
            .rows
            .into_iter()
            .map(|r| {
                let due = match r.due {
                    Due::Overdue => Some(view! { <strong class="tag tag--red">"Overdue"</strong> }),
                    Due::Soon => Some(view! { <strong class="tag tag--yellow">"Due soon"</strong> }),
                    Due::Later | Due::Done => None,
                };
                view! {
                    <tr>
                        <td data-label="Case"><a class="link" href=crate::paths::advice(r.case)>{r.reference}</a></td>
                        <td data-label="Asked">{r.asked}<br /><span class="hint">{r.kind.label()}</span></td>
                        <td data-label="Due">{r.due_on}" "{due}</td>
                        <td data-label="Status"><strong class="tag tag--blue">{r.status.label()}</strong></td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="table case-table">
                <caption class="visually-hidden">"Requests, most urgent first"</caption>
                <thead><tr><th scope="col">"Case"</th><th scope="col">"Asked"</th><th scope="col">"Due"</th><th scope="col">"Status"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };
    view! {
        {filter}
        {body}
    }
}
