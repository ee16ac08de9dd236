//! The GOV.UK success notification banner, shown after something worked
//! (`role="alert"`, so screen readers announce it as the page loads).

use leptos::prelude::*;

#[component]
pub fn SuccessBanner(#[prop(into)] message: String) -> impl IntoView {
    view! {
        <div class="notification-banner notification-banner--success" role="alert" aria-labelledby="banner-title">
            <h2 class="notification-banner__title" id="banner-title">"Success"</h2>
            <p class="notification-banner__heading">{message}</p>
        </div>
    }
}
