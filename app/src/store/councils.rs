//! The council (local authority) a deployment serves.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};

use super::entities::local_authority;
use crate::domain::ids::LocalAuthorityId;

/// Finds the council with this code, creating it on first start.
///
/// # Errors
/// A database error.
pub async fn ensure(db: &impl ConnectionTrait, name: &str, code: &str) -> Result<LocalAuthorityId, DbErr> {
    if let Some(found) = local_authority::Entity::find()
        .filter(local_authority::Column::Code.eq(code))
        .one(db)
        .await?
    {
        return Ok(found.id);
    }
    let created = local_authority::ActiveModel {
        name: Set(name.to_owned()),
        code: Set(code.to_owned()),
        next_case_number: Set(1),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(created.id)
}
