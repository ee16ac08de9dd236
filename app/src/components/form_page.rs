//! The parts every form page shares: its title and heading with the GOV.UK
//! error summary above them, and a form that posts as a page.

use leptos::prelude::*;
use leptos_meta::Title;

use super::error_summary::ErrorSummary;
use crate::error::AppError;

/// The page title, the error summary of a refused post, the caption and the
/// heading. While there is a problem the title starts "Error: ", as GOV.UK
/// asks, so a screen reader says so as the page loads; the summary comes
/// before the heading and takes focus.
#[component]
pub fn FormHeading(
    #[prop(into)] heading: String,
    #[prop(into)] error: Signal<Option<AppError>>,
    /// The case or section the page belongs to, shown above the heading.
    #[prop(optional, into)]
    caption: Option<String>,
) -> impl IntoView {
    let title = if error.with_untracked(Option::is_some) {
        format!("Error: {heading} - EHC hub")
    } else {
        format!("{heading} - EHC hub")
    };
    view! {
        <Title text=title />
        <ErrorSummary error />
        {caption.map(|c| view! { <span class="caption-l">{c}</span> })}
        <h1 class="heading-l">{heading}</h1>
    }
}

/// A form posted as a page, with or without JavaScript. The browser's own
/// checks are off (`novalidate`): the server's messages, beside each field and
/// in the summary, are the only ones a person sees.
#[component]
pub fn PostForm(#[prop(into)] action: String, children: Children) -> impl IntoView {
    view! { <form method="post" action=action novalidate>{children()}</form> }
}
