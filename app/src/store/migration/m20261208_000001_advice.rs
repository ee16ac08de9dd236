//! Allocation and the advice itself: a team's request allocated to a member
//! becomes the member's own request (`allocated_from` names the team's); a
//! person's advice on the advice template is one row per request, its areas
//! one document; a file attached to a piece of advice names its request;
//! and each request records the day it was reminded (due soon, and overdue),
//! so each reminder goes once.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261208_000001_advice"
    }
}

#[derive(DeriveIden)]
enum AdviceRequest {
    Table,
    Id,
    AccountId,
    Status,
    AllocatedFrom,
    RemindedSoonOn,
    RemindedOverdueOn,
}

#[derive(DeriveIden)]
enum Upload {
    Table,
    AdviceRequestId,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Advice {
    Table,
    Id,
    RequestId,
    CaseId,
    OnBehalf,
    OnBehalfOf,
    GiverName,
    GiverRole,
    WillProvide,
    NoReason,
    Areas,
    Revision,
    UpdatedAt,
    UpdatedBy,
    SubmittedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(AdviceRequest::Table)
                    .add_column(big_integer_null(AdviceRequest::AllocatedFrom))
                    .to_owned(),
            )
            .await?;
        for column in [
            date_null(AdviceRequest::RemindedSoonOn),
            date_null(AdviceRequest::RemindedOverdueOn),
        ] {
            manager
                .alter_table(Table::alter().table(AdviceRequest::Table).add_column(column).to_owned())
                .await?;
        }
        // A person's requests, for their tray.
        manager
            .create_index(
                Index::create()
                    .name("ix_advice_request_account")
                    .table(AdviceRequest::Table)
                    .col(AdviceRequest::AccountId)
                    .col(AdviceRequest::Status)
                    .to_owned(),
            )
            .await?;
        // A team request's members, for its status and the manager's page.
        manager
            .create_index(
                Index::create()
                    .name("ix_advice_request_allocated_from")
                    .table(AdviceRequest::Table)
                    .col(AdviceRequest::AllocatedFrom)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Upload::Table)
                    .add_column(big_integer_null(Upload::AdviceRequestId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Advice::Table)
                    .col(big_pk_auto(Advice::Id))
                    .col(big_integer_uniq(Advice::RequestId))
                    .col(big_integer(Advice::CaseId))
                    .col(boolean(Advice::OnBehalf))
                    .col(string_len(Advice::OnBehalfOf, 200))
                    .col(string_len(Advice::GiverName, 200))
                    .col(string_len(Advice::GiverRole, 200))
                    // "yes", "no", or "" before it is answered.
                    .col(string_len(Advice::WillProvide, 8))
                    .col(text(Advice::NoReason))
                    // The areas, as one JSON document: saved whole, like a plan's part.
                    .col(text(Advice::Areas))
                    .col(integer(Advice::Revision))
                    .col(timestamp_with_time_zone(Advice::UpdatedAt))
                    .col(big_integer(Advice::UpdatedBy))
                    .col(timestamp_with_time_zone_null(Advice::SubmittedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_advice_request")
                            .from(Advice::Table, Advice::RequestId)
                            .to(AdviceRequest::Table, AdviceRequest::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_advice_updated_by")
                            .from(Advice::Table, Advice::UpdatedBy)
                            .to(Account::Table, Account::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_advice_case")
                    .table(Advice::Table)
                    .col(Advice::CaseId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Advice::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Upload::Table)
                    .drop_column(Upload::AdviceRequestId)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("ix_advice_request_allocated_from")
                    .table(AdviceRequest::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("ix_advice_request_account")
                    .table(AdviceRequest::Table)
                    .to_owned(),
            )
            .await?;
        for column in [
            AdviceRequest::AllocatedFrom,
            AdviceRequest::RemindedSoonOn,
            AdviceRequest::RemindedOverdueOn,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(AdviceRequest::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
