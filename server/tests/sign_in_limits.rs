//! Limits on guessing passwords, through the real sign-in form: wrong
//! passwords counted by network address (behind a proxy, the address the
//! proxy saw).

// A panic in a test is a failed test: helpers may unwrap.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use sea_orm::EntityTrait;

use app::accounts::throttle::{SignInThrottle, ThrottlePolicy};
use app::store::entities::sign_in_throttle;
use common::{post_form, send};

/// Every wait is zero, so tests are quick; the timings have unit tests.
fn no_waiting() -> ThrottlePolicy {
    ThrottlePolicy {
        max_delay: std::time::Duration::ZERO,
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
        let mut req = post_form(
            "/sign-in",
            "input%5Bemail%5D=caseworker%40demo-council.test&input%5Bpassword%5D=guess",
        );
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
