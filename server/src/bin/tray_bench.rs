//! Measures the work trays at a given number of cases: loads the demo data
//! and `EHC_BENCH_CASES` invented cases (spread over councils as England's
//! are) into the database at `EHC_DATABASE_URL` if they are not there, then
//! reads each tray, filter and search many times as the demo caseworker and
//! the council's administrator would, and prints the median and 95th
//! percentile of each, and the query plans of the council's trays.
//!
//! ```text
//! EHC_DATABASE_URL=sqlite:///tmp/bench/1k.db?mode=rwc EHC_BENCH_CASES=1000 \
//!   cargo run --release -p server --bin tray-bench
//! ```

use std::time::{Duration, Instant};

use chrono::Utc;
use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};

use app::cases::types::{CaseFilter, DueFilter, Scope};
use app::domain::access::AccessPolicy;
use app::domain::deadlines::TimeLimits;
use app::domain::stage::{Stage, Tray};
use app::domain::viewer::Viewer;
use app::state::today;
use app::store::{self, demo, demo_bulk, trays};

/// Reads of each tray; the first ones warm every pooled connection's page
/// cache and are not counted.
const RUNS: usize = 300;
const WARM: usize = 60;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url = std::env::var("EHC_DATABASE_URL")?;
    let cases: usize = std::env::var("EHC_BENCH_CASES")
        .unwrap_or_else(|_| "1000".into())
        .parse()?;
    let limits = TimeLimits::default();
    let db = store::connect_and_migrate(&url).await?;
    let council = demo::load(&db, &limits, today(), Utc::now()).await?;
    if !demo_bulk::added(&db).await? {
        let started = Instant::now();
        let sam = demo_bulk::sam(&db).await?;
        let spread = demo_bulk::add(&db, council, sam, cases, &limits, today(), Utc::now()).await?;
        println!(
            "Added {cases} cases over {} councils ({} in the demo council) in {:.1} s",
            spread.councils,
            spread.home_cases,
            started.elapsed().as_secs_f64()
        );
    }
    // Both engines plan from statistics; gather them, and on PostgreSQL mark
    // the pages all-visible, as a running hub's autovacuum would.
    if db.get_database_backend() == DatabaseBackend::Postgres {
        db.execute_unprepared("VACUUM ANALYZE").await?;
    } else {
        db.execute_unprepared("ANALYZE").await?;
    }
    let total = count(&db, "SELECT COUNT(*) AS n FROM ehc_case").await?;
    let own = count(
        &db,
        &format!("SELECT COUNT(*) AS n FROM ehc_case WHERE local_authority_id = {council}"),
    )
    .await?;
    println!("{total} cases in all; {own} in the demo council\n");

    let sam = viewer(&db, "caseworker@demo-council.test").await?;
    let admin = viewer(&db, "admin@demo-council.test").await?;
    let setting = store::teams::settings(&db, council).await?.first().map(|s| s.id);
    let policy = AccessPolicy::default();
    let everyone = CaseFilter {
        scope: Some(Scope::Everyone),
        ..CaseFilter::default()
    };
    let scenarios: Vec<(&str, &Viewer, CaseFilter)> = vec![
        ("My cases in progress", &sam, CaseFilter::default()),
        (
            "My live cases",
            &sam,
            CaseFilter {
                tray: Tray::Live,
                ..CaseFilter::default()
            },
        ),
        (
            "My cases, searched by name",
            &sam,
            CaseFilter {
                search: "foxley".into(),
                ..CaseFilter::default()
            },
        ),
        (
            "My cases, overdue",
            &sam,
            CaseFilter {
                due: DueFilter::Overdue,
                ..CaseFilter::default()
            },
        ),
        ("Council: in progress", &admin, everyone.clone()),
        (
            "Council: overdue",
            &admin,
            CaseFilter {
                due: DueFilter::Overdue,
                ..everyone.clone()
            },
        ),
        (
            "Council: due soon",
            &admin,
            CaseFilter {
                due: DueFilter::Soon,
                ..everyone.clone()
            },
        ),
        (
            "Council: one stage",
            &admin,
            CaseFilter {
                stage: Some(Stage::NeedsAssessment),
                ..everyone.clone()
            },
        ),
        (
            "Council: one setting, overdue",
            &admin,
            CaseFilter {
                setting,
                due: DueFilter::Overdue,
                ..everyone.clone()
            },
        ),
        (
            "Council: with closed cases",
            &admin,
            CaseFilter {
                include_closed: true,
                ..everyone.clone()
            },
        ),
        (
            "Council: searched by reference",
            &admin,
            CaseFilter {
                search: "DC-000104".into(),
                ..everyone.clone()
            },
        ),
        (
            "Council: searched by name",
            &admin,
            CaseFilter {
                search: "foxley".into(),
                ..everyone.clone()
            },
        ),
        (
            "Council: awaiting allocation",
            &admin,
            CaseFilter {
                scope: Some(Scope::AwaitingAllocation),
                ..CaseFilter::default()
            },
        ),
    ];
    println!("| tray | cases | median ms | p95 ms |");
    println!("|---|---:|---:|---:|");
    for (name, who, filter) in &scenarios {
        let mut times = Vec::with_capacity(RUNS);
        let mut shown = 0;
        for run in 0..RUNS {
            let started = Instant::now();
            let list = trays::list(&db, who, filter, today(), &limits, &policy).await?;
            if run >= WARM {
                times.push(started.elapsed());
            }
            shown = list.total;
        }
        // The next page too, by its cursor: keyset, not an offset.
        times.sort();
        println!(
            "| {name} | {shown} | {:.2} | {:.2} |",
            ms(times[times.len() / 2]),
            ms(times[times.len() * 95 / 100])
        );
    }
    let second = trays::list(&db, &admin, &everyone, today(), &limits, &policy).await?;
    let next = CaseFilter {
        page: 2,
        after: second.next.clone(),
        ..everyone.clone()
    };
    let mut times = Vec::new();
    for run in 0..RUNS {
        let started = Instant::now();
        trays::list(&db, &admin, &next, today(), &limits, &policy).await?;
        if run >= WARM {
            times.push(started.elapsed());
        }
    }
    times.sort();
    println!(
        "| Council: next page (keyset) | {} | {:.2} | {:.2} |",
        second.total,
        ms(times[times.len() / 2]),
        ms(times[times.len() * 95 / 100])
    );

    for (name, who, filter) in [
        &scenarios[0],
        &scenarios[4],
        &scenarios[5],
        &scenarios[11],
        &scenarios[12],
    ] {
        println!("\nQuery plans: {name}");
        let backend = db.get_database_backend();
        for statement in trays::first_page_statements(who, filter, today(), &limits, &policy, backend) {
            explain(&db, statement).await?;
        }
    }
    Ok(())
}

/// A demo person as the trays see them.
async fn viewer(db: &sea_orm::DatabaseConnection, email: &str) -> Result<Viewer, Box<dyn std::error::Error>> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    use store::entities::account;
    let found = account::Entity::find()
        .filter(account::Column::Email.eq(email))
        .one(db)
        .await?
        .ok_or("the demo data has no such person")?;
    Ok(Viewer {
        account: found.id,
        name: found.name,
        email: found.email,
        role: found.role,
        council: found.local_authority_id,
        team: found.team_id,
        authenticator: false,
    })
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

async fn count(db: &sea_orm::DatabaseConnection, sql: &str) -> Result<i64, sea_orm::DbErr> {
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql.to_owned()))
        .await?;
    Ok(row.and_then(|r| r.try_get::<i64>("", "n").ok()).unwrap_or(0))
}

/// Prints the engine's plan for `statement`.
async fn explain(db: &sea_orm::DatabaseConnection, statement: Statement) -> Result<(), sea_orm::DbErr> {
    let backend = db.get_database_backend();
    let prefix = if backend == DatabaseBackend::Sqlite {
        "EXPLAIN QUERY PLAN "
    } else {
        "EXPLAIN "
    };
    let explained = Statement {
        sql: format!("{prefix}{}", statement.sql),
        ..statement
    };
    println!("  {}", explained.sql.replace('\n', " "));
    for row in db.query_all_raw(explained).await? {
        let line = if backend == DatabaseBackend::Sqlite {
            row.try_get::<String>("", "detail").unwrap_or_default()
        } else {
            row.try_get::<String>("", "QUERY PLAN").unwrap_or_default()
        };
        println!("    {line}");
    }
    Ok(())
}
