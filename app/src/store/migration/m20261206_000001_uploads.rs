//! Adds uploads: one row per file someone sends to a case, from its first
//! byte (a resumable upload still arriving) to a scanned file in storage.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261206_000001_uploads"
    }
}

#[derive(DeriveIden)]
enum EhcCase {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Upload {
    Table,
    Id,
    Token,
    CaseId,
    AccountId,
    Attachment,
    FileName,
    Caption,
    Length,
    Received,
    State,
    Media,
    ContentType,
    Refusal,
    StorageKey,
    ThumbnailKey,
    CreatedAt,
    ExpiresAt,
    CompletedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Upload::Table)
                    .col(big_pk_auto(Upload::Id))
                    // The upload's address: random, so it cannot be guessed.
                    .col(string_len_uniq(Upload::Token, 64))
                    .col(big_integer(Upload::CaseId))
                    .col(big_integer(Upload::AccountId))
                    .col(string_len(Upload::Attachment, 32))
                    // As the person's device named it: shown, never used as a path.
                    .col(string_len(Upload::FileName, 255))
                    .col(text(Upload::Caption))
                    .col(big_integer(Upload::Length))
                    .col(big_integer(Upload::Received))
                    .col(string_len(Upload::State, 16))
                    .col(string_len_null(Upload::Media, 16))
                    .col(string_len_null(Upload::ContentType, 128))
                    .col(text_null(Upload::Refusal))
                    .col(string_len_null(Upload::StorageKey, 128))
                    .col(string_len_null(Upload::ThumbnailKey, 128))
                    .col(timestamp_with_time_zone(Upload::CreatedAt))
                    // An upload still arriving after this is abandoned and removed.
                    .col(timestamp_with_time_zone(Upload::ExpiresAt))
                    .col(timestamp_with_time_zone_null(Upload::CompletedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_upload_case")
                            .from(Upload::Table, Upload::CaseId)
                            .to(EhcCase::Table, EhcCase::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_upload_account")
                            .from(Upload::Table, Upload::AccountId)
                            .to(Account::Table, Account::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_upload_case_attachment")
                    .table(Upload::Table)
                    .col(Upload::CaseId)
                    .col(Upload::Attachment)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_upload_state_expires")
                    .table(Upload::Table)
                    .col(Upload::State)
                    .col(Upload::ExpiresAt)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Upload::Table).to_owned()).await
    }
}
