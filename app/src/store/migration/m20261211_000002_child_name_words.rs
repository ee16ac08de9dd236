//! The words of each child's names under their council
//! ([`crate::domain::names`]), so the trays' name search reads an index
//! range instead of testing every name in the council. The words compare
//! byte by byte on both engines (PostgreSQL's `C` collation; SQLite's
//! default), so a prefix is one range. Existing children's words are filled
//! in here, a batch at a time.

use sea_orm::{ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use sea_orm_migration::prelude::*;

use crate::domain::ids::{ChildId, LocalAuthorityId};
use crate::store::entities::{child, child_name_word};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261211_000002_child_name_words"
    }
}

const BATCH: u64 = 2_000;

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
            let rows: Vec<child_name_word::ActiveModel> = children
                .iter()
                .flat_map(|(id, council, first, last)| {
                    crate::domain::names::name_words(first, last)
                        .into_iter()
                        .map(|word| child_name_word::ActiveModel {
                            local_authority_id: Set(*council),
                            word: Set(word),
                            child_id: Set(*id),
                        })
                })
                .collect();
            if !rows.is_empty() {
                child_name_word::Entity::insert_many(rows).exec(db).await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Alias::new("child_name_word")).to_owned())
            .await
    }
}
