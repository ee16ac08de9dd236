//! Requests for an assessment made online, through the real forms as a
//! browser without JavaScript sends them: a family sets up an account from
//! the open start page (the answer the same whether or not the address has
//! one), a parent sends a request and is told what happens next, the school
//! is told, the case waits for allocation until a caseworker takes it, and a
//! school asks on a family's behalf only with their consent.

// A panic in a test is a failed test: helpers may unwrap.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use leptos::server_fn::ServerFn;
use serde_json::Value;

use app::cases::case_list_page::ListCases;

const REQUEST_FORM: &str = "/request-an-assessment/form";

async fn tray(app: &axum::Router, cookie: &str, scope: &str) -> Vec<i64> {
    let args = format!("filter%5Btray%5D=InProgress&filter%5Bsearch%5D=&filter%5Bpage%5D=1&filter%5Bscope%5D={scope}");
    let req = common::api_call(
        ListCases::PATH,
        "application/x-www-form-urlencoded",
        args.into_bytes(),
        Some(cookie),
    );
    let (status, _, body) = common::send(app, req).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let list: Value = serde_json::from_str(&body).unwrap();
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect()
}

fn request_form(setting: i64, extra: &str) -> String {
    format!(
        "input%5Bfirst_name%5D=Ada&input%5Blast_name%5D=Online\
         &input%5Bdate_of_birth%5D%5Bday%5D=2&input%5Bdate_of_birth%5D%5Bmonth%5D=5&input%5Bdate_of_birth%5D%5Byear%5D=2019\
         &input%5Bsetting%5D={setting}&input%5Bareas%5D%5Bcommunication%5D=yes\
         &input%5Breasons%5D=Ada+does+not+speak+at+school.&input%5Bsupport_tried%5D=Small+group+work+since+September.{extra}"
    )
}

fn the_case_in(location: &str) -> i64 {
    location
        .strip_prefix("/cases/")
        .and_then(|rest| rest.strip_suffix("/request?sent=1"))
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn a_family_sets_up_an_account_without_telling_who_already_has_one() {
    let (app, outbox) = common::app().await;
    for (email, says) in [
        ("new.parent%40example.org", "/register?token="),
        ("parent%40demo-council.test", "already has one"),
    ] {
        let before = common::mail_count(&outbox);
        let form = format!("input%5Bname%5D=Jo+Parent&input%5Bemail%5D={email}&input%5Bwho%5D=parent");
        let (status, location, _) = common::send(&app, common::post_form("/request-an-assessment", &form)).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{email}");
        assert_eq!(location.as_deref(), Some("/request-an-assessment?sent=1"));
        common::wait_for_mail(&outbox, before).await;
        assert!(common::mails(&outbox).last().unwrap().contains(says), "{email}");
    }
    // Nothing chosen: each problem beside its field, what was typed kept.
    let (status, _, page) = common::send(
        &app,
        common::post_form("/request-an-assessment", "input%5Bname%5D=Jo&input%5Bemail%5D=jo"),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("Enter an email address in the correct format"));
    assert!(page.contains("Select whether you are a parent or carer, or the young person"));
    assert!(page.contains("value=\"Jo\""));
}

#[tokio::test]
async fn a_parents_request_opens_a_case_that_waits_for_a_caseworker() {
    let (app, outbox, state) = common::app_with_state().await;
    let council = app::store::councils::ensure(&state.db, "Demo Council", "DC")
        .await
        .unwrap();
    let settings = app::store::teams::settings(&state.db, council).await.unwrap();
    // Hillcrest's SENCO has an account, so the school's email reaches them.
    let hillcrest = settings.iter().find(|s| s.name.starts_with("Hillcrest")).unwrap().id.0;
    let parent = common::sign_in(&app, &outbox, "parent").await;

    // Missing answers come back beside their fields, with what was typed.
    let (status, _, page) = common::send(
        &app,
        common::with_cookie(common::post_form(REQUEST_FORM, &request_form(hillcrest, "")), &parent),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("Select whether you have parental responsibility for the child"));
    assert!(page.contains("Ada does not speak at school."));

    let before = common::mail_count(&outbox);
    let form = request_form(hillcrest, "&input%5Bparental_responsibility%5D=yes");
    let (status, location, _) = common::send(
        &app,
        common::with_cookie(common::post_form(REQUEST_FORM, &form), &parent),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let case = the_case_in(location.as_deref().unwrap());

    // The parent sees the confirmation with the reference and the dates.
    let (status, _, page) = common::send(&app, common::with_cookie(common::get(&location.unwrap()), &parent)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Request sent"));
    let decision_by = app::domain::dates::long_date(app::state::today() + chrono::TimeDelta::weeks(6));
    assert!(page.contains(&decision_by), "{decision_by}");

    // The family and the school are emailed; neither email names the child.
    for _ in 0..200 {
        if common::mail_count(&outbox) >= before + 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    let mails: Vec<String> = common::mails(&outbox).into_iter().skip(before).collect();
    assert!(
        mails
            .iter()
            .any(|m| m.contains("To: parent@demo-council.test") && m.contains(&decision_by))
    );
    assert!(
        mails
            .iter()
            .any(|m| m.contains("To: senco@demo-council.test") && m.contains("for a child at your setting"))
    );
    assert!(mails.iter().all(|m| !m.contains("Ada")));

    // Nobody holds it yet: it is in the council's tray awaiting allocation,
    // not in the caseworker's own.
    let caseworker = common::sign_in(&app, &outbox, "caseworker").await;
    assert!(!tray(&app, &caseworker, "Mine").await.contains(&case));
    assert!(tray(&app, &caseworker, "AwaitingAllocation").await.contains(&case));
    let sam = common::account_id(&state.db, "caseworker@demo-council.test").await;
    let allocate = format!("input%5Bcase%5D={case}&input%5Bfrom%5D=&input%5Bto%5D={sam}");
    let path = format!("/cases/{case}/caseworker");
    let (status, location, _) = common::send(
        &app,
        common::with_cookie(common::post_form(&path, &allocate), &caseworker),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location, Some(format!("/cases/{case}?allocated=1")));
    assert!(tray(&app, &caseworker, "Mine").await.contains(&case));
    assert!(!tray(&app, &caseworker, "AwaitingAllocation").await.contains(&case));
    // A second caseworker who still saw it unallocated is told, not obeyed.
    let (status, _, _) = common::send(
        &app,
        common::with_cookie(common::post_form(&path, &allocate), &caseworker),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn a_school_asks_for_a_family_only_with_their_consent() {
    let (app, outbox, state) = common::app_with_state().await;
    let council = app::store::councils::ensure(&state.db, "Demo Council", "DC")
        .await
        .unwrap();
    let settings = app::store::teams::settings(&state.db, council).await.unwrap();
    let hillcrest = settings.iter().find(|s| s.name.starts_with("Hillcrest")).unwrap().id.0;
    let senco = common::sign_in(&app, &outbox, "senco").await;
    let family = "&input%5Bfamily_name%5D=Alex+Parent&input%5Bfamily_email%5D=parent%40demo-council.test";
    let (status, _, page) = common::send(
        &app,
        common::with_cookie(
            common::post_form(REQUEST_FORM, &request_form(hillcrest, family)),
            &senco,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("Confirm the family agrees to this request"));
    let agreed = format!("{family}&input%5Bconsent%5D%5Byes%5D=yes");
    let before = common::mail_count(&outbox);
    let (status, location, _) = common::send(
        &app,
        common::with_cookie(
            common::post_form(REQUEST_FORM, &request_form(hillcrest, &agreed)),
            &senco,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let case = the_case_in(location.as_deref().unwrap());
    // The family is told who asked, with their agreement.
    common::wait_for_mail(&outbox, before).await;
    assert!(common::mails(&outbox).last().unwrap().contains("Daniel Price asked"));
    // The family named has an account here, so they see the case too.
    let parent = common::sign_in(&app, &outbox, "parent").await;
    let (status, _, page) = common::send(
        &app,
        common::with_cookie(common::get(&format!("/cases/{case}/request")), &parent),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("School, college or nursery"));
    assert!(page.contains("Confirmed by the person who asked"));
}
