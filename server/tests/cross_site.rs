//! Cross-site request forgery: a post is taken only from the hub's own pages,
//! named by their full origin (scheme, host and port, as in
//! `EHC_PUBLIC_URL`), and a post carrying someone's session cookie must say
//! where it came from.

// A panic in a test is a failed test: helpers may unwrap.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use common::{ORIGIN, send, sign_in, with_cookie};

const CASE: &str = "input%5Bfirst_name%5D=Rowan&input%5Blast_name%5D=Ashby&input%5Bdate_of_birth%5D%5Bday%5D=12\
    &input%5Bdate_of_birth%5D%5Bmonth%5D=5&input%5Bdate_of_birth%5D%5Byear%5D=2016&input%5Bsetting%5D=none\
    &input%5Brequested_by%5D=parent&input%5Breceived_on%5D%5Bday%5D=2&input%5Breceived_on%5D%5Bmonth%5D=11\
    &input%5Breceived_on%5D%5Byear%5D=2026";

const SIGN_IN: &str = "input%5Bemail%5D=caseworker%40demo-council.test&input%5Bpassword%5D=demo-password-2026";

/// A form post with exactly these headers besides its content type.
fn post(path: &str, form: &str, headers: &[(header::HeaderName, &str)]) -> Request<Body> {
    let mut req = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .body(Body::from(form.to_owned()))
        .unwrap();
    for (name, value) in headers {
        req.headers_mut().insert(name.clone(), value.parse().unwrap());
    }
    req
}

#[tokio::test]
async fn a_signed_in_post_is_taken_only_from_the_hubs_own_origin() {
    let (app, outbox) = common::app().await;
    let cookie = sign_in(&app, &outbox, "caseworker").await;
    let host = (header::HOST, "127.0.0.1:3000");
    for origin in [
        "https://127.0.0.1:3000",
        "http://127.0.0.1:3001",
        "http://evil.example",
        "http://127.0.0.1:3000.evil.example",
        "null",
    ] {
        let req = post("/cases/new", CASE, &[host.clone(), (header::ORIGIN, origin)]);
        let (status, location, _) = send(&app, with_cookie(req, &cookie)).await;
        assert_eq!((status, location), (StatusCode::FORBIDDEN, None), "{origin}");
    }
    // Without Origin, another site's fetch metadata is refused too.
    let req = post(
        "/cases/new",
        CASE,
        &[(header::HeaderName::from_static("sec-fetch-site"), "cross-site")],
    );
    let (status, _, _) = send(&app, with_cookie(req, &cookie)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // The hub's own page is taken.
    let req = post("/cases/new", CASE, &[(header::ORIGIN, ORIGIN), host.clone()]);
    let (status, location, _) = send(&app, with_cookie(req, &cookie)).await;
    assert_eq!(
        (status, location.as_deref()),
        (StatusCode::SEE_OTHER, Some("/cases/6?registered=1"))
    );
}

#[tokio::test]
async fn a_post_with_a_session_cookie_and_no_origin_is_refused() {
    let (app, outbox) = common::app().await;
    let cookie = sign_in(&app, &outbox, "caseworker").await;
    let (status, location, html) = send(&app, with_cookie(post("/cases/new", CASE, &[]), &cookie)).await;
    assert_eq!((status, location), (StatusCode::FORBIDDEN, None));
    assert!(html.contains("came from another website"));
    // Signing out is a post too: without the origin the session stays.
    let (status, _, _) = send(&app, with_cookie(post("/sign-out", "", &[]), &cookie)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = send(&app, with_cookie(common::get("/cases"), &cookie)).await;
    assert_eq!(status, StatusCode::OK);
}

/// A request with no session cookie acts as nobody, so there is nothing to
/// forge: a client that sends neither header may still post the sign-in form.
#[tokio::test]
async fn signing_in_without_a_cookie_needs_no_origin() {
    let (app, _outbox) = common::app().await;
    let (status, location, _) = send(&app, post("/sign-in", SIGN_IN, &[])).await;
    assert_eq!(
        (status, location.as_deref()),
        (StatusCode::SEE_OTHER, Some("/sign-in/code"))
    );
    // But not from another site's page.
    let req = post("/sign-in", SIGN_IN, &[(header::ORIGIN, "https://evil.example")]);
    let (status, _, _) = send(&app, req).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}
