//! What the DfE's SEN2 return needs that the hub did not keep: the child's
//! sex, ethnicity and unique pupil number (or why there is none), the case's
//! types of need, each setting's URN, and the council's DfE number and its
//! answers about designated officers. All may be empty: the return lists
//! the cases still missing a detail.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261211_000001_return_details"
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Child {
    Table,
    Sex,
    Ethnicity,
    Upn,
    UpnUnknown,
}

#[derive(DeriveIden, Clone, Copy)]
enum EhcCase {
    Table,
    PrimaryNeed,
    SecondaryNeed,
}

#[derive(DeriveIden, Clone, Copy)]
enum Team {
    Table,
    Urn,
}

#[derive(DeriveIden, Clone, Copy)]
enum LocalAuthority {
    Table,
    DfeNumber,
    MedicalOfficer,
    ClinicalOfficer,
    SocialCareOfficer,
}

/// Each table and the columns added to it (SQLite adds one at a time).
fn columns() -> Vec<(DynIden, ColumnDef)> {
    let child = || Child::Table.into_iden();
    let case = || EhcCase::Table.into_iden();
    let council = || LocalAuthority::Table.into_iden();
    vec![
        (child(), string_len_null(Child::Sex, 1)),
        (child(), string_len_null(Child::Ethnicity, 4)),
        (child(), string_len_null(Child::Upn, 13)),
        (child(), string_len_null(Child::UpnUnknown, 4)),
        (case(), string_len_null(EhcCase::PrimaryNeed, 4)),
        (case(), string_len_null(EhcCase::SecondaryNeed, 4)),
        (Team::Table.into_iden(), string_len_null(Team::Urn, 6)),
        (council(), string_len_null(LocalAuthority::DfeNumber, 3)),
        (council(), string_len_null(LocalAuthority::MedicalOfficer, 1)),
        (council(), string_len_null(LocalAuthority::ClinicalOfficer, 1)),
        (council(), string_len_null(LocalAuthority::SocialCareOfficer, 1)),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, mut column) in columns() {
            manager
                .alter_table(Table::alter().table(table).add_column(&mut column).to_owned())
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, column) in columns() {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .drop_column(Alias::new(column.get_column_name()))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
