//! The frame around every page: skip link, header with the service name and
//! navigation, the main area, and the footer.

use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    // The council's name is configuration on the server; the browser reads the
    // same value from the hydration data.
    let council = SharedValue::new(|| {
        #[cfg(feature = "ssr")]
        {
            use_context::<crate::state::AppState>()
                .map(|s| s.council_name)
                .unwrap_or_default()
        }
        #[cfg(not(feature = "ssr"))]
        {
            String::new()
        }
    })
    .into_inner();
    view! {
        <a href="#main-content" class="skip-link">"Skip to main content"</a>
        <header class="header">
            <div class="header__container width-container">
                <a href="/cases" class="header__service">"EHC hub"</a>
                <span class="header__council">{council}</span>
                <nav class="header__nav" aria-label="Menu">
                    <ul class="header__nav-list">
                        <li><A href="/cases" exact=true>"Cases"</A></li>
                        <li><A href="/cases/new">"Register a request"</A></li>
                    </ul>
                </nav>
            </div>
        </header>
        <div class="width-container">
            <main class="main-wrapper" id="main-content" tabindex="-1">{children()}</main>
        </div>
        <footer class="footer">
            <div class="width-container">
                <p>"Education, Health and Care plans: requests, assessments, plans and reviews."</p>
            </div>
        </footer>
    }
}
