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
