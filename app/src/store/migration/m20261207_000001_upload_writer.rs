//! Who is writing an upload's bytes, and until when: a lease in the
//! database, so that of several server instances sharing the staging folder
//! only one request at a time appends to an upload, and a server that dies
//! mid-request holds it no longer than the lease.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261207_000001_upload_writer"
    }
}

#[derive(DeriveIden)]
enum Upload {
    Table,
    Writer,
    WritingUntil,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column a statement: SQLite adds no more.
        manager
            .alter_table(
                Table::alter()
                    .table(Upload::Table)
                    .add_column(string_len_null(Upload::Writer, 64))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Upload::Table)
                    .add_column(timestamp_with_time_zone_null(Upload::WritingUntil))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Upload::WritingUntil, Upload::Writer] {
            manager
                .alter_table(Table::alter().table(Upload::Table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}
