//! The authorisation matrix: every server function, called over HTTP as the
//! browser calls it, by every role, on a case that person is linked to and on
//! someone else's. A server function added without a row here fails the
//! first test, so nothing new ships unchecked.

// A panic in a test is a failed test: helpers may unwrap.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;

use axum::Router;
use http_body_util::BodyExt;
use leptos::server_fn::ServerFn;
use serde_json::Value;
use tower::ServiceExt;

use app::accounts::code_page::ConfirmCode;
use app::accounts::invite_page::{InviteChoices, InvitePerson};
use app::accounts::password_pages::{RequestPasswordReset, SetPassword};
use app::accounts::security_page::{AuthenticatorSetup, EnableAuthenticator, UseEmailCodes};
use app::accounts::sessions_list::{SignOutOtherSessions, SignedInSessions};
use app::accounts::sign_in_page::SignIn;
use app::accounts::sign_out::SignOut;
use app::admin::audit_page::SearchAudit;
use app::admin::email_log_page::{EmailLog, SendEmailAgain};
use app::admin::figures_page::GetFigures;
use app::admin::sen2_page::{GetSen2, SaveCouncilReturn};
use app::admin::teams_page::{ListTeams, SetTeamContact};
use app::advice::allocation::{AllocateRequest, CloseOrReopenRequest};
use app::advice::area_page::GetAdviceArea;
use app::advice::requests_page::{AnswerForTeam, GetAdviceRequests, RequestAdvice};
use app::advice::response::{GetResponse, SaveAdviceHeader, SubmitAdvice};
use app::advice::tray_page::ListRequests;
use app::assessment_requests::record_page::GetCaseRequest;
use app::assessment_requests::request_page::{MakeRequest, RequestChoices};
use app::assessment_requests::start_page::{AskForFamilyAccount, MayRequestNow};
use app::cases::allocation::AllocateCase;
use app::cases::case_access::GiveAccess;
use app::cases::case_list_page::{ListCases, SearchCases};
use app::cases::case_summary_page::GetCase;
use app::cases::cease_page::{CeasePlan, GetCeasePlan};
use app::cases::exceptions_page::{GetExceptions, RecordException};
use app::cases::new_case_page::{ListSettings, RegisterCase};
use app::cases::return_details::{GetReturnDetails, SaveReturnDetails};
use app::decisions::challenges::RecordChallenge;
use app::decisions::decision_page::{GetDecision, RecordDecision};
use app::domain::deadlines::TimeLimits;
use app::domain::ids::CaseId;
use app::domain::new_case::NewCase;
use app::domain::requester::Requester;
use app::domain::stage::Stage;
use app::plans::advice_in_plan::BringAdviceIntoPlan;
use app::plans::comments::{AddPlanComment, RespondToDraft};
use app::plans::compare_page::CompareVersions;
use app::plans::consultations::{AnswerConsultation, ConsultSetting, SettingsToConsult};
use app::plans::issue_page::{CheckBeforeIssuing, IssuePlan};
use app::plans::part_edit_page::{GetPlanPart, SavePlanPart};
use app::plans::plan_page::GetPlan;
use app::plans::share_page::{CheckBeforeSharing, SharePlan};
use app::plans::task_list::StartPlan;
use app::store::{cases, councils};
use app::views::views_page::{GetViews, RemoveViewFile, ReopenViews, SaveViews, UseViewsInPlan};

/// Open to everyone: how people sign in and out, reset a forgotten password,
/// accept an invitation (the emailed token is the permission), and, for a
/// family, ask for an account to request an assessment with.
const PUBLIC: [&str; 7] = [
    AskForFamilyAccount::PATH,
    MayRequestNow::PATH,
    SignIn::PATH,
    ConfirmCode::PATH,
    SignOut::PATH,
    RequestPasswordReset::PATH,
    SetPassword::PATH,
];

/// Every server function that needs a signed-in person, tested below.
const CHECKED: [&str; 64] = [
    RecordChallenge::PATH,
    RequestChoices::PATH,
    MakeRequest::PATH,
    GetCaseRequest::PATH,
    AllocateCase::PATH,
    GetPlan::PATH,
    StartPlan::PATH,
    GetPlanPart::PATH,
    SavePlanPart::PATH,
    CheckBeforeSharing::PATH,
    SharePlan::PATH,
    AddPlanComment::PATH,
    RespondToDraft::PATH,
    ConsultSetting::PATH,
    AnswerConsultation::PATH,
    SettingsToConsult::PATH,
    CheckBeforeIssuing::PATH,
    IssuePlan::PATH,
    CompareVersions::PATH,
    ListCases::PATH,
    SearchCases::PATH,
    GetCase::PATH,
    RegisterCase::PATH,
    ListSettings::PATH,
    SearchAudit::PATH,
    EmailLog::PATH,
    SendEmailAgain::PATH,
    InviteChoices::PATH,
    InvitePerson::PATH,
    AuthenticatorSetup::PATH,
    EnableAuthenticator::PATH,
    UseEmailCodes::PATH,
    SignedInSessions::PATH,
    SignOutOtherSessions::PATH,
    GiveAccess::PATH,
    GetViews::PATH,
    SaveViews::PATH,
    ReopenViews::PATH,
    RemoveViewFile::PATH,
    UseViewsInPlan::PATH,
    GetAdviceRequests::PATH,
    RequestAdvice::PATH,
    AnswerForTeam::PATH,
    AllocateRequest::PATH,
    CloseOrReopenRequest::PATH,
    GetResponse::PATH,
    SaveAdviceHeader::PATH,
    SubmitAdvice::PATH,
    GetAdviceArea::PATH,
    BringAdviceIntoPlan::PATH,
    ListRequests::PATH,
    ListTeams::PATH,
    SetTeamContact::PATH,
    GetDecision::PATH,
    RecordDecision::PATH,
    GetExceptions::PATH,
    RecordException::PATH,
    GetFigures::PATH,
    GetSen2::PATH,
    SaveCouncilReturn::PATH,
    GetReturnDetails::PATH,
    SaveReturnDetails::PATH,
    GetCeasePlan::PATH,
    CeasePlan::PATH,
];

#[test]
fn every_server_function_has_a_row_in_the_matrix() {
    let registered: BTreeSet<&str> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path)
        .collect();
    let known: BTreeSet<&str> = PUBLIC.iter().chain(CHECKED.iter()).copied().collect();
    let missing: Vec<_> = registered.difference(&known).collect();
    assert!(
        missing.is_empty(),
        "server functions with no authorisation row: {missing:?}"
    );
    let stale: Vec<_> = known.difference(&registered).collect();
    assert!(
        stale.is_empty(),
        "matrix rows for server functions that no longer exist: {stale:?}"
    );
}

/// Calls a server function as the hydrated browser does; `Ok` with the JSON
/// answer, or `Err` with the `AppError` variant's name.
async fn call(app: &Router, cookie: Option<&str>, path: &str, args: &str) -> Result<Value, String> {
    let req = common::api_call(
        path,
        "application/x-www-form-urlencoded",
        args.as_bytes().to_vec(),
        cookie,
    );
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status().as_u16();
    let body = res.into_body().collect().await.unwrap().to_bytes();
    let value: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    if status == 200 {
        return Ok(value);
    }
    let name = match value {
        Value::String(name) => name,
        Value::Object(map) => map.keys().next().cloned().unwrap_or_default(),
        other => format!("{other}"),
    };
    // The HTTP status says the same as the error.
    let expected = match name.as_str() {
        "Unauthenticated" => 401,
        "Forbidden" => 403,
        "NotFound" => 404,
        "Validation" => 422,
        "BadRequest" => 400,
        "Conflict" => 409,
        _ => 500,
    };
    assert_eq!(status, expected, "{path}: {name}");
    Err(name)
}

fn list_args(tray: &str) -> String {
    format!("filter%5Btray%5D={tray}&filter%5Bsearch%5D=&filter%5Bpage%5D=1")
}

const NEW_CASE: &str = "input%5Bfirst_name%5D=Matrix&input%5Blast_name%5D=Child\
    &input%5Bdate_of_birth%5D%5Bday%5D=1&input%5Bdate_of_birth%5D%5Bmonth%5D=1&input%5Bdate_of_birth%5D%5Byear%5D=2018\
    &input%5Bsetting%5D=none&input%5Brequested_by%5D=parent&input%5Breceived_on%5D%5Bday%5D=1\
    &input%5Breceived_on%5D%5Bmonth%5D=11&input%5Breceived_on%5D%5Byear%5D=2026";

/// The case ids linked from rendered rows (`href="/cases/12"`).
fn case_links(html: &str) -> BTreeSet<i64> {
    html.split("href=\"/cases/")
        .skip(1)
        .filter_map(|rest| rest.split('"').next()?.parse().ok())
        .collect()
}

/// The case ids a person's trays show.
async fn visible(app: &Router, cookie: &str) -> BTreeSet<i64> {
    let mut ids = BTreeSet::new();
    for tray in ["InProgress", "Live", "Closed"] {
        let list = call(app, Some(cookie), ListCases::PATH, &list_args(tray))
            .await
            .unwrap();
        for item in list["items"].as_array().unwrap() {
            ids.insert(item["id"].as_i64().unwrap());
        }
    }
    ids
}

#[tokio::test]
async fn each_role_may_do_only_what_it_should_on_its_own_and_others_cases() {
    let (app, outbox, state) = common::app_with_state().await;
    // A case in another council, which no demo account has any reason to see.
    let elsewhere = councils::ensure(&state.db, "Elsewhere Council", "EC").await.unwrap();
    let request = NewCase {
        first_name: "Other".into(),
        last_name: "Council".into(),
        date_of_birth: chrono::NaiveDate::from_ymd_opt(2018, 1, 1).unwrap(),
        setting: None,
        requested_by: Requester::Parent,
        received_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
    };
    let foreign = cases::create(
        &state.db,
        elsewhere,
        &request,
        Stage::RequestReceived,
        &cases::PathwayDates::default(),
        &TimeLimits::default(),
        chrono::Utc::now(),
    )
    .await
    .unwrap()
    .id;

    // Demo cases: 1 Poppy, 2 Ezra, 3 Maya, 4 Theo (plan issued 356 days ago), 5 Isla.
    // (who, own case, someone else's case, may manage, may search the audit log, may invite)
    let people: [(&str, i64, CaseId, bool, bool, bool); 9] = [
        ("caseworker", 1, foreign, true, false, true),
        ("admin", 2, foreign, true, true, true),
        ("panel", 3, foreign, false, false, false),
        ("parent", 1, CaseId(2), false, false, false),
        ("advocate", 1, CaseId(5), false, false, false),
        ("young.person", 5, CaseId(1), false, false, false),
        ("psychologist", 2, CaseId(4), false, false, false),
        ("senco", 2, CaseId(3), false, false, false),
        ("salt.manager", 3, CaseId(1), false, false, true),
    ];
    for (who, own, other, manages, audits, invites) in people {
        let session = common::sign_in(&app, &outbox, who).await;
        let cookie = Some(session.as_str());

        // list_cases: allowed to all, and shows only what the person may see.
        let seen = visible(&app, &session).await;
        assert!(
            seen.contains(&own),
            "{who} should see case {own} in their trays: {seen:?}"
        );
        assert!(
            !seen.contains(&other.0),
            "{who} must not see case {other} in their trays"
        );
        assert!(!seen.contains(&foreign.0), "{who} must not see another council's case");
        // search_cases: the live search's rendered rows link only to cases the trays show.
        for tray in ["InProgress", "Live", "Closed"] {
            let search = format!("tray={tray}&search=&keep=");
            let html = call(&app, cookie, SearchCases::PATH, &search).await.unwrap();
            let linked = case_links(html.as_str().unwrap());
            assert!(
                linked.is_subset(&seen),
                "{who} search_cases {tray}: {linked:?} beyond {seen:?}"
            );
            if tray == "InProgress" && seen.contains(&own) && own != 4 && own != 5 {
                assert!(linked.contains(&own), "{who} search_cases shows their own case {own}");
            }
        }

        // get_case: own case opens; someone else's answers as if it did not exist.
        let mine = call(&app, cookie, GetCase::PATH, &format!("id={own}")).await;
        assert_eq!(mine.map(|c| c["id"].as_i64()), Ok(Some(own)), "{who} get_case own");
        let theirs = call(&app, cookie, GetCase::PATH, &format!("id={other}")).await;
        assert_eq!(theirs, Err("NotFound".to_owned()), "{who} get_case someone else's");

        // register_case and list_settings: council casework only.
        let registered = call(&app, cookie, RegisterCase::PATH, NEW_CASE).await;
        assert_eq!(registered.is_ok(), manages, "{who} register_case: {registered:?}");
        if !manages {
            assert_eq!(registered, Err("Forbidden".to_owned()), "{who} register_case");
        }
        let settings = call(&app, cookie, ListSettings::PATH, "").await;
        assert_eq!(settings.is_ok(), manages, "{who} list_settings: {settings:?}");

        // search_audit: council administrators only.
        let log = call(
            &app,
            cookie,
            SearchAudit::PATH,
            "query%5Bperson%5D=&query%5Breference%5D=",
        )
        .await;
        assert_eq!(log.is_ok(), audits, "{who} search_audit: {log:?}");
        if !audits {
            assert_eq!(log, Err("Forbidden".to_owned()), "{who} search_audit");
        }

        // The email log and sending again: council administrators only. An
        // email that does not exist reaches the check only for them.
        let emails = call(&app, cookie, EmailLog::PATH, "").await;
        assert_eq!(emails.is_ok(), audits, "{who} email_log: {emails:?}");
        let again = call(&app, cookie, SendEmailAgain::PATH, "input%5Bemail%5D=999999").await;
        let expected = if audits { "Conflict" } else { "Forbidden" };
        assert_eq!(again, Err(expected.to_owned()), "{who} send_email_again");

        // invite_choices and invite_person: caseworkers, administrators, team managers.
        let choices = call(&app, cookie, InviteChoices::PATH, "").await;
        assert_eq!(choices.is_ok(), invites, "{who} invite_choices: {choices:?}");
        // An empty invitation reaches validation only for those allowed to invite.
        let invited = call(&app, cookie, InvitePerson::PATH, "input%5Bname%5D=").await;
        let expected = if invites { "Validation" } else { "Forbidden" };
        assert_eq!(invited, Err(expected.to_owned()), "{who} invite_person");

        // give_access: caseworkers and administrators, on their own council's cases;
        // anyone else's case answers as if it did not exist.
        let given = call(
            &app,
            cookie,
            GiveAccess::PATH,
            &format!("input%5Bcase%5D={own}&input%5Bemail%5D="),
        )
        .await;
        // Those who can see the case but may not manage it are refused outright.
        let expected = if manages { "Validation" } else { "Forbidden" };
        assert_eq!(given, Err(expected.to_owned()), "{who} give_access own");
        let elsewhere = call(
            &app,
            cookie,
            GiveAccess::PATH,
            &format!("input%5Bcase%5D={other}&input%5Bemail%5D="),
        )
        .await;
        assert_eq!(
            elsewhere,
            Err("NotFound".to_owned()),
            "{who} give_access someone else's"
        );

        // Sign-in security concerns only the person's own account: open to every role.
        let setup = call(&app, cookie, AuthenticatorSetup::PATH, "").await;
        assert!(setup.is_ok(), "{who} authenticator_setup: {setup:?}");
        let wrong = call(
            &app,
            cookie,
            EnableAuthenticator::PATH,
            "input%5Bpassword%5D=&input%5Bcode%5D=000000",
        )
        .await;
        assert_eq!(wrong, Err("Validation".to_owned()), "{who} enable_authenticator");
        let unconfirmed = call(&app, cookie, UseEmailCodes::PATH, "input%5Bpassword%5D=").await;
        assert_eq!(unconfirmed, Err("Validation".to_owned()), "{who} use_email_codes");
        // Each person sees and ends only their own sessions.
        let listed = call(&app, cookie, SignedInSessions::PATH, "").await.unwrap();
        assert_eq!(
            listed.as_array().map(Vec::len),
            Some(1),
            "{who} signed_in_sessions: {listed}"
        );
        assert!(
            call(&app, cookie, SignOutOtherSessions::PATH, "").await.is_ok(),
            "{who} sign_out_other_sessions"
        );
    }

    // Nobody signed in: every checked function refuses.
    for (path, args) in [
        (ListCases::PATH, list_args("InProgress")),
        (SearchCases::PATH, "tray=InProgress&search=&keep=".to_owned()),
        (GetCase::PATH, "id=1".to_owned()),
        (RegisterCase::PATH, NEW_CASE.to_owned()),
        (ListSettings::PATH, String::new()),
        (SearchAudit::PATH, "query%5Bperson%5D=&query%5Breference%5D=".to_owned()),
        (EmailLog::PATH, String::new()),
        (SendEmailAgain::PATH, "input%5Bemail%5D=1".to_owned()),
        (InviteChoices::PATH, String::new()),
        (InvitePerson::PATH, "input%5Bname%5D=".to_owned()),
        (AuthenticatorSetup::PATH, String::new()),
        (
            EnableAuthenticator::PATH,
            "input%5Bpassword%5D=demo-password-2026&input%5Bcode%5D=000000".to_owned(),
        ),
        (UseEmailCodes::PATH, "input%5Bpassword%5D=demo-password-2026".to_owned()),
        (SignedInSessions::PATH, String::new()),
        (SignOutOtherSessions::PATH, String::new()),
        (GiveAccess::PATH, "input%5Bcase%5D=1&input%5Bemail%5D=".to_owned()),
    ] {
        assert_eq!(
            call(&app, None, path, &args).await,
            Err("Unauthenticated".to_owned()),
            "{path}"
        );
    }
}

/// What a person gets from a plan function: `"Ok"` or the error's name.
fn outcome(answer: &Result<Value, String>) -> &str {
    match answer {
        Ok(_) => "Ok",
        Err(name) => name,
    }
}

#[tokio::test]
async fn plan_functions_answer_each_role_by_the_plan_rules() {
    let (app, outbox, _state) = common::app_with_state().await;
    // Demo case 3 (Maya) has draft version 1 shared, with nobody in the family
    // linked; staff and the speech and language therapy team manager see it.
    let maya = 3;
    let caseworker = common::sign_in(&app, &outbox, "caseworker").await;
    let plan = call(&app, Some(&caseworker), GetPlan::PATH, &format!("case={maya}"))
        .await
        .unwrap();
    let shared = plan["plan"]["version"]["id"].as_i64().unwrap();

    // (who, sees Maya's case, may manage the plan)
    let people = [
        ("caseworker", true, true),
        ("admin", true, true),
        ("panel", true, false),
        ("salt.manager", true, false),
        ("parent", false, false),
        ("advocate", false, false),
        ("young.person", false, false),
        ("psychologist", false, false),
        ("senco", false, false),
    ];
    for (who, sees, manages) in people {
        let session = common::sign_in(&app, &outbox, who).await;
        let cookie = Some(session.as_str());
        let hidden = "NotFound";
        // Managing: allowed to caseworkers and administrators; refused to others who see the case.
        let manage = |allowed: &'static str| {
            if manages {
                allowed
            } else if sees {
                "Forbidden"
            } else {
                hidden
            }
        };
        let read = if sees { "Ok" } else { hidden };
        let not_asked = if sees { "Forbidden" } else { hidden };
        let rows: [(&str, String, &str); 14] = [
            (GetPlan::PATH, format!("case={maya}"), read),
            (CompareVersions::PATH, format!("case={maya}&from=1&to=1"), read),
            // Starting a draft opens version 2 (or reuses it once open).
            (StartPlan::PATH, format!("case={maya}"), manage("Ok")),
            (GetPlanPart::PATH, format!("case={maya}&part=a"), manage("Ok")),
            // Revision 0 never exists: a stale save is refused, never written.
            (
                SavePlanPart::PATH,
                format!("case={maya}&part=a&revision=0&intent=save&form%5Babout_me%5D=x"),
                manage("Conflict"),
            ),
            (CheckBeforeSharing::PATH, format!("case={maya}"), manage("Ok")),
            (
                SharePlan::PATH,
                format!("case={maya}&version=999999"),
                manage("Conflict"),
            ),
            (CheckBeforeIssuing::PATH, format!("case={maya}"), manage("Ok")),
            (
                IssuePlan::PATH,
                format!("case={maya}&input%5Bsetting_name%5D="),
                manage("Validation"),
            ),
            (
                ConsultSetting::PATH,
                format!("case={maya}&version={shared}&setting="),
                manage("Validation"),
            ),
            // Only the family asked may comment or respond; nobody here was asked.
            (
                AddPlanComment::PATH,
                format!("case={maya}&version={shared}&part=a&body=Hello"),
                not_asked,
            ),
            (
                RespondToDraft::PATH,
                format!("case={maya}&version={shared}&preferred_setting=x"),
                not_asked,
            ),
            // Only a setting that was asked may answer.
            (
                AnswerConsultation::PATH,
                format!("case={maya}&consultation=1&input%5Banswer%5D=can_meet"),
                not_asked,
            ),
            (SettingsToConsult::PATH, format!("case={maya}"), manage("Ok")),
        ];
        for (path, args, expected) in rows {
            let answer = call(&app, cookie, path, &args).await;
            assert_eq!(outcome(&answer), expected, "{who} {path}: {answer:?}");
        }
        // Another council's people never see a plan: Maya's case is hidden from them above;
        // an unknown case is hidden from everyone.
        let missing = call(&app, cookie, GetPlan::PATH, "case=999999").await;
        assert_eq!(outcome(&missing), hidden, "{who} get_plan of no case");
    }

    // Nobody signed in: every plan function refuses.
    for path in [
        GetPlan::PATH,
        StartPlan::PATH,
        GetPlanPart::PATH,
        CheckBeforeSharing::PATH,
        CheckBeforeIssuing::PATH,
        SettingsToConsult::PATH,
    ] {
        let answer = call(&app, None, path, &format!("case={maya}&part=a")).await;
        assert_eq!(answer, Err("Unauthenticated".to_owned()), "{path}");
    }
}

/// The caseworker consults Hillcrest Academy on a shared version of a case;
/// its id, and the consultation's as Hillcrest's SENCO sees it.
async fn consult_hillcrest(app: &Router, caseworker: &str, senco: &str, case: i64, version: i64) -> (i64, i64) {
    let staff = Some(caseworker);
    let settings = call(app, staff, SettingsToConsult::PATH, &format!("case={case}"))
        .await
        .unwrap();
    let hillcrest = settings
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Hillcrest Academy")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let args = format!("case={case}&version={version}&setting={hillcrest}");
    call(app, staff, ConsultSetting::PATH, &args).await.unwrap();
    let asked = call(app, Some(senco), GetPlan::PATH, &format!("case={case}"))
        .await
        .unwrap();
    (hillcrest, asked["plan"]["consultations"][0]["id"].as_i64().unwrap())
}

/// How many times `who` has read a plan, by the audit log.
async fn plan_reads(state: &app::state::AppState, who: &str) -> u64 {
    use app::domain::audit::AuditAction;
    use app::store::entities::{account, audit_event};
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let person = account::Entity::find()
        .filter(account::Column::Email.eq(format!("{who}@demo-council.test")))
        .one(&state.db)
        .await
        .unwrap()
        .unwrap();
    audit_event::Entity::find()
        .filter(audit_event::Column::AccountId.eq(person.id))
        .filter(audit_event::Column::Action.eq(AuditAction::PlanViewed))
        .count(&state.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_family_is_sent_no_settings_answers_and_every_plan_read_is_audited() {
    let (app, outbox, state) = common::app_with_state().await;
    // Maya's draft version 1 is shared; her carer is asked to comment on it.
    let maya = 3;
    // Everyone signs in first: the emails consulting sends would otherwise
    // race the sign-in codes into the outbox.
    let caseworker = common::sign_in(&app, &outbox, "caseworker").await;
    let senco = common::sign_in(&app, &outbox, "senco").await;
    let carer = common::sign_in(&app, &outbox, "carer").await;
    let staff = Some(caseworker.as_str());
    let plan = call(&app, staff, GetPlan::PATH, &format!("case={maya}")).await.unwrap();
    let shared = plan["plan"]["version"]["id"].as_i64().unwrap();
    let (_, consultation) = consult_hillcrest(&app, &caseworker, &senco, maya, shared).await;
    // Hillcrest's SENCO answers, with reasons meant for the council.
    let reasons = "No speech and language therapist on site until September";
    call(
        &app,
        Some(&senco),
        AnswerConsultation::PATH,
        &format!(
            "case={maya}&consultation={consultation}&input%5Banswer%5D=cannot_meet&input%5Breasons%5D={}",
            reasons.replace(' ', "+")
        ),
    )
    .await
    .unwrap();

    // The council sees the answer; the family's answer from the server holds none of it.
    let council = call(&app, staff, GetPlan::PATH, &format!("case={maya}")).await.unwrap();
    assert!(council.to_string().contains(reasons));
    let family = call(&app, Some(&carer), GetPlan::PATH, &format!("case={maya}"))
        .await
        .unwrap();
    assert!(!family.to_string().contains(reasons), "{family}");
    assert_eq!(family["plan"]["consultations"], serde_json::json!([]));
    assert_eq!(family["plan"]["may"]["see_responses"], false);

    // Every read of the plan is in the audit log: the plan page, the compare
    // view and the part editor (of a new draft version).
    call(&app, staff, StartPlan::PATH, &format!("case={maya}"))
        .await
        .unwrap();
    let reads = [
        ("carer", carer.as_str(), GetPlan::PATH, format!("case={maya}")),
        (
            "carer",
            carer.as_str(),
            CompareVersions::PATH,
            format!("case={maya}&from=1&to=1"),
        ),
        (
            "caseworker",
            caseworker.as_str(),
            GetPlanPart::PATH,
            format!("case={maya}&part=a"),
        ),
    ];
    for (who, cookie, path, args) in reads {
        let before = plan_reads(&state, who).await;
        call(&app, Some(cookie), path, &args).await.unwrap();
        assert_eq!(plan_reads(&state, who).await, before + 1, "{who} {path}");
    }
}

#[tokio::test]
async fn ids_from_other_cases_unshared_drafts_and_half_signed_in_sessions_are_refused() {
    use axum::http::StatusCode;
    let (app, outbox) = common::app().await;
    // Demo cases: 2 Ezra (Hillcrest's SENCO contributes), 3 Maya (draft 1
    // shared with her carer), 4 Theo (final plan issued).
    let (ezra, maya, theo) = (2, 3, 4);
    let caseworker = common::sign_in(&app, &outbox, "caseworker").await;
    let senco = common::sign_in(&app, &outbox, "senco").await;
    let carer = common::sign_in(&app, &outbox, "carer").await;
    let staff = Some(caseworker.as_str());
    let id_of = |plan: &Value| plan["plan"]["version"]["id"].as_i64().unwrap();
    let maya_shared = id_of(&call(&app, staff, GetPlan::PATH, &format!("case={maya}")).await.unwrap());
    let theo_issued = id_of(&call(&app, staff, GetPlan::PATH, &format!("case={theo}")).await.unwrap());
    // Maya's draft version 2, not shared: the council's only.
    let draft = call(&app, staff, StartPlan::PATH, &format!("case={maya}"))
        .await
        .unwrap();
    assert_eq!(draft["number"], 2);
    let draft_id = id_of(
        &call(&app, staff, GetPlan::PATH, &format!("case={maya}&version=2"))
            .await
            .unwrap(),
    );
    let (hillcrest, maya_consultation) = consult_hillcrest(&app, &caseworker, &senco, maya, maya_shared).await;

    // (who, server function, arguments naming one case and another case's record, expected)
    let rows: [(&str, Option<&str>, &str, String, &str); 7] = [
        // The family never sees a draft that was not shared, by number or otherwise.
        (
            "carer",
            Some(&carer),
            GetPlan::PATH,
            format!("case={maya}&version=2"),
            "NotFound",
        ),
        (
            "carer",
            Some(&carer),
            CompareVersions::PATH,
            format!("case={maya}&from=1&to=2"),
            "NotFound",
        ),
        // A comment on Maya's case naming Theo's final plan.
        (
            "carer",
            Some(&carer),
            AddPlanComment::PATH,
            format!("case={maya}&version={theo_issued}&part=a&body=Hello"),
            "NotFound",
        ),
        // Sharing Ezra's case with Maya's draft named.
        (
            "caseworker",
            staff,
            SharePlan::PATH,
            format!("case={ezra}&version={draft_id}"),
            "Conflict",
        ),
        // Consulting on Ezra's case with Maya's version named.
        (
            "caseworker",
            staff,
            ConsultSetting::PATH,
            format!("case={ezra}&version={maya_shared}&setting={hillcrest}"),
            "NotFound",
        ),
        // Hillcrest answering on Ezra's case, its own, with Maya's consultation named.
        (
            "senco",
            Some(&senco),
            AnswerConsultation::PATH,
            format!("case={ezra}&consultation={maya_consultation}&input%5Banswer%5D=can_meet"),
            "NotFound",
        ),
        (
            "carer",
            Some(&carer),
            RespondToDraft::PATH,
            format!("case={maya}&version={theo_issued}&preferred_setting=x"),
            "NotFound",
        ),
    ];
    for (who, cookie, path, args, refused) in rows {
        let answer = call(&app, cookie, path, &args).await;
        assert_eq!(outcome(&answer), refused, "{who} {path} {args}: {answer:?}");
    }
    // Nothing was written by the refused calls: Maya's draft is still a draft
    // and the consultation still unanswered.
    let after = call(&app, staff, GetPlan::PATH, &format!("case={maya}&version=2"))
        .await
        .unwrap();
    assert_eq!(after["plan"]["version"]["state"], "drafting");
    let maya_plan = call(&app, staff, GetPlan::PATH, &format!("case={maya}&version=1"))
        .await
        .unwrap();
    assert_eq!(maya_plan["plan"]["consultations"][0]["answer"], Value::Null);
    let theo_plan = call(&app, staff, GetPlan::PATH, &format!("case={theo}")).await.unwrap();
    assert_eq!(theo_plan["plan"]["comments"], serde_json::json!([]));

    // The family's download of the unshared draft is refused like a missing one.
    let (status, _, _) = common::send(
        &app,
        common::with_cookie(common::get("/cases/3/plan/2/plan.pdf"), &carer),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Half signed in (right password, no code yet): nothing but the code step.
    let form = "input%5Bemail%5D=admin%40demo-council.test&input%5Bpassword%5D=demo-password-2026";
    let res = app.clone().oneshot(common::post_form("/sign-in", form)).await.unwrap();
    assert_eq!(res.headers()[axum::http::header::LOCATION], "/sign-in/code");
    let half = common::cookie_of(res.headers()[axum::http::header::SET_COOKIE].to_str().unwrap());
    for (path, args) in [
        (GetPlan::PATH, format!("case={maya}")),
        (ListCases::PATH, list_args("InProgress")),
        (SearchAudit::PATH, "query%5Bperson%5D=&query%5Breference%5D=".to_owned()),
        (EmailLog::PATH, String::new()),
    ] {
        let answer = call(&app, Some(&half), path, &args).await;
        assert_eq!(outcome(&answer), "Unauthenticated", "half signed in: {path}");
    }
    let (status, location, _) = common::send(
        &app,
        common::with_cookie(common::get("/cases/3/plan/1/plan.pdf"), &half),
    )
    .await;
    assert!(
        status.is_redirection() && location.as_deref().is_some_and(|l| l.starts_with("/sign-in")),
        "{status} {location:?}"
    );
}

#[tokio::test]
async fn views_functions_answer_each_role_by_the_capability_table() {
    let (app, outbox, _state) = common::app_with_state().await;
    // Maya (case 3): her carer is family; the speech and language therapy
    // team was asked for advice; staff see every case of the council.
    let maya = 3;
    // (who, sees the case, adds views, re-opens views)
    let people = [
        ("carer", true, true, false),
        ("caseworker", true, true, true),
        ("admin", true, true, true),
        ("panel", true, false, false),
        ("salt.manager", true, false, false),
        ("parent", false, false, false),
        ("senco", false, false, false),
        ("psychologist", false, false, false),
    ];
    for (who, sees, adds, reopens) in people {
        let session = common::sign_in(&app, &outbox, who).await;
        let cookie = Some(session.as_str());
        let hidden = "NotFound";
        let may = |allowed: bool, then: &'static str| {
            if allowed {
                then
            } else if sees {
                "Forbidden"
            } else {
                hidden
            }
        };
        let rows: [(&str, String, &str); 5] = [
            // Maya's plan is shared, not being drafted: there is no draft to add views to.
            (
                UseViewsInPlan::PATH,
                format!("case={maya}&space=child_views"),
                may(reopens, "Conflict"),
            ),
            (GetViews::PATH, format!("case={maya}"), if sees { "Ok" } else { hidden }),
            // A revision that was never saved: refused as someone else's newer save, never written.
            (
                SaveViews::PATH,
                format!(
                    "input%5Bcase%5D={maya}&input%5Bspace%5D=child_views&input%5Brevision%5D=7&input%5Bliked%5D=x&input%5Bintent%5D=save"
                ),
                may(adds, "Validation"),
            ),
            // Nothing was sent, so there is nothing to re-open.
            (
                ReopenViews::PATH,
                format!("case={maya}&space=child_views"),
                may(reopens, "Conflict"),
            ),
            (
                RemoveViewFile::PATH,
                format!("case={maya}&token=0123"),
                may(adds, hidden),
            ),
        ];
        for (path, args, expected) in rows {
            let answer = call(&app, cookie, path, &args).await;
            assert_eq!(outcome(&answer), expected, "{who} {path}: {answer:?}");
        }
        // Views still being written are for the family and the council only.
        if sees {
            let page = call(&app, cookie, GetViews::PATH, &format!("case={maya}"))
                .await
                .unwrap();
            let spaces = page["spaces"].as_array().unwrap().len();
            assert_eq!(spaces, if adds { 2 } else { 0 }, "{who} sees {spaces} spaces");
        }
    }
}

#[tokio::test]
async fn advice_functions_answer_each_role_by_the_capability_table() {
    let (app, outbox, _state) = common::app_with_state().await;
    let maya = 3;
    // (who, sees the case, asks for advice, answers for a team asked)
    let people = [
        ("carer", true, false, false),
        ("caseworker", true, true, false),
        ("admin", true, true, false),
        ("panel", true, false, false),
        ("salt.manager", true, false, true),
        ("parent", false, false, false),
        ("senco", false, false, false),
        ("psychologist", false, false, false),
    ];
    for (who, sees, asks, answers) in people {
        let session = common::sign_in(&app, &outbox, who).await;
        let cookie = Some(session.as_str());
        let page = call(&app, cookie, GetAdviceRequests::PATH, &format!("case={maya}")).await;
        assert_eq!(outcome(&page), if sees { "Ok" } else { "NotFound" }, "{who}: {page:?}");
        if let Ok(page) = &page {
            // Only those who may ask are offered whom to ask.
            assert_eq!(page["askable"].is_array(), asks, "{who}");
        }
        // A team that does not exist: refused at the field for those who may ask, never recorded.
        let ask = call(
            &app,
            cookie,
            RequestAdvice::PATH,
            &format!("input%5Bcase%5D={maya}&input%5Bkind%5D=advice&input%5Basked%5D=team%3A999999"),
        )
        .await;
        let expected = match (asks, sees) {
            (true, _) => "Validation",
            (false, true) => "Forbidden",
            (false, false) => "NotFound",
        };
        assert_eq!(outcome(&ask), expected, "{who}: {ask:?}");
        // A request that does not exist: not found for a manager of a team asked, refused before that for others.
        let answer = call(
            &app,
            cookie,
            AnswerForTeam::PATH,
            &format!(
                "input%5Bcase%5D={maya}&input%5Brequest%5D=999999&input%5Bversion%5D=1&input%5Banswer%5D=no_other"
            ),
        )
        .await;
        let expected = match (answers, sees) {
            (true, _) | (false, false) => "NotFound",
            (false, true) => "Forbidden",
        };
        assert_eq!(outcome(&answer), expected, "{who}: {answer:?}");
    }
}

/// A request for advice to the psychologist on Maya's case, and one to the
/// speech and language therapy team answered yes: what the template's and
/// the allocation's functions are tried on.
async fn maya_requests(state: &app::state::AppState) -> (i64, i64) {
    use app::domain::advice::{RequestKind, TeamAnswer};
    use app::domain::ids::{AccountId, TeamId};
    use app::store::advice_requests::{Asked, NewRequest, answer, create};
    let db = &state.db;
    let id_of = async |email: &str| common::account_id(db, email).await;
    let caseworker: AccountId = id_of("caseworker@demo-council.test").await;
    let psychologist: AccountId = id_of("psychologist@demo-council.test").await;
    let manager = app::store::accounts::find(db, id_of("salt.manager@demo-council.test").await)
        .await
        .unwrap()
        .unwrap();
    let salt: TeamId = manager.team.unwrap();
    let now = chrono::Utc::now();
    let today = now.date_naive();
    let new = |asked| NewRequest {
        case: CaseId(3),
        kind: RequestKind::Advice,
        asked,
        asked_by: caseworker,
        asked_on: today,
        due_on: today,
        note: "",
        now,
    };
    let person = create(db, new(Asked::Person(psychologist))).await.unwrap();
    let team = create(db, new(Asked::Team(salt))).await.unwrap();
    let yes = (TeamAnswer::KnownMeetsCriteria, "");
    assert!(
        answer(db, team, (CaseId(3), salt, 1), yes, manager.account, now)
            .await
            .unwrap()
    );
    (person, team)
}

#[tokio::test]
async fn advice_template_and_allocation_answer_each_role_by_the_capability_table() {
    let (app, outbox, state) = common::app_with_state().await;
    let maya = 3;
    let (person, team) = maya_requests(&state).await;
    let header = |request: i64| {
        format!(
            "input%5Bcase%5D={maya}&input%5Brequest%5D={request}&input%5Brevision%5D=0&input%5Bon_behalf%5D=no\
             &input%5Bgiver_name%5D=Dr+Hannah+Moore&input%5Bgiver_role%5D=Educational+psychologist\
             &input%5Bwill_provide%5D=yes&input%5Bintent%5D=save"
        )
    };
    // (who, sees the case, is the one asked, manages the team asked, writes the plan)
    let people = [
        ("carer", true, false, false, false),
        ("caseworker", true, false, false, true),
        ("panel", true, false, false, false),
        ("salt.manager", true, false, true, false),
        ("psychologist", true, true, false, false),
        ("parent", false, false, false, false),
        ("senco", false, false, false, false),
    ];
    for (who, sees, asked, manages, writes_plan) in people {
        let session = common::sign_in(&app, &outbox, who).await;
        let cookie = Some(session.as_str());
        let refused = |allowed: bool| match (allowed, sees) {
            (true, _) => "Ok",
            (false, true) => "Forbidden",
            (false, false) => "NotFound",
        };
        // Until it is submitted, only the one asked may open the advice.
        let page = call(
            &app,
            cookie,
            GetResponse::PATH,
            &format!("case={maya}&request={person}"),
        )
        .await;
        assert_eq!(outcome(&page), refused(asked), "{who}: {page:?}");
        let area = call(
            &app,
            cookie,
            GetAdviceArea::PATH,
            &format!("case={maya}&request={person}&part=cognition"),
        )
        .await;
        assert_eq!(outcome(&area), refused(asked), "{who}: {area:?}");
        let saved = call(&app, cookie, SaveAdviceHeader::PATH, &header(person)).await;
        assert_eq!(outcome(&saved), refused(asked), "{who}: {saved:?}");
        let area_saved = call(
            &app,
            cookie,
            SavePlanPart::PATH,
            &format!("case={maya}&request={person}&part=cognition&revision=1&intent=stay&form%5Bneeds%5D=Reads+slowly"),
        )
        .await;
        assert_eq!(outcome(&area_saved), refused(asked), "{who}: {area_saved:?}");
        // Submitting at an old revision is refused as a conflict, not taken.
        let submit = call(
            &app,
            cookie,
            SubmitAdvice::PATH,
            &format!("input%5Bcase%5D={maya}&input%5Brequest%5D={person}&input%5Brevision%5D=1"),
        )
        .await;
        let expected = if asked { "Conflict" } else { refused(false) };
        assert_eq!(outcome(&submit), expected, "{who}: {submit:?}");
        // A team's request is allocated, and its members' requests closed, by its manager only.
        let allocate = call(
            &app,
            cookie,
            AllocateRequest::PATH,
            &format!("input%5Bcase%5D={maya}&input%5Brequest%5D={team}"),
        )
        .await;
        let expected = if manages { "Validation" } else { refused(false) };
        assert_eq!(outcome(&allocate), expected, "{who}: {allocate:?}");
        let close = call(
            &app,
            cookie,
            CloseOrReopenRequest::PATH,
            &format!("input%5Bcase%5D={maya}&input%5Brequest%5D={person}&input%5Bversion%5D=1&input%5Baction%5D=close"),
        )
        .await;
        // Not a member's request of the manager's team: refused as changed.
        let expected = if manages { "Conflict" } else { refused(false) };
        assert_eq!(outcome(&close), expected, "{who}: {close:?}");
        // Only the caseworker brings advice into the plan; Maya's draft is shared, so not now.
        let bring = call(
            &app,
            cookie,
            BringAdviceIntoPlan::PATH,
            &format!("input%5Bcase%5D={maya}&input%5Brequest%5D={person}&input%5Bpart%5D=cognition"),
        )
        .await;
        let expected = if writes_plan { "Validation" } else { refused(false) };
        assert_eq!(outcome(&bring), expected, "{who}: {bring:?}");
        // The requests tray: for those who may be asked; each sees only their own.
        let tray = call(&app, cookie, ListRequests::PATH, "awaiting=false").await;
        let asked_at_all = matches!(who, "psychologist" | "salt.manager" | "senco");
        assert_eq!(
            outcome(&tray),
            if asked_at_all { "Ok" } else { "Forbidden" },
            "{who}: {tray:?}"
        );
        if let Ok(tray) = tray {
            let requests: Vec<i64> = tray["rows"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["request"].as_i64().unwrap())
                .collect();
            let expected: &[i64] = match who {
                "psychologist" => &[person],
                "salt.manager" => &[team],
                _ => &[],
            };
            assert_eq!(requests, expected, "{who}");
        }
    }
}

#[tokio::test]
async fn only_council_administrators_set_where_a_team_is_emailed_and_read_the_figures() {
    let (app, outbox, state) = common::app_with_state().await;
    let salt = app::store::teams::contacts(
        &state.db,
        app::store::councils::ensure(&state.db, "Demo Council", "DC")
            .await
            .unwrap(),
    )
    .await
    .unwrap()
    .into_iter()
    .find(|t| t.name.contains("Speech and Language"))
    .unwrap()
    .id;
    let set = format!("input%5Bteam%5D={salt}&input%5Bemail%5D=salt-requests%40nhs.example");
    for (who, admin) in [
        ("admin", true),
        ("caseworker", false),
        ("salt.manager", false),
        ("parent", false),
    ] {
        let session = common::sign_in(&app, &outbox, who).await;
        let cookie = Some(session.as_str());
        let figures = call(&app, cookie, GetFigures::PATH, "").await;
        assert_eq!(
            outcome(&figures),
            if admin { "Ok" } else { "Forbidden" },
            "{who}: {figures:?}"
        );
        let list = call(&app, cookie, ListTeams::PATH, "").await;
        assert_eq!(
            outcome(&list),
            if admin { "Ok" } else { "Forbidden" },
            "{who}: {list:?}"
        );
        let saved = call(&app, cookie, SetTeamContact::PATH, &set).await;
        assert_eq!(
            outcome(&saved),
            if admin { "Ok" } else { "Forbidden" },
            "{who}: {saved:?}"
        );
        if admin {
            // A malformed address is refused at its field; a team of another council is not found.
            let bad = call(
                &app,
                cookie,
                SetTeamContact::PATH,
                &format!("input%5Bteam%5D={salt}&input%5Bemail%5D=nope"),
            )
            .await;
            assert_eq!(outcome(&bad), "Validation", "{who}: {bad:?}");
            let other = call(
                &app,
                cookie,
                SetTeamContact::PATH,
                "input%5Bteam%5D=999999&input%5Bemail%5D=",
            )
            .await;
            assert_eq!(outcome(&other), "NotFound", "{who}: {other:?}");
        }
    }
    let to = app::store::advice_requests::addresses(
        &state.db,
        app::store::councils::ensure(&state.db, "Demo Council", "DC")
            .await
            .unwrap(),
        app::store::advice_requests::Asked::Team(salt),
    )
    .await
    .unwrap();
    assert_eq!(to, ["salt-requests@nhs.example"]);
}

#[tokio::test]
async fn decisions_and_exceptions_answer_each_role_by_the_capability_table() {
    let (app, outbox, _state) = common::app_with_state().await;
    // Poppy (case 1) is waiting for the decision whether to assess; her
    // parent and advocate are family; staff see every case of the council.
    let poppy = 1;
    // (who, sees the case, records decisions, records exceptions)
    let people = [
        ("caseworker", true, true, true),
        ("admin", true, true, true),
        ("panel", true, true, false),
        ("parent", true, false, false),
        ("advocate", true, false, false),
        ("psychologist", false, false, false),
        ("senco", false, false, false),
        ("salt.manager", false, false, false),
        ("young.person", false, false, false),
    ];
    for (who, sees, decides, excepts) in people {
        let session = common::sign_in(&app, &outbox, who).await;
        let cookie = Some(session.as_str());
        let hidden = "NotFound";
        let may = |allowed: bool, then: &'static str| {
            if allowed {
                then
            } else if sees {
                "Forbidden"
            } else {
                hidden
            }
        };
        let page = call(
            &app,
            cookie,
            GetDecision::PATH,
            &format!("case={poppy}&question=Assess"),
        )
        .await;
        assert_eq!(outcome(&page), if sees { "Ok" } else { hidden }, "{who}: {page:?}");
        let version = page.as_ref().map(|p| p["version"].as_i64().unwrap()).unwrap_or(1);
        if let Ok(page) = &page {
            // Only those who record the decision are shown the evidence and the form.
            assert_eq!(page["may_record"].as_bool(), Some(decides), "{who}");
        }
        // Nothing chosen: refused at its fields, never recorded.
        let empty = format!(
            "input%5Bcase%5D={poppy}&input%5Bversion%5D={version}&input%5Bquestion%5D=assess&input%5Breasons%5D="
        );
        let rows: [(&str, String, &str); 8] = [
            (RecordDecision::PATH, empty.clone(), may(decides, "Validation")),
            // Poppy has no refusal to challenge: found only by those who may record one.
            (
                RecordChallenge::PATH,
                format!("input%5Bcase%5D={poppy}&input%5Bdecision%5D=1"),
                may(excepts, "NotFound"),
            ),
            // A version the case has moved on from: shown as a conflict, not overwritten.
            (
                RecordDecision::PATH,
                empty.replace(&format!("version%5D={version}"), &format!("version%5D={}", version + 5)),
                may(decides, "Conflict"),
            ),
            (
                GetExceptions::PATH,
                format!("case={poppy}"),
                if sees { "Ok" } else { hidden },
            ),
            (
                RecordException::PATH,
                format!("input%5Bcase%5D={poppy}&input%5Bnote%5D=x"),
                may(excepts, "Validation"),
            ),
            // A decision whose letter is not written yet is not there to read.
            (GetDecision::PATH, "case=999999&question=Issue".to_owned(), hidden),
            // Ceasing a plan is for those who record exceptions; Poppy has no
            // plan in force to cease.
            (GetCeasePlan::PATH, format!("case={poppy}"), may(excepts, "Ok")),
            (
                CeasePlan::PATH,
                format!("input%5Bcase%5D={poppy}&input%5Bversion%5D={version}"),
                may(excepts, "Conflict"),
            ),
        ];
        for (path, args, expected) in rows {
            let answer = call(&app, cookie, path, &args).await;
            assert_eq!(outcome(&answer), expected, "{who} {path}: {answer:?}");
        }
    }
}

#[tokio::test]
async fn online_requests_and_allocation_answer_each_role_by_the_capability_table() {
    let (app, outbox, _state) = common::app_with_state().await;
    let poppy = 1;
    // (who, sees Poppy's case, asks for assessments online, allocates cases)
    let people = [
        ("caseworker", true, false, true),
        ("admin", true, false, true),
        ("panel", true, false, false),
        ("parent", true, true, false),
        ("advocate", true, false, false),
        ("psychologist", false, true, false),
        ("senco", false, true, false),
        ("salt.manager", false, true, false),
        ("young.person", false, true, false),
    ];
    for (who, sees, asks, allocates) in people {
        let session = common::sign_in(&app, &outbox, who).await;
        let cookie = Some(session.as_str());
        let on_case = |allowed: bool, then: &'static str| {
            if allowed {
                then
            } else if sees {
                "Forbidden"
            } else {
                "NotFound"
            }
        };
        let rows: [(&str, String, &str); 5] = [
            (
                RequestChoices::PATH,
                String::new(),
                if asks { "Ok" } else { "Forbidden" },
            ),
            // Nothing answered: refused at its fields, no case opened.
            (
                MakeRequest::PATH,
                "input%5Breasons%5D=".to_owned(),
                if asks { "Validation" } else { "Forbidden" },
            ),
            (
                GetCaseRequest::PATH,
                format!("case={poppy}"),
                if sees { "Ok" } else { "NotFound" },
            ),
            // No caseworker chosen.
            (
                AllocateCase::PATH,
                format!("input%5Bcase%5D={poppy}&input%5Bto%5D="),
                on_case(allocates, "Validation"),
            ),
            (GetCaseRequest::PATH, "case=999999".to_owned(), "NotFound"),
        ];
        for (path, args, expected) in rows {
            let answer = call(&app, cookie, path, &args).await;
            assert_eq!(outcome(&answer), expected, "{who} {path}: {answer:?}");
        }
    }
    // Anyone may ask whether they can request; nobody signed in is told nothing more.
    let answer = call(&app, None, MayRequestNow::PATH, "").await;
    assert_eq!(answer, Ok(Value::Null));
}

#[tokio::test]
async fn the_sen2_return_is_the_administrators_and_its_details_the_caseworkers() {
    let (app, outbox, _state) = common::app_with_state().await;
    let poppy = 1;
    // (who, sees Poppy's case, keeps the case's details, makes the return)
    let people = [
        ("admin", true, true, true),
        ("caseworker", true, true, false),
        ("panel", true, false, false),
        ("parent", true, false, false),
        ("senco", false, false, false),
        ("psychologist", false, false, false),
    ];
    for (who, sees, keeps, makes) in people {
        let session = common::sign_in(&app, &outbox, who).await;
        let cookie = Some(session.as_str());
        let on_case = |allowed: bool, then: &'static str| {
            if allowed {
                then
            } else if sees {
                "Forbidden"
            } else {
                "NotFound"
            }
        };
        let council = |then: &'static str| if makes { then } else { "Forbidden" };
        let rows: [(&str, String, &str); 5] = [
            (GetSen2::PATH, String::new(), council("Ok")),
            // No number given: refused at its field, nothing saved.
            (
                SaveCouncilReturn::PATH,
                "input%5Bdfe_number%5D=".to_owned(),
                council("Validation"),
            ),
            (GetReturnDetails::PATH, format!("case={poppy}"), on_case(keeps, "Ok")),
            // A UPN of the wrong shape: refused at its field.
            (
                SaveReturnDetails::PATH,
                format!("input%5Bcase%5D={poppy}&input%5Bupn%5D=12"),
                on_case(keeps, "Validation"),
            ),
            (GetReturnDetails::PATH, "case=999999".to_owned(), "NotFound"),
        ];
        for (path, args, expected) in rows {
            let answer = call(&app, cookie, path, &args).await;
            assert_eq!(outcome(&answer), expected, "{who} {path}: {answer:?}");
        }
    }
}
