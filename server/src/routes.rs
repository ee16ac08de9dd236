//! The axum router: Leptos pages and server functions, the no-JavaScript form
//! posts, and the built site's static files served compressed.

use axum::Router;
use axum::http::header;
use axum::routing::post;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tower_http::CompressionLevel;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use app::accounts::code_page::ConfirmCode;
use app::accounts::invite_page::InvitePerson;
use app::accounts::password_pages::{RequestPasswordReset, SetPassword};
use app::accounts::security_page::{EnableAuthenticator, UseEmailCodes};
use app::accounts::sessions_list::SignOutOtherSessions;
use app::accounts::sign_in_page::SignIn;
use app::accounts::sign_out::SignOut;
use app::admin::email_log_page::SendEmailAgain;
use app::admin::sen2_page::SaveCouncilReturn;
use app::admin::teams_page::SetTeamContact;
use app::advice::allocation::{AllocateRequest, CloseOrReopenRequest};
use app::advice::requests_page::{AnswerForTeam, RequestAdvice};
use app::advice::response::{SaveAdviceHeader, SubmitAdvice};
use app::app::{App, shell};
use app::assessment_requests::request_page::MakeRequest;
use app::assessment_requests::start_page::AskForFamilyAccount;
use app::cases::allocation::AllocateCase;
use app::cases::case_access::GiveAccess;
use app::cases::cease_page::CeasePlan;
use app::cases::exceptions_page::RecordException;
use app::cases::new_case_page::RegisterCase;
use app::cases::return_details::SaveReturnDetails;
use app::decisions::challenges::RecordChallenge;
use app::decisions::decision_page::RecordDecision;
use app::paths::{self, pattern};
use app::plans::advice_in_plan::BringAdviceIntoPlan;
use app::plans::issue_page::IssuePlan;
use app::plans::part_edit_page::SavePlanPart;
use app::plans::share_page::SharePlan;
use app::state::AppState;
use app::views::views_page::{RemoveViewFile, ReopenViews, SaveViews, UseViewsInPlan};

use crate::{api_status, body_limit, caching, dev_mail, forms, plan_routes, security, session_layer, uploads};

/// `outbox` is the folder to show at `/dev/mail`, for local runs with demo data.
pub fn router(state: AppState) -> Router {
    router_with_outbox(state, None)
}

pub fn router_with_outbox(state: AppState, outbox: Option<std::path::PathBuf>) -> Router {
    let routes = generate_route_list(App);
    let options = state.leptos_options.clone();
    let pkg_dir = std::path::Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());

    // The WASM, JS and CSS are served from files compressed at build time.
    let pkg = Router::new()
        .fallback_service(ServeDir::new(pkg_dir).precompressed_br().precompressed_gzip())
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            caching::cacheable(),
        ));

    let context_state = state.clone();
    let mut router = Router::new();
    if let Some(dir) = outbox {
        let trust = state.trust_forwarded_for;
        router = router.route(
            "/dev/mail",
            axum::routing::get(move |req| dev_mail::outbox_page(dir.clone(), trust, req)),
        );
    }
    router
        .route(pattern::NEW_CASE, post(forms::submit::<RegisterCase>))
        .route(pattern::REQUEST_START, post(forms::submit::<AskForFamilyAccount>))
        .route(pattern::REQUEST_FORM, post(forms::submit::<MakeRequest>))
        .route(pattern::CASE, post(forms::submit::<GiveAccess>))
        .route(pattern::CASE_ALLOCATION, post(forms::submit::<AllocateCase>))
        .route(paths::SIGN_IN, post(forms::submit::<SignIn>))
        .route(paths::SIGN_IN_CODE, post(forms::submit::<ConfirmCode>))
        .route(paths::SIGN_OUT, post(forms::submit::<SignOut>))
        .route(paths::PASSWORD_FORGOT, post(forms::submit::<RequestPasswordReset>))
        .route(paths::PASSWORD_RESET, post(forms::submit::<SetPassword>))
        .route(paths::REGISTER, post(forms::submit::<SetPassword>))
        .route(pattern::INVITE, post(forms::submit::<InvitePerson>))
        .route(paths::SECURITY, post(forms::submit::<EnableAuthenticator>))
        .route(paths::SECURITY_EMAIL, post(forms::submit::<UseEmailCodes>))
        .route(paths::SECURITY_SESSIONS, post(forms::submit::<SignOutOtherSessions>))
        .route(pattern::EMAIL_LOG, post(forms::submit::<SendEmailAgain>))
        .route(pattern::TEAMS, post(forms::submit::<SetTeamContact>))
        .route(pattern::PLAN, post(plan_routes::plan_forms))
        .route(pattern::PLAN_PART, post(forms::submit::<SavePlanPart>))
        .route(pattern::PLAN_SHARE, post(forms::submit::<SharePlan>))
        .route(pattern::PLAN_ISSUE, post(forms::submit::<IssuePlan>))
        .route(pattern::PLAN_FILE, axum::routing::get(plan_routes::plan_download))
        .route(pattern::ADVICE_PDF, axum::routing::get(plan_routes::advice_download))
        .route(pattern::VIEWS, post(forms::submit::<SaveViews>))
        .route(pattern::ADVICE, post(forms::submit::<RequestAdvice>))
        .route(pattern::ADVICE_ANSWER, post(forms::submit::<AnswerForTeam>))
        .route(pattern::ADVICE_ALLOCATE, post(forms::submit::<AllocateRequest>))
        .route(pattern::ADVICE_MEMBER, post(forms::submit::<CloseOrReopenRequest>))
        .route(pattern::ADVICE_RESPONSE, post(forms::submit::<SaveAdviceHeader>))
        .route(pattern::ADVICE_AREA, post(forms::submit::<SavePlanPart>))
        .route(pattern::ADVICE_SUBMIT, post(forms::submit::<SubmitAdvice>))
        .route(pattern::PLAN_PART_ADVICE, post(forms::submit::<BringAdviceIntoPlan>))
        .route(pattern::DECISION, post(forms::submit::<RecordDecision>))
        .route(pattern::DECISION_CHALLENGE, post(forms::submit::<RecordChallenge>))
        .route(
            pattern::DECISION_LETTER,
            axum::routing::get(plan_routes::decision_letter),
        )
        .route(pattern::EXCEPTIONS, post(forms::submit::<RecordException>))
        .route(pattern::RETURN_DETAILS, post(forms::submit::<SaveReturnDetails>))
        .route(pattern::CEASE, post(forms::submit::<CeasePlan>))
        .route(pattern::SEN2, post(forms::submit::<SaveCouncilReturn>))
        .route(pattern::SEN2_FILE, axum::routing::get(plan_routes::sen2_return))
        .route(pattern::VIEWS_REOPEN, post(forms::submit::<ReopenViews>))
        .route(pattern::VIEWS_REMOVE, post(forms::submit::<RemoveViewFile>))
        .route(pattern::VIEWS_USE, post(forms::submit::<UseViewsInPlan>))
        .route(
            pattern::VIEWS_UPLOAD,
            // The multipart body is counted as it streams; this bounds the whole post.
            post(uploads::form_upload::add_file).layer(axum::extract::DefaultBodyLimit::max(
                usize::try_from(state.uploads.limits.max_form_file + 1024 * 1024).unwrap_or(usize::MAX),
            )),
        )
        .route(
            pattern::ADVICE_UPLOAD,
            post(uploads::form_upload::add_advice_document).layer(axum::extract::DefaultBodyLimit::max(
                usize::try_from(state.uploads.limits.max_form_file + 1024 * 1024).unwrap_or(usize::MAX),
            )),
        )
        .route(pattern::CASE_FILE, axum::routing::get(uploads::files::open_file))
        .route(
            pattern::CASE_FILE_THUMBNAIL,
            axum::routing::get(uploads::files::open_thumbnail),
        )
        .route(
            uploads::UPLOADS_PATH,
            post(uploads::tus::create).options(uploads::tus::options),
        )
        .route(
            &format!("{}/{{token}}", uploads::UPLOADS_PATH),
            axum::routing::head(uploads::tus::head)
                .patch(uploads::tus::patch)
                .delete(uploads::tus::delete),
        )
        .leptos_routes_with_context(
            &state,
            routes,
            move || {
                provide_context(context_state.clone());
                app::csp::provide_request_nonce();
            },
            {
                let options = options.clone();
                move || shell(options.clone())
            },
        )
        .fallback(caching::public_file_or_page)
        // Inside compression, so it reads error bodies as written.
        .layer(axum::middleware::from_fn(api_status::set_error_status))
        // Pages are compressed as they stream, at a level cheap enough per request.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(4)))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            session_layer::resolve_session,
        ))
        .nest("/pkg", pkg)
        // Outside the session look-up, so an oversized body is refused before any of it.
        .layer(axum::middleware::from_fn(body_limit::limit))
        .layer(axum::middleware::from_fn_with_state(state.clone(), security::protect))
        .layer(caching::no_store_unless_said())
        .with_state(state)
}
