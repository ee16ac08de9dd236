//! Form posts without JavaScript: the real router, a fresh database with demo
//! data, and requests as a browser with scripting off sends them.

// A panic in a test is a failed test: helpers may unwrap.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::{StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

use common::{app, cookie_of, get, post_form, send, sign_in, with_cookie};

#[tokio::test]
async fn a_rejected_form_comes_back_with_what_was_typed_and_every_error() {
    let (app, outbox) = app().await;
    let cookie = sign_in(&app, &outbox, "caseworker").await;
    let form = "input%5Bfirst_name%5D=Rowan&input%5Blast_name%5D=&input%5Bdate_of_birth%5D%5Bday%5D=12\
                &input%5Bdate_of_birth%5D%5Bmonth%5D=&input%5Bdate_of_birth%5D%5Byear%5D=2016&input%5Bsetting%5D=";
    let (status, location, html) = send(&app, with_cookie(post_form("/cases/new", form), &cookie)).await;
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
    let (app, outbox) = app().await;
    let cookie = sign_in(&app, &outbox, "caseworker").await;
    let form = "input%5Bfirst_name%5D=Rowan&input%5Blast_name%5D=Ashby&input%5Bdate_of_birth%5D%5Bday%5D=12\
                &input%5Bdate_of_birth%5D%5Bmonth%5D=5&input%5Bdate_of_birth%5D%5Byear%5D=2016&input%5Bsetting%5D=none\
                &input%5Brequested_by%5D=parent&input%5Breceived_on%5D%5Bday%5D=2&input%5Breceived_on%5D%5Bmonth%5D=11\
                &input%5Breceived_on%5D%5Byear%5D=2026";
    let (status, location, _) = send(&app, with_cookie(post_form("/cases/new", form), &cookie)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let location = location.unwrap();
    assert_eq!(location, "/cases/6?registered=1", "demo data holds five cases");

    let (status, _, html) = send(&app, with_cookie(get(&location), &cookie)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Rowan Ashby"));
    assert!(html.contains("Request registered. The case reference is DC-000006."));
    assert!(html.contains("Week 6: by 14 December 2026"));
}

#[tokio::test]
async fn an_unknown_case_and_an_unknown_page_answer_404() {
    let (app, outbox) = app().await;
    let cookie = sign_in(&app, &outbox, "caseworker").await;
    let (status, _, html) = send(&app, with_cookie(get("/cases/424242"), &cookie)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Case not found"));
    let (status, _, html) = send(&app, with_cookie(get("/no-such-page"), &cookie)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Page not found"));
}

#[tokio::test]
async fn the_case_list_is_complete_in_the_first_response() {
    let (app, outbox) = app().await;
    let cookie = sign_in(&app, &outbox, "caseworker").await;
    let (status, _, html) = send(&app, with_cookie(get("/cases?tray=live"), &cookie)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("My live cases"));
    assert!(html.contains("Theo Brambleton"));
    assert!(html.contains("Isla Fernsby"));
    assert!(!html.contains("Poppy Larkspur"));
}

#[tokio::test]
async fn pages_send_people_who_are_not_signed_in_to_sign_in() {
    let (app, outbox) = app().await;
    for path in ["/cases", "/cases/1", "/cases/new"] {
        let (status, location, _) = send(&app, get(path)).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{path}");
        assert_eq!(location.as_deref(), Some("/sign-in"), "{path}");
    }
    // Halfway through (password but no code yet) only the code page opens.
    let form = "input%5Bemail%5D=caseworker%40demo-council.test&input%5Bpassword%5D=demo-password-2026";
    let res = app.clone().oneshot(post_form("/sign-in", form)).await.unwrap();
    let cookie = cookie_of(res.headers()[header::SET_COOKIE].to_str().unwrap());
    assert!(
        res.headers()[header::SET_COOKIE]
            .to_str()
            .unwrap()
            .contains("HttpOnly; SameSite=Lax")
    );
    let (status, location, _) = send(&app, with_cookie(get("/cases"), &cookie)).await;
    assert_eq!(
        (status, location.as_deref()),
        (StatusCode::SEE_OTHER, Some("/sign-in/code"))
    );
    let (status, _, html) = send(&app, with_cookie(get("/sign-in/code"), &cookie)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Check your email"));
    let _ = common::new_code(&outbox, 0).await;
}

#[tokio::test]
async fn a_wrong_password_gets_one_message_whether_or_not_the_account_exists() {
    let (app, _outbox) = app().await;
    for email in ["caseworker%40demo-council.test", "nobody%40demo-council.test"] {
        let form = format!("input%5Bemail%5D={email}&input%5Bpassword%5D=wrong-password");
        let (status, location, html) = send(&app, post_form("/sign-in", &form)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{email}");
        assert_eq!(location, None);
        assert!(html.contains("Enter a correct email address and password"), "{email}");
        assert!(!html.contains("wrong-password"), "a password is never shown again");
    }
}

#[tokio::test]
async fn a_parent_sees_only_their_own_child() {
    let (app, outbox) = app().await;
    let cookie = sign_in(&app, &outbox, "parent").await;
    let (status, _, html) = send(&app, with_cookie(get("/cases"), &cookie)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Poppy Larkspur"));
    assert!(!html.contains("Ezra Thistlewood"));
    // Another child's case answers as if it did not exist.
    let (status, _, html) = send(&app, with_cookie(get("/cases/2"), &cookie)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!html.contains("Ezra"));
    // And a parent cannot register a request as the council.
    let form = "input%5Bfirst_name%5D=A&input%5Blast_name%5D=B";
    let (status, _, html) = send(&app, with_cookie(post_form("/cases/new", form), &cookie)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(html.contains("You do not have permission to do this."));
}

#[tokio::test]
async fn a_post_from_another_website_is_refused() {
    let (app, _outbox) = app().await;
    let form = "input%5Bemail%5D=caseworker%40demo-council.test&input%5Bpassword%5D=demo-password-2026";
    let mut req = post_form("/sign-in", form);
    req.headers_mut()
        .insert(header::HOST, "127.0.0.1:3000".parse().unwrap());
    req.headers_mut()
        .insert(header::ORIGIN, "https://evil.example".parse().unwrap());
    let (status, location, _) = send(&app, req).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(location, None);
}

#[tokio::test]
async fn pages_carry_security_headers() {
    let (app, _outbox) = app().await;
    let res = app.clone().oneshot(get("/sign-in")).await.unwrap();
    let headers = res.headers().clone();
    let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(csp.contains("frame-ancestors 'none'"));
    assert!(!csp.contains("unsafe-inline"), "inline scripts need this page's nonce");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap()
        .to_owned();
    let html = String::from_utf8(res.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap();
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "the page's inline scripts carry the nonce"
    );
    assert_eq!(headers[header::X_FRAME_OPTIONS], "DENY");
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(headers[header::REFERRER_POLICY], "same-origin");
}

#[tokio::test]
async fn password_and_invitation_pages_open_without_signing_in() {
    let (app, _outbox) = app().await;
    for path in [
        "/sign-in",
        "/password/forgot",
        "/password/reset?token=x",
        "/register?token=x",
    ] {
        let (status, location, _) = send(&app, get(path)).await;
        assert_eq!((status, location), (StatusCode::OK, None), "{path}");
    }
}

/// A request as it arrives from `ip` on a connection of its own.
fn from(ip: &str, mut req: axum::http::Request<axum::body::Body>) -> axum::http::Request<axum::body::Body> {
    let addr = std::net::SocketAddr::new(ip.parse().unwrap(), 50000);
    req.extensions_mut().insert(axum::extract::ConnectInfo(addr));
    req
}

#[tokio::test]
async fn local_runs_show_the_outbox_with_the_sign_in_code_on_this_machine_only() {
    let (_, outbox, state) = common::app_with_state().await;
    let app = server::routes::router_with_outbox(state, Some(outbox.clone()));
    let form = "input%5Bemail%5D=caseworker%40demo-council.test&input%5Bpassword%5D=demo-password-2026";
    send(&app, post_form("/sign-in", form)).await;
    let code = common::new_code(&outbox, 0).await;
    for ip in ["127.0.0.1", "::1"] {
        let (status, _, html) = send(&app, from(ip, get("/dev/mail"))).await;
        assert_eq!(status, StatusCode::OK, "{ip}");
        assert!(html.contains(&format!("Your sign-in code is {code}")), "{ip}");
    }
    // Another machine on the network, or one whose address is unknown, sees nothing.
    for req in [from("192.168.1.20", get("/dev/mail")), get("/dev/mail")] {
        let (status, _, html) = send(&app, req).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(!html.contains(&code));
    }
    // Nor does anyone through a proxy on this machine that the hub does not trust.
    let mut proxied = from("127.0.0.1", get("/dev/mail"));
    proxied
        .headers_mut()
        .insert("x-forwarded-for", "192.168.1.20".parse().unwrap());
    let (status, _, _) = send(&app, proxied).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Without an outbox (SMTP, or no demo data) there is no such page.
    let (plain, _) = common::app().await;
    let (status, _, _) = send(&plain, from("127.0.0.1", get("/dev/mail"))).await;
    assert_ne!(status, StatusCode::OK);
}

#[tokio::test]
async fn server_function_refusals_keep_their_status_when_compressed() {
    use leptos::server_fn::ServerFn;
    let (app, _outbox) = app().await;
    let req = axum::http::Request::post(app::cases::case_list_page::ListCases::PATH)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .header(header::ACCEPT_ENCODING, "br, gzip")
        .body(axum::body::Body::from(
            "filter%5Btray%5D=InProgress&filter%5Bsearch%5D=&filter%5Bpage%5D=1",
        ))
        .unwrap();
    let (status, _, _) = send(&app, req).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}
