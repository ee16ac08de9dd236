//! Adds requests for information and for advice: one row per team or named
//! professional asked on a case, with when it was asked, when it is due and
//! where it stands; and a contact address for each team, where requests to
//! the team are emailed.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261207_000002_advice_requests"
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
enum Team {
    Table,
    Id,
    ContactEmail,
}

#[derive(DeriveIden)]
enum AdviceRequest {
    Table,
    Id,
    CaseId,
    Kind,
    TeamId,
    AccountId,
    Status,
    AskedBy,
    AskedOn,
    DueOn,
    Note,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Team::Table)
                    .add_column(string_len_null(Team::ContactEmail, 254))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AdviceRequest::Table)
                    .col(big_pk_auto(AdviceRequest::Id))
                    .col(big_integer(AdviceRequest::CaseId))
                    .col(string_len(AdviceRequest::Kind, 16))
                    // A team, or a named professional: one of the two.
                    .col(big_integer_null(AdviceRequest::TeamId))
                    .col(big_integer_null(AdviceRequest::AccountId))
                    .col(string_len(AdviceRequest::Status, 24))
                    .col(big_integer(AdviceRequest::AskedBy))
                    .col(date(AdviceRequest::AskedOn))
                    .col(date(AdviceRequest::DueOn))
                    // What the caseworker adds to the request, for the person asked.
                    .col(text(AdviceRequest::Note))
                    .col(integer(AdviceRequest::Version))
                    .col(timestamp_with_time_zone(AdviceRequest::CreatedAt))
                    .col(timestamp_with_time_zone(AdviceRequest::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_advice_request_case")
                            .from(AdviceRequest::Table, AdviceRequest::CaseId)
                            .to(EhcCase::Table, EhcCase::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_advice_request_team")
                            .from(AdviceRequest::Table, AdviceRequest::TeamId)
                            .to(Team::Table, Team::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_advice_request_account")
                            .from(AdviceRequest::Table, AdviceRequest::AccountId)
                            .to(Account::Table, Account::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_advice_request_asked_by")
                            .from(AdviceRequest::Table, AdviceRequest::AskedBy)
                            .to(Account::Table, Account::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // A case's requests, in the order they were made.
        manager
            .create_index(
                Index::create()
                    .name("ix_advice_request_case")
                    .table(AdviceRequest::Table)
                    .col(AdviceRequest::CaseId)
                    .col(AdviceRequest::Id)
                    .to_owned(),
            )
            .await?;
        // A team's requests, for its managers' tray.
        manager
            .create_index(
                Index::create()
                    .name("ix_advice_request_team")
                    .table(AdviceRequest::Table)
                    .col(AdviceRequest::TeamId)
                    .col(AdviceRequest::Status)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AdviceRequest::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Team::Table)
                    .drop_column(Team::ContactEmail)
                    .to_owned(),
            )
            .await
    }
}
