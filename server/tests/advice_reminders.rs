//! Reminders about requests for advice reach the person asked through the
//! outbox: once when due soon, once when overdue, with the case reference
//! and never the child's name.

// A panic in a test is a failed test: helpers may unwrap.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::domain::advice::RequestKind;
use app::domain::ids::CaseId;
use app::store::advice_requests::{Asked, NewRequest, create};

#[tokio::test]
async fn the_person_asked_is_reminded_once_before_the_due_date_and_once_after() {
    let (_app, outbox, state) = common::app_with_state().await;
    let db = &state.db;
    let id_of = async |email: &str| common::account_id(db, email).await;
    let caseworker = id_of("caseworker@demo-council.test").await;
    let psychologist = id_of("psychologist@demo-council.test").await;
    let today = app::state::today();
    let maya = CaseId(3);
    let due_on = today + chrono::TimeDelta::days(3);
    let new = NewRequest {
        case: maya,
        kind: RequestKind::Advice,
        asked: Asked::Person(psychologist),
        asked_by: caseworker,
        asked_on: today,
        due_on,
        note: "",
        now: chrono::Utc::now(),
    };
    create(db, new).await.unwrap();
    let reference = app::store::cases::record(db, maya)
        .await
        .unwrap()
        .unwrap()
        .heading
        .reference;

    let before = common::mail_count(&outbox);
    assert_eq!(app::advice::reminders::send_due(&state, today).await.unwrap(), 1);
    common::wait_for_mail(&outbox, before).await;
    let mail = common::mails(&outbox)
        .into_iter()
        .rev()
        .find(|m| m.contains("Due soon"))
        .unwrap();
    assert!(mail.contains("psychologist@demo-council.test"), "{mail}");
    assert!(mail.contains(&format!("case {reference}")), "{mail}");
    assert!(!mail.contains("Maya"), "{mail}");
    // The next look (the next hour, or another instance) sends nothing more.
    assert_eq!(app::advice::reminders::send_due(&state, today).await.unwrap(), 0);

    // The day after it was due: reminded once more, as overdue.
    let after = due_on + chrono::TimeDelta::days(1);
    let before = common::mail_count(&outbox);
    assert_eq!(app::advice::reminders::send_due(&state, after).await.unwrap(), 1);
    common::wait_for_mail(&outbox, before).await;
    assert!(
        common::mails(&outbox)
            .iter()
            .any(|m| m.contains("Overdue") && m.contains("is now overdue"))
    );
    assert_eq!(app::advice::reminders::send_due(&state, after).await.unwrap(), 0);
}
