//! Resetting a forgotten password through the real forms: once the password
//! has changed, every other link still in the inbox stops working, and the
//! owner is told by email that it changed.

// A panic in a test is a failed test: helpers may unwrap.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;

/// The token of the newest reset link.
fn latest_token(outbox: &std::path::Path) -> String {
    let mail = common::mails(outbox)
        .into_iter()
        .rev()
        .find(|m| m.contains("?token="))
        .unwrap();
    let at = mail.find("?token=").unwrap() + "?token=".len();
    mail[at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

async fn ask_for_a_link(app: &axum::Router, outbox: &std::path::Path) -> String {
    let before = common::mail_count(outbox);
    let form = "input%5Bemail%5D=parent%40demo-council.test";
    let (status, location, _) = common::send(app, common::post_form("/password/forgot", form)).await;
    assert_eq!(
        (status, location.as_deref()),
        (StatusCode::SEE_OTHER, Some("/password/forgot?sent=1"))
    );
    common::wait_for_mail(outbox, before).await;
    latest_token(outbox)
}

async fn choose(app: &axum::Router, token: &str, password: &str) -> (StatusCode, Option<String>, String) {
    let form = format!(
        "input%5Btoken%5D={token}&input%5Bpurpose%5D=reset&input%5Bpassword%5D={password}&input%5Bconfirm%5D={password}"
    );
    common::send(app, common::post_form(&format!("/password/reset?token={token}"), &form)).await
}

#[tokio::test]
async fn a_changed_password_ends_every_other_link_and_tells_the_owner() {
    let (app, outbox) = common::app().await;
    let first = ask_for_a_link(&app, &outbox).await;
    let second = ask_for_a_link(&app, &outbox).await;
    assert_ne!(first, second);

    let before = common::mail_count(&outbox);
    let (status, location, _) = choose(&app, &second, "lighthouse-meadow-kettle-42").await;
    assert_eq!(
        (status, location.as_deref()),
        (StatusCode::SEE_OTHER, Some("/sign-in?password-set=1"))
    );

    // The older link, still unused in the inbox, no longer changes anything.
    let (status, _, page) = choose(&app, &first, "someone-else-entirely-99").await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "the form comes back with its error"
    );
    assert!(
        page.contains("This link has expired or has already been used"),
        "{page}"
    );

    common::wait_for_mail(&outbox, before).await;
    let told = common::mails(&outbox)
        .into_iter()
        .find(|m| m.contains("Subject: Your EHC hub password has changed"))
        .expect("the owner is emailed");
    assert!(told.contains("To: parent@demo-council.test"), "{told}");
}

#[tokio::test]
async fn a_common_password_is_refused_beside_the_field_and_the_link_still_works() {
    let (app, outbox) = common::app().await;
    let token = ask_for_a_link(&app, &outbox).await;
    let too_easy = "Your password is too easy to guess.";
    for common in ["Password1234", "qwertyuiop12", "parent%40demo-council.test"] {
        let (status, _, page) = choose(&app, &token, common).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{common}");
        // In the summary at the top and beside the field.
        assert_eq!(page.matches(too_easy).count(), 2, "{common}: {page}");
        assert!(page.contains(r#"id="password-error""#), "{page}");
    }
    let (status, location, _) = choose(&app, &token, "lighthouse-meadow-kettle-42").await;
    assert_eq!(
        (status, location.as_deref()),
        (StatusCode::SEE_OTHER, Some("/sign-in?password-set=1"))
    );
}
