//! The child's and the family's written views, one row per case and space.
//! A save names the revision it was typed over: a save over a newer one (two
//! parents writing at once) is refused, never silently overwrites.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};

use super::entities::family_views;
use crate::domain::ids::{AccountId, CaseId};
use crate::domain::uploads::Attachment;
use crate::domain::views::{Answers, ViewsState};

pub use family_views::Model as SpaceRow;

/// # Errors
/// A database error.
pub async fn spaces(db: &impl ConnectionTrait, case: CaseId) -> Result<Vec<SpaceRow>, DbErr> {
    family_views::Entity::find()
        .filter(family_views::Column::CaseId.eq(case))
        .all(db)
        .await
}

/// Whether a space's views were sent to the council (and so take no more
/// files or changes until re-opened).
///
/// # Errors
/// A database error.
pub async fn is_sent(db: &impl ConnectionTrait, case: CaseId, space: Attachment) -> Result<bool, DbErr> {
    Ok(family_views::Entity::find()
        .filter(family_views::Column::CaseId.eq(case))
        .filter(family_views::Column::Space.eq(space))
        .filter(family_views::Column::State.eq(ViewsState::Sent))
        .one(db)
        .await?
        .is_some())
}

/// How a save went.
#[derive(Debug, PartialEq, Eq)]
pub enum Saved {
    /// Saved; the new revision.
    At(i32),
    /// Someone saved first, or the views were sent meanwhile.
    Conflict,
}

/// A save of one space's answers.
pub struct Save<'a> {
    pub space: Attachment,
    pub answers: &'a Answers,
    /// The revision they were typed over: 0 for a space never saved.
    pub revision: i32,
    /// Send them to the council in the same write.
    pub send: bool,
    pub by: AccountId,
    pub now: DateTime<Utc>,
}

/// Saves a space's answers if nobody saved since they were typed.
///
/// # Errors
/// A database error.
pub async fn save(db: &impl ConnectionTrait, case: CaseId, save: Save<'_>) -> Result<Saved, DbErr> {
    let Save {
        space,
        answers,
        revision,
        send,
        by,
        now,
    } = save;
    let state = if send { ViewsState::Sent } else { ViewsState::Drafting };
    if revision == 0 {
        let row = family_views::ActiveModel {
            case_id: Set(case),
            space: Set(space),
            liked: Set(answers.liked.clone()),
            important: Set(answers.important.clone()),
            support: Set(answers.support.clone()),
            hopes: Set(answers.hopes.clone()),
            state: Set(state),
            revision: Set(1),
            updated_at: Set(now),
            updated_by: Set(Some(by)),
            sent_at: Set(send.then_some(now)),
            sent_by: Set(send.then_some(by)),
            ..Default::default()
        };
        // Two first saves at once: the unique index lets one in.
        return Ok(match row.insert(db).await {
            Ok(_) => Saved::At(1),
            Err(_) => Saved::Conflict,
        });
    }
    let mut update = family_views::Entity::update_many()
        .col_expr(family_views::Column::Liked, Expr::value(answers.liked.clone()))
        .col_expr(family_views::Column::Important, Expr::value(answers.important.clone()))
        .col_expr(family_views::Column::Support, Expr::value(answers.support.clone()))
        .col_expr(family_views::Column::Hopes, Expr::value(answers.hopes.clone()))
        .col_expr(family_views::Column::Revision, Expr::value(revision + 1))
        .col_expr(family_views::Column::UpdatedAt, Expr::value(now))
        .col_expr(family_views::Column::UpdatedBy, Expr::value(by));
    if send {
        update = update
            .col_expr(family_views::Column::State, Expr::value(ViewsState::Sent.as_str()))
            .col_expr(family_views::Column::SentAt, Expr::value(now))
            .col_expr(family_views::Column::SentBy, Expr::value(by));
    }
    let result = update
        .filter(family_views::Column::CaseId.eq(case))
        .filter(family_views::Column::Space.eq(space))
        .filter(family_views::Column::Revision.eq(revision))
        .filter(family_views::Column::State.eq(ViewsState::Drafting))
        .exec(db)
        .await?;
    Ok(if result.rows_affected == 1 {
        Saved::At(revision + 1)
    } else {
        Saved::Conflict
    })
}

/// Opens sent views for changes again (a caseworker, when the family asks).
///
/// # Errors
/// A database error.
pub async fn reopen(
    db: &impl ConnectionTrait,
    case: CaseId,
    space: Attachment,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let result = family_views::Entity::update_many()
        .col_expr(family_views::Column::State, Expr::value(ViewsState::Drafting.as_str()))
        .col_expr(
            family_views::Column::Revision,
            Expr::col(family_views::Column::Revision).add(1),
        )
        .col_expr(family_views::Column::UpdatedAt, Expr::value(now))
        .filter(family_views::Column::CaseId.eq(case))
        .filter(family_views::Column::Space.eq(space))
        .filter(family_views::Column::State.eq(ViewsState::Sent))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_db::{case_and_person, databases};

    #[tokio::test]
    async fn a_save_over_an_older_revision_is_refused_and_sent_views_stay_as_sent() {
        for (engine, db) in databases().await {
            let council = crate::store::councils::ensure(&db, "Test Council", "999")
                .await
                .expect("council");
            let (case, parent) = case_and_person(&db, council).await;
            let now = Utc::now();
            let mine = Answers {
                liked: "Kit is kind.".into(),
                ..Answers::default()
            };
            let theirs = Answers {
                liked: "Kit is funny.".into(),
                ..Answers::default()
            };
            let space = Attachment::ParentViews;
            let at = |answers, revision, send| Save {
                space,
                answers,
                revision,
                send,
                by: parent,
                now,
            };
            assert_eq!(save(&db, case, at(&mine, 0, false)).await.expect("save"), Saved::At(1));
            // A second parent who opened the page before the first save.
            assert_eq!(
                save(&db, case, at(&theirs, 0, false)).await.expect("save"),
                Saved::Conflict
            );
            assert_eq!(save(&db, case, at(&theirs, 1, true)).await.expect("send"), Saved::At(2));
            // Sent: no more changes until re-opened.
            assert_eq!(
                save(&db, case, at(&mine, 2, false)).await.expect("save"),
                Saved::Conflict
            );
            let row = spaces(&db, case).await.expect("read").pop().expect("row");
            assert_eq!(
                (row.liked.as_str(), row.state),
                ("Kit is funny.", ViewsState::Sent),
                "{engine}"
            );
            assert!(reopen(&db, case, space, now).await.expect("reopen"), "{engine}");
            assert_eq!(save(&db, case, at(&mine, 3, false)).await.expect("save"), Saved::At(4));
        }
    }
}
