//! The frame around every page: skip link, header with the service name and
//! navigation, the main area, and the footer.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::accounts::sign_out::SignOutButton;

/// The menu entries the signed-in person's capabilities open.
#[derive(Clone, Copy, Debug, Default)]
struct Menu {
    register: bool,
    request: bool,
    invite: bool,
    audit: bool,
    emails: bool,
    requests: bool,
    teams: bool,
    figures: bool,
}

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    // Server-rendered only (no island): the council's name is configuration,
    // and who is signed in comes from the request.
    #[cfg(feature = "ssr")]
    let (council, signed_in) = (
        use_context::<crate::state::AppState>()
            .map(|s| s.council_name)
            .unwrap_or_default(),
        crate::accounts::guard::require_viewer().ok().map(|v| {
            use crate::accounts::guard::may;
            use crate::domain::capability::Capability;
            let menu = Menu {
                register: may(&v, Capability::RegisterRequest),
                request: may(&v, Capability::RequestAssessment),
                invite: may(&v, Capability::InvitePeople),
                audit: may(&v, Capability::ReadAuditLog),
                emails: may(&v, Capability::ReadEmailLog),
                requests: may(&v, Capability::SeeOwnRequests),
                teams: may(&v, Capability::ManageTeams),
                figures: may(&v, Capability::ReadCouncilFigures),
            };
            (v.name, v.role, menu)
        }),
    );
    #[cfg(not(feature = "ssr"))]
    let (council, signed_in) = (String::new(), None::<(String, crate::domain::role::Role, Menu)>);
    let navigation = signed_in.map(|(name, role, menu)| {
        let register = menu
            .register
            .then(|| view! { <li><A href=crate::paths::NEW_CASE>"Register a request"</A></li> });
        let request = menu
            .request
            .then(|| view! { <li><A href=crate::paths::REQUEST_START>"Request an assessment"</A></li> });
        let invite = menu
            .invite
            .then(|| view! { <li><A href=crate::paths::INVITE>"Invite a person"</A></li> });
        let audit = menu.audit.then(|| view! { <li><A href=crate::paths::AUDIT_LOG>"Audit log"</A></li> });
        let emails = menu.emails.then(|| view! { <li><A href=crate::paths::EMAIL_LOG>"Emails"</A></li> });
        let teams = menu.teams.then(|| view! { <li><A href=crate::paths::TEAMS>"Teams"</A></li> });
        let figures = menu.figures.then(|| view! { <li><A href=crate::paths::FIGURES>"Figures"</A></li> });
        let requests = menu
            .requests
            .then(|| view! { <li><A href=crate::paths::REQUESTS>"Requests"</A></li> });
        let role = role.label();
        view! {
            <nav class="header__nav" aria-label="Menu">
                <ul class="header__nav-list">
                    <li><A href=crate::paths::CASES exact=true>"Cases"</A></li>
                    {requests}
                    {register}
                    {request}
                    {invite}
                    {audit}
                    {emails}
                    {teams}
                    {figures}
                </ul>
            </nav>
            <div class="header__account">
                <a class="header__name" href=crate::paths::SECURITY>{name}<span class="header__role">{format!(" ({role})")}</span></a>
                <SignOutButton />
            </div>
        }
    });
    view! {
        <a href="#main-content" class="skip-link">"Skip to main content"</a>
        <header class="header">
            <div class="header__container width-container">
                <a href=crate::paths::CASES class="header__service">"EHC hub"</a>
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
