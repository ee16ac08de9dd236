//! The statutory decisions and the exceptions to the time limits: each
//! decision whether to assess or to issue, with its reasons, the areas of
//! need that meet the threshold and the panel's recommendations; and each
//! exception recorded on a case, with its period and a note.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261209_000001_decisions"
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
enum Decision {
    Table,
    Id,
    CaseId,
    Question,
    Agreed,
    DecidedOn,
    Reasons,
    Areas,
    Recommendations,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden)]
enum CaseException {
    Table,
    Id,
    CaseId,
    Kind,
    StartsOn,
    EndsOn,
    Note,
    RecordedBy,
    RecordedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Decision::Table)
                    .col(big_pk_auto(Decision::Id))
                    .col(big_integer(Decision::CaseId))
                    .col(string_len(Decision::Question, 16))
                    .col(boolean(Decision::Agreed))
                    .col(date(Decision::DecidedOn))
                    .col(text(Decision::Reasons))
                    // The areas' stored names, comma-separated.
                    .col(string_len(Decision::Areas, 200))
                    .col(text(Decision::Recommendations))
                    .col(big_integer(Decision::RecordedBy))
                    .col(timestamp_with_time_zone(Decision::RecordedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_decision_case")
                            .from(Decision::Table, Decision::CaseId)
                            .to(EhcCase::Table, EhcCase::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_decision_recorded_by")
                            .from(Decision::Table, Decision::RecordedBy)
                            .to(Account::Table, Account::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // One of each decision per case: the workflow allows it once, and this
        // keeps it so whatever the order two people press the button in.
        manager
            .create_index(
                Index::create()
                    .name("ux_decision_case_question")
                    .table(Decision::Table)
                    .col(Decision::CaseId)
                    .col(Decision::Question)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CaseException::Table)
                    .col(big_pk_auto(CaseException::Id))
                    .col(big_integer(CaseException::CaseId))
                    .col(string_len(CaseException::Kind, 32))
                    .col(date(CaseException::StartsOn))
                    .col(date_null(CaseException::EndsOn))
                    .col(text(CaseException::Note))
                    .col(big_integer(CaseException::RecordedBy))
                    .col(timestamp_with_time_zone(CaseException::RecordedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_case_exception_case")
                            .from(CaseException::Table, CaseException::CaseId)
                            .to(EhcCase::Table, EhcCase::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_case_exception_recorded_by")
                            .from(CaseException::Table, CaseException::RecordedBy)
                            .to(Account::Table, Account::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_case_exception_case")
                    .table(CaseException::Table)
                    .col(CaseException::CaseId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CaseException::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Decision::Table).to_owned())
            .await?;
        Ok(())
    }
}
