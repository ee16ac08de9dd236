//! What a refusal overturned on appeal leaves on its case: the day of the
//! tribunal's order (or the council's concession) and which decision it
//! overturned, which the time limits left then run from; the day the first
//! draft plan was sent to the family, which an order to make a plan must be
//! met by; and, once a plan has ceased, when, why (its SEN2 code) and a note.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261212_000001_reopening_and_ceasing"
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum EhcCase {
    Table,
    OrderedOn,
    OrderedAbout,
    DraftSharedOn,
    CeasedOn,
    CeaseReason,
    CeaseNote,
}

fn columns() -> Vec<ColumnDef> {
    vec![
        date_null(EhcCase::OrderedOn),
        string_len_null(EhcCase::OrderedAbout, 16),
        date_null(EhcCase::DraftSharedOn),
        date_null(EhcCase::CeasedOn),
        string_len_null(EhcCase::CeaseReason, 1),
        text_null(EhcCase::CeaseNote),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column at a time.
        for mut column in columns() {
            manager
                .alter_table(Table::alter().table(EhcCase::Table).add_column(&mut column).to_owned())
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in columns() {
            manager
                .alter_table(
                    Table::alter()
                        .table(EhcCase::Table)
                        .drop_column(Alias::new(column.get_column_name()))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
