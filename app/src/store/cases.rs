//! Cases: opening one from a request, the work trays, and one case's details.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, FromQueryResult, JoinType,
    QueryFilter, QueryOrder, QuerySelect, RelationTrait, Set, TransactionSession, TransactionTrait,
};

use super::entities::{child, ehc_case, local_authority, team};
use crate::cases::types::{CaseCreated, CaseDetail};
use crate::domain::case::CaseHeading;
use crate::domain::deadlines::{Milestones, Order, TimeLimits, next_due, sort_key, timeline};
use crate::domain::decision::DecisionQuestion;
use crate::domain::ids::{CaseId, ChildId, LocalAuthorityId};
use crate::domain::new_case::NewCase;
use crate::domain::requester::Requester;
use crate::domain::stage::Stage;

/// Where a case starts on the pathway (for demo data and later workflow
/// steps) and the caseworker who holds it.
#[derive(Clone, Debug, Default)]
pub struct PathwayDates {
    pub caseworker: Option<crate::domain::ids::AccountId>,
    pub decided_to_assess: Option<NaiveDate>,
    pub decided_to_issue: Option<NaiveDate>,
    pub plan_issued: Option<NaiveDate>,
    pub last_reviewed: Option<NaiveDate>,
}

/// Opens a case for a new request, with the child's record and the next case reference.
///
/// # Errors
/// A database error, including a setting or council that does not exist.
pub async fn create(
    db: &(impl ConnectionTrait + TransactionTrait),
    council: LocalAuthorityId,
    request: &NewCase,
    stage: Stage,
    dates: &PathwayDates,
    limits: &TimeLimits,
    now: DateTime<Utc>,
) -> Result<CaseCreated, DbErr> {
    let milestones = Milestones {
        decided_to_assess: dates.decided_to_assess,
        decided_to_issue: dates.decided_to_issue,
        plan_issued: dates.plan_issued,
        last_reviewed: dates.last_reviewed,
        ..Milestones::received(request.received_on)
    };
    let txn = db.begin().await?;
    // Take the next number first: the update locks the council's row until commit,
    // so two requests registered at once never share a reference.
    local_authority::Entity::update_many()
        .col_expr(
            local_authority::Column::NextCaseNumber,
            Expr::col(local_authority::Column::NextCaseNumber).add(1),
        )
        .filter(local_authority::Column::Id.eq(council))
        .exec(&txn)
        .await?;
    let la = local_authority::Entity::find_by_id(council)
        .one(&txn)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("local authority {council}")))?;
    let reference = format!("{}-{:06}", la.code, la.next_case_number - 1);

    let child = child::ActiveModel {
        local_authority_id: Set(council),
        first_name: Set(request.first_name.clone()),
        last_name: Set(request.last_name.clone()),
        date_of_birth: Set(request.date_of_birth),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    keep_name_words(
        &txn,
        council,
        &[(child.id, request.first_name.clone(), request.last_name.clone())],
    )
    .await?;
    let case = ehc_case::ActiveModel {
        local_authority_id: Set(council),
        reference: Set(reference.clone()),
        child_id: Set(child.id),
        stage: Set(stage),
        setting_team_id: Set(request.setting),
        requested_by: Set(request.requested_by),
        request_received_on: Set(request.received_on),
        decided_to_assess_on: Set(dates.decided_to_assess),
        decided_to_issue_on: Set(dates.decided_to_issue),
        plan_issued_on: Set(dates.plan_issued),
        last_reviewed_on: Set(dates.last_reviewed),
        next_deadline_on: Set(next_due(stage, &milestones, limits)),
        tray: Set(stage.tray().as_str().to_owned()),
        due_key: Set(sort_key(next_due(stage, &milestones, limits))),
        caseworker_id: Set(dates.caseworker),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(CaseCreated { id: case.id, reference })
}

/// Indexes the words of each child's names (`(child, first, last)`) for the
/// trays' search.
///
/// # Errors
/// A database error.
pub(super) async fn keep_name_words(
    db: &impl ConnectionTrait,
    council: LocalAuthorityId,
    children: &[(ChildId, String, String)],
) -> Result<(), DbErr> {
    use super::entities::child_name_word;
    let rows: Vec<child_name_word::ActiveModel> = children
        .iter()
        .flat_map(|(id, first, last)| {
            crate::domain::names::name_words(first, last)
                .into_iter()
                .map(|word| child_name_word::ActiveModel {
                    local_authority_id: Set(council),
                    word: Set(word),
                    child_id: Set(*id),
                })
        })
        .collect();
    if !rows.is_empty() {
        child_name_word::Entity::insert_many(rows).exec(db).await?;
    }
    Ok(())
}

/// The columns the trays and the summary page need, in one query.
#[derive(Debug, FromQueryResult)]
pub(super) struct CaseRow {
    pub(super) id: CaseId,
    pub(super) reference: String,
    pub(super) stage: Stage,
    requested_by: Requester,
    request_received_on: NaiveDate,
    decided_to_assess_on: Option<NaiveDate>,
    decided_to_issue_on: Option<NaiveDate>,
    plan_issued_on: Option<NaiveDate>,
    last_reviewed_on: Option<NaiveDate>,
    ordered_on: Option<NaiveDate>,
    ordered_about: Option<DecisionQuestion>,
    draft_shared_on: Option<NaiveDate>,
    pub(super) first_name: String,
    pub(super) last_name: String,
    date_of_birth: NaiveDate,
    pub(super) setting_name: Option<String>,
}

impl CaseRow {
    pub(super) fn milestones(&self) -> Milestones {
        Milestones {
            request_received: self.request_received_on,
            decided_to_assess: self.decided_to_assess_on,
            decided_to_issue: self.decided_to_issue_on,
            plan_issued: self.plan_issued_on,
            last_reviewed: self.last_reviewed_on,
            draft_shared: self.draft_shared_on,
            order: order(self.ordered_on, self.ordered_about),
        }
    }
}

/// The order a case was reopened by, from its two columns.
fn order(on: Option<NaiveDate>, about: Option<DecisionQuestion>) -> Option<Order> {
    Some(Order { on: on?, about: about? })
}

impl ehc_case::Model {
    /// The dates the case's timeline is measured against.
    pub(super) fn milestones(&self) -> Milestones {
        Milestones {
            request_received: self.request_received_on,
            decided_to_assess: self.decided_to_assess_on,
            decided_to_issue: self.decided_to_issue_on,
            plan_issued: self.plan_issued_on,
            last_reviewed: self.last_reviewed_on,
            draft_shared: self.draft_shared_on,
            order: order(self.ordered_on, self.ordered_about),
        }
    }
}

pub(super) fn select_rows() -> sea_orm::Select<ehc_case::Entity> {
    ehc_case::Entity::find()
        .select_only()
        .columns([
            ehc_case::Column::Id,
            ehc_case::Column::Reference,
            ehc_case::Column::Stage,
            ehc_case::Column::RequestedBy,
            ehc_case::Column::RequestReceivedOn,
            ehc_case::Column::DecidedToAssessOn,
            ehc_case::Column::DecidedToIssueOn,
            ehc_case::Column::PlanIssuedOn,
            ehc_case::Column::LastReviewedOn,
            ehc_case::Column::OrderedOn,
            ehc_case::Column::OrderedAbout,
            ehc_case::Column::DraftSharedOn,
        ])
        .column(child::Column::FirstName)
        .column(child::Column::LastName)
        .column(child::Column::DateOfBirth)
        .column_as(team::Column::Name, "setting_name")
        .join(JoinType::InnerJoin, ehc_case::Relation::Child.def())
        .join(JoinType::LeftJoin, ehc_case::Relation::Setting.def())
}

/// What every page of a case needs first: its heading, its council and the
/// version that detects concurrent changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseRecord {
    pub heading: CaseHeading,
    pub council: LocalAuthorityId,
    pub plan_issued_on: Option<NaiveDate>,
    pub version: i32,
}

/// The case's heading and version, or `None` if there is no such case.
///
/// # Errors
/// A database error, or a stored value this version does not know.
pub async fn record(db: &impl ConnectionTrait, id: CaseId) -> Result<Option<CaseRecord>, DbErr> {
    let Some((case, Some(child))) = ehc_case::Entity::find_by_id(id)
        .find_also_related(child::Entity)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let stage = case.stage;
    Ok(Some(CaseRecord {
        heading: CaseHeading {
            id,
            reference: case.reference,
            child_name: format!("{} {}", child.first_name, child.last_name),
            date_of_birth: child.date_of_birth,
            stage,
        },
        council: case.local_authority_id,
        plan_issued_on: case.plan_issued_on,
        version: case.version,
    }))
}

/// Takes the case's row for the rest of the transaction, first (an update
/// that changes nothing): changes to one case then run one at a time, and on
/// SQLite the write lock is held from the start, so a transaction never has
/// to upgrade from reading to writing (which SQLite refuses at once,
/// "database is locked", rather than wait).
///
/// # Errors
/// A database error.
pub async fn lock(txn: &impl ConnectionTrait, case: CaseId) -> Result<(), DbErr> {
    ehc_case::Entity::update_many()
        .col_expr(ehc_case::Column::Version, Expr::col(ehc_case::Column::Version))
        .filter(ehc_case::Column::Id.eq(case))
        .exec(txn)
        .await?;
    Ok(())
}

/// The case with this reference in a council, if there is one.
///
/// # Errors
/// A database error.
pub async fn id_by_reference(
    db: &impl ConnectionTrait,
    council: LocalAuthorityId,
    reference: &str,
) -> Result<Option<CaseId>, DbErr> {
    Ok(ehc_case::Entity::find()
        .filter(ehc_case::Column::LocalAuthorityId.eq(council))
        .filter(ehc_case::Column::Reference.eq(reference.trim().to_uppercase()))
        .one(db)
        .await?
        .map(|c| c.id))
}

/// The name under which the limits the stored next deadlines follow are kept.
const LIMITS_SETTING: &str = "next_deadlines_limits";
/// Cases read and recalculated at a time, so memory stays flat at any scale.
const REFRESH_BATCH: u64 = 2_000;

/// Works out every case's next deadline again when the configured time limits
/// are not those the stored deadlines were worked out with, so a change to
/// the limits reaches the trays; only changed rows are written. Run at
/// start-up: with unchanged limits it reads one row, whatever the number of
/// cases. `None` when nothing needed recalculating.
///
/// # Errors
/// A database error, or a stored value this version does not know.
pub async fn refresh_next_deadlines(db: &DatabaseConnection, limits: &TimeLimits) -> Result<Option<usize>, DbErr> {
    use super::entities::hub_setting;
    let wanted = serde_json::to_string(limits).map_err(|e| DbErr::Custom(format!("time limits: {e}")))?;
    let stored = hub_setting::Entity::find_by_id(LIMITS_SETTING.to_owned())
        .one(db)
        .await?;
    if stored.as_ref().is_some_and(|s| s.value == wanted) {
        return Ok(None);
    }
    let mut changed = 0;
    let mut after: Option<CaseId> = None;
    loop {
        let mut batch = ehc_case::Entity::find()
            .order_by_asc(ehc_case::Column::Id)
            .limit(REFRESH_BATCH);
        if let Some(last) = after {
            batch = batch.filter(ehc_case::Column::Id.gt(last));
        }
        let cases = batch.all(db).await?;
        let Some(last) = cases.last() else { break };
        after = Some(last.id);
        let txn = db.begin().await?;
        for case in cases {
            let due = next_due(case.stage, &case.milestones(), limits);
            if due != case.next_deadline_on {
                ehc_case::Entity::update_many()
                    .col_expr(ehc_case::Column::NextDeadlineOn, Expr::value(due))
                    .col_expr(ehc_case::Column::DueKey, Expr::value(sort_key(due)))
                    .filter(ehc_case::Column::Id.eq(case.id))
                    .exec(&txn)
                    .await?;
                changed += 1;
            }
        }
        txn.commit().await?;
    }
    let setting = hub_setting::ActiveModel {
        name: Set(LIMITS_SETTING.to_owned()),
        value: Set(wanted),
    };
    if stored.is_some() {
        setting.update(db).await?;
    } else {
        setting.insert(db).await?;
    }
    Ok(Some(changed))
}

/// One case with its statutory timeline on `today`. Whether the person
/// asking may see it is the case context's question, asked before this.
///
/// # Errors
/// A database error, or a stored value this version does not know.
pub async fn detail(
    db: &impl ConnectionTrait,
    id: CaseId,
    today: NaiveDate,
    limits: &TimeLimits,
) -> Result<Option<CaseDetail>, DbErr> {
    let Some(row) = select_rows()
        .filter(ehc_case::Column::Id.eq(id))
        .into_model::<CaseRow>()
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let stage = row.stage;
    let requested_by = row.requested_by;
    let milestones = row.milestones();
    Ok(Some(CaseDetail {
        id: row.id,
        timeline: timeline(stage, &milestones, today, limits),
        milestones,
        progress: crate::domain::pathway::Progress::default(),
        exceptions: Vec::new(),
        decisions: Vec::new(),
        next_due: None,
        risks: Vec::new(),
        may_decide: false,
        may_record_exception: false,
        may_keep_return_details: false,
        may_cease: false,
        reference: row.reference,
        first_name: row.first_name,
        last_name: row.last_name,
        date_of_birth: row.date_of_birth,
        stage,
        setting: row.setting_name,
        requested_by,
        received_on: row.request_received_on,
        today,
        plan: None,
        advice_due: Vec::new(),
        staff: None,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::types::{CaseFilter, CaseList, Scope};
    use crate::domain::access::AccessPolicy;
    use crate::domain::capability::{Capability, Terms};
    use crate::domain::ids::{AccountId, TeamId};
    use crate::domain::role::Role;
    use crate::domain::stage::Tray;
    use crate::domain::team_kind::TeamKind;
    use crate::domain::viewer::Viewer;
    use crate::store::test_db::databases;
    use crate::store::{councils, demo, teams};
    use chrono::TimeZone;

    fn caseworker(council: LocalAuthorityId) -> Viewer {
        Viewer {
            account: AccountId(0),
            name: "Sam".into(),
            email: "sam@example.org".into(),
            role: Role::Caseworker,
            council,
            team: None,
            authenticator: false,
        }
    }

    // The tray and page as a caseworker of `council` sees them.
    async fn list(
        db: &DatabaseConnection,
        council: LocalAuthorityId,
        filter: &CaseFilter,
        today: NaiveDate,
        limits: &TimeLimits,
    ) -> Result<CaseList, DbErr> {
        crate::store::trays::list(
            db,
            &caseworker(council),
            filter,
            today,
            limits,
            &AccessPolicy::default(),
        )
        .await
    }

    async fn find(
        db: &DatabaseConnection,
        council: LocalAuthorityId,
        id: CaseId,
        today: NaiveDate,
        limits: &TimeLimits,
    ) -> Result<Option<CaseDetail>, DbErr> {
        seen(db, &caseworker(council), id, today, limits, &AccessPolicy::default()).await
    }

    /// The case as its page shows it to `viewer`: only if the capability table lets them see it.
    async fn seen(
        db: &DatabaseConnection,
        viewer: &Viewer,
        id: CaseId,
        today: NaiveDate,
        limits: &TimeLimits,
        policy: &AccessPolicy,
    ) -> Result<Option<CaseDetail>, DbErr> {
        use crate::domain::capability::allows;
        let Some(facts) = crate::store::case_links::facts(db, viewer, id).await? else {
            return Ok(None);
        };
        if !allows(viewer.role, Capability::ViewCase, Some(&facts), Terms { today, policy }) {
            return Ok(None);
        }
        detail(db, id, today, limits).await
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 22, 10, 0, 0).unwrap()
    }

    fn request(first: &str, last: &str, received: NaiveDate, setting: Option<TeamId>) -> NewCase {
        NewCase {
            first_name: first.into(),
            last_name: last.into(),
            date_of_birth: day(2016, 4, 1),
            setting,
            requested_by: Requester::Parent,
            received_on: received,
        }
    }

    fn filter(tray: Tray, search: &str) -> CaseFilter {
        CaseFilter {
            tray,
            scope: Some(Scope::Everyone),
            search: search.into(),
            page: 1,
            ..CaseFilter::default()
        }
    }

    async fn open(
        db: &DatabaseConnection,
        council: LocalAuthorityId,
        first: &str,
        last: &str,
        received: NaiveDate,
    ) -> CaseCreated {
        create(
            db,
            council,
            &request(first, last, received, None),
            Stage::RequestReceived,
            &PathwayDates::default(),
            &TimeLimits::default(),
            now(),
        )
        .await
        .unwrap()
    }

    #[tokio::test]
    async fn a_registered_request_gets_the_next_reference_and_appears_in_progress() {
        for (engine, db) in databases().await {
            let council = councils::ensure(&db, "Test Council", "TC").await.unwrap();
            let school = teams::create(&db, council, "Oak Lane School", TeamKind::EducationSetting)
                .await
                .unwrap();
            let first = create(
                &db,
                council,
                &request("Ada", "Moss", day(2026, 11, 2), Some(school)),
                Stage::RequestReceived,
                &PathwayDates::default(),
                &TimeLimits::default(),
                now(),
            )
            .await
            .unwrap();
            let second = open(&db, council, "Ben", "Moss", day(2026, 11, 3)).await;
            assert_eq!(first.reference, "TC-000001", "{engine}");
            assert_eq!(second.reference, "TC-000002", "{engine}");

            let limits = TimeLimits::default();
            let list = list(&db, council, &filter(Tray::InProgress, ""), day(2026, 11, 22), &limits)
                .await
                .unwrap();
            assert_eq!(list.total, 2, "{engine}");
            let ada = &list.items[0];
            assert_eq!(ada.child_name, "Ada Moss", "{engine}");
            assert_eq!(ada.setting.as_deref(), Some("Oak Lane School"), "{engine}");
            assert_eq!(ada.next_deadline.map(|d| d.due), Some(day(2026, 12, 14)), "{engine}");
            let live = list_of(&db, council, Tray::Live, "").await;
            assert!(live.is_empty(), "{engine}");

            let detail = find(&db, council, first.id, day(2026, 11, 22), &limits)
                .await
                .unwrap()
                .unwrap();
            assert_eq!(detail.received_on, day(2026, 11, 2), "{engine}");
            assert_eq!(detail.timeline.len(), 3, "{engine}");
            assert_eq!(detail.timeline[2].due, day(2027, 3, 22), "{engine}");
        }
    }

    async fn list_of(db: &DatabaseConnection, council: LocalAuthorityId, tray: Tray, search: &str) -> Vec<String> {
        list(
            db,
            council,
            &filter(tray, search),
            day(2026, 11, 22),
            &TimeLimits::default(),
        )
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|i| i.child_name)
        .collect()
    }

    #[tokio::test]
    async fn search_matches_names_and_references_ignoring_case() {
        for (engine, db) in databases().await {
            let council = councils::ensure(&db, "Test Council", "TC").await.unwrap();
            open(&db, council, "Poppy", "Larkspur", day(2026, 11, 1)).await;
            open(&db, council, "Ezra", "Thistlewood", day(2026, 11, 2)).await;
            open(&db, council, "Maya", "Lark", day(2026, 11, 3)).await;

            assert_eq!(
                list_of(&db, council, Tray::InProgress, "POPPY").await,
                ["Poppy Larkspur"],
                "{engine}"
            );
            assert_eq!(
                list_of(&db, council, Tray::InProgress, "lark").await,
                ["Poppy Larkspur", "Maya Lark"],
                "{engine}"
            );
            assert_eq!(
                list_of(&db, council, Tray::InProgress, "maya lark").await,
                ["Maya Lark"],
                "{engine}"
            );
            assert_eq!(
                list_of(&db, council, Tray::InProgress, "tc-000002").await,
                ["Ezra Thistlewood"],
                "{engine}"
            );
            // Wildcards typed by the user are taken literally.
            assert!(
                list_of(&db, council, Tray::InProgress, "%").await.is_empty(),
                "{engine}"
            );
            assert!(
                list_of(&db, council, Tray::InProgress, "_").await.is_empty(),
                "{engine}"
            );
        }
    }

    #[tokio::test]
    async fn the_most_urgent_deadline_comes_first_and_pages_hold_fifty() {
        for (engine, db) in databases().await {
            let council = councils::ensure(&db, "Test Council", "TC").await.unwrap();
            for n in 0..55 {
                let received = day(2026, 6, 1) + chrono::TimeDelta::days(n);
                open(&db, council, &format!("Child{n:02}"), "Test", received).await;
            }
            let today = day(2026, 11, 22);
            let limits = TimeLimits::default();
            let first = list(&db, council, &filter(Tray::InProgress, ""), today, &limits)
                .await
                .unwrap();
            assert_eq!((first.total, first.pages, first.items.len()), (55, 2, 50), "{engine}");
            let dues: Vec<_> = first.items.iter().map(|i| i.next_deadline.unwrap().due).collect();
            assert!(dues.windows(2).all(|w| w[0] <= w[1]), "{engine}: not in deadline order");
            assert_eq!(first.items[0].child_name, "Child00 Test", "{engine}");

            let second = list(
                &db,
                council,
                &CaseFilter {
                    page: 2,
                    after: first.next.clone(),
                    ..filter(Tray::InProgress, "")
                },
                today,
                &limits,
            )
            .await
            .unwrap();
            assert_eq!((second.page, second.items.len()), (2, 5), "{engine}");
            assert_eq!(second.items[4].child_name, "Child54 Test", "{engine}");
            assert_eq!(second.next, None, "{engine}");
            // Back from the second page: the first page again, in the same order.
            let back = list(
                &db,
                council,
                &CaseFilter {
                    page: 1,
                    before: second.previous.clone(),
                    ..filter(Tray::InProgress, "")
                },
                today,
                &limits,
            )
            .await
            .unwrap();
            assert_eq!(back.items, first.items, "{engine}");
            // A page number without the case it follows starts at the beginning.
            let bookmarked = list(
                &db,
                council,
                &CaseFilter {
                    page: 9,
                    ..filter(Tray::InProgress, "")
                },
                today,
                &limits,
            )
            .await
            .unwrap();
            assert_eq!((bookmarked.page, bookmarked.items), (1, first.items), "{engine}");
        }
    }

    #[tokio::test]
    async fn one_council_never_sees_another_councils_cases() {
        for (engine, db) in databases().await {
            let ours = councils::ensure(&db, "Our Council", "OC").await.unwrap();
            let theirs = councils::ensure(&db, "Their Council", "TH").await.unwrap();
            let their_case = open(&db, theirs, "Hidden", "Child", day(2026, 11, 1)).await;
            assert!(list_of(&db, ours, Tray::InProgress, "").await.is_empty(), "{engine}");
            let found = find(&db, ours, their_case.id, day(2026, 11, 22), &TimeLimits::default())
                .await
                .unwrap();
            assert_eq!(found, None, "{engine}");
            assert_eq!(their_case.reference, "TH-000001", "{engine}");
        }
    }

    #[tokio::test]
    async fn requests_registered_at_the_same_moment_get_different_references() {
        for (engine, db) in databases().await {
            let council = councils::ensure(&db, "Test Council", "TC").await.unwrap();
            let tasks: Vec<_> = (0..8)
                .map(|n| {
                    let db = db.clone();
                    tokio::spawn(async move { open(&db, council, &format!("Twin{n}"), "Test", day(2026, 11, 1)).await })
                })
                .collect();
            let mut references = Vec::new();
            for task in tasks {
                references.push(task.await.unwrap().reference);
            }
            references.sort();
            references.dedup();
            assert_eq!(references.len(), 8, "{engine}: {references:?}");
        }
    }

    #[tokio::test]
    async fn demo_data_fills_both_trays_once() {
        for (engine, db) in databases().await {
            let today = day(2026, 11, 22);
            let council = demo::load(&db, &TimeLimits::default(), today, now()).await.unwrap();
            demo::load(&db, &TimeLimits::default(), today, now()).await.unwrap();
            let in_progress = list_of(&db, council, Tray::InProgress, "").await;
            let live = list_of(&db, council, Tray::Live, "").await;
            assert_eq!(
                in_progress,
                ["Poppy Larkspur", "Maya Quillfeather", "Ezra Thistlewood"],
                "{engine}"
            );
            assert_eq!(live, ["Theo Brambleton", "Isla Fernsby"], "{engine}");
        }
    }

    #[tokio::test]
    async fn next_deadlines_follow_a_change_in_the_time_limits() {
        for (engine, db) in databases().await {
            let council = councils::ensure(&db, "Test Council", "TC").await.unwrap();
            let case = open(&db, council, "Ada", "Moss", day(2026, 11, 2)).await;
            let stored = || async {
                ehc_case::Entity::find_by_id(case.id)
                    .one(&db)
                    .await
                    .unwrap()
                    .unwrap()
                    .next_deadline_on
            };
            assert_eq!(stored().await, Some(day(2026, 12, 14)), "{engine}");
            let defaults = TimeLimits::default();
            // The first start records the limits; later starts with the same limits read nothing more.
            assert_eq!(
                refresh_next_deadlines(&db, &defaults).await.unwrap(),
                Some(0),
                "{engine}"
            );
            assert_eq!(refresh_next_deadlines(&db, &defaults).await.unwrap(), None, "{engine}");

            let shorter = TimeLimits {
                decide_to_assess_weeks: 4,
                ..defaults
            };
            assert_eq!(
                refresh_next_deadlines(&db, &shorter).await.unwrap(),
                Some(1),
                "{engine}"
            );
            assert_eq!(stored().await, Some(day(2026, 11, 30)), "{engine}");
            assert_eq!(refresh_next_deadlines(&db, &shorter).await.unwrap(), None, "{engine}");
            // And back again.
            assert_eq!(
                refresh_next_deadlines(&db, &defaults).await.unwrap(),
                Some(1),
                "{engine}"
            );
            assert_eq!(stored().await, Some(day(2026, 12, 14)), "{engine}");
        }
    }

    /// What one demo account sees in the in-progress and live trays together.
    async fn seen_by(db: &DatabaseConnection, email: &str, today: NaiveDate, policy: &AccessPolicy) -> Vec<String> {
        let viewer = crate::store::accounts::find_for_sign_in(db, email)
            .await
            .unwrap()
            .unwrap()
            .viewer;
        let mut names = Vec::new();
        for tray in [Tray::InProgress, Tray::Live, Tray::Closed] {
            let page = crate::store::trays::list(db, &viewer, &filter(tray, ""), today, &TimeLimits::default(), policy)
                .await
                .unwrap();
            names.extend(page.items.into_iter().map(|i| i.child_name));
        }
        names.sort();
        names
    }

    #[tokio::test]
    async fn each_person_sees_only_the_cases_they_have_a_reason_to_see() {
        for (engine, db) in databases().await {
            let today = day(2026, 11, 22);
            demo::load(&db, &TimeLimits::default(), today, now()).await.unwrap();
            let policy = AccessPolicy::default();
            let all = [
                "Ezra Thistlewood",
                "Isla Fernsby",
                "Maya Quillfeather",
                "Poppy Larkspur",
                "Theo Brambleton",
            ];
            let cases = [
                ("caseworker", &all[..]),
                ("admin", &all[..]),
                ("panel", &all[..]),
                ("parent", &["Poppy Larkspur"][..]),
                ("advocate", &["Poppy Larkspur"][..]),
                ("carer", &["Maya Quillfeather"][..]),
                ("young.person", &["Isla Fernsby"][..]),
                // Theo's plan was issued 356 days ago: past the 60 days.
                ("psychologist", &["Ezra Thistlewood"][..]),
                // Isla's plan was issued two years ago; her review will involve the setting again.
                ("senco", &["Ezra Thistlewood"][..]),
                ("salt.manager", &["Maya Quillfeather"][..]),
            ];
            for (who, expected) in cases {
                let email = format!("{who}@demo-council.test");
                assert_eq!(seen_by(&db, &email, today, &policy).await, expected, "{engine}: {who}");
            }
            // With a longer access period the psychologist still sees Theo.
            let long = AccessPolicy {
                contributor_days_after_issue: 400,
            };
            assert_eq!(
                seen_by(&db, "psychologist@demo-council.test", today, &long).await,
                ["Ezra Thistlewood", "Theo Brambleton"],
                "{engine}"
            );
            // A case page refuses exactly what the list leaves out.
            let parent = crate::store::accounts::find_for_sign_in(&db, "parent@demo-council.test")
                .await
                .unwrap()
                .unwrap()
                .viewer;
            let theirs = seen(&db, &parent, CaseId(1), today, &TimeLimits::default(), &policy)
                .await
                .unwrap();
            assert_eq!(theirs.map(|c| c.first_name), Some("Poppy".to_owned()), "{engine}");
            let not_theirs = seen(&db, &parent, CaseId(2), today, &TimeLimits::default(), &policy)
                .await
                .unwrap();
            assert_eq!(not_theirs, None, "{engine}");
        }
    }
}
