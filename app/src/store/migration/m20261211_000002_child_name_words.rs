//! The words of each child's names under their council
//! ([`crate::domain::names`]), so the trays' name search reads an index
//! range instead of testing every name in the council. The words compare
//! byte by byte on both engines (PostgreSQL's `C` collation; SQLite's
//! default), so a prefix is one range. Existing children's words are filled
//! in here, a batch at a time.
//!
//! On PostgreSQL the planner is also told that a case's caseworker and
//! setting belong to its council: it multiplied the three conditions as if
//! independent, expected one case where a caseworker holds hundreds, and
//! chose a nested loop that read the search's words once per case
//! (measured by `tray-bench`: 10 ms for "my cases, searched by name" at
//! 640,000 cases, 0.4 ms with these statistics).

use sea_orm::{ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use sea_orm_migration::prelude::*;

use crate::domain::ids::{ChildId, LocalAuthorityId};
use crate::store::entities::child;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261211_000002_child_name_words"
    }
}

const BATCH: u64 = 2_000;

/// PostgreSQL's statistics of how a case's columns depend on each other.
const STATISTICS: [(&str, &str); 2] = [
    ("st_ehc_case_holder", "local_authority_id, caseworker_id, tray"),
    ("st_ehc_case_setting", "local_authority_id, setting_team_id, tray"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let collate = match db.get_database_backend() {
            DbBackend::Postgres => " COLLATE \"C\"",
            _ => "",
        };
        db.execute_unprepared(&format!(
            "CREATE TABLE child_name_word (\
               local_authority_id BIGINT NOT NULL, \
               word VARCHAR(64){collate} NOT NULL, \
               child_id BIGINT NOT NULL, \
               PRIMARY KEY (local_authority_id, word, child_id))"
        ))
        .await?;
        let mut after = ChildId(0);
        loop {
            let children: Vec<(ChildId, LocalAuthorityId, String, String)> = child::Entity::find()
                .select_only()
                .columns([
                    child::Column::Id,
                    child::Column::LocalAuthorityId,
                    child::Column::FirstName,
                    child::Column::LastName,
                ])
                .filter(child::Column::Id.gt(after))
                .order_by_asc(child::Column::Id)
                .limit(BATCH)
                .into_tuple()
                .all(db)
                .await?;
            let Some(last) = children.last() else {
                break;
            };
            after = last.0;
            let mut by_council: std::collections::BTreeMap<LocalAuthorityId, Vec<(ChildId, String, String)>> =
                std::collections::BTreeMap::new();
            for (id, council, first, last) in children {
                by_council.entry(council).or_default().push((id, first, last));
            }
            for (council, children) in by_council {
                crate::store::cases::keep_name_words(db, council, &children).await?;
            }
        }
        if db.get_database_backend() == DbBackend::Postgres {
            for (name, columns) in STATISTICS {
                db.execute_unprepared(&format!(
                    "CREATE STATISTICS IF NOT EXISTS {name} (dependencies) ON {columns} FROM ehc_case"
                ))
                .await?;
            }
            db.execute_unprepared("ANALYZE ehc_case").await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        if db.get_database_backend() == DbBackend::Postgres {
            for (name, _) in STATISTICS {
                db.execute_unprepared(&format!("DROP STATISTICS IF EXISTS {name}"))
                    .await?;
            }
        }
        manager
            .drop_table(Table::drop().table(Alias::new("child_name_word")).to_owned())
            .await
    }
}
