//! The "Sign-in security" page through the real forms: changing the second
//! factor asks for the password again, enables only the key the server made
//! for this session (never one posted back), keeps it sealed, and emails the
//! owner; the person sees their signed-in sessions and can end the others.

// A panic in a test is a failed test: helpers may unwrap.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use sea_orm::EntityTrait;

use common::{get, post_form, send, with_cookie};

const PASSWORD: &str = "demo-password-2026";

/// The key the page shows for typing into an app.
fn key_shown(html: &str) -> Vec<u8> {
    let at = html.find(r#"<code class="secret">"#).expect("the key is shown") + r#"<code class="secret">"#.len();
    let typed: String = html[at..html[at..].find('<').unwrap() + at]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    data_encoding::BASE32_NOPAD.decode(typed.as_bytes()).unwrap()
}

fn code_now(secret: &[u8]) -> String {
    app::accounts::totp::code_at(secret, u64::try_from(chrono::Utc::now().timestamp()).unwrap())
}

async fn stored_key(state: &app::state::AppState, email: &str) -> Option<String> {
    let record = app::store::accounts::find_for_sign_in(&state.db, email)
        .await
        .unwrap()
        .unwrap();
    app::store::entities::account::Entity::find_by_id(record.viewer.account)
        .one(&state.db)
        .await
        .unwrap()
        .unwrap()
        .totp_secret
}

#[tokio::test]
async fn changing_the_second_factor_asks_for_the_password_and_tells_the_owner() {
    let (app, outbox, state) = common::app_with_state().await;
    let cookie = common::sign_in(&app, &outbox, "caseworker").await;
    let email = "caseworker@demo-council.test";
    let (status, _, page) = send(&app, with_cookie(get("/account/security"), &cookie)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!page.contains(r#"name="input[secret]""#), "the key is not a form field");
    let secret = key_shown(&page);
    // The page shows the same key again to this session.
    let (_, _, again) = send(&app, with_cookie(get("/account/security"), &cookie)).await;
    assert_eq!(key_shown(&again), secret);

    let enable = |form: String| with_cookie(post_form("/account/security", &form), &cookie);
    // The right code without the right password changes nothing.
    let form = format!(
        "input%5Bcode%5D={}&input%5Bpassword%5D=not-my-password",
        code_now(&secret)
    );
    let (status, _, html) = send(&app, enable(form)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("The password is wrong"), "{html}");
    assert_eq!(stored_key(&state, email).await, None);

    // A key of someone else's choosing, posted with its own code, is not what gets enabled.
    let chosen = app::accounts::totp::new_secret();
    let form = format!(
        "input%5Bsecret%5D={}&input%5Bcode%5D={}&input%5Bpassword%5D={PASSWORD}",
        data_encoding::BASE32_NOPAD.encode(&chosen),
        code_now(&chosen)
    );
    let (status, _, html) = send(&app, enable(form)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("The code does not match"), "{html}");
    assert_eq!(stored_key(&state, email).await, None);

    let before = common::mail_count(&outbox);
    let form = format!("input%5Bcode%5D={}&input%5Bpassword%5D={PASSWORD}", code_now(&secret));
    let (status, location, _) = send(&app, enable(form)).await;
    assert_eq!(
        (status, location.as_deref()),
        (StatusCode::SEE_OTHER, Some("/account/security?enabled=1"))
    );
    // Sealed at rest: the database holds neither the key nor its base32.
    let stored = stored_key(&state, email).await.unwrap();
    assert!(stored.starts_with("v1:"), "{stored}");
    assert!(!stored.contains(&data_encoding::BASE32_NOPAD.encode(&secret)));
    common::wait_for_mail(&outbox, before).await;
    let told = common::mails(&outbox)
        .into_iter()
        .find(|m| m.contains("Subject: You now sign in to the EHC hub with an authenticator app"))
        .expect("the owner is emailed");
    assert!(told.contains(&format!("To: {email}")), "{told}");

    // Going back to emailed codes asks for the password too.
    let remove = |form: &str| with_cookie(post_form("/account/security/email", form), &cookie);
    let (status, _, html) = send(&app, remove("input%5Bpassword%5D=")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Enter your password"), "{html}");
    let (status, _, _) = send(&app, remove("input%5Bpassword%5D=wrong-password")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(stored_key(&state, email).await.is_some());
    let before = common::mail_count(&outbox);
    let (status, location, _) = send(&app, remove(&format!("input%5Bpassword%5D={PASSWORD}"))).await;
    assert_eq!(
        (status, location.as_deref()),
        (StatusCode::SEE_OTHER, Some("/account/security?email=1"))
    );
    assert_eq!(stored_key(&state, email).await, None);
    common::wait_for_mail(&outbox, before).await;
    assert!(
        common::mails(&outbox)
            .iter()
            .any(|m| m.contains("Subject: You now get EHC hub sign-in codes by email")),
        "the owner is emailed"
    );
}

#[tokio::test]
async fn a_person_sees_where_they_are_signed_in_and_signs_out_of_the_other_devices() {
    let (app, outbox) = common::app().await;
    let laptop = common::sign_in(&app, &outbox, "parent").await;
    let phone = common::sign_in(&app, &outbox, "parent").await;
    let someone_else = common::sign_in(&app, &outbox, "carer").await;
    let (status, _, page) = send(&app, with_cookie(get("/account/security"), &phone)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Where you are signed in"), "{page}");
    assert_eq!(page.matches("This device").count(), 1, "{page}");
    assert_eq!(page.matches("Another device").count(), 1, "{page}");
    assert!(page.contains(r#"action="/account/security/sessions""#), "{page}");

    let (status, location, _) = send(&app, with_cookie(post_form("/account/security/sessions", ""), &phone)).await;
    assert_eq!(
        (status, location.as_deref()),
        (StatusCode::SEE_OTHER, Some("/account/security?signed-out-others=1"))
    );
    // The laptop is signed out; this phone and other people are not.
    let (_, location, _) = send(&app, with_cookie(get("/cases"), &laptop)).await;
    assert_eq!(location.as_deref(), Some("/sign-in"));
    for still in [&phone, &someone_else] {
        let (status, _, _) = send(&app, with_cookie(get("/cases"), still)).await;
        assert_eq!(status, StatusCode::OK);
    }
    let (_, _, page) = send(&app, with_cookie(get("/account/security?signed-out-others=1"), &phone)).await;
    assert!(page.contains("You have signed out of all other devices."), "{page}");
    assert!(!page.contains("Another device"), "{page}");
}

/// Signs in with the password only, so the session waits for its second factor.
async fn half_signed_in(app: &axum::Router, who: &str) -> String {
    let form = format!("input%5Bemail%5D={who}%40demo-council.test&input%5Bpassword%5D={PASSWORD}");
    let res = tower::ServiceExt::oneshot(app.clone(), post_form("/sign-in", &form))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    common::cookie_of(res.headers()[axum::http::header::SET_COOKIE].to_str().unwrap())
}

#[tokio::test]
async fn sessions_abandoned_after_the_password_are_deleted_at_the_next_sign_in() {
    use app::store::entities::session;
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter};
    let (app, outbox, state) = common::app_with_state().await;
    half_signed_in(&app, "panel").await;
    half_signed_in(&app, "admin").await;
    // Their codes are sent before the next sign-in reads its own.
    common::wait_for_mail(&outbox, 1).await;
    // Twenty minutes on, neither has given a second factor.
    session::Entity::update_many()
        .col_expr(
            session::Column::CreatedAt,
            Expr::value(chrono::Utc::now() - chrono::TimeDelta::minutes(20)),
        )
        .exec(&state.db)
        .await
        .unwrap();
    let waiting = || {
        session::Entity::find()
            .filter(session::Column::SecondFactorPassed.eq(false))
            .count(&state.db)
    };
    assert_eq!(waiting().await.unwrap(), 2);
    // Someone else signs in: the abandoned sessions go, database-wide.
    common::sign_in(&app, &outbox, "caseworker").await;
    assert_eq!(waiting().await.unwrap(), 0);
    assert_eq!(session::Entity::find().count(&state.db).await.unwrap(), 1);
}
