//! Teams and education settings in a council's area.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};

use super::entities::team;
use crate::cases::types::SettingOption;
use crate::domain::ids::{LocalAuthorityId, TeamId};
use crate::domain::team_kind::TeamKind;

/// # Errors
/// A database error.
pub async fn create(
    db: &impl ConnectionTrait,
    council: LocalAuthorityId,
    name: &str,
    kind: TeamKind,
) -> Result<TeamId, DbErr> {
    let created = team::ActiveModel {
        local_authority_id: Set(council),
        name: Set(name.to_owned()),
        kind: Set(kind),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(created.id)
}

/// The council's education settings, by name.
///
/// # Errors
/// A database error.
pub async fn settings(db: &impl ConnectionTrait, council: LocalAuthorityId) -> Result<Vec<SettingOption>, DbErr> {
    Ok(team::Entity::find()
        .filter(team::Column::LocalAuthorityId.eq(council))
        .filter(team::Column::Kind.eq(TeamKind::EducationSetting))
        .order_by_asc(team::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|t| SettingOption { id: t.id, name: t.name })
        .collect())
}

/// Whether `id` is one of this council's education settings.
///
/// # Errors
/// A database error.
pub async fn is_setting(db: &impl ConnectionTrait, council: LocalAuthorityId, id: TeamId) -> Result<bool, DbErr> {
    let found = team::Entity::find()
        .filter(team::Column::Id.eq(id))
        .filter(team::Column::LocalAuthorityId.eq(council))
        .filter(team::Column::Kind.eq(TeamKind::EducationSetting))
        .count(db)
        .await?;
    Ok(found > 0)
}

/// The kind of one team, if it exists.
///
/// # Errors
/// A database error.
pub async fn kind(db: &impl ConnectionTrait, id: TeamId) -> Result<Option<TeamKind>, DbErr> {
    Ok(team::Entity::find_by_id(id).one(db).await?.map(|t| t.kind))
}

/// Every team and setting of a council, by name, with its kind.
///
/// # Errors
/// A database error.
pub async fn all(
    db: &impl ConnectionTrait,
    council: LocalAuthorityId,
) -> Result<Vec<(TeamId, String, TeamKind)>, DbErr> {
    Ok(contacts(db, council)
        .await?
        .into_iter()
        .map(|t| (t.id, t.name, t.kind))
        .collect())
}

/// A team as the administrator's page lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TeamContact {
    pub id: TeamId,
    pub name: String,
    pub kind: TeamKind,
    pub contact_email: Option<String>,
    pub urn: Option<String>,
}

/// Every team and setting of a council with its contact address, by name.
///
/// # Errors
/// A database error.
pub async fn contacts(db: &impl ConnectionTrait, council: LocalAuthorityId) -> Result<Vec<TeamContact>, DbErr> {
    Ok(team::Entity::find()
        .filter(team::Column::LocalAuthorityId.eq(council))
        .order_by_asc(team::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|t| TeamContact {
            id: t.id,
            name: t.name,
            kind: t.kind,
            contact_email: t.contact_email,
            urn: t.urn,
        })
        .collect())
}

/// Sets (or, with `None`, clears) where requests to a team are emailed;
/// `false` for a team not of `council`.
///
/// # Errors
/// A database error.
pub async fn set_contact(
    db: &impl ConnectionTrait,
    council: LocalAuthorityId,
    id: TeamId,
    email: Option<String>,
) -> Result<bool, DbErr> {
    let set = team::Entity::update_many()
        .col_expr(team::Column::ContactEmail, sea_orm::sea_query::Expr::value(email))
        .filter(team::Column::Id.eq(id))
        .filter(team::Column::LocalAuthorityId.eq(council))
        .exec(db)
        .await?;
    Ok(set.rows_affected == 1)
}

/// Sets (or, with `None`, clears) a setting's URN; `false` for a team not
/// of `council` or not an education setting (other teams have none).
///
/// # Errors
/// A database error.
pub async fn set_urn(
    db: &impl ConnectionTrait,
    council: LocalAuthorityId,
    id: TeamId,
    urn: Option<String>,
) -> Result<bool, DbErr> {
    let set = team::Entity::update_many()
        .col_expr(team::Column::Urn, sea_orm::sea_query::Expr::value(urn))
        .filter(team::Column::Id.eq(id))
        .filter(team::Column::LocalAuthorityId.eq(council))
        .filter(team::Column::Kind.eq(TeamKind::EducationSetting))
        .exec(db)
        .await?;
    Ok(set.rows_affected == 1)
}
