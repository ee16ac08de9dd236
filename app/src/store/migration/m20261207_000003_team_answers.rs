//! A team manager's answer to a request made to their team: one of the six
//! answers, the reason given, who answered and when.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261207_000003_team_answers"
    }
}

#[derive(DeriveIden)]
enum AdviceRequest {
    Table,
    TeamAnswer,
    AnswerReason,
    AnsweredBy,
    AnsweredAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column a statement: SQLite adds no more.
        for column in [
            string_len_null(AdviceRequest::TeamAnswer, 24),
            text_null(AdviceRequest::AnswerReason),
            big_integer_null(AdviceRequest::AnsweredBy),
            timestamp_with_time_zone_null(AdviceRequest::AnsweredAt),
        ] {
            manager
                .alter_table(Table::alter().table(AdviceRequest::Table).add_column(column).to_owned())
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            AdviceRequest::AnsweredAt,
            AdviceRequest::AnsweredBy,
            AdviceRequest::AnswerReason,
            AdviceRequest::TeamAnswer,
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
