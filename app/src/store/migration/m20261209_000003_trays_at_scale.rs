//! The trays at a nation's scale. Each case keeps the tray it is in and a
//! sort key for its next deadline that is never empty (cases with nothing
//! due sort last as the far future), and the caseworker who holds it; the
//! indexes then give each tray, stage, caseworker and setting its page in
//! order straight from the index, with no sort, whatever the number of cases.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261209_000003_trays_at_scale"
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum EhcCase {
    Table,
    LocalAuthorityId,
    Stage,
    Tray,
    DueKey,
    NextDeadlineOn,
    Reference,
    CaseworkerId,
    SettingTeamId,
}

/// What a case with nothing due sorts as.
const NOTHING_DUE: &str = "9999-12-31";

const INDEXES: [(&str, &[EhcCase]); 4] = [
    (
        "ix_ehc_case_council_tray",
        &[
            EhcCase::LocalAuthorityId,
            EhcCase::Tray,
            EhcCase::DueKey,
            EhcCase::Reference,
        ],
    ),
    (
        "ix_ehc_case_council_stage",
        &[
            EhcCase::LocalAuthorityId,
            EhcCase::Stage,
            EhcCase::DueKey,
            EhcCase::Reference,
        ],
    ),
    // The council leads these too: every tray query names it (it is who may
    // see the case), and with it first both engines read the page in order
    // from this one index rather than combining two.
    (
        "ix_ehc_case_caseworker_tray",
        &[
            EhcCase::LocalAuthorityId,
            EhcCase::CaseworkerId,
            EhcCase::Tray,
            EhcCase::DueKey,
            EhcCase::Reference,
        ],
    ),
    (
        "ix_ehc_case_setting_tray",
        &[
            EhcCase::LocalAuthorityId,
            EhcCase::SettingTeamId,
            EhcCase::Tray,
            EhcCase::DueKey,
            EhcCase::Reference,
        ],
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            string_len(EhcCase::Tray, 16).default("in-progress").to_owned(),
            date(EhcCase::DueKey).default(NOTHING_DUE).to_owned(),
            big_integer_null(EhcCase::CaseworkerId),
        ] {
            manager
                .alter_table(Table::alter().table(EhcCase::Table).add_column(column).to_owned())
                .await?;
        }
        let db = manager.get_connection();
        db.execute_unprepared(
            "UPDATE ehc_case SET tray = CASE \
               WHEN stage IN ('review_pending', 'review_in_progress') THEN 'live' \
               WHEN stage = 'closed' THEN 'closed' ELSE 'in-progress' END",
        )
        .await?;
        db.execute_unprepared(&format!(
            "UPDATE ehc_case SET due_key = COALESCE(next_deadline_on, '{NOTHING_DUE}')"
        ))
        .await?;
        // A case opened before cases had caseworkers is held by nobody: it is
        // in the council's trays, and in no one's own.
        manager
            .drop_index(
                Index::drop()
                    .name("ix_ehc_case_tray_order")
                    .table(EhcCase::Table)
                    .to_owned(),
            )
            .await?;
        for (name, columns) in INDEXES {
            let mut index = Index::create();
            index.name(name).table(EhcCase::Table);
            for column in columns {
                index.col(*column);
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, _) in INDEXES {
            manager
                .drop_index(Index::drop().name(name).table(EhcCase::Table).to_owned())
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("ix_ehc_case_tray_order")
                    .table(EhcCase::Table)
                    .col(EhcCase::LocalAuthorityId)
                    .col(EhcCase::Stage)
                    .col(EhcCase::NextDeadlineOn)
                    .col(EhcCase::Reference)
                    .to_owned(),
            )
            .await?;
        for column in [EhcCase::Tray, EhcCase::DueKey, EhcCase::CaseworkerId] {
            manager
                .alter_table(Table::alter().table(EhcCase::Table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}
