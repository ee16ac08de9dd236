//! Uploads: a row per file sent to a case. The row holds how many bytes have
//! arrived (so an upload resumes where it stopped), who sent it, and once it
//! is checked, its kind and where it is stored. Bytes live in staging and
//! storage, never in the database.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use super::entities::upload;
use crate::domain::ids::{AccountId, CaseId};
use crate::domain::uploads::{Attachment, MediaKind, UploadState};

pub use upload::Model as Upload;

/// A new upload, before any byte.
pub struct NewUpload<'a> {
    pub token: &'a str,
    pub case: CaseId,
    pub account: AccountId,
    pub attachment: Attachment,
    pub file_name: &'a str,
    pub caption: &'a str,
    pub length: u64,
    pub now: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// For a document attached to advice: the request the advice answers.
    pub advice_request: Option<i64>,
}

/// # Errors
/// A database error.
pub async fn create(db: &impl ConnectionTrait, new: NewUpload<'_>) -> Result<Upload, DbErr> {
    upload::ActiveModel {
        token: Set(new.token.to_owned()),
        case_id: Set(new.case),
        account_id: Set(new.account),
        attachment: Set(new.attachment),
        file_name: Set(new.file_name.to_owned()),
        caption: Set(new.caption.to_owned()),
        length: Set(to_i64(new.length)),
        received: Set(0),
        state: Set(UploadState::Receiving),
        created_at: Set(new.now),
        expires_at: Set(new.expires_at),
        advice_request_id: Set(new.advice_request),
        ..Default::default()
    }
    .insert(db)
    .await
}

fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// # Errors
/// A database error.
pub async fn by_token(db: &impl ConnectionTrait, token: &str) -> Result<Option<Upload>, DbErr> {
    upload::Entity::find()
        .filter(upload::Column::Token.eq(token))
        .one(db)
        .await
}

/// # Errors
/// A database error.
pub async fn by_id(db: &impl ConnectionTrait, id: i64) -> Result<Option<Upload>, DbErr> {
    upload::Entity::find_by_id(id).one(db).await
}

/// Records that bytes `from..to` arrived, if the upload still stood at
/// `from` and was still receiving: false when another request moved it
/// first. When `to` is the whole length the upload goes on to be checked.
///
/// # Errors
/// A database error.
pub async fn advance(
    db: &impl ConnectionTrait,
    upload: &Upload,
    from: u64,
    to: u64,
    expires_at: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let complete = to_i64(to) == upload.length;
    let mut update = upload::Entity::update_many()
        .col_expr(upload::Column::Received, Expr::value(to_i64(to)))
        .col_expr(upload::Column::ExpiresAt, Expr::value(expires_at));
    if complete {
        update = update.col_expr(upload::Column::State, Expr::value(UploadState::Checking.as_str()));
    }
    let result = update
        .filter(upload::Column::Id.eq(upload.id))
        .filter(upload::Column::Received.eq(to_i64(from)))
        .filter(upload::Column::State.eq(UploadState::Receiving))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// How many bytes the case's uploads take, counting those still arriving
/// at their full length and leaving out refused ones.
///
/// # Errors
/// A database error.
pub async fn bytes_on_case(db: &impl ConnectionTrait, case: CaseId) -> Result<u64, DbErr> {
    let total: Option<Option<i64>> = upload::Entity::find()
        .select_only()
        // PostgreSQL sums BIGINT as NUMERIC: read it back as a BIGINT on both.
        .column_as(Expr::cust("CAST(SUM(length) AS BIGINT)"), "total")
        .filter(upload::Column::CaseId.eq(case))
        .filter(upload::Column::State.ne(UploadState::Refused))
        .into_tuple()
        .one(db)
        .await?;
    Ok(total.flatten().map_or(0, |t| u64::try_from(t).unwrap_or(0)))
}

/// What the checks decided about a complete upload.
pub enum Checked<'a> {
    Ready {
        media: MediaKind,
        content_type: &'a str,
        storage_key: &'a str,
        thumbnail_key: Option<&'a str>,
    },
    Refused {
        reason: &'a str,
    },
}

/// Records the checks' decision on an upload being checked.
///
/// # Errors
/// A database error.
pub async fn checked(
    db: &impl ConnectionTrait,
    id: i64,
    outcome: Checked<'_>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let mut update = upload::Entity::update_many().col_expr(upload::Column::CompletedAt, Expr::value(now));
    update = match outcome {
        Checked::Ready {
            media,
            content_type,
            storage_key,
            thumbnail_key,
        } => update
            .col_expr(upload::Column::State, Expr::value(UploadState::Ready.as_str()))
            .col_expr(upload::Column::Media, Expr::value(media.as_str()))
            .col_expr(upload::Column::ContentType, Expr::value(content_type))
            .col_expr(upload::Column::StorageKey, Expr::value(storage_key))
            .col_expr(
                upload::Column::ThumbnailKey,
                Expr::value(thumbnail_key.map(str::to_owned)),
            ),
        Checked::Refused { reason } => update
            .col_expr(upload::Column::State, Expr::value(UploadState::Refused.as_str()))
            .col_expr(upload::Column::Refusal, Expr::value(reason)),
    };
    update
        .filter(upload::Column::Id.eq(id))
        .filter(upload::Column::State.eq(UploadState::Checking))
        .exec(db)
        .await?;
    Ok(())
}

/// # Errors
/// A database error.
pub async fn remove(db: &impl ConnectionTrait, id: i64) -> Result<(), DbErr> {
    upload::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}

/// Uploads still arriving whose time ran out: abandoned.
///
/// # Errors
/// A database error.
pub async fn abandoned(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<Vec<Upload>, DbErr> {
    upload::Entity::find()
        .filter(upload::Column::State.eq(UploadState::Receiving))
        .filter(upload::Column::ExpiresAt.lt(now))
        .limit(500)
        .all(db)
        .await
}

/// Uploads complete but not yet checked: after a restart, checked again.
///
/// # Errors
/// A database error.
pub async fn waiting_for_checks(db: &impl ConnectionTrait) -> Result<Vec<Upload>, DbErr> {
    upload::Entity::find()
        .filter(upload::Column::State.eq(UploadState::Checking))
        .order_by_asc(upload::Column::Id)
        .all(db)
        .await
}

/// The files attached to one place on a case, oldest first, with those
/// still arriving.
///
/// # Errors
/// A database error.
pub async fn attached(db: &impl ConnectionTrait, case: CaseId, attachment: Attachment) -> Result<Vec<Upload>, DbErr> {
    upload::Entity::find()
        .filter(upload::Column::CaseId.eq(case))
        .filter(upload::Column::Attachment.eq(attachment))
        .order_by_asc(upload::Column::CreatedAt)
        .order_by_asc(upload::Column::Id)
        .all(db)
        .await
}

/// The documents attached to one request's advice that passed their
/// checks, oldest first.
///
/// # Errors
/// A database error.
pub async fn for_advice(db: &impl ConnectionTrait, request: i64) -> Result<Vec<Upload>, DbErr> {
    Ok(all_for_advice(db, request)
        .await?
        .into_iter()
        .filter(|u| u.state == UploadState::Ready)
        .collect())
}

/// Every document sent for one request's advice, in whatever state, oldest first.
///
/// # Errors
/// A database error.
pub async fn all_for_advice(db: &impl ConnectionTrait, request: i64) -> Result<Vec<Upload>, DbErr> {
    upload::Entity::find()
        .filter(upload::Column::AdviceRequestId.eq(request))
        .order_by_asc(upload::Column::CreatedAt)
        .order_by_asc(upload::Column::Id)
        .all(db)
        .await
}

/// Takes (or renews) the lease on appending to an upload for `writer`
/// until `until`; `false` while another writer's lease is still running.
///
/// # Errors
/// A database error.
pub async fn lease(
    db: &impl ConnectionTrait,
    id: i64,
    writer: &str,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let free = Condition::any()
        .add(upload::Column::WritingUntil.is_null())
        .add(upload::Column::WritingUntil.lt(now))
        .add(upload::Column::Writer.eq(writer));
    let taken = upload::Entity::update_many()
        .col_expr(upload::Column::Writer, Expr::value(writer))
        .col_expr(upload::Column::WritingUntil, Expr::value(until))
        .filter(upload::Column::Id.eq(id))
        .filter(free)
        .exec(db)
        .await?;
    Ok(taken.rows_affected == 1)
}

/// An update that clears the writing lease of the uploads it is filtered to.
fn leases_ended() -> sea_orm::UpdateMany<upload::Entity> {
    upload::Entity::update_many()
        .col_expr(upload::Column::Writer, Expr::value(Option::<String>::None))
        .col_expr(upload::Column::WritingUntil, Expr::value(Option::<DateTime<Utc>>::None))
}

/// Gives the lease back, if `writer` still holds it.
///
/// # Errors
/// A database error.
pub async fn end_lease(db: &impl ConnectionTrait, id: i64, writer: &str) -> Result<(), DbErr> {
    leases_ended()
        .filter(upload::Column::Id.eq(id))
        .filter(upload::Column::Writer.eq(writer))
        .exec(db)
        .await?;
    Ok(())
}

/// Gives back every lease whose writer starts with `prefix` (one server
/// instance's, after it restarted); how many.
///
/// # Errors
/// A database error.
pub async fn end_leases_of(db: &impl ConnectionTrait, prefix: &str) -> Result<u64, DbErr> {
    let ended = leases_ended()
        .filter(upload::Column::Writer.starts_with(prefix))
        .exec(db)
        .await?;
    Ok(ended.rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_db::databases;

    /// A ten-byte upload to "About me" on a new case; the upload, its case, and now.
    async fn ten_bytes_on_a_case(db: &sea_orm::DatabaseConnection, token: &str) -> (Upload, CaseId, DateTime<Utc>) {
        let council = crate::store::councils::ensure(db, "Test Council", "999")
            .await
            .expect("council");
        let (case, account) = crate::store::test_db::case_and_person(db, council).await;
        let now = Utc::now();
        let new = NewUpload {
            token,
            case,
            account,
            attachment: Attachment::ChildViews,
            file_name: "me.jpg",
            caption: "",
            length: 10,
            now,
            expires_at: now,
            advice_request: None,
        };
        (create(db, new).await.expect("create"), case, now)
    }

    #[tokio::test]
    async fn one_writer_at_a_time_and_a_lease_left_by_a_dead_server_runs_out() {
        for (engine, db) in databases().await {
            let (up, _, now) = ten_bytes_on_a_case(&db, "t2").await;
            let later = |s| now + chrono::TimeDelta::seconds(s);
            assert!(lease(&db, up.id, "a", now, later(30)).await.expect("lease"), "{engine}");
            // Another instance's request waits while the lease runs…
            assert!(
                !lease(&db, up.id, "b", later(29), later(59)).await.expect("lease"),
                "{engine}"
            );
            // …the holder renews it…
            assert!(
                lease(&db, up.id, "a", later(20), later(50)).await.expect("renew"),
                "{engine}"
            );
            assert!(
                !lease(&db, up.id, "b", later(45), later(75)).await.expect("lease"),
                "{engine}"
            );
            // …and once given back, or run out (its server died), the next may write.
            end_lease(&db, up.id, "b").await.expect("not b's to give back");
            assert!(
                !lease(&db, up.id, "b", later(49), later(79)).await.expect("lease"),
                "{engine}"
            );
            assert!(
                lease(&db, up.id, "b", later(51), later(81)).await.expect("lease"),
                "{engine}"
            );
            end_lease(&db, up.id, "b").await.expect("end");
            assert!(
                lease(&db, up.id, "c/1", later(52), later(82)).await.expect("lease"),
                "{engine}"
            );
            // Instance "c" starts again after a crash: its leases are given back at once.
            assert_eq!(end_leases_of(&db, "d/").await.expect("none"), 0, "{engine}");
            assert_eq!(end_leases_of(&db, "c/").await.expect("end"), 1, "{engine}");
            assert!(
                lease(&db, up.id, "e/1", later(53), later(83)).await.expect("lease"),
                "{engine}"
            );
        }
    }

    #[tokio::test]
    async fn bytes_arrive_once_in_order_and_the_last_byte_sends_the_upload_to_be_checked() {
        for (engine, db) in databases().await {
            let (up, case, now) = ten_bytes_on_a_case(&db, "t1").await;
            assert!(advance(&db, &up, 0, 4, now).await.expect("advance"), "{engine}");
            // A second request starting from the same offset lost the race.
            assert!(!advance(&db, &up, 0, 6, now).await.expect("advance"), "{engine}");
            assert!(advance(&db, &up, 4, 10, now).await.expect("advance"), "{engine}");
            let up = by_token(&db, "t1").await.expect("read").expect("there");
            assert_eq!((up.received, up.state), (10, UploadState::Checking), "{engine}");
            assert_eq!(bytes_on_case(&db, case).await.expect("sum"), 10, "{engine}");
            checked(&db, up.id, Checked::Refused { reason: "no" }, now)
                .await
                .expect("refuse");
            assert_eq!(bytes_on_case(&db, case).await.expect("sum"), 0, "{engine}");
            let up = by_id(&db, up.id).await.expect("read").expect("there");
            assert_eq!(
                (up.state, up.refusal.as_deref()),
                (UploadState::Refused, Some("no")),
                "{engine}"
            );
        }
    }
}
