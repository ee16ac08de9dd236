//! Limits on guessing passwords, through the real sign-in form: each
//! account locks after a few wrong passwords however many arrive at once,
//! and wrong passwords are counted by network address (behind a proxy, the
//! address the proxy saw).

// A panic in a test is a failed test: helpers may unwrap.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use app::accounts::throttle::{SignInThrottle, ThrottlePolicy};
use app::store::entities::{audit_event, sign_in_throttle};
use common::{post_form, send};

const WRONG: &str = "input%5Bemail%5D=caseworker%40demo-council.test&input%5Bpassword%5D=guess";
const RIGHT: &str = "input%5Bemail%5D=caseworker%40demo-council.test&input%5Bpassword%5D=demo-password-2026";

/// A request as it arrives from `ip` on a connection of its own.
fn from(ip: &str, mut req: axum::http::Request<axum::body::Body>) -> axum::http::Request<axum::body::Body> {
    let addr = std::net::SocketAddr::new(ip.parse().unwrap(), 50000);
    req.extensions_mut().insert(axum::extract::ConnectInfo(addr));
    req
}

/// Every wait is zero, so tests are quick; the timings have unit tests.
fn no_waiting() -> ThrottlePolicy {
    ThrottlePolicy {
        max_delay: std::time::Duration::ZERO,
        answer_floor: std::time::Duration::ZERO,
        ..ThrottlePolicy::default()
    }
}

#[tokio::test]
async fn behind_a_proxy_wrong_passwords_count_against_the_address_the_proxy_saw() {
    let (_, _, mut state) = common::app_with_state().await;
    state.trust_forwarded_for = true;
    state.throttle = std::sync::Arc::new(SignInThrottle::new(no_waiting()));
    let app = server::routes::router(state.clone());
    for n in 0..3 {
        let mut req = post_form("/sign-in", WRONG);
        // A client can put anything first; the proxy appends the address it saw.
        let forwarded = format!("203.0.113.{n}, 192.0.2.44");
        req.headers_mut().insert("x-forwarded-for", forwarded.parse().unwrap());
        let (status, _, _) = send(&app, req).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let counted: Vec<(String, i32)> = sign_in_throttle::Entity::find()
        .all(&state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|row| (row.address, row.failures))
        .collect();
    assert_eq!(counted, vec![("192.0.2.44".to_owned(), 3)]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn wrong_passwords_sent_at_once_are_checked_no_more_than_the_lock_allows() {
    let (_, outbox, mut state) = common::app_with_state().await;
    state.throttle = std::sync::Arc::new(SignInThrottle::new(no_waiting()));
    let app = server::routes::router(state.clone());
    // Sixty guesses at one account at once, each from its own address.
    let guesses: Vec<_> = (0..60)
        .map(|n| {
            let app = app.clone();
            let req = from(&format!("203.0.113.{n}"), post_form("/sign-in", WRONG));
            tokio::spawn(async move { send(&app, req).await })
        })
        .collect();
    let mut answers = Vec::new();
    for guess in guesses {
        let (status, _, html) = guess.await.unwrap();
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        answers.push(html);
    }
    let checked = audit_event::Entity::find()
        .filter(audit_event::Column::Detail.eq("wrong password"))
        .count(&state.db)
        .await
        .unwrap();
    assert_eq!(checked, 5, "only the attempts the lock allows are checked");
    // The fifth locks the account: the page says nothing of it (it answers
    // every address alike), and the owner is emailed, once.
    assert!(answers.iter().all(|html| html.contains(SAME_ANSWER)));
    assert!(!answers.iter().any(|html| html.contains("Your account is locked")));
    common::wait_for_mail(&outbox, 0).await;
    let told: Vec<_> = common::mails(&outbox)
        .into_iter()
        .filter(|m| m.contains("Subject: Your EHC hub account is locked for a while"))
        .collect();
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(told[0].contains("To: caseworker@demo-council.test"));
    // Locked now, even for the right password.
    refused_as_locked(&app, "198.51.100.7").await;
}

/// What every refused password is told, whatever the address.
const SAME_ANSWER: &str =
    "Enter a correct email address and password. After 5 wrong passwords or codes, an account is locked for 15 minutes";

/// The right password from `ip` is refused because the account is locked.
async fn refused_as_locked(app: &axum::Router, ip: &str) {
    let (status, _, html) = send(app, from(ip, post_form("/sign-in", RIGHT))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains(SAME_ANSWER), "{html}");
}

/// A school signs in from one address: one pupil's guesses slow guessing
/// down there, but never keep out a teacher who types her own password.
#[tokio::test]
async fn many_wrong_passwords_from_one_address_slow_guessing_but_never_keep_out_the_right_one() {
    let (_, _, mut state) = common::app_with_state().await;
    state.throttle = std::sync::Arc::new(SignInThrottle::new(no_waiting()));
    let app = server::routes::router(state);
    let school = "192.0.2.44";
    for n in 0..20 {
        let form = format!("input%5Bemail%5D=pupil{n}%40example.test&input%5Bpassword%5D=guess");
        let (status, _, _) = send(&app, from(school, post_form("/sign-in", &form))).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    // The right password still signs in from there…
    let (status, location, _) = send(&app, from(school, post_form("/sign-in", RIGHT))).await;
    assert_eq!(
        (status, location.as_deref()),
        (StatusCode::SEE_OTHER, Some("/sign-in/code"))
    );
    // …while the next try straight after, right or wrong, is asked to wait a few
    // seconds without the password being checked.
    for form in [WRONG, RIGHT] {
        let (status, _, html) = send(&app, from(school, post_form("/sign-in", form))).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(html.contains("Wait 5 seconds, then try again"), "{html}");
    }
    // Another address is not slowed.
    let (status, location, _) = send(&app, from("198.51.100.7", post_form("/sign-in", RIGHT))).await;
    assert_eq!(
        (status, location.as_deref()),
        (StatusCode::SEE_OTHER, Some("/sign-in/code"))
    );
}

/// Signs in with the password only, so the session waits for its second factor.
async fn half_signed_in(app: &axum::Router, ip: &str) -> String {
    let res = send_raw(app, from(ip, post_form("/sign-in", RIGHT))).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    common::cookie_of(res.headers()[axum::http::header::SET_COOKIE].to_str().unwrap())
}

async fn send_raw(app: &axum::Router, req: axum::http::Request<axum::body::Body>) -> axum::response::Response {
    use tower::ServiceExt;
    app.clone().oneshot(req).await.unwrap()
}

/// A six-digit code the authenticator does not show now, nor a step either side.
fn wrong_code(secret: &[u8]) -> String {
    let now = u64::try_from(chrono::Utc::now().timestamp()).unwrap();
    let near: Vec<String> = [now - 30, now, now + 30]
        .iter()
        .map(|t| app::accounts::totp::code_at(secret, *t))
        .collect();
    (0..4).map(|n| format!("{n:06}")).find(|c| !near.contains(c)).unwrap()
}

/// Gives the caseworker (account 1) an authenticator app; returns its key.
async fn enrol_the_caseworker(state: &app::state::AppState) -> Vec<u8> {
    let secret = app::accounts::totp::new_secret();
    let caseworker = app::domain::ids::AccountId(1);
    app::store::accounts::set_authenticator(&state.db, &state.secret_key, caseworker, Some(&secret))
        .await
        .unwrap();
    secret
}

fn code_form(code: &str) -> String {
    format!("input%5Bcode%5D={code}")
}

#[tokio::test]
async fn wrong_authenticator_codes_end_the_session_and_lock_the_account() {
    let (_, _, mut state) = common::app_with_state().await;
    state.throttle = std::sync::Arc::new(SignInThrottle::new(no_waiting()));
    let app = server::routes::router(state.clone());
    let secret = enrol_the_caseworker(&state).await;
    let cookie = half_signed_in(&app, "192.0.2.10").await;
    let guess = || common::with_cookie(post_form("/sign-in/code", &code_form(&wrong_code(&secret))), &cookie);
    for n in 1..5 {
        let (status, _, html) = send(&app, guess()).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "guess {n}");
        assert!(html.contains("The code is wrong or has expired"), "guess {n}");
    }
    let (status, _, html) = send(&app, guess()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Your account is locked for 15 minutes"), "{html}");
    // The half-signed-in session has ended…
    let (status, location, _) = send(&app, common::with_cookie(common::get("/sign-in/code"), &cookie)).await;
    assert_eq!((status, location.as_deref()), (StatusCode::SEE_OTHER, Some("/sign-in")));
    // …and the password alone no longer starts another.
    refused_as_locked(&app, "192.0.2.10").await;
}

#[tokio::test]
async fn a_session_gets_five_tries_at_the_code_whatever_the_account_allows() {
    let (_, _, mut state) = common::app_with_state().await;
    state.locks.failures_before_lock = 100;
    let app = server::routes::router(state.clone());
    let secret = enrol_the_caseworker(&state).await;
    let cookie = half_signed_in(&app, "192.0.2.11").await;
    let guess = |code: String| common::with_cookie(post_form("/sign-in/code", &code_form(&code)), &cookie);
    for _ in 0..5 {
        let (status, _, _) = send(&app, guess(wrong_code(&secret))).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    // Even the right code is too late now: this session has had its tries.
    let now = u64::try_from(chrono::Utc::now().timestamp()).unwrap();
    let (status, _, html) = send(&app, guess(app::accounts::totp::code_at(&secret, now))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("You entered a wrong code too many times. Sign in again"),
        "{html}"
    );
    let (_, location, _) = send(&app, common::with_cookie(common::get("/cases"), &cookie)).await;
    assert_eq!(location.as_deref(), Some("/sign-in"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_emailed_code_is_compared_once_however_many_tries_arrive_together() {
    let (app, outbox) = common::app().await;
    let before = common::mail_count(&outbox);
    let cookie = half_signed_in(&app, "192.0.2.12").await;
    let code = common::new_code(&outbox, before).await;
    // The right code, sent five times at once (all the tries a session has):
    // the first to arrive uses it up, and only it is compared.
    let tries: Vec<_> = (0..5)
        .map(|_| {
            let (app, req) = (
                app.clone(),
                common::with_cookie(post_form("/sign-in/code", &code_form(&code)), &cookie),
            );
            tokio::spawn(async move { send(&app, req).await.0 })
        })
        .collect();
    let mut passed = 0;
    for task in tries {
        if task.await.unwrap() == StatusCode::SEE_OTHER {
            passed += 1;
        }
    }
    assert_eq!(passed, 1);
}
