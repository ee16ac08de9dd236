//! Adds EHC plans: their versions, the parts of each version, comments on a
//! shared draft, the family members consulted, and the settings consulted.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261124_000001_plans"
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
}

#[derive(DeriveIden)]
enum PlanVersion {
    Table,
    Id,
    CaseId,
    Number,
    State,
    CreatedBy,
    CreatedAt,
    SharedOn,
    IssuedOn,
}

#[derive(DeriveIden)]
enum PlanPart {
    Table,
    Id,
    PlanVersionId,
    Part,
    Status,
    Content,
    Revision,
    UpdatedBy,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum PlanComment {
    Table,
    Id,
    PlanVersionId,
    Part,
    AccountId,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PlanConsultee {
    Table,
    Id,
    PlanVersionId,
    AccountId,
    SharedOn,
    CommentBy,
    PreferredSetting,
    CompletedAt,
}

#[derive(DeriveIden)]
enum SettingConsultation {
    Table,
    Id,
    PlanVersionId,
    TeamId,
    RequestedOn,
    RespondBy,
    Answer,
    Reasons,
    AnsweredBy,
    AnsweredAt,
}

fn to_version(from: (impl IntoIden, impl IntoIden), name: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(PlanVersion::Table, PlanVersion::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

fn to_account(from: (impl IntoIden, impl IntoIden), name: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(Account::Table, Account::Id)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PlanVersion::Table)
                    .col(big_pk_auto(PlanVersion::Id))
                    .col(big_integer(PlanVersion::CaseId))
                    .col(integer(PlanVersion::Number))
                    .col(string_len(PlanVersion::State, 20))
                    .col(big_integer_null(PlanVersion::CreatedBy))
                    .col(timestamp_with_time_zone(PlanVersion::CreatedAt))
                    .col(date_null(PlanVersion::SharedOn))
                    .col(date_null(PlanVersion::IssuedOn))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_plan_version_case")
                            .from(PlanVersion::Table, PlanVersion::CaseId)
                            .to(EhcCase::Table, EhcCase::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut to_account(
                        (PlanVersion::Table, PlanVersion::CreatedBy),
                        "fk_plan_version_account",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_plan_version_number")
                    .table(PlanVersion::Table)
                    .col(PlanVersion::CaseId)
                    .col(PlanVersion::Number)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(PlanPart::Table)
                    .col(big_pk_auto(PlanPart::Id))
                    .col(big_integer(PlanPart::PlanVersionId))
                    .col(string_len(PlanPart::Part, 20))
                    .col(string_len(PlanPart::Status, 20))
                    // The part as one JSON document (see `domain::plan::content`).
                    .col(text(PlanPart::Content))
                    // Raised on every save; a save names the revision it started from.
                    .col(integer(PlanPart::Revision))
                    .col(big_integer_null(PlanPart::UpdatedBy))
                    .col(timestamp_with_time_zone(PlanPart::UpdatedAt))
                    .foreign_key(&mut to_version(
                        (PlanPart::Table, PlanPart::PlanVersionId),
                        "fk_plan_part_version",
                    ))
                    .foreign_key(&mut to_account(
                        (PlanPart::Table, PlanPart::UpdatedBy),
                        "fk_plan_part_account",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_plan_part")
                    .table(PlanPart::Table)
                    .col(PlanPart::PlanVersionId)
                    .col(PlanPart::Part)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(PlanComment::Table)
                    .col(big_pk_auto(PlanComment::Id))
                    .col(big_integer(PlanComment::PlanVersionId))
                    .col(string_len(PlanComment::Part, 20))
                    .col(big_integer(PlanComment::AccountId))
                    .col(text(PlanComment::Body))
                    .col(timestamp_with_time_zone(PlanComment::CreatedAt))
                    .foreign_key(&mut to_version(
                        (PlanComment::Table, PlanComment::PlanVersionId),
                        "fk_plan_comment_version",
                    ))
                    .foreign_key(&mut to_account(
                        (PlanComment::Table, PlanComment::AccountId),
                        "fk_plan_comment_account",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_plan_comment_version")
                    .table(PlanComment::Table)
                    .col(PlanComment::PlanVersionId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(PlanConsultee::Table)
                    .col(big_pk_auto(PlanConsultee::Id))
                    .col(big_integer(PlanConsultee::PlanVersionId))
                    .col(big_integer(PlanConsultee::AccountId))
                    .col(date(PlanConsultee::SharedOn))
                    .col(date(PlanConsultee::CommentBy))
                    .col(string_len_null(PlanConsultee::PreferredSetting, 200))
                    .col(timestamp_with_time_zone_null(PlanConsultee::CompletedAt))
                    .foreign_key(&mut to_version(
                        (PlanConsultee::Table, PlanConsultee::PlanVersionId),
                        "fk_plan_consultee_version",
                    ))
                    .foreign_key(&mut to_account(
                        (PlanConsultee::Table, PlanConsultee::AccountId),
                        "fk_plan_consultee_account",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_plan_consultee")
                    .table(PlanConsultee::Table)
                    .col(PlanConsultee::PlanVersionId)
                    .col(PlanConsultee::AccountId)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(SettingConsultation::Table)
                    .col(big_pk_auto(SettingConsultation::Id))
                    .col(big_integer(SettingConsultation::PlanVersionId))
                    .col(big_integer(SettingConsultation::TeamId))
                    .col(date(SettingConsultation::RequestedOn))
                    .col(date(SettingConsultation::RespondBy))
                    .col(string_len_null(SettingConsultation::Answer, 20))
                    .col(text_null(SettingConsultation::Reasons))
                    .col(big_integer_null(SettingConsultation::AnsweredBy))
                    .col(timestamp_with_time_zone_null(SettingConsultation::AnsweredAt))
                    .foreign_key(&mut to_version(
                        (SettingConsultation::Table, SettingConsultation::PlanVersionId),
                        "fk_setting_consultation_version",
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_setting_consultation_team")
                            .from(SettingConsultation::Table, SettingConsultation::TeamId)
                            .to(Team::Table, Team::Id),
                    )
                    .foreign_key(&mut to_account(
                        (SettingConsultation::Table, SettingConsultation::AnsweredBy),
                        "fk_setting_consultation_account",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_setting_consultation")
                    .table(SettingConsultation::Table)
                    .col(SettingConsultation::PlanVersionId)
                    .col(SettingConsultation::TeamId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            SettingConsultation::Table.into_iden(),
            PlanConsultee::Table.into_iden(),
            PlanComment::Table.into_iden(),
            PlanPart::Table.into_iden(),
            PlanVersion::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
