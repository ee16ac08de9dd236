//! Fresh, migrated databases for repository tests: always SQLite, and
//! PostgreSQL too when `EHC_TEST_POSTGRES` names a server (the test script
//! starts one). `EHC_REQUIRE_POSTGRES=1` makes a missing server a failure, so
//! CI cannot quietly test one engine only.

use std::sync::atomic::{AtomicUsize, Ordering};

use sea_orm::{ConnectionTrait, Database, DatabaseConnection};

use super::connect_and_migrate;

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// Each engine's name with a new empty database of its own.
pub async fn databases() -> Vec<(&'static str, DatabaseConnection)> {
    let mut dbs = vec![("sqlite", connect_and_migrate("sqlite::memory:").await.expect("sqlite"))];
    match std::env::var("EHC_TEST_POSTGRES") {
        Ok(server) => {
            let name = format!(
                "ehc_test_{}_{}",
                std::process::id(),
                NEXT.fetch_add(1, Ordering::Relaxed)
            );
            let admin = Database::connect(format!("{server}/postgres"))
                .await
                .expect("postgres admin connection");
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .expect("create test database");
            admin.close().await.expect("close admin connection");
            let db = connect_and_migrate(&format!("{server}/{name}"))
                .await
                .expect("postgres");
            dbs.push(("postgres", db));
        }
        Err(_) => assert!(
            std::env::var("EHC_REQUIRE_POSTGRES").is_err(),
            "EHC_REQUIRE_POSTGRES is set but EHC_TEST_POSTGRES is not"
        ),
    }
    dbs
}

/// A case in `council` and a parent linked to it, for tests of what is
/// stored against a case.
#[allow(clippy::expect_used)]
pub async fn case_and_person(
    db: &DatabaseConnection,
    council: crate::domain::ids::LocalAuthorityId,
) -> (crate::domain::ids::CaseId, crate::domain::ids::AccountId) {
    use crate::domain::{access::Link, new_case::NewCase, requester::Requester, role::Role, stage::Stage};
    let now = chrono::Utc::now();
    let request = NewCase {
        first_name: "Kit".into(),
        last_name: "Test".into(),
        date_of_birth: chrono::NaiveDate::from_ymd_opt(2018, 4, 1).expect("date"),
        setting: None,
        requested_by: Requester::Parent,
        received_on: now.date_naive(),
    };
    let limits = crate::domain::deadlines::TimeLimits::default();
    let case = super::cases::create(
        db,
        council,
        &request,
        Stage::RequestReceived,
        &Default::default(),
        &limits,
        now,
    )
    .await
    .expect("case")
    .id;
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let email = format!("parent{n}@example.org");
    let parent = super::accounts::create(db, council, &email, "Alex Test", Role::ParentCarer, None, None, now)
        .await
        .expect("parent");
    super::case_links::link(db, case, Some(parent), None, Link::Family, now)
        .await
        .expect("link");
    (case, parent)
}
