//! The audit log search, for council managers and administrators: who read
//! or changed what, and when.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::domain::audit::AuditEntry;
use crate::error::AppError;

/// The search as typed on the page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditQuery {
    pub person: String,
    /// A case reference such as DC-000001.
    pub reference: String,
}

/// How many events one search shows.
pub const AUDIT_PAGE_SIZE: u64 = 200;

#[server]
pub async fn search_audit(query: AuditQuery) -> Result<Vec<AuditEntry>, AppError> {
    use crate::domain::audit::{AuditAction, AuditFilter};
    use crate::state::AppState;
    use crate::store::{audit, cases};
    let viewer = crate::accounts::guard::require(crate::domain::capability::Capability::ReadAuditLog)?;
    let state = AppState::current()?;
    let case = match query.reference.trim() {
        "" => None,
        reference => match cases::id_by_reference(&state.db, viewer.council, reference).await? {
            Some(id) => Some(id),
            // An unknown reference matches nothing, rather than everything.
            None => return Ok(Vec::new()),
        },
    };
    let filter = AuditFilter {
        person: query.person.clone(),
        case,
        account: None,
    };
    let detail = format!(
        "person: {:?}, reference: {:?}",
        query.person.trim(),
        query.reference.trim()
    );
    audit::record(
        &state.db,
        Some(&viewer),
        AuditAction::AuditSearched,
        None,
        &detail,
        chrono::Utc::now(),
    )
    .await?;
    Ok(audit::search(&state.db, viewer.council, &filter, AUDIT_PAGE_SIZE).await?)
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let query = use_query_map();
    let search = Memo::new(move |_| {
        query.with(|q| AuditQuery {
            person: q.get("person").unwrap_or_default(),
            reference: q.get("reference").unwrap_or_default(),
        })
    });
    let results = Resource::new(move || search.get(), search_audit);
    let typed = search.get_untracked();
    view! {
        <Title text="Audit log - EHC hub" />
        <h1 class="heading-l">"Audit log"</h1>
        <p class="body">"Every sign-in, every case opened and every change, newest first."</p>
        <form method="get" action=crate::paths::AUDIT_LOG class="audit-search">
            <div class="form-group">
                <label class="label" for="person">"Person's name or email address"</label>
                <input class="input" id="person" name="person" type="text" value=typed.person autocomplete="off" />
            </div>
            <div class="form-group">
                <label class="label" for="reference">"Case reference"</label>
                <div class="hint" id="reference-hint">"For example, DC-000001"</div>
                <input class="input input--width-10" id="reference" name="reference" type="text" value=typed.reference aria-describedby="reference-hint" autocomplete="off" />
            </div>
            <button type="submit" class="button">"Search the log"</button>
        </form>
        <Suspense fallback=|| view! { <p class="body">"Searching…"</p> }>
            {move || Suspend::new(async move {
                match results.await {
                    Ok(entries) if entries.is_empty() => view! { <p class="body" role="status">"No events match."</p> }.into_any(),
                    Ok(entries) => view! { <AuditTable entries /> }.into_any(),
                    Err(err) => view! { <p class="body error-message">{err.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AuditTable(entries: Vec<AuditEntry>) -> impl IntoView {
    let shown = format!("{} events", entries.len());
    let rows = entries
        .into_iter()
        .map(|e| {
            let who = e
                .who
                .map(|(name, email)| format!("{name} <{email}>"))
                .unwrap_or_else(|| "Not signed in".to_owned());
            let role = e.role.map(|r| r.label()).unwrap_or("");
            let case = e
                .case
                .map(|c| view! { <a class="link" href=crate::paths::case(c)>{format!("Case {c}")}</a> });
            view! {
                <tr>
                    <td data-label="When">{e.when}</td>
                    <td data-label="Who">{who}<span class="deadline-what">{format!(" {role}")}</span></td>
                    <td data-label="What">{e.action.map(|a| a.label()).unwrap_or("Other")}</td>
                    <td data-label="Case">{case}</td>
                    <td data-label="Detail">{e.detail}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="body case-count" role="status">{shown}</p>
        <table class="table case-table">
            <caption class="visually-hidden">"Audit events, newest first"</caption>
            <thead>
                <tr>
                    <th scope="col">"When"</th>
                    <th scope="col">"Who"</th>
                    <th scope="col">"What"</th>
                    <th scope="col">"Case"</th>
                    <th scope="col">"Detail"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
