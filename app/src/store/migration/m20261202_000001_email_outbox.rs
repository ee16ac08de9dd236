//! Adds the email outbox: each email a row written in the same transaction as
//! what caused it, sent by a worker that claims it, with its attempts.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261202_000001_email_outbox"
    }
}

#[derive(DeriveIden)]
enum EhcCase {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum EmailOutbox {
    Table,
    Id,
    ToAddress,
    Subject,
    Body,
    CaseId,
    State,
    Attempts,
    NextAttemptAt,
    ClaimedBy,
    ClaimedUntil,
    LastError,
    CreatedAt,
    SentAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(EmailOutbox::Table)
                    .col(big_pk_auto(EmailOutbox::Id))
                    .col(string_len(EmailOutbox::ToAddress, 320))
                    .col(text(EmailOutbox::Subject))
                    .col(text(EmailOutbox::Body))
                    .col(big_integer_null(EmailOutbox::CaseId))
                    // `pending`, `sent` or `failed` (gave up after the last attempt).
                    .col(string_len(EmailOutbox::State, 10))
                    .col(integer(EmailOutbox::Attempts))
                    .col(timestamp_with_time_zone(EmailOutbox::NextAttemptAt))
                    // The worker sending it, until when: a worker that stops
                    // mid-send loses its claim, and another takes the email.
                    .col(string_len_null(EmailOutbox::ClaimedBy, 64))
                    .col(timestamp_with_time_zone_null(EmailOutbox::ClaimedUntil))
                    .col(text_null(EmailOutbox::LastError))
                    .col(timestamp_with_time_zone(EmailOutbox::CreatedAt))
                    .col(timestamp_with_time_zone_null(EmailOutbox::SentAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_email_outbox_case")
                            .from(EmailOutbox::Table, EmailOutbox::CaseId)
                            .to(EhcCase::Table, EhcCase::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_email_outbox_due")
                    .table(EmailOutbox::Table)
                    .col(EmailOutbox::State)
                    .col(EmailOutbox::NextAttemptAt)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(EmailOutbox::Table).to_owned())
            .await
    }
}
