//! Server-only persistence: the database connection, migrations, entities and
//! the repository functions pages reach through server functions. Works the
//! same on SQLite (the embedded default) and PostgreSQL.

pub mod accounts;
pub mod advice;
pub mod advice_requests;
pub mod advice_trays;
pub mod allocation;
pub mod assessment_requests;
pub mod audit;
pub mod audit_batch;
pub mod case_events;
pub mod case_links;
pub mod cases;
pub mod cease;
pub mod challenges;
pub mod councils;
pub mod decisions;
pub mod demo;
pub mod demo_bulk;
pub mod demo_plan;
pub mod entities;
pub mod figures;
pub mod migration;
pub mod outbox;
pub mod plan_responses;
pub mod plans;
pub mod sen2;
pub mod sessions;
pub mod teams;
pub mod tokens;
pub mod trays;
pub mod uploads;
pub mod views;

use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr};
use sea_orm_migration::MigratorTrait;

/// Opens the database at `url` and brings its schema up to date.
///
/// SQLite files are created if missing and run in WAL mode so page reads do
/// not wait for writes; foreign keys are enforced on both engines.
///
/// # Errors
/// The database cannot be reached, or a migration fails.
pub async fn connect_and_migrate(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options.sqlx_logging(false);
    if url.starts_with("sqlite:") {
        // An in-memory database exists once per connection, so tests get exactly one.
        let connections = if url.contains(":memory:") { 1 } else { 8 };
        options.max_connections(connections).min_connections(1);
        // Set on every connection of the pool, not just the first.
        options.map_sqlx_sqlite_opts(|o| o.foreign_keys(true).busy_timeout(std::time::Duration::from_secs(5)));
    } else {
        options.max_connections(16);
    }
    let db = Database::connect(options).await?;
    if db.get_database_backend() == DbBackend::Sqlite {
        // Kept in the file itself.
        db.execute_unprepared("PRAGMA journal_mode = WAL;").await?;
    }
    migration::Migrator::up(&db, None).await?;
    Ok(db)
}

#[cfg(test)]
pub(crate) mod test_db;
