//! Demo data for local runs: Demo Council, its teams and settings, and five
//! children's cases at different stages, dated relative to today so the
//! statutory timeline always shows something due, due soon and overdue.
//! Every name is invented.

use chrono::{DateTime, Months, NaiveDate, TimeDelta, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait, QueryFilter};

use super::cases::{self, PathwayDates};
use super::entities::team;
use super::{accounts, case_links, councils, teams};
use crate::domain::access::Link;
use crate::domain::deadlines::TimeLimits;
use crate::domain::ids::{LocalAuthorityId, TeamId};
use crate::domain::new_case::NewCase;
use crate::domain::requester::Requester;
use crate::domain::role::Role;
use crate::domain::stage::Stage;
use crate::domain::team_kind::TeamKind;

/// The password of every demo account: demo data is for local runs only.
pub const PASSWORD: &str = "demo-password-2026";

pub const COUNCIL_NAME: &str = "Demo Council";
pub const COUNCIL_CODE: &str = "DC";

fn days_before(today: NaiveDate, days: i64) -> NaiveDate {
    today - TimeDelta::days(days)
}

pub(super) fn months_before(day: NaiveDate, months: u32) -> NaiveDate {
    day.checked_sub_months(Months::new(months)).unwrap_or(day)
}

struct DemoCase {
    first_name: &'static str,
    last_name: &'static str,
    born_years_ago: u32,
    setting: usize,
    requested_by: Requester,
    stage: Stage,
    received_days_ago: i64,
    assess_days_ago: Option<i64>,
    issue_days_ago: Option<i64>,
    plan_days_ago: Option<i64>,
    reviewed_days_ago: Option<i64>,
}

const CASES: [DemoCase; 5] = [
    // Week 7 with no decision to assess yet: overdue.
    DemoCase {
        first_name: "Poppy",
        last_name: "Larkspur",
        born_years_ago: 7,
        setting: 0,
        requested_by: Requester::Parent,
        stage: Stage::RequestReceived,
        received_days_ago: 47,
        assess_days_ago: None,
        issue_days_ago: None,
        plan_days_ago: None,
        reviewed_days_ago: None,
    },
    DemoCase {
        first_name: "Ezra",
        last_name: "Thistlewood",
        born_years_ago: 12,
        setting: 1,
        requested_by: Requester::School,
        stage: Stage::NeedsAssessment,
        received_days_ago: 60,
        assess_days_ago: Some(22),
        issue_days_ago: None,
        plan_days_ago: None,
        reviewed_days_ago: None,
    },
    // The final plan is due in ten days: due soon.
    DemoCase {
        first_name: "Maya",
        last_name: "Quillfeather",
        born_years_ago: 5,
        setting: 0,
        requested_by: Requester::Health,
        stage: Stage::DraftShared,
        received_days_ago: 130,
        assess_days_ago: Some(92),
        issue_days_ago: Some(25),
        plan_days_ago: None,
        reviewed_days_ago: None,
    },
    // Issued almost a year ago: the first annual review is due soon.
    DemoCase {
        first_name: "Theo",
        last_name: "Brambleton",
        born_years_ago: 9,
        setting: 1,
        requested_by: Requester::Parent,
        stage: Stage::ReviewPending,
        received_days_ago: 490,
        assess_days_ago: Some(452),
        issue_days_ago: Some(380),
        plan_days_ago: Some(356),
        reviewed_days_ago: None,
    },
    DemoCase {
        first_name: "Isla",
        last_name: "Fernsby",
        born_years_ago: 17,
        setting: 1,
        requested_by: Requester::SocialCare,
        stage: Stage::ReviewInProgress,
        received_days_ago: 900,
        assess_days_ago: Some(860),
        issue_days_ago: Some(790),
        plan_days_ago: Some(765),
        reviewed_days_ago: Some(340),
    },
];

/// Loads the demo council and its cases into an empty database; does nothing
/// if the council already has teams. Returns the council.
///
/// # Errors
/// A database error.
pub async fn load(
    db: &DatabaseConnection,
    limits: &TimeLimits,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<LocalAuthorityId, DbErr> {
    let council = councils::ensure(db, COUNCIL_NAME, COUNCIL_CODE).await?;
    if team::Entity::find().count(db).await? > 0 {
        return Ok(council);
    }
    // Hashed here, once, rather than at every start: most starts find the data loaded.
    let password = &crate::accounts::password::hash(PASSWORD.to_owned())
        .await
        .map_err(|e| DbErr::Custom(e.to_string()))?;
    let psychology = teams::create(
        db,
        council,
        "Educational Psychology Service",
        TeamKind::EducationalPsychology,
    )
    .await?;
    let salt = teams::create(
        db,
        council,
        "Demo Community Health NHS Trust: Speech and Language Therapy",
        TeamKind::Health,
    )
    .await?;
    teams::create(
        db,
        council,
        "Children's Social Care: Disabled Children's Team",
        TeamKind::SocialCare,
    )
    .await?;
    let riverside = teams::create(db, council, "Riverside Primary School", TeamKind::EducationSetting).await?;
    let hillcrest = teams::create(db, council, "Hillcrest Academy", TeamKind::EducationSetting).await?;
    let settings = [riverside, hillcrest];
    let mut opened = Vec::new();
    for demo in &CASES {
        let request = NewCase {
            first_name: demo.first_name.to_owned(),
            last_name: demo.last_name.to_owned(),
            date_of_birth: months_before(days_before(today, 40), demo.born_years_ago * 12),
            setting: settings.get(demo.setting).copied(),
            requested_by: demo.requested_by,
            received_on: days_before(today, demo.received_days_ago),
        };
        let dates = PathwayDates {
            caseworker: None,
            decided_to_assess: demo.assess_days_ago.map(|d| days_before(today, d)),
            decided_to_issue: demo.issue_days_ago.map(|d| days_before(today, d)),
            plan_issued: demo.plan_days_ago.map(|d| days_before(today, d)),
            last_reviewed: demo.reviewed_days_ago.map(|d| days_before(today, d)),
        };
        opened.push(
            cases::create(db, council, &request, demo.stage, &dates, limits, now)
                .await?
                .id,
        );
    }
    let [poppy, ezra, maya, theo, isla] = opened[..] else {
        return Err(DbErr::Custom("demo cases were not all created".into()));
    };

    let person = async |email: &str, name: &str, role: Role, team: Option<TeamId>| {
        let email = format!("{email}@demo-council.test");
        accounts::create(db, council, &email, name, role, team, Some(password), now).await
    };
    let caseworker = person("caseworker", "Sam Okafor", Role::Caseworker, None).await?;
    // Sam holds every demo case: they are in his own trays.
    super::entities::ehc_case::Entity::update_many()
        .col_expr(
            super::entities::ehc_case::Column::CaseworkerId,
            sea_orm::sea_query::Expr::value(caseworker),
        )
        .filter(super::entities::ehc_case::Column::Id.is_in(opened.iter().copied()))
        .exec(db)
        .await?;
    person("admin", "Priya Shah", Role::LaAdmin, None).await?;
    person("panel", "Tom Reilly", Role::PanelMember, None).await?;
    let psychologist = person("psychologist", "Dr Hannah Moore", Role::Professional, Some(psychology)).await?;
    person("salt.manager", "Grace Adeyemi", Role::TeamManager, Some(salt)).await?;
    person("ep.manager", "Dr Femi Adebayo", Role::TeamManager, Some(psychology)).await?;
    let senco = person("senco", "Daniel Price", Role::EducationSetting, Some(hillcrest)).await?;
    let parent = person("parent", "Laura Larkspur", Role::ParentCarer, None).await?;
    let carer = person("carer", "Ruth Quillfeather", Role::ParentCarer, None).await?;
    let young_person = person("young.person", "Isla Fernsby", Role::YoungPerson, None).await?;
    let advocate = person("advocate", "Jo Whitfield", Role::Advocate, None).await?;

    // Who is linked to which case. The psychologist also advised on Theo's
    // plan, issued almost a year ago, so that access has lapsed.
    let links = [
        (poppy, Some(parent), None, Link::Family),
        (poppy, Some(advocate), None, Link::Family),
        (maya, Some(carer), None, Link::Family),
        (isla, Some(young_person), None, Link::Family),
        (ezra, Some(psychologist), None, Link::Contributor),
        (theo, Some(psychologist), None, Link::Contributor),
        (ezra, Some(senco), None, Link::Contributor),
        (isla, Some(senco), None, Link::Contributor),
        (maya, None, Some(salt), Link::TeamManagerOfAskedTeam),
    ];
    for (case, account, team, link) in links {
        case_links::link(db, case, account, team, link, now).await?;
    }
    // Maya's draft plan was shared with her carer eight days ago, who has six
    // days left to comment; Theo's final plan was issued 356 days ago, so his
    // first annual review is due soon.
    super::demo_plan::load_shared(db, maya, "Maya", caseworker, &[carer], days_before(today, 8), now).await?;
    super::demo_plan::load_issued(
        db,
        theo,
        "Theo",
        caseworker,
        "Hillcrest Academy",
        days_before(today, 356),
        now,
    )
    .await?;
    Ok(council)
}
