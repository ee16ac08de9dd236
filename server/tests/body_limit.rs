//! Bounded requests: a body far past what a real form needs is refused, 413,
//! before anything reads it; the largest real form still fits; and the
//! plan's lists and a person's comments stop at limits with a message where
//! the person is looking.

// A panic in a test is a failed test: helpers may unwrap.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use leptos::server_fn::ServerFn;

use app::domain::plan::content::{Area, Outcome, PartContent};
use app::domain::plan::form::PlanForm;
use common::{ORIGIN, get, post_form, send, sign_in, with_cookie};
use server::body_limit::{BODY_LIMIT, TOO_LARGE};

#[tokio::test]
async fn a_body_past_the_limit_is_refused_before_anyone_is_asked_to_sign_in() {
    let (app, _outbox) = common::app().await;
    let search = format!(
        "filter%5Btray%5D=InProgress&filter%5Bpage%5D=1&filter%5Bsearch%5D={}",
        "x".repeat(BODY_LIMIT)
    );
    let call = |length: Option<usize>| {
        let mut req = Request::post(app::cases::case_list_page::ListCases::PATH)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ORIGIN, ORIGIN)
            .body(Body::from(search.clone()))
            .unwrap();
        if let Some(length) = length {
            req.headers_mut().insert(header::CONTENT_LENGTH, length.into());
        }
        req
    };
    // Streamed with no length given, and with its length declared.
    for req in [call(None), call(Some(search.len()))] {
        let (status, _, body) = send(&app, req).await;
        assert_eq!((status, body.as_str()), (StatusCode::PAYLOAD_TOO_LARGE, TOO_LARGE));
    }
    let (status, _, body) = send(&app, post_form("/sign-in", &search)).await;
    assert_eq!((status, body.as_str()), (StatusCode::PAYLOAD_TOO_LARGE, TOO_LARGE));
}

/// Maya's twelve outcomes, each with three steps and four pieces of
/// provision, all in one part: more than any real part holds.
fn every_outcome_in_one_part() -> Area {
    let mut all = Area::default();
    for (_, _, content) in app::store::demo_plan::full_plan("Maya") {
        if let PartContent::Area(area) = content {
            all.needs.push_str(&area.needs);
            all.outcomes.extend(area.outcomes);
            all.next_key = all.next_key.max(area.next_key);
        }
    }
    all
}

/// The part editor's post, as the browser sends it.
fn part_form(revision: &str, intent: &str, area: Area) -> String {
    #[derive(serde::Serialize)]
    struct Fields {
        form: PlanForm,
    }
    let form = PlanForm::from_content(&PartContent::Area(area));
    let fields = serde_qs::to_string(&Fields { form }).unwrap();
    format!("case=3&part=communication&revision={revision}&status=in_progress&intent={intent}&{fields}")
}

/// Starts draft version 2 of Maya's plan (version 1 is shared) and returns
/// the communication part's revision.
async fn new_draft(app: &Router, cookie: &str) -> String {
    let start = post_form("/cases/3/plan?form=start", "case=3");
    let (status, _, _) = send(app, with_cookie(start, cookie)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, _, html) = send(app, with_cookie(get("/cases/3/plan/edit/communication"), cookie)).await;
    let at = html.find(r#"name="revision" value=""#).unwrap() + r#"name="revision" value=""#.len();
    html[at..].split('"').next().unwrap().to_owned()
}

#[tokio::test]
async fn the_largest_real_form_is_taken() {
    let (app, outbox) = common::app().await;
    let cookie = sign_in(&app, &outbox, "caseworker").await;
    let revision = new_draft(&app, &cookie).await;
    let body = part_form(&revision, "save", every_outcome_in_one_part());
    assert!(body.len() > 25_000, "the form is full size: {} bytes", body.len());
    let post = post_form("/cases/3/plan/edit/communication", &body);
    let (status, location, _) = send(&app, with_cookie(post, &cookie)).await;
    assert_eq!(
        (status, location.as_deref()),
        (StatusCode::SEE_OTHER, Some("/cases/3/plan?done=saved#tasks"))
    );
}

#[tokio::test]
async fn lists_stop_at_their_limit_with_a_message_beside_the_add_button() {
    let (app, outbox) = common::app().await;
    let cookie = sign_in(&app, &outbox, "caseworker").await;
    let revision = new_draft(&app, &cookie).await;
    // Twenty-one outcomes is one more than an area may have.
    let mut area = every_outcome_in_one_part();
    let extra: Vec<Outcome> = area.outcomes[..9]
        .iter()
        .map(|o| Outcome {
            key: o.key + 1000,
            text: o.text.clone(),
            ..Outcome::default()
        })
        .collect();
    area.outcomes.extend(extra);
    let post = post_form("/cases/3/plan/edit/communication", &part_form(&revision, "save", area));
    let (status, location, html) = send(&app, with_cookie(post, &cookie)).await;
    assert_eq!((status, location), (StatusCode::UNPROCESSABLE_ENTITY, None));
    assert!(html.contains(r##"<a href="#add-outcomes">An area of need can have up to 20 outcomes</a>"##));
    assert!(
        html.contains(r#"id="add-outcomes-error""#),
        "the message is beside the button"
    );

    // Adding an eleventh step to an outcome with ten.
    let mut area = every_outcome_in_one_part();
    area.outcomes.truncate(1);
    let first = area.outcomes[0].clone();
    while area.outcomes[0].steps.len() < 10 {
        let mut step = first.steps[0].clone();
        step.key = area.next_key;
        area.next_key += 1;
        area.outcomes[0].steps.push(step);
    }
    let intent = format!("add_step:{}", first.key);
    let post = post_form("/cases/3/plan/edit/communication", &part_form(&revision, &intent, area));
    let (status, _, html) = send(&app, with_cookie(post, &cookie)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Outcome 1 can have up to 10 steps"));
    assert!(html.contains(&format!(r#"id="add-steps-{}-error""#, first.key)));
}

#[tokio::test]
async fn a_person_may_leave_only_so_many_comments_on_one_section() {
    let (app, outbox) = common::app().await;
    let carer = sign_in(&app, &outbox, "carer").await;
    let comment = |n: usize| {
        let form = format!("case=3&version=1&part=a&body=Comment+{n}");
        with_cookie(post_form("/cases/3/plan?form=comment", &form), &carer)
    };
    for n in 1..=30 {
        let (status, _, _) = send(&app, comment(n)).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "comment {n}");
    }
    let (status, location, html) = send(&app, comment(31)).await;
    assert_eq!((status, location), (StatusCode::UNPROCESSABLE_ENTITY, None));
    assert!(html.contains("You have left 30 comments on this section, which is the most you can leave."));
    // Another section still takes comments.
    let other = with_cookie(
        post_form("/cases/3/plan?form=comment", "case=3&version=1&part=k&body=Thanks"),
        &carer,
    );
    let (status, _, _) = send(&app, other).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
}
