//! The HTML shell and the route table: the one place that says which page
//! answers which address.

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::accounts::code_page::SignInCodePage;
use crate::accounts::invite_page::InvitePage;
use crate::accounts::password_pages::{ForgotPasswordPage, SetPasswordPage};
use crate::accounts::security_page::SecurityPage;
use crate::accounts::sign_in_page::SignInPage;
use crate::admin::audit_page::AuditPage;
use crate::admin::email_log_page::EmailLogPage;
use crate::admin::figures_page::FiguresPage;
use crate::admin::sen2_page::Sen2PageView;
use crate::admin::teams_page::TeamsPage;
use crate::advice::area_page::AreaEditPage;
use crate::advice::requests_page::AdvicePage;
use crate::advice::response_page::{ResponsePage, SubmitPage};
use crate::advice::tray_page::RequestsPage;
use crate::assessment_requests::record_page::CaseRequestPage;
use crate::assessment_requests::request_page::RequestFormPage;
use crate::assessment_requests::start_page::RequestStartPage;
use crate::cases::case_list_page::CaseListPage;
use crate::cases::case_summary_page::CaseSummaryPage;
use crate::cases::cease_page::CeasePageView;
use crate::cases::exceptions_page::ExceptionsPageView;
use crate::cases::new_case_page::NewCasePage;
use crate::cases::return_details::ReturnDetailsPageView;
use crate::components::layout::Layout;
use crate::decisions::decision_page::DecisionPageView;
use crate::error::AppError;
use crate::islands::IslandScripts;
use crate::plans::compare_page::ComparePage;
use crate::plans::issue_page::IssuePage;
use crate::plans::part_edit_page::PartEditPage;
use crate::plans::plan_page::PlanPage;
use crate::plans::share_page::SharePage;
use crate::views::views_page::ViewsPage;

/// The document around the app, rendered on the server only. The browser
/// hydrates only the islands in it (see [`crate::islands`]).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en-GB">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#0b0c0c" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <IslandScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="leptos" href="/pkg/ehc_hub.css" />
        <Title text="EHC hub" />
        <Router>
            <Layout>
                // Pages wait for their data before sending, so they work without
                // JavaScript and can answer with the right status code.
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=|| view! { <Redirect path="/cases" /> } />
                    <Route path=path!("/sign-in") view=SignInPage ssr=SsrMode::Async />
                    <Route path=path!("/sign-in/code") view=SignInCodePage ssr=SsrMode::Async />
                    <Route path=path!("/password/forgot") view=ForgotPasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/password/reset") view=|| view! { <SetPasswordPage purpose="reset" /> } ssr=SsrMode::Async />
                    <Route path=path!("/register") view=|| view! { <SetPasswordPage purpose="invitation" /> } ssr=SsrMode::Async />
                    <Route path=path!("/request-an-assessment") view=RequestStartPage ssr=SsrMode::Async />
                    <Route path=path!("/request-an-assessment/form") view=RequestFormPage ssr=SsrMode::Async />
                    <Route path=path!("/cases") view=CaseListPage ssr=SsrMode::Async />
                    <Route path=path!("/cases/new") view=NewCasePage ssr=SsrMode::Async />
                    <Route path=path!("/cases/:id") view=CaseSummaryPage ssr=SsrMode::Async />
                    <Route path=path!("/cases/:id/request") view=CaseRequestPage ssr=SsrMode::Async />
                    <Route path=path!("/cases/:id/caseworker") view=CaseSummaryPage ssr=SsrMode::Async />
                    <Route path=path!("/cases/:id/plan") view=PlanPage ssr=SsrMode::Async />
                    <Route path=path!("/cases/:id/plan/edit/:part") view=PartEditPage ssr=SsrMode::Async />
                    <Route path=path!("/cases/:id/plan/edit/:part/advice") view=PartEditPage ssr=SsrMode::Async />
                    <Route path=path!("/cases/:id/plan/share") view=SharePage ssr=SsrMode::Async />
                    <Route path=path!("/cases/:id/plan/issue") view=IssuePage ssr=SsrMode::Async />
                    <Route path=path!("/cases/:id/plan/compare") view=ComparePage ssr=SsrMode::Async />
                    <Route path=path!("/cases/:id/views") view=ViewsPage ssr=SsrMode::Async />
                    <Route path=path!("/cases/:id/advice") view=AdvicePage ssr=SsrMode::Async />
                    // Where a team's answer is posted: a refused answer shows the page again there.
                    <Route path=path!("/cases/:id/advice/answer") view=AdvicePage ssr=SsrMode::Async />
                    <Route path=path!("/cases/:id/advice/allocate") view=AdvicePage ssr=SsrMode::Async />
                    <Route path=path!("/cases/:id/advice/member") view=AdvicePage ssr=SsrMode::Async />
                    <Route path=path!("/cases/:id/advice/response/:request") view=ResponsePage ssr=SsrMode::Async />
                    <Route path=path!("/cases/:id/advice/response/:request/area/:part") view=AreaEditPage ssr=SsrMode::Async />
                    <Route path=path!("/cases/:id/advice/response/:request/submit") view=SubmitPage ssr=SsrMode::Async />
                    <Route path=path!("/cases/:id/decisions/:question") view=DecisionPageView ssr=SsrMode::Async />
                    <Route path=path!("/cases/:id/decisions/:question/challenge") view=DecisionPageView ssr=SsrMode::Async />
                    <Route path=path!("/cases/:id/exceptions") view=ExceptionsPageView ssr=SsrMode::Async />
                    <Route path=path!("/cases/:id/return-details") view=ReturnDetailsPageView ssr=SsrMode::Async />
                    <Route path=path!("/cases/:id/cease") view=CeasePageView ssr=SsrMode::Async />
                    <Route path=path!("/requests") view=RequestsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/audit") view=AuditPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/emails") view=EmailLogPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/teams") view=TeamsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/figures") view=FiguresPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/sen2") view=Sen2PageView ssr=SsrMode::Async />
                    <Route path=path!("/people/invite") view=InvitePage ssr=SsrMode::Async />
                    <Route path=path!("/account/security") view=SecurityPage ssr=SsrMode::Async />
                    // Where the page's other forms post, so a refused one shows the page again.
                    <Route path=path!("/account/security/email") view=SecurityPage ssr=SsrMode::Async />
                    <Route path=path!("/account/security/sessions") view=SecurityPage ssr=SsrMode::Async />
                </Routes>
            </Layout>
        </Router>
    }
}

#[component]
fn NotFound() -> impl IntoView {
    AppError::NotFound.set_page_status();
    view! {
        <Title text="Page not found - EHC hub" />
        <h1 class="heading-l">"Page not found"</h1>
        <p class="body">"If you typed the web address, check it is correct."</p>
        <p class="body"><a class="link" href="/cases">"Go to your cases"</a></p>
    }
}
