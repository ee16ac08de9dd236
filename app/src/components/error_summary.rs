//! The GOV.UK error summary: "There is a problem", a link to each field with
//! an error, and focus moved to it (`autofocus`, as the page loads) so screen
//! reader users hear it first.

use leptos::prelude::*;

use crate::error::AppError;

#[component]
pub fn ErrorSummary(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    move || {
        error.get().map(|error| {
            let items = match &error {
                AppError::Validation(fields) => fields
                    .0
                    .iter()
                    .map(|f| {
                        let href = format!("#{}", f.target);
                        view! { <li><a href=href>{f.message.clone()}</a></li> }
                    })
                    .collect_view()
                    .into_any(),
                other => view! { <li>{other.to_string()}</li> }.into_any(),
            };
            view! {
                <div
                    class="error-summary"
                    role="alert"
                    aria-labelledby="error-summary-title"
                    tabindex="-1"
                    autofocus
                >
                    <h2 class="error-summary__title" id="error-summary-title">"There is a problem"</h2>
                    <ul class="error-summary__list">{items}</ul>
                </div>
            }
        })
    }
}
