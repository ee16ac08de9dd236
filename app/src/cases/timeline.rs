//! The statutory timeline of a case as a summary list: each deadline, its
//! date and where it stands.

use leptos::prelude::*;

use crate::components::tags::DeadlineTag;
use crate::domain::dates::long_date;
use crate::domain::deadlines::{Deadline, DeadlineStatus};

#[component]
pub fn StatutoryTimeline(deadlines: Vec<Deadline>) -> impl IntoView {
    let rows = deadlines
        .into_iter()
        .map(|d| {
            let when = match d.week {
                Some(week) => format!("Week {week}: by {}", long_date(d.due)),
                None => format!("By {}", long_date(d.due)),
            };
            let done = match d.status {
                DeadlineStatus::Done { on, .. } => Some(format!("Done on {}", long_date(on))),
                _ => None,
            };
            view! {
                <div class="summary-list__row" data-deadline=format!("{:?}", d.kind)>
                    <dt class="summary-list__key">{d.kind.label()}</dt>
                    <dd class="summary-list__value">
                        <span class="deadline-date">{when}</span>
                        {done.map(|text| view! { <span class="deadline-done">{text}</span> })}
                    </dd>
                    <dd class="summary-list__actions"><DeadlineTag status=d.status /></dd>
                </div>
            }
        })
        .collect_view();
    view! { <dl class="summary-list">{rows}</dl> }
}
