//! The frame around every page: skip link, header with the service name and
//! navigation, the main area, and the footer.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::accounts::sign_out::SignOutButton;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    // The council's name is configuration on the server, and who is signed in
    // comes from the request; the browser reads both from the hydration data.
    // Signing in and out load a whole new page, so this is read once per page.
    let (council, signed_in) = SharedValue::new(|| {
        #[cfg(feature = "ssr")]
        {
            let council = use_context::<crate::state::AppState>()
                .map(|s| s.council_name)
                .unwrap_or_default();
            let signed_in = crate::accounts::guard::require_viewer()
                .ok()
                .map(|v| (v.name, v.role.label().to_owned()));
            (council, signed_in)
        }
        #[cfg(not(feature = "ssr"))]
        {
            (String::new(), None::<(String, String)>)
        }
    })
    .into_inner();
    let navigation = signed_in.map(|(name, role)| {
        view! {
            <nav class="header__nav" aria-label="Menu">
                <ul class="header__nav-list">
                    <li><A href="/cases" exact=true>"Cases"</A></li>
                    <li><A href="/cases/new">"Register a request"</A></li>
                </ul>
            </nav>
            <div class="header__account">
                <span class="header__name">{name}<span class="header__role">{format!(" ({role})")}</span></span>
                <SignOutButton />
            </div>
        }
    });
    view! {
        <a href="#main-content" class="skip-link">"Skip to main content"</a>
        <header class="header">
            <div class="header__container width-container">
                <a href="/cases" class="header__service">"EHC hub"</a>
                <span class="header__council">{council}</span>
                {navigation}
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
