//! Adds the child's and the family's views: one row per case and space
//! ("About me", the parents' or carers' views) with the written answers,
//! whether they were sent to the council, and a revision that detects two
//! people saving at once.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261206_000002_family_views"
    }
}

#[derive(DeriveIden)]
enum EhcCase {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum FamilyViews {
    Table,
    Id,
    CaseId,
    Space,
    Liked,
    Important,
    Support,
    Hopes,
    State,
    Revision,
    UpdatedAt,
    UpdatedBy,
    SentAt,
    SentBy,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FamilyViews::Table)
                    .col(big_pk_auto(FamilyViews::Id))
                    .col(big_integer(FamilyViews::CaseId))
                    .col(string_len(FamilyViews::Space, 32))
                    .col(text(FamilyViews::Liked))
                    .col(text(FamilyViews::Important))
                    .col(text(FamilyViews::Support))
                    .col(text(FamilyViews::Hopes))
                    .col(string_len(FamilyViews::State, 16))
                    .col(integer(FamilyViews::Revision))
                    .col(timestamp_with_time_zone(FamilyViews::UpdatedAt))
                    .col(big_integer_null(FamilyViews::UpdatedBy))
                    .col(timestamp_with_time_zone_null(FamilyViews::SentAt))
                    .col(big_integer_null(FamilyViews::SentBy))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_family_views_case")
                            .from(FamilyViews::Table, FamilyViews::CaseId)
                            .to(EhcCase::Table, EhcCase::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_family_views_case_space")
                    .table(FamilyViews::Table)
                    .col(FamilyViews::CaseId)
                    .col(FamilyViews::Space)
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(FamilyViews::Table).to_owned())
            .await
    }
}
