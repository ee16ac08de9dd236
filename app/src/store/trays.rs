//! The work trays at any scale. A tray is read in segments, each one index
//! range in the trays' order (next deadline, then reference): the tray's own
//! cases, then its closed ones when they are included. Every filter is an
//! equality or a range on a column the indexes lead with (the council or the
//! caseworker, the tray, the stage or setting, the deadline), so a page is
//! read from an index without sorting, and pages follow each other by
//! keyset (the case at the edge of a page), not by an offset that grows.

use chrono::{NaiveDate, TimeDelta};
use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, Order, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::cases::{CaseRow, select_rows};
use super::entities::{child_name_word, ehc_case};
use crate::cases::types::{CASES_PER_PAGE, CaseFilter, CaseList, CaseListItem, Cursor, DueFilter, Scope};
use crate::domain::access::AccessPolicy;
use crate::domain::capability::{Capability, Terms};
use crate::domain::deadlines::{TimeLimits, next_deadline, timeline};
use crate::domain::ids::LocalAuthorityId;
use crate::domain::role::Role;
use crate::domain::stage::Tray;
use crate::domain::viewer::Viewer;

/// Whose cases a person sees when they do not say: a caseworker their own.
pub fn default_scope(role: Role) -> Scope {
    if role == Role::Caseworker {
        Scope::Mine
    } else {
        Scope::Everyone
    }
}

/// Whether a person may choose between their own cases and everyone's:
/// council staff who hold cases.
pub fn may_choose_scope(role: Role) -> bool {
    role.is_council_staff()
}

/// Whether a word is a whole case reference ("DC-000104"): letters, a dash, digits.
fn is_reference(word: &str) -> bool {
    word.split_once('-').is_some_and(|(code, number)| {
        !code.is_empty()
            && code.chars().all(|c| c.is_ascii_alphanumeric())
            && !number.is_empty()
            && number.chars().all(|c| c.is_ascii_digit())
    })
}

/// Each word typed must start a word of the child's names (read from the
/// council's index of name words, [`crate::domain::names`]), or, if it has a
/// digit, appear in the case reference. A whole reference is looked up by
/// the council's index of references.
fn search_condition(search: &str, council: LocalAuthorityId) -> Condition {
    search.split_whitespace().fold(Condition::all(), |all, word| {
        if is_reference(word) {
            return all.add(ehc_case::Column::Reference.eq(word.to_uppercase()));
        }
        // "O'Brien" typed is the words "o" and "brien": each must start one.
        // Punctuation alone ("%") is no word, and finds no name.
        let prefixes = crate::domain::names::words(word);
        let mut names = Condition::all();
        if prefixes.is_empty() {
            names = names.add(Expr::val(1).eq(0));
        }
        for prefix in prefixes {
            let mut range = Query::select()
                .column(child_name_word::Column::ChildId)
                .from(child_name_word::Entity)
                .and_where(Expr::col(child_name_word::Column::LocalAuthorityId).eq(council))
                .and_where(Expr::col(child_name_word::Column::Word).gte(prefix.clone()))
                .to_owned();
            if let Some(after) = crate::domain::names::after_prefix(&prefix) {
                range.and_where(Expr::col(child_name_word::Column::Word).lt(after));
            }
            names = names.add(ehc_case::Column::ChildId.in_subquery(range));
        }
        let mut either = Condition::any().add(names);
        if word.chars().any(|c| c.is_ascii_digit()) {
            let escaped = word
                .to_uppercase()
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            either = either.add(
                Expr::col((ehc_case::Entity, ehc_case::Column::Reference))
                    .like(LikeExpr::new(format!("%{escaped}%")).escape('\\')),
            );
        }
        all.add(either)
    })
}

/// The trays the list reads, in order: the tray, then closed cases if asked
/// for and if no filter rules them out (a stage of the tray, or a deadline:
/// closed cases have none).
fn segments(filter: &CaseFilter) -> Vec<Tray> {
    let mut trays = vec![filter.tray];
    if filter.include_closed && filter.tray != Tray::Closed && filter.stage.is_none() && filter.due == DueFilter::Any {
        trays.push(Tray::Closed);
    }
    trays
}

/// The conditions every segment shares: who may see the case, whose it is,
/// the stage, the setting, the deadline and the search.
fn shared(
    viewer: &Viewer,
    filter: &CaseFilter,
    scope: Scope,
    today: NaiveDate,
    limits: &TimeLimits,
    terms: Terms<'_>,
) -> Condition {
    let mut all = Condition::all().add(super::case_links::visible_to(viewer, Capability::ViewCase, terms));
    if viewer.role.is_council_staff() {
        match scope {
            Scope::Mine => all = all.add(ehc_case::Column::CaseworkerId.eq(viewer.account)),
            Scope::AwaitingAllocation => all = all.add(ehc_case::Column::CaseworkerId.is_null()),
            Scope::Everyone => {}
        }
    }
    if let Some(stage) = filter.stage {
        all = all.add(ehc_case::Column::Stage.eq(stage));
    }
    if let Some(setting) = filter.setting {
        all = all.add(ehc_case::Column::SettingTeamId.eq(setting));
    }
    match filter.due {
        DueFilter::Any => {}
        DueFilter::Overdue => all = all.add(ehc_case::Column::DueKey.lt(today)),
        DueFilter::Soon => {
            let until = today + TimeDelta::days(i64::from(limits.due_soon_days));
            all = all
                .add(ehc_case::Column::DueKey.gte(today))
                .add(ehc_case::Column::DueKey.lte(until));
        }
    }
    if !filter.search.trim().is_empty() {
        all = all.add(search_condition(&filter.search, viewer.council));
    }
    all
}

/// One segment's cases as ids, with the shared conditions.
fn segment(tray: Tray, shared: &Condition) -> sea_orm::Select<ehc_case::Entity> {
    ehc_case::Entity::find()
        .select_only()
        .column(ehc_case::Column::Id)
        .column(ehc_case::Column::DueKey)
        .column(ehc_case::Column::Reference)
        .filter(ehc_case::Column::Tray.eq(tray.as_str()))
        .filter(shared.clone())
}

/// The position of a case in the trays' order, for keyset comparisons.
fn key() -> Expr {
    Expr::tuple([
        Expr::col((ehc_case::Entity, ehc_case::Column::DueKey)),
        Expr::col((ehc_case::Entity, ehc_case::Column::Reference)),
    ])
}

fn key_of(cursor: &Cursor) -> Expr {
    Expr::tuple([Expr::val(cursor.due), Expr::val(cursor.reference.clone())])
}

/// One page of a tray, most urgent deadline first.
///
/// # Errors
/// A database error, or a stored value this version does not know.
pub async fn list(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    filter: &CaseFilter,
    today: NaiveDate,
    limits: &TimeLimits,
    access: &AccessPolicy,
) -> Result<CaseList, DbErr> {
    let terms = Terms { today, policy: access };
    let scope = filter.scope.unwrap_or_else(|| default_scope(viewer.role));
    let shared = shared(viewer, filter, scope, today, limits, terms);
    let trays = segments(filter);
    let mut total = 0usize;
    for tray in &trays {
        total += usize::try_from(segment(*tray, &shared).count(db).await?).unwrap_or(usize::MAX);
    }
    let pages = total.div_ceil(CASES_PER_PAGE).max(1);
    // A page number means something only with the cursor that reached it.
    let page = if filter.after.is_none() && filter.before.is_none() {
        1
    } else {
        filter.page.clamp(1, pages)
    };

    // Walk the segments forwards from `after`, or backwards from `before`.
    let backwards = filter.before.is_some() && filter.after.is_none();
    let edge = if backwards {
        filter.before.as_ref()
    } else {
        filter.after.as_ref()
    };
    let order: Vec<usize> = if backwards {
        (0..trays.len()).rev().collect()
    } else {
        (0..trays.len()).collect()
    };
    let mut chosen: Vec<(u8, PageKey)> = Vec::new();
    for index in order {
        let left = CASES_PER_PAGE - chosen.len();
        if left == 0 {
            break;
        }
        let number = u8::try_from(index).unwrap_or(u8::MAX);
        let mut select = segment(trays[index], &shared);
        match edge {
            // Segments before the edge's (after it, going back) hold nothing on this page.
            Some(cursor) if (cursor.segment > number) != backwards && cursor.segment != number => continue,
            Some(cursor) if cursor.segment == number => {
                select = select.filter(if backwards {
                    key().lt(key_of(cursor))
                } else {
                    key().gt(key_of(cursor))
                });
            }
            _ => {}
        }
        let direction = if backwards { Order::Desc } else { Order::Asc };
        let ids = select
            .order_by(ehc_case::Column::DueKey, direction.clone())
            .order_by(ehc_case::Column::Reference, direction)
            .limit(left as u64)
            .into_model::<PageKey>()
            .all(db)
            .await?;
        let mut found: Vec<(u8, PageKey)> = ids.into_iter().map(|k| (number, k)).collect();
        if backwards {
            found.reverse();
            found.append(&mut chosen);
            chosen = found;
        } else {
            chosen.append(&mut found);
        }
    }

    let ids: Vec<_> = chosen.iter().map(|(_, c)| c.id).collect();
    let rows = select_rows()
        .filter(Expr::col((ehc_case::Entity, ehc_case::Column::Id)).is_in(ids.clone()))
        .into_model::<CaseRow>()
        .all(db)
        .await?;
    let exceptions = super::decisions::exceptions_of(db, &ids).await?;
    let mut items = Vec::with_capacity(rows.len());
    for id in &ids {
        let Some(row) = rows.iter().find(|r| r.id == *id) else {
            continue;
        };
        let mut deadlines = timeline(row.stage, &row.milestones(), today, limits);
        if let Some(found) = exceptions.get(id) {
            crate::domain::exception::apply(&mut deadlines, found);
        }
        items.push(CaseListItem {
            id: row.id,
            child_name: format!("{} {}", row.first_name, row.last_name),
            reference: row.reference.clone(),
            stage: row.stage,
            setting: row.setting_name.clone(),
            next_deadline: next_deadline(&deadlines),
        });
    }
    let cursor = |(segment, case): &(u8, PageKey)| Cursor {
        segment: *segment,
        due: case.due_key,
        reference: case.reference.clone(),
    };
    let settings = if viewer.role.is_council_staff() {
        super::teams::settings(db, viewer.council).await?
    } else {
        Vec::new()
    };
    Ok(CaseList {
        items,
        total,
        page,
        pages,
        scope,
        may_choose_scope: may_choose_scope(viewer.role),
        team: viewer.role == Role::TeamManager,
        settings,
        next: (page < pages).then(|| chosen.last().map(cursor)).flatten(),
        previous: (page > 1).then(|| chosen.first().map(cursor)).flatten(),
        start: None,
    })
}

/// The first page's query and the count of the tray's own segment, as SQL
/// for the engine `backend`: what the benchmark shows the query plans of.
pub fn first_page_statements(
    viewer: &Viewer,
    filter: &CaseFilter,
    today: NaiveDate,
    limits: &TimeLimits,
    access: &AccessPolicy,
    backend: sea_orm::DatabaseBackend,
) -> [sea_orm::Statement; 2] {
    use sea_orm::QueryTrait;
    let terms = Terms { today, policy: access };
    let scope = filter.scope.unwrap_or_else(|| default_scope(viewer.role));
    let shared = shared(viewer, filter, scope, today, limits, terms);
    let own = segment(filter.tray, &shared);
    let page = own
        .clone()
        .order_by(ehc_case::Column::DueKey, Order::Asc)
        .order_by(ehc_case::Column::Reference, Order::Asc)
        .limit(CASES_PER_PAGE as u64)
        .build(backend);
    let count = own
        .select_only()
        .column_as(Expr::col((ehc_case::Entity, ehc_case::Column::Id)).count(), "n")
        .build(backend);
    [page, count]
}

/// A case's place in the trays' order.
#[derive(Clone, Debug, sea_orm::FromQueryResult)]
struct PageKey {
    id: crate::domain::ids::CaseId,
    due_key: NaiveDate,
    reference: String,
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    #[test]
    fn a_whole_reference_is_told_from_a_name() {
        assert!(super::is_reference("DC-000104"));
        assert!(super::is_reference("g001-42"));
        for word in ["Poppy", "000104", "DC-", "-000104", "Ann-Marie", "DC-0001x"] {
            assert!(!super::is_reference(word), "{word}");
        }
    }
    use sea_orm::DatabaseConnection;

    use super::*;
    use crate::domain::ids::{AccountId, LocalAuthorityId, TeamId};
    use crate::domain::new_case::NewCase;
    use crate::domain::requester::Requester;
    use crate::domain::stage::Stage;
    use crate::domain::team_kind::TeamKind;
    use crate::store::cases::{PathwayDates, create};
    use crate::store::test_db::databases;
    use crate::store::{accounts, councils, teams};

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn viewer(account: AccountId, council: LocalAuthorityId) -> Viewer {
        Viewer {
            account,
            name: "Sam".into(),
            email: "sam@tc.test".into(),
            role: Role::Caseworker,
            council,
            team: None,
            authenticator: false,
        }
    }

    struct Tray55 {
        sam: Viewer,
        oak: TeamId,
    }

    /// 45 open cases (Sam holds the even ones; odd ones are at Oak Lane) and
    /// 10 closed; requests received a day apart, so their deadlines differ.
    async fn fill(db: &DatabaseConnection) -> Tray55 {
        let now = Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap();
        let council = councils::ensure(db, "Test Council", "TC").await.unwrap();
        let sam = accounts::create(db, council, "sam@tc.test", "Sam", Role::Caseworker, None, None, now)
            .await
            .unwrap();
        let kim = accounts::create(db, council, "kim@tc.test", "Kim", Role::Caseworker, None, None, now)
            .await
            .unwrap();
        let oak = teams::create(db, council, "Oak Lane School", TeamKind::EducationSetting)
            .await
            .unwrap();
        for n in 0..55u32 {
            let request = NewCase {
                first_name: format!("Child{n:02}"),
                last_name: "Test".into(),
                date_of_birth: day(1, 1) - TimeDelta::days(3000),
                setting: (n % 2 == 1).then_some(oak),
                requested_by: Requester::Parent,
                received_on: day(9, 1) + TimeDelta::days(i64::from(n)),
            };
            let stage = if n < 45 { Stage::RequestReceived } else { Stage::Closed };
            let dates = PathwayDates {
                caseworker: Some(if n % 2 == 0 { sam } else { kim }),
                ..PathwayDates::default()
            };
            create(db, council, &request, stage, &dates, &TimeLimits::default(), now)
                .await
                .unwrap();
        }
        Tray55 {
            sam: viewer(sam, council),
            oak,
        }
    }

    async fn page(db: &DatabaseConnection, who: &Viewer, filter: CaseFilter, today: NaiveDate) -> CaseList {
        list(
            db,
            who,
            &filter,
            today,
            &TimeLimits::default(),
            &AccessPolicy::default(),
        )
        .await
        .unwrap()
    }

    fn names(list: &CaseList) -> Vec<String> {
        list.items.iter().map(|i| i.child_name.clone()).collect()
    }

    #[tokio::test]
    async fn filters_combine_and_counts_are_right() {
        for (engine, db) in databases().await {
            let t = fill(&db).await;
            // Week 6 of the first request (1 September) is 13 October.
            let today = day(10, 20);
            let everyone = CaseFilter {
                scope: Some(Scope::Everyone),
                ..CaseFilter::default()
            };
            // A caseworker's own cases by default; the council's when asked.
            let mine = page(&db, &t.sam, CaseFilter::default(), today).await;
            assert_eq!((mine.scope, mine.total), (Scope::Mine, 23), "{engine}");
            assert_eq!(page(&db, &t.sam, everyone.clone(), today).await.total, 45, "{engine}");
            // Overdue: received up to 7 September (week 6 by 19 October).
            let overdue = page(
                &db,
                &t.sam,
                CaseFilter {
                    due: DueFilter::Overdue,
                    ..everyone.clone()
                },
                today,
            )
            .await;
            assert_eq!(
                names(&overdue),
                [
                    "Child00 Test",
                    "Child01 Test",
                    "Child02 Test",
                    "Child03 Test",
                    "Child04 Test",
                    "Child05 Test",
                    "Child06 Test"
                ],
                "{engine}"
            );
            // Combined with the setting and with whose they are.
            let at_oak = CaseFilter {
                due: DueFilter::Overdue,
                setting: Some(t.oak),
                ..everyone.clone()
            };
            assert_eq!(
                names(&page(&db, &t.sam, at_oak.clone(), today).await),
                ["Child01 Test", "Child03 Test", "Child05 Test"],
                "{engine}"
            );
            let mine_at_oak = CaseFilter {
                scope: Some(Scope::Mine),
                ..at_oak
            };
            assert_eq!(page(&db, &t.sam, mine_at_oak, today).await.total, 0, "{engine}");
            // Due soon: within 14 days, 20 October to 3 November.
            let soon = page(
                &db,
                &t.sam,
                CaseFilter {
                    due: DueFilter::Soon,
                    ..everyone.clone()
                },
                today,
            )
            .await;
            assert_eq!(soon.total, 15, "{engine}");
            assert_eq!(soon.items[0].child_name, "Child07 Test", "{engine}");
            // A stage: every open case is waiting for the decision to assess.
            let stage = CaseFilter {
                stage: Some(Stage::NeedsAssessment),
                ..everyone.clone()
            };
            assert_eq!(page(&db, &t.sam, stage, today).await.total, 0, "{engine}");
            // A search narrows what the filters leave: Child10 to Child19 are due soon.
            let search = CaseFilter {
                search: "child1".into(),
                due: DueFilter::Soon,
                ..everyone.clone()
            };
            assert_eq!(page(&db, &t.sam, search, today).await.total, 10, "{engine}");
            // A whole reference, typed in any case, finds its one case.
            let reference = CaseFilter {
                search: "tc-000004".into(),
                ..everyone.clone()
            };
            assert_eq!(
                names(&page(&db, &t.sam, reference, today).await),
                ["Child03 Test"],
                "{engine}"
            );
        }
    }

    #[tokio::test]
    async fn a_search_word_finds_names_starting_with_it_and_only_the_councils() {
        for (engine, db) in databases().await {
            let t = fill(&db).await;
            let now = Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap();
            let council = councils::ensure(&db, "Test Council", "TC").await.unwrap();
            let other = councils::ensure(&db, "Other Council", "OC").await.unwrap();
            for (council, first, last) in [
                (council, "Zoë", "O'Brien-Hart"),
                (council, "Ana", "Hartley"),
                (other, "Zoë", "Hart"),
            ] {
                let request = NewCase {
                    first_name: first.into(),
                    last_name: last.into(),
                    date_of_birth: day(1, 1) - TimeDelta::days(3000),
                    setting: None,
                    requested_by: Requester::Parent,
                    received_on: day(9, 1),
                };
                create(
                    &db,
                    council,
                    &request,
                    Stage::RequestReceived,
                    &PathwayDates::default(),
                    &TimeLimits::default(),
                    now,
                )
                .await
                .unwrap();
            }
            let found = |search: &str| {
                let filter = CaseFilter {
                    scope: Some(Scope::Everyone),
                    search: search.into(),
                    ..CaseFilter::default()
                };
                let db = db.clone();
                let sam = t.sam.clone();
                async move {
                    let mut names = names(&page(&db, &sam, filter, day(10, 20)).await);
                    names.sort();
                    names
                }
            };
            // The start of any word of the names, in any case, accents kept.
            assert_eq!(found("hart").await, ["Ana Hartley", "Zoë O'Brien-Hart"], "{engine}");
            assert_eq!(found("BRIEN").await, ["Zoë O'Brien-Hart"], "{engine}");
            assert_eq!(found("o'b zoë").await, ["Zoë O'Brien-Hart"], "{engine}");
            // Not the middle of a word; never another council's child.
            assert!(found("artley").await.is_empty(), "{engine}");
            assert_eq!(found("zoë hart").await, ["Zoë O'Brien-Hart"], "{engine}");
            // A word with digits also finds references.
            assert_eq!(found("000004").await, ["Child03 Test"], "{engine}");
        }
    }

    #[tokio::test]
    async fn closed_cases_follow_the_trays_own_and_pages_cross_between_them() {
        for (engine, db) in databases().await {
            let t = fill(&db).await;
            let today = day(10, 20);
            let with_closed = CaseFilter {
                scope: Some(Scope::Everyone),
                include_closed: true,
                ..CaseFilter::default()
            };
            let first = page(&db, &t.sam, with_closed.clone(), today).await;
            assert_eq!((first.total, first.pages, first.items.len()), (55, 2, 50), "{engine}");
            assert_eq!(first.items[44].child_name, "Child44 Test", "{engine}");
            assert_eq!(first.items[45].stage, Stage::Closed, "{engine}");
            let second = page(
                &db,
                &t.sam,
                CaseFilter {
                    page: 2,
                    after: first.next.clone(),
                    ..with_closed.clone()
                },
                today,
            )
            .await;
            assert_eq!(second.items.len(), 5, "{engine}");
            assert!(second.items.iter().all(|i| i.stage == Stage::Closed), "{engine}");
            let mut seen: Vec<String> = names(&first).into_iter().chain(names(&second)).collect();
            seen.sort();
            seen.dedup();
            assert_eq!(seen.len(), 55, "{engine}: every case once");
            let back = page(
                &db,
                &t.sam,
                CaseFilter {
                    page: 1,
                    before: second.previous.clone(),
                    ..with_closed
                },
                today,
            )
            .await;
            assert_eq!(back.items, first.items, "{engine}");
            // Without the filter, closed cases stay out.
            let open = page(
                &db,
                &t.sam,
                CaseFilter {
                    scope: Some(Scope::Everyone),
                    ..CaseFilter::default()
                },
                today,
            )
            .await;
            assert_eq!(open.total, 45, "{engine}");
        }
    }
}
