//! Facts the hub keeps about itself between starts: for now, the time limits
//! the stored next deadlines were worked out with, so a start recalculates
//! them only when the configured limits change, not on every start.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261209_000002_hub_settings"
    }
}

#[derive(DeriveIden)]
enum HubSetting {
    Table,
    Name,
    Value,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(HubSetting::Table)
                    .col(string_len(HubSetting::Name, 64).primary_key())
                    .col(text(HubSetting::Value))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(HubSetting::Table).to_owned())
            .await
    }
}
