//! One EHC case, its stage and the dates its statutory timeline is measured from.

use sea_orm::entity::prelude::*;

use crate::domain::ids::{AccountId, CaseId, ChildId, LocalAuthorityId, TeamId};

use crate::domain::cease::CeaseReason;
use crate::domain::decision::DecisionQuestion;
use crate::domain::requester::Requester;
use crate::domain::sen2::codes::NeedType;

use crate::domain::stage::Stage;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ehc_case")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: CaseId,
    pub local_authority_id: LocalAuthorityId,
    pub reference: String,
    pub child_id: ChildId,
    pub stage: Stage,
    pub setting_team_id: Option<TeamId>,
    pub requested_by: Requester,
    pub request_received_on: Date,
    pub decided_to_assess_on: Option<Date>,
    pub decided_to_issue_on: Option<Date>,
    pub plan_issued_on: Option<Date>,
    pub last_reviewed_on: Option<Date>,
    /// The first statutory deadline not yet met; see [`crate::domain::deadlines::next_due`].
    pub next_deadline_on: Option<Date>,
    /// The work tray the stage belongs to ([`crate::domain::stage::Tray::as_str`]).
    pub tray: String,
    /// `next_deadline_on`, or the far future when nothing is due: the trays'
    /// sort key, never empty, so the indexes give pages in order.
    pub due_key: Date,
    /// The caseworker who holds the case: it is in their own trays.
    pub caseworker_id: Option<AccountId>,
    /// The types of need the SEN2 return reports for a plan in force.
    pub primary_need: Option<NeedType>,
    pub secondary_need: Option<NeedType>,
    /// A refusal overturned on appeal: the day of the order (or concession)
    /// and the decision it overturned; see [`crate::domain::deadlines::Order`].
    pub ordered_on: Option<Date>,
    pub ordered_about: Option<DecisionQuestion>,
    /// The first draft plan sent to the family.
    pub draft_shared_on: Option<Date>,
    /// A plan that has ceased: when, why, and the caseworker's note.
    pub ceased_on: Option<Date>,
    pub cease_reason: Option<CeaseReason>,
    pub cease_note: Option<String>,
    /// Raised on every change, so concurrent edits are detected.
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::child::Entity",
        from = "Column::ChildId",
        to = "super::child::Column::Id"
    )]
    Child,
    #[sea_orm(
        belongs_to = "super::team::Entity",
        from = "Column::SettingTeamId",
        to = "super::team::Column::Id"
    )]
    Setting,
}

impl Related<super::child::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Child.def()
    }
}

impl Related<super::team::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Setting.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
