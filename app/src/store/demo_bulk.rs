//! Invented cases at a nation's scale, for measuring the trays: `count`
//! cases spread over councils of about [`CASES_PER_COUNCIL`] each (England's
//! 640,000 plans over its 153 councils), every stage, their education
//! settings and caseworkers who each hold about [`CASES_PER_CASEWORKER`].
//! The demo council takes its share, and its caseworker Sam holds the same
//! caseload at any scale. Rows go in many to a statement, a council to a
//! transaction, so 640,000 cases load in minutes on either engine.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};

use super::demo::months_before;
use super::entities::{account, child, ehc_case, local_authority, team};
use super::{councils, teams};
use crate::domain::deadlines::{Milestones, TimeLimits, next_due, sort_key};
use crate::domain::ids::{AccountId, ChildId, LocalAuthorityId, TeamId};
use crate::domain::requester::Requester;
use crate::domain::role::Role;
use crate::domain::stage::{Stage, Tray};
use crate::domain::team_kind::TeamKind;

/// A county's share of England's plans and requests.
pub const CASES_PER_COUNCIL: usize = 4_200;
/// A caseworker's caseload.
pub const CASES_PER_CASEWORKER: usize = 200;
/// Cases a school or setting has, on average.
const CASES_PER_SETTING: usize = 40;
/// Rows in one insert: inside both engines' limits on bound values.
const ROWS_PER_INSERT: usize = 500;

const FIRST_NAMES: [&str; 16] = [
    "Alfie", "Bea", "Caleb", "Darcey", "Elias", "Freya", "Gideon", "Hattie", "Ivo", "Juno", "Kit", "Lottie", "Milo",
    "Nell", "Otis", "Pearl",
];
const LAST_NAMES: [&str; 16] = [
    "Ashdown",
    "Birchall",
    "Coldridge",
    "Dunmore",
    "Elderfield",
    "Foxley",
    "Greenhalgh",
    "Holloway",
    "Ingleby",
    "Juniper",
    "Kettleby",
    "Lowther",
    "Marchbank",
    "Netherton",
    "Ormsby",
    "Pendle",
];

/// How the cases were spread.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spread {
    pub councils: usize,
    /// Cases added to the demo council.
    pub home_cases: usize,
}

/// Adds `count` invented cases: the demo council (`home`, whose caseworker
/// is `sam`) takes one council's share and new councils the rest.
///
/// # Errors
/// A database error.
pub async fn add(
    db: &DatabaseConnection,
    home: LocalAuthorityId,
    sam: Option<AccountId>,
    count: usize,
    limits: &TimeLimits,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Spread, DbErr> {
    let councils = count.div_ceil(CASES_PER_COUNCIL).max(1);
    let share = count.div_ceil(councils);
    let mut left = count;
    let mut home_cases = 0;
    for n in 0..councils {
        let cases = share.min(left);
        left -= cases;
        let council = if n == 0 {
            home_cases = cases;
            home
        } else {
            councils::ensure(db, &format!("Generated Council {n:03}"), &format!("G{n:03}")).await?
        };
        let first = if n == 0 { sam } else { None };
        fill(db, council, n, first, cases, limits, today, now).await?;
    }
    Ok(Spread { councils, home_cases })
}

/// One council's settings, caseworkers and cases.
#[allow(clippy::too_many_arguments)]
async fn fill(
    db: &DatabaseConnection,
    council: LocalAuthorityId,
    number: usize,
    first_caseworker: Option<AccountId>,
    cases: usize,
    limits: &TimeLimits,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    // One transaction a council: its settings, caseworkers and cases.
    let txn = db.begin().await?;
    let mut settings = Vec::new();
    for s in 0..cases.div_ceil(CASES_PER_SETTING).max(1) {
        let name = format!("School {s:03} (council {number:03})");
        settings.push(teams::create(&txn, council, &name, TeamKind::EducationSetting).await?);
    }
    let mut caseworkers: Vec<AccountId> = first_caseworker.into_iter().collect();
    let wanted = cases.div_ceil(CASES_PER_CASEWORKER).max(1);
    for c in caseworkers.len()..wanted {
        let email = format!("caseworker.{number:03}.{c:03}@generated.test");
        let name = format!("Caseworker {c:03}");
        let id = super::accounts::create(&txn, council, &email, &name, Role::Caseworker, None, None, now).await?;
        caseworkers.push(id);
    }
    let la = local_authority::Entity::find_by_id(council)
        .one(&txn)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("local authority {council}")))?;
    let mut next_number = la.next_case_number;
    let mut n = 0;
    while n < cases {
        let batch = (cases - n).min(ROWS_PER_INSERT);
        let before = child::Entity::find()
            .select_only()
            .column_as(child::Column::Id.max(), "id")
            .into_tuple::<Option<ChildId>>()
            .one(&txn)
            .await?
            .flatten();
        let name = |i: usize| {
            (
                FIRST_NAMES[i % FIRST_NAMES.len()],
                LAST_NAMES[(i / FIRST_NAMES.len() + number) % LAST_NAMES.len()],
            )
        };
        let children: Vec<child::ActiveModel> = (n..n + batch)
            .map(|i| child::ActiveModel {
                local_authority_id: Set(council),
                first_name: Set(name(i).0.to_owned()),
                last_name: Set(name(i).1.to_owned()),
                date_of_birth: Set(months_before(today, 24 + u32::try_from(i % 180).unwrap_or(0))),
                created_at: Set(now),
                ..Default::default()
            })
            .collect();
        child::Entity::insert_many(children).exec(&txn).await?;
        let mut ids = child::Entity::find().select_only().column(child::Column::Id);
        if let Some(before) = before {
            ids = ids.filter(child::Column::Id.gt(before));
        }
        let ids: Vec<ChildId> = ids
            .order_by_asc(child::Column::Id)
            .into_tuple::<ChildId>()
            .all(&txn)
            .await?;
        let words: Vec<(ChildId, String, String)> = ids
            .iter()
            .zip(n..n + batch)
            .map(|(id, i)| (*id, name(i).0.to_owned(), name(i).1.to_owned()))
            .collect();
        super::cases::keep_name_words(&txn, council, &words).await?;
        let rows: Vec<ehc_case::ActiveModel> = ids
            .iter()
            .zip(n..n + batch)
            .map(|(child_id, i)| {
                let reference = format!("{}-{:06}", la.code, next_number + i64::try_from(i - n).unwrap_or(0));
                case_row(
                    council,
                    *child_id,
                    reference,
                    i,
                    &settings,
                    &caseworkers,
                    limits,
                    today,
                    now,
                )
            })
            .collect();
        next_number += i64::try_from(batch).unwrap_or(0);
        ehc_case::Entity::insert_many(rows).exec(&txn).await?;
        n += batch;
    }
    local_authority::Entity::update_many()
        .col_expr(local_authority::Column::NextCaseNumber, Expr::value(next_number))
        .filter(local_authority::Column::Id.eq(council))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// Case `i` of a council: every stage in turn, requests up to 20 weeks old,
/// cases past the pathway started over a year ago.
#[allow(clippy::too_many_arguments)]
fn case_row(
    council: LocalAuthorityId,
    child_id: ChildId,
    reference: String,
    i: usize,
    settings: &[TeamId],
    caseworkers: &[AccountId],
    limits: &TimeLimits,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> ehc_case::ActiveModel {
    let stage = Stage::ALL[i % Stage::ALL.len()];
    let mut received = i64::try_from(i % 140).unwrap_or(0);
    if stage.tray() != Tray::InProgress {
        received += 400;
    }
    let day = |ago: i64| today - TimeDelta::days(ago);
    let reached = |after: i64, got_there: bool| (got_there && received > after).then(|| day(received - after));
    let past_issue_decision =
        matches!(stage, Stage::DraftBeingDrafted | Stage::DraftShared) || stage.tray() == Tray::Live;
    let m = Milestones {
        decided_to_assess: reached(40, stage != Stage::RequestReceived),
        decided_to_issue: reached(100, past_issue_decision),
        plan_issued: reached(135, stage.tray() == Tray::Live),
        ..Milestones::received(day(received))
    };
    let due = next_due(stage, &m, limits);
    ehc_case::ActiveModel {
        local_authority_id: Set(council),
        reference: Set(reference),
        child_id: Set(child_id),
        stage: Set(stage),
        setting_team_id: Set(settings.get(i % settings.len().max(1)).copied()),
        requested_by: Set(Requester::ALL[i % Requester::ALL.len()]),
        request_received_on: Set(m.request_received),
        decided_to_assess_on: Set(m.decided_to_assess),
        decided_to_issue_on: Set(m.decided_to_issue),
        plan_issued_on: Set(m.plan_issued),
        last_reviewed_on: Set(None),
        next_deadline_on: Set(due),
        tray: Set(stage.tray().as_str().to_owned()),
        due_key: Set(sort_key(due)),
        caseworker_id: Set(caseworkers.get(i % caseworkers.len().max(1)).copied()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
}

/// The demo caseworker's account, if the demo data is loaded.
///
/// # Errors
/// A database error.
pub async fn sam(db: &DatabaseConnection) -> Result<Option<AccountId>, DbErr> {
    Ok(account::Entity::find()
        .filter(account::Column::Email.eq("caseworker@demo-council.test"))
        .one(db)
        .await?
        .map(|a| a.id))
}

/// Whether invented cases were added already (a restart finds them).
///
/// # Errors
/// A database error.
pub async fn added(db: &DatabaseConnection) -> Result<bool, DbErr> {
    Ok(team::Entity::find()
        .filter(team::Column::Name.like("School % (council %)"))
        .one(db)
        .await?
        .is_some())
}
