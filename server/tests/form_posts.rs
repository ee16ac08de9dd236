//! Form posts without JavaScript: the real router, a fresh database with demo
//! data, and requests as a browser with scripting off sends them.

// A panic in a test is a failed test: helpers may unwrap.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

use server::config::Config;
use server::routes::router;
use server::startup::build_state;

async fn app() -> Router {
    let mut config = Config::from_env().unwrap();
    config.database_url = "sqlite::memory:".into();
    config.demo_data = true;
    config.demo_extra_cases = 0;
    router(build_state(&config).await.unwrap())
}

async fn send(app: &Router, req: Request<Body>) -> (StatusCode, Option<String>, String) {
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let location = res
        .headers()
        .get(header::LOCATION)
        .map(|l| l.to_str().unwrap().to_owned());
    let body = res.into_body().collect().await.unwrap().to_bytes();
    (status, location, String::from_utf8_lossy(&body).into_owned())
}

fn post_form(path: &str, form: &str) -> Request<Body> {
    Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .body(Body::from(form.to_owned()))
        .unwrap()
}

fn get(path: &str) -> Request<Body> {
    Request::get(path)
        .header(header::ACCEPT, "text/html")
        .body(Body::empty())
        .unwrap()
}

#[tokio::test]
async fn a_rejected_form_comes_back_with_what_was_typed_and_every_error() {
    let app = app().await;
    let form = "input%5Bfirst_name%5D=Rowan&input%5Blast_name%5D=&input%5Bdate_of_birth%5D%5Bday%5D=12\
                &input%5Bdate_of_birth%5D%5Bmonth%5D=&input%5Bdate_of_birth%5D%5Byear%5D=2016&input%5Bsetting%5D=";
    let (status, location, html) = send(&app, post_form("/cases/new", form)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(location, None, "nothing typed may end up in an address");
    assert!(html.contains("There is a problem"));
    assert!(
        html.contains(r##"href="#last_name""##),
        "the summary links to the field"
    );
    assert!(html.contains("s last name"));
    assert!(html.contains("The date of birth must include a month"));
    assert!(html.contains("Select who made the request"));
    assert!(html.contains(r#"value="Rowan""#), "the first name typed is kept");
    assert!(html.contains(r#"value="2016""#), "the year typed is kept");
    assert!(!html.contains("s first name<"), "a first name was given");
}

#[tokio::test]
async fn an_accepted_form_redirects_to_the_new_case() {
    let app = app().await;
    let form = "input%5Bfirst_name%5D=Rowan&input%5Blast_name%5D=Ashby&input%5Bdate_of_birth%5D%5Bday%5D=12\
                &input%5Bdate_of_birth%5D%5Bmonth%5D=5&input%5Bdate_of_birth%5D%5Byear%5D=2016&input%5Bsetting%5D=none\
                &input%5Brequested_by%5D=parent&input%5Breceived_on%5D%5Bday%5D=2&input%5Breceived_on%5D%5Bmonth%5D=11\
                &input%5Breceived_on%5D%5Byear%5D=2026";
    let (status, location, _) = send(&app, post_form("/cases/new", form)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let location = location.unwrap();
    assert_eq!(location, "/cases/6?registered=1", "demo data holds five cases");

    let (status, _, html) = send(&app, get(&location)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Rowan Ashby"));
    assert!(html.contains("Request registered. The case reference is DC-000006."));
    assert!(html.contains("Week 6: by 14 December 2026"));
}

#[tokio::test]
async fn an_unknown_case_and_an_unknown_page_answer_404() {
    let app = app().await;
    let (status, _, html) = send(&app, get("/cases/424242")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Case not found"));
    let (status, _, html) = send(&app, get("/no-such-page")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Page not found"));
}

#[tokio::test]
async fn the_case_list_is_complete_in_the_first_response() {
    let app = app().await;
    let (status, _, html) = send(&app, get("/cases?tray=live")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("My live cases"));
    assert!(html.contains("Theo Brambleton"));
    assert!(html.contains("Isla Fernsby"));
    assert!(!html.contains("Poppy Larkspur"));
}
