//! Which caseworker holds a case: who does now, the council's caseworkers
//! to choose from, and passing a case on. A case passed on meanwhile by
//! someone else is detected, never overwritten.

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use super::entities::{account, ehc_case};
use crate::domain::ids::{AccountId, CaseId, LocalAuthorityId};
use crate::domain::role::Role;

/// The caseworker who holds `case`, with their name; none while it awaits allocation.
///
/// # Errors
/// A database error.
pub async fn holder(db: &impl ConnectionTrait, case: CaseId) -> Result<Option<(AccountId, String)>, DbErr> {
    let Some(id) = ehc_case::Entity::find_by_id(case)
        .one(db)
        .await?
        .and_then(|c| c.caseworker_id)
    else {
        return Ok(None);
    };
    Ok(account::Entity::find_by_id(id).one(db).await?.map(|a| (a.id, a.name)))
}

/// The council's caseworkers who have set up their account, by name.
///
/// # Errors
/// A database error.
pub async fn caseworkers(
    db: &impl ConnectionTrait,
    council: LocalAuthorityId,
) -> Result<Vec<(AccountId, String)>, DbErr> {
    Ok(account::Entity::find()
        .filter(account::Column::LocalAuthorityId.eq(council))
        .filter(account::Column::Role.eq(Role::Caseworker))
        .filter(account::Column::PasswordHash.is_not_null())
        .order_by_asc(account::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect())
}

/// Gives `case` to `to`, if it is still held by `from` (none: awaiting
/// allocation) as the person passing it on saw it. Returns whether it was.
///
/// # Errors
/// A database error.
pub async fn allocate(
    txn: &impl ConnectionTrait,
    case: CaseId,
    from: Option<AccountId>,
    to: AccountId,
) -> Result<bool, DbErr> {
    let held = match from {
        Some(from) => ehc_case::Column::CaseworkerId.eq(from),
        None => ehc_case::Column::CaseworkerId.is_null(),
    };
    let moved = ehc_case::Entity::update_many()
        .col_expr(ehc_case::Column::CaseworkerId, Expr::value(Some(to)))
        .filter(ehc_case::Column::Id.eq(case))
        .filter(held)
        .exec(txn)
        .await?;
    Ok(moved.rows_affected == 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_db;

    #[tokio::test]
    async fn a_case_is_passed_on_only_from_the_holder_the_page_showed() {
        for (engine, db) in test_db::databases().await {
            let council = crate::store::councils::ensure(&db, "Test Council", "999")
                .await
                .unwrap();
            let (case, _) = test_db::case_and_person(&db, council).await;
            let now = chrono::Utc::now();
            let hash = crate::accounts::password::PasswordHash::from_stored("x".into());
            let sam = crate::store::accounts::create(
                &db,
                council,
                "sam@c.example",
                "Sam",
                Role::Caseworker,
                None,
                Some(&hash),
                now,
            )
            .await
            .unwrap();
            let ali = crate::store::accounts::create(
                &db,
                council,
                "ali@c.example",
                "Ali",
                Role::Caseworker,
                None,
                Some(&hash),
                now,
            )
            .await
            .unwrap();
            // Invited but not yet set up: not offered.
            crate::store::accounts::create(&db, council, "new@c.example", "New", Role::Caseworker, None, None, now)
                .await
                .unwrap();
            let names: Vec<String> = caseworkers(&db, council)
                .await
                .unwrap()
                .into_iter()
                .map(|c| c.1)
                .collect();
            assert_eq!(names, ["Ali", "Sam"], "{engine}");
            assert_eq!(holder(&db, case).await.unwrap(), None, "{engine}");
            assert!(allocate(&db, case, None, sam).await.unwrap(), "{engine}");
            // Someone who still saw it unallocated does not overwrite Sam.
            assert!(!allocate(&db, case, None, ali).await.unwrap(), "{engine}");
            assert_eq!(holder(&db, case).await.unwrap(), Some((sam, "Sam".into())), "{engine}");
            assert!(allocate(&db, case, Some(sam), ali).await.unwrap(), "{engine}");
            assert_eq!(holder(&db, case).await.unwrap().map(|h| h.0), Some(ali), "{engine}");
        }
    }
}
