//! The plan's own routes without JavaScript: the plan page's several forms
//! posting to the one page, and the downloads, through the real router with
//! demo data (case 3 is Maya's, whose draft version 1 is shared).

// A panic in a test is a failed test: helpers may unwrap.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::{StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

use common::{app, get, post_form, send, sign_in, with_cookie};

#[tokio::test]
async fn each_form_on_the_plan_page_reaches_its_own_server_function() {
    let (app, outbox) = app().await;
    let caseworker = sign_in(&app, &outbox, "caseworker").await;

    // An unknown form is not a guess at another.
    let (status, _, _) = send(
        &app,
        with_cookie(post_form("/cases/3/plan?form=delete", "case=3"), &caseworker),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Comments are the family's: the caseworker is refused on the plan page itself, status and all.
    let comment = "case=3&version=1&part=a&body=Hello";
    let (status, location, html) = send(
        &app,
        with_cookie(post_form("/cases/3/plan?form=comment", comment), &caseworker),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(location, None);
    assert!(
        html.contains("Education, health and care plan"),
        "the plan page is shown again"
    );
    assert!(html.contains("You do not have permission to do this."));

    // Starting a new version redirects to it.
    let (status, location, _) = send(
        &app,
        with_cookie(post_form("/cases/3/plan?form=start", "case=3"), &caseworker),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/cases/3/plan?version=2&done=started"));
    let (_, _, html) = send(&app, with_cookie(get(&location.unwrap()), &caseworker)).await;
    assert!(html.contains("Draft version 2 (not shared)"));
    assert!(html.contains("Draft started."));
}

#[tokio::test]
async fn downloads_go_only_to_people_who_may_read_the_version() {
    let (app, outbox) = app().await;

    // Signed out: to the sign-in page, never the file.
    let (status, location, _) = send(&app, get("/cases/3/plan/1/plan.pdf")).await;
    assert!(status.is_redirection(), "{status}");
    assert_eq!(location.as_deref(), Some("/sign-in"));

    // A parent with no link to Maya's case: as if it did not exist.
    let parent = sign_in(&app, &outbox, "parent").await;
    let (status, _, _) = send(&app, with_cookie(get("/cases/3/plan/1/plan.pdf"), &parent)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // The caseworker gets a PDF to keep, never cached by anyone else.
    let caseworker = sign_in(&app, &outbox, "caseworker").await;
    let res = app
        .clone()
        .oneshot(with_cookie(get("/cases/3/plan/1/plan.pdf"), &caseworker))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[header::CONTENT_TYPE], "application/pdf");
    assert_eq!(
        res.headers()[header::CONTENT_DISPOSITION],
        "attachment; filename=\"DC-000003-plan-v1.pdf\""
    );
    assert_eq!(res.headers()[header::CACHE_CONTROL], "private, no-store");
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    assert!(bytes.starts_with(b"%PDF-"));

    // A letter that does not belong to this state of the plan, or an unknown file: not found.
    for path in [
        "/cases/3/plan/1/decision-letter.pdf",
        "/cases/3/plan/1/plan.exe",
        "/cases/3/plan/9/plan.pdf",
    ] {
        let (status, _, _) = send(&app, with_cookie(get(path), &caseworker)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
    }
}
