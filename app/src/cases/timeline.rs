//! The statutory timeline of a case as a summary list: each deadline, its
//! date and where it stands, then when each team or professional asked for
//! advice or information must answer (reg 8: six weeks for advice).

use leptos::prelude::*;

use crate::components::tags::DeadlineTag;
use crate::domain::dates::long_date;
use crate::domain::deadlines::{Deadline, DeadlineStatus};

#[component]
pub fn StatutoryTimeline(deadlines: Vec<Deadline>, advice: Vec<super::types::AdviceDue>) -> impl IntoView {
    let rows = deadlines
        .into_iter()
        .map(|d| {
            let when = match (d.week, d.after_order) {
                (Some(week), false) => format!("Week {week}: by {}", long_date(d.due)),
                (Some(week), true) => format!("{week} weeks from the appeal's outcome: by {}", long_date(d.due)),
                (None, _) => format!("By {}", long_date(d.due)),
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
                    <dd class="summary-list__actions"><DeadlineTag status=d.status excepted=d.excepted /></dd>
                </div>
            }
        })
        .collect_view();
    let advice = advice
        .into_iter()
        .map(|a| {
            view! {
                <div class="summary-list__row" data-deadline="advice">
                    <dt class="summary-list__key">{a.label}</dt>
                    <dd class="summary-list__value"><span class="deadline-date">{format!("By {}", long_date(a.due))}</span></dd>
                    <dd class="summary-list__actions"><DeadlineTag status=a.status /></dd>
                </div>
            }
        })
        .collect_view();
    view! { <dl class="summary-list">{rows}{advice}</dl> }
}
