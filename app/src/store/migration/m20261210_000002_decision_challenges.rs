//! Mediation and appeals recorded against a decision: which, when it began,
//! how it ended (or that it has not yet) and when, and a note.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261210_000002_decision_challenges"
    }
}

#[derive(DeriveIden)]
enum Decision {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum DecisionChallenge {
    Table,
    Id,
    DecisionId,
    Kind,
    StartedOn,
    Outcome,
    EndedOn,
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
                    .table(DecisionChallenge::Table)
                    .col(big_pk_auto(DecisionChallenge::Id))
                    .col(big_integer(DecisionChallenge::DecisionId))
                    .col(string_len(DecisionChallenge::Kind, 16))
                    .col(date(DecisionChallenge::StartedOn))
                    .col(string_len(DecisionChallenge::Outcome, 16))
                    .col(date_null(DecisionChallenge::EndedOn))
                    .col(text(DecisionChallenge::Note))
                    .col(big_integer(DecisionChallenge::RecordedBy))
                    .col(timestamp_with_time_zone(DecisionChallenge::RecordedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_decision_challenge_decision")
                            .from(DecisionChallenge::Table, DecisionChallenge::DecisionId)
                            .to(Decision::Table, Decision::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_decision_challenge_recorded_by")
                            .from(DecisionChallenge::Table, DecisionChallenge::RecordedBy)
                            .to(Account::Table, Account::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_decision_challenge_decision")
                    .table(DecisionChallenge::Table)
                    .col(DecisionChallenge::DecisionId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(DecisionChallenge::Table).to_owned())
            .await
    }
}
