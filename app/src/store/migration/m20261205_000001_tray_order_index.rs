//! Widens the trays' index with the case reference, the last key they sort
//! by, so a tray's page of cases is chosen from the index alone before any
//! child or setting is read.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261205_000001_tray_order_index"
    }
}

#[derive(DeriveIden)]
enum EhcCase {
    Table,
    LocalAuthorityId,
    Stage,
    NextDeadlineOn,
    Reference,
}

const OLD: &str = "ix_ehc_case_local_authority_stage_deadline";
const NEW: &str = "ix_ehc_case_tray_order";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(NEW)
                    .table(EhcCase::Table)
                    .col(EhcCase::LocalAuthorityId)
                    .col(EhcCase::Stage)
                    .col(EhcCase::NextDeadlineOn)
                    .col(EhcCase::Reference)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(Index::drop().name(OLD).table(EhcCase::Table).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(OLD)
                    .table(EhcCase::Table)
                    .col(EhcCase::LocalAuthorityId)
                    .col(EhcCase::Stage)
                    .col(EhcCase::NextDeadlineOn)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(Index::drop().name(NEW).table(EhcCase::Table).to_owned())
            .await
    }
}
