//! The two statutory decisions and the exceptions to the time limits, through
//! the real forms and server functions: a refusal closes the case and leaves
//! the tray, the family and the school are emailed, the letter is the
//! family's to download and nobody else's, and an exception changes how a
//! deadline stands.

// A panic in a test is a failed test: helpers may unwrap.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use leptos::server_fn::ServerFn;
use serde_json::Value;

use app::cases::case_list_page::ListCases;
use app::cases::case_summary_page::GetCase;
use app::domain::stage::Stage;

use common::json;

fn tray_ids(list: &Value) -> Vec<i64> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect()
}

fn today() -> chrono::NaiveDate {
    app::state::today()
}

fn date_fields(name: &str, day: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!(
        "input%5B{name}%5D%5Bday%5D={}&input%5B{name}%5D%5Bmonth%5D={}&input%5B{name}%5D%5Byear%5D={}",
        day.day(),
        day.month(),
        day.year()
    )
}

#[tokio::test]
async fn a_decision_not_to_assess_closes_the_case_and_sends_its_letter_to_the_family_and_school() {
    let (app, outbox, state) = common::app_with_state().await;
    // Poppy's school, Riverside Primary, takes the council's emails at its office.
    let council = app::store::councils::ensure(&state.db, "Demo Council", "DC")
        .await
        .unwrap();
    let riverside = app::store::teams::settings(&state.db, council)
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.name == "Riverside Primary School")
        .unwrap()
        .id;
    app::store::teams::set_contact(&state.db, council, riverside, Some("office@riverside.example".into()))
        .await
        .unwrap();
    let caseworker = common::sign_in(&app, &outbox, "caseworker").await;
    let poppy = 1;
    let in_progress = "filter%5Btray%5D=InProgress&filter%5Bsearch%5D=&filter%5Bpage%5D=1";
    let closed = "filter%5Btray%5D=Closed&filter%5Bsearch%5D=&filter%5Bpage%5D=1";
    assert!(tray_ids(&json(&app, &caseworker, ListCases::PATH, in_progress).await).contains(&poppy));

    // Without reasons the form comes back with the message and what was chosen.
    let page = json(
        &app,
        &caseworker,
        app::decisions::decision_page::GetDecision::PATH,
        "case=1&question=Assess",
    )
    .await;
    let version = page["version"].as_i64().unwrap();
    let base = format!(
        "input%5Bcase%5D={poppy}&input%5Bversion%5D={version}&input%5Bquestion%5D=assess&input%5Boutcome%5D=no&{}",
        date_fields("decided_on", today())
    );
    let req = common::with_cookie(common::post_form("/cases/1/decisions/assess", &base), &caseworker);
    let (status, _, body) = common::send(&app, req).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("Enter the reasons for the decision"), "{body}");
    assert!(body.contains(r#"value="no" checked"#), "the choice is kept");

    let before = common::mail_count(&outbox);
    let form = format!("{base}&input%5Breasons%5D=Poppy+is+making+good+progress+with+SEN+support.");
    let req = common::with_cookie(common::post_form("/cases/1/decisions/assess", &form), &caseworker);
    let (status, location, _) = common::send(&app, req).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/cases/1/decisions/assess?done=recorded"));

    let case = json(&app, &caseworker, GetCase::PATH, "id=1").await;
    assert_eq!(case["stage"], serde_json::to_value(Stage::Closed).unwrap());
    assert_eq!(case["decisions"][0]["decided"]["agreed"], false);
    // Out of the tray, into the closed cases.
    assert!(!tray_ids(&json(&app, &caseworker, ListCases::PATH, in_progress).await).contains(&poppy));
    assert!(tray_ids(&json(&app, &caseworker, ListCases::PATH, closed).await).contains(&poppy));

    // The parent, the advocate and Poppy's school are told, without her name.
    for _ in 0..50 {
        if common::mail_count(&outbox) >= before + 3 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let decision_mails: Vec<String> = common::mails(&outbox)
        .into_iter()
        .filter(|m| m.contains("Decision on the request for an EHC needs assessment"))
        .collect();
    for who in ["parent@", "advocate@", "office@riverside.example"] {
        assert!(decision_mails.iter().any(|m| m.contains(who)), "{who} not emailed");
    }
    assert!(decision_mails.iter().all(|m| !m.contains("Poppy")));

    // The letter is the family's to download, with the appeal's last day; not a stranger's.
    let parent = common::sign_in(&app, &outbox, "parent").await;
    let req = common::with_cookie(common::get("/cases/1/decisions/assess/letter.pdf"), &parent);
    let (status, _, body) = common::send(&app, req).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.starts_with("%PDF"));
    let stranger = common::sign_in(&app, &outbox, "psychologist").await;
    let req = common::with_cookie(common::get("/cases/1/decisions/assess/letter.pdf"), &stranger);
    assert_eq!(common::send(&app, req).await.0, StatusCode::NOT_FOUND);
    let page = json(
        &app,
        &parent,
        app::decisions::decision_page::GetDecision::PATH,
        "case=1&question=Assess",
    )
    .await;
    assert_eq!(
        page["decision"]["decided"]["reasons"],
        "Poppy is making good progress with SEN support."
    );

    // Decided once: a second post is refused, and nothing changes.
    let again = format!(
        "{}&input%5Breasons%5D=Again",
        base.replace(
            &format!("version%5D={version}"),
            &format!("version%5D={}", case["version"].as_i64().unwrap_or(version + 1))
        )
    );
    let req = common::with_cookie(common::post_form("/cases/1/decisions/assess", &again), &caseworker);
    assert_ne!(common::send(&app, req).await.0, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_decision_to_issue_is_recorded_with_the_panels_recommendations() {
    let (app, outbox, _state) = common::app_with_state().await;
    let panel = common::sign_in(&app, &outbox, "panel").await;
    let ezra = 2;
    let page = json(
        &app,
        &panel,
        app::decisions::decision_page::GetDecision::PATH,
        "case=2&question=Issue",
    )
    .await;
    assert_eq!(page["may_record"], true);
    assert!(page["not_now"].is_null(), "{page}");
    let version = page["version"].as_i64().unwrap();
    let form = format!(
        "input%5Bcase%5D={ezra}&input%5Bversion%5D={version}&input%5Bquestion%5D=issue&input%5Boutcome%5D=yes&{}&input%5Breasons%5D=Needs+cannot+be+met+from+SEN+support.&input%5Brecommendations%5D=Name+weekly+speech+and+language+therapy.",
        date_fields("decided_on", today())
    );
    let req = common::with_cookie(common::post_form("/cases/2/decisions/issue", &form), &panel);
    let (status, location, _) = common::send(&app, req).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{location:?}");
    let case = json(&app, &panel, GetCase::PATH, "id=2").await;
    // The case stays in the assessment until a draft is started; week 16 is met.
    assert_eq!(case["stage"], serde_json::to_value(Stage::NeedsAssessment).unwrap());
    let week16 = &case["timeline"][1];
    assert_eq!(week16["kind"], "DecideToIssue");
    assert!(week16["status"]["Done"].is_object(), "{week16}");
    assert_eq!(
        case["decisions"][0]["decided"]["recommendations"],
        "Name weekly speech and language therapy."
    );
}

#[tokio::test]
async fn an_exception_changes_how_the_deadlines_it_excuses_stand() {
    let (app, outbox, _state) = common::app_with_state().await;
    let caseworker = common::sign_in(&app, &outbox, "caseworker").await;
    // Poppy's week 6 has passed without a decision: overdue, and a warning.
    let case = json(&app, &caseworker, GetCase::PATH, "id=1").await;
    assert_eq!(case["timeline"][0]["status"], "Overdue");
    assert_eq!(case["timeline"][0]["excepted"], false);
    assert!(case["risks"][0].as_str().unwrap().contains("is overdue"));

    let received = today() - chrono::TimeDelta::days(47);
    let form = format!(
        "input%5Bcase%5D=1&input%5Bkind%5D=personal_circumstances&{}&input%5Bnote%5D=Poppy%27s+mother+was+in+hospital.",
        date_fields("starts_on", received + chrono::TimeDelta::days(10))
    );
    let req = common::with_cookie(common::post_form("/cases/1/exceptions", &form), &caseworker);
    let (status, location, _) = common::send(&app, req).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location.unwrap().starts_with("/cases/1?exception=recorded"));
    let case = json(&app, &caseworker, GetCase::PATH, "id=1").await;
    assert_eq!(case["timeline"][0]["excepted"], true);
    assert_eq!(case["exceptions"][0]["kind"], "PersonalCircumstances");
    assert_eq!(case["risks"].as_array().unwrap().len(), 0, "{}", case["risks"]);

    // One before the request was received is refused beside its field.
    let early = format!(
        "input%5Bcase%5D=1&input%5Bkind%5D=away_from_area&{}&input%5Bnote%5D=Abroad",
        date_fields("starts_on", received - chrono::TimeDelta::days(1))
    );
    let req = common::with_cookie(common::post_form("/cases/1/exceptions", &early), &caseworker);
    let (status, _, body) = common::send(&app, req).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("The date it started must be on or after the day the request was received"));
    assert!(body.contains("Abroad"), "the note typed is kept");
}

#[tokio::test]
async fn an_appeal_conceded_against_a_refusal_reopens_the_case_and_tells_the_family() {
    let (app, outbox, _state) = common::app_with_state().await;
    let caseworker = common::sign_in(&app, &outbox, "caseworker").await;
    let page = json(
        &app,
        &caseworker,
        app::decisions::decision_page::GetDecision::PATH,
        "case=1&question=Assess",
    )
    .await;
    let version = page["version"].as_i64().unwrap();
    let refusal = format!(
        "input%5Bcase%5D=1&input%5Bversion%5D={version}&input%5Bquestion%5D=assess&input%5Boutcome%5D=no&{}&input%5Breasons%5D=Good+progress.",
        date_fields("decided_on", today())
    );
    let req = common::with_cookie(common::post_form("/cases/1/decisions/assess", &refusal), &caseworker);
    assert_eq!(common::send(&app, req).await.0, StatusCode::SEE_OTHER);
    let page = json(
        &app,
        &caseworker,
        app::decisions::decision_page::GetDecision::PATH,
        "case=1&question=Assess",
    )
    .await;
    let decision = page["decision"]["id"].as_i64().unwrap();
    assert_eq!(page["may_record_challenge"], true);
    let path = "/cases/1/decisions/assess/challenge";

    // An appeal that ended without an end date: told beside the field, kept.
    let appeal = format!(
        "input%5Bcase%5D=1&input%5Bdecision%5D={decision}&input%5Bkind%5D=appeal&{}&input%5Boutcome%5D=conceded&input%5Bnote%5D=Hearing+listed",
        date_fields("started_on", today())
    );
    let req = common::with_cookie(common::post_form(path, &appeal), &caseworker);
    let (status, _, body) = common::send(&app, req).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("Enter the date it ended"), "{body}");
    assert!(body.contains("Hearing listed"));

    // The case is closed by the refusal; the appeal is still recorded.
    let ended = format!("{appeal}&{}", date_fields("ended_on", today()));
    let before = common::mail_count(&outbox);
    let req = common::with_cookie(common::post_form(path, &ended), &caseworker);
    let (status, location, _) = common::send(&app, req).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        location.as_deref(),
        Some("/cases/1/decisions/assess?challenge=recorded#challenges")
    );
    // Conceded, the refusal no longer stands: the case is open again for the
    // assessment, back in the tray, and what is left runs from today.
    let case = json(&app, &caseworker, GetCase::PATH, "id=1").await;
    assert_eq!(case["stage"], serde_json::to_value(Stage::NeedsAssessment).unwrap());
    let in_progress = "filter%5Btray%5D=InProgress&filter%5Bsearch%5D=&filter%5Bpage%5D=1";
    assert!(tray_ids(&json(&app, &caseworker, ListCases::PATH, in_progress).await).contains(&1));
    let due = |kind: &str| {
        case["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["kind"] == kind)
            .map(|d| {
                (
                    d["due"].as_str().unwrap().to_owned(),
                    d["after_order"].as_bool().unwrap(),
                )
            })
            .unwrap()
    };
    let weeks = |n: i64| (today() + chrono::Duration::days(7 * n)).to_string();
    assert_eq!(due("DecideToIssue"), (weeks(10), true));
    assert_eq!(due("IssueFinalPlan"), (weeks(14), true));
    // The family and the school are told the assessment will go ahead, and by when.
    for _ in 0..50 {
        if common::mail_count(&outbox) >= before + 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let told: Vec<String> = common::mails(&outbox)
        .into_iter()
        .filter(|m| m.contains("The council will carry out an EHC needs assessment"))
        .collect();
    for who in ["parent@", "advocate@"] {
        assert!(told.iter().any(|m| m.contains(who)), "{who} not told");
    }
    let final_by = app::domain::dates::long_date(today() + chrono::Duration::days(98));
    assert!(
        told.iter().all(|m| m.contains(&final_by) && !m.contains("Poppy")),
        "{told:?}"
    );
    // Recording it again on the open case reopens nothing more.
    let req = common::with_cookie(common::post_form(path, &ended), &caseworker);
    assert_eq!(common::send(&app, req).await.0, StatusCode::SEE_OTHER);
    let again = json(&app, &caseworker, GetCase::PATH, "id=1").await;
    assert_eq!(again["stage"], case["stage"]);
    // The family reads it on the decision's page; they may not record one.
    let parent = common::sign_in(&app, &outbox, "parent").await;
    let page = json(
        &app,
        &parent,
        app::decisions::decision_page::GetDecision::PATH,
        "case=1&question=Assess",
    )
    .await;
    assert_eq!(page["challenges"][0]["challenge"]["outcome"], "Conceded");
    assert_eq!(page["challenges"].as_array().unwrap().len(), 2);
    assert_eq!(page["may_record_challenge"], false);
    let req = common::with_cookie(common::post_form(path, &ended), &parent);
    assert_eq!(common::send(&app, req).await.0, StatusCode::FORBIDDEN);
    // A decision that does not exist is not found.
    let req = common::with_cookie(
        common::post_form(
            path,
            &ended.replace(&format!("decision%5D={decision}"), "decision%5D=999999"),
        ),
        &caseworker,
    );
    assert_eq!(common::send(&app, req).await.0, StatusCode::NOT_FOUND);
    // Nor is this refusal when the form names another case (Ezra's).
    let req = common::with_cookie(
        common::post_form(
            "/cases/2/decisions/assess/challenge",
            &ended.replace("input%5Bcase%5D=1", "input%5Bcase%5D=2"),
        ),
        &caseworker,
    );
    assert_eq!(common::send(&app, req).await.0, StatusCode::NOT_FOUND);
}
