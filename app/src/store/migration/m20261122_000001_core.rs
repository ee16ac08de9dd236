//! Creates the core of every case: councils, their teams and settings,
//! children, and the cases themselves with their pathway dates.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261122_000001_core"
    }
}

#[derive(DeriveIden)]
enum LocalAuthority {
    Table,
    Id,
    Name,
    Code,
    NextCaseNumber,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Team {
    Table,
    Id,
    LocalAuthorityId,
    Name,
    Kind,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Child {
    Table,
    Id,
    LocalAuthorityId,
    FirstName,
    LastName,
    DateOfBirth,
    CreatedAt,
}

#[derive(DeriveIden)]
enum EhcCase {
    Table,
    Id,
    LocalAuthorityId,
    Reference,
    ChildId,
    Stage,
    SettingTeamId,
    RequestedBy,
    RequestReceivedOn,
    DecidedToAssessOn,
    DecidedToIssueOn,
    PlanIssuedOn,
    LastReviewedOn,
    NextDeadlineOn,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LocalAuthority::Table)
                    .col(big_pk_auto(LocalAuthority::Id))
                    .col(string_len(LocalAuthority::Name, 200))
                    .col(string_len(LocalAuthority::Code, 8))
                    .col(big_integer(LocalAuthority::NextCaseNumber).default(1))
                    .col(timestamp_with_time_zone(LocalAuthority::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_local_authority_code")
                    .table(LocalAuthority::Table)
                    .col(LocalAuthority::Code)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Team::Table)
                    .col(big_pk_auto(Team::Id))
                    .col(big_integer(Team::LocalAuthorityId))
                    .col(string_len(Team::Name, 200))
                    .col(string_len(Team::Kind, 40))
                    .col(timestamp_with_time_zone(Team::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_team_local_authority")
                            .from(Team::Table, Team::LocalAuthorityId)
                            .to(LocalAuthority::Table, LocalAuthority::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_team_local_authority_kind")
                    .table(Team::Table)
                    .col(Team::LocalAuthorityId)
                    .col(Team::Kind)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Child::Table)
                    .col(big_pk_auto(Child::Id))
                    .col(big_integer(Child::LocalAuthorityId))
                    .col(string_len(Child::FirstName, 100))
                    .col(string_len(Child::LastName, 100))
                    .col(date(Child::DateOfBirth))
                    .col(timestamp_with_time_zone(Child::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_child_local_authority")
                            .from(Child::Table, Child::LocalAuthorityId)
                            .to(LocalAuthority::Table, LocalAuthority::Id),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(EhcCase::Table)
                    .col(big_pk_auto(EhcCase::Id))
                    .col(big_integer(EhcCase::LocalAuthorityId))
                    .col(string_len(EhcCase::Reference, 32))
                    .col(big_integer(EhcCase::ChildId))
                    .col(string_len(EhcCase::Stage, 40))
                    .col(big_integer_null(EhcCase::SettingTeamId))
                    .col(string_len(EhcCase::RequestedBy, 20))
                    .col(date(EhcCase::RequestReceivedOn))
                    .col(date_null(EhcCase::DecidedToAssessOn))
                    .col(date_null(EhcCase::DecidedToIssueOn))
                    .col(date_null(EhcCase::PlanIssuedOn))
                    .col(date_null(EhcCase::LastReviewedOn))
                    // The first deadline not yet met, kept up to date on every
                    // change so trays sort and page in SQL.
                    .col(date_null(EhcCase::NextDeadlineOn))
                    .col(integer(EhcCase::Version).default(1))
                    .col(timestamp_with_time_zone(EhcCase::CreatedAt))
                    .col(timestamp_with_time_zone(EhcCase::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_ehc_case_local_authority")
                            .from(EhcCase::Table, EhcCase::LocalAuthorityId)
                            .to(LocalAuthority::Table, LocalAuthority::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_ehc_case_child")
                            .from(EhcCase::Table, EhcCase::ChildId)
                            .to(Child::Table, Child::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_ehc_case_setting_team")
                            .from(EhcCase::Table, EhcCase::SettingTeamId)
                            .to(Team::Table, Team::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_ehc_case_reference")
                    .table(EhcCase::Table)
                    .col(EhcCase::LocalAuthorityId)
                    .col(EhcCase::Reference)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_ehc_case_local_authority_stage_deadline")
                    .table(EhcCase::Table)
                    .col(EhcCase::LocalAuthorityId)
                    .col(EhcCase::Stage)
                    .col(EhcCase::NextDeadlineOn)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_ehc_case_child")
                    .table(EhcCase::Table)
                    .col(EhcCase::ChildId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            EhcCase::Table.into_iden(),
            Child::Table.into_iden(),
            Team::Table.into_iden(),
            LocalAuthority::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
