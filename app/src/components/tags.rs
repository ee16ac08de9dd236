//! Status tags: a case's stage, and how a deadline stands.

use leptos::prelude::*;

use crate::domain::deadlines::DeadlineStatus;
use crate::domain::stage::Stage;

#[component]
pub fn StageTag(stage: Stage) -> impl IntoView {
    let colour = match stage {
        Stage::RequestReceived => "tag--grey",
        Stage::InformationGathering | Stage::NeedsAssessment => "tag--blue",
        Stage::DraftBeingDrafted | Stage::DraftShared => "tag--purple",
        Stage::ReviewPending | Stage::ReviewInProgress => "tag--green",
        Stage::Closed => "tag--grey",
    };
    view! { <strong class=format!("tag {colour}")>{stage.label()}</strong> }
}

#[component]
pub fn DeadlineTag(
    status: DeadlineStatus,
    /// An exception to the time limit applies: a deadline not met is not counted late.
    #[prop(optional)]
    excepted: bool,
) -> impl IntoView {
    // Met in time, it is simply done.
    if excepted && !matches!(status, DeadlineStatus::Done { late: false, .. }) {
        let text = if status.is_done() {
            "Done late: exception applies"
        } else {
            "Exception applies"
        };
        return view! { <strong class="tag tag--purple">{text}</strong> }.into_any();
    }
    let colour = match status {
        DeadlineStatus::Done { late: false, .. } => "tag--green",
        DeadlineStatus::Done { late: true, .. } => "tag--grey",
        DeadlineStatus::Due => "tag--blue",
        DeadlineStatus::DueSoon => "tag--yellow",
        DeadlineStatus::Overdue => "tag--red",
    };
    view! { <strong class=format!("tag {colour}")>{status.label()}</strong> }.into_any()
}
