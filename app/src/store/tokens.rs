//! Single-use tokens for emailed links. The link carries a random token; the
//! database keeps only its SHA-256, when it expires and whether it was used.

use chrono::{DateTime, Utc};
use data_encoding::{BASE64URL_NOPAD, HEXLOWER};
use rand::RngCore;
use rand::rngs::OsRng;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};
use sha2::{Digest, Sha256};

use super::entities::account_token;
use crate::domain::ids::AccountId;
use crate::domain::stored::stored_enum;

stored_enum! {
    /// What an emailed link lets its holder do.
    pub enum Purpose {
        /// Set a password for a new account.
        Invitation = "invitation",
        /// Choose a new password.
        PasswordReset = "password_reset",
    }
}

fn hash(token: &str) -> String {
    HEXLOWER.encode(&Sha256::digest(token.as_bytes()))
}

/// A new token for `account`, to put in a link.
///
/// # Errors
/// A database error.
pub async fn issue(
    db: &impl ConnectionTrait,
    account: AccountId,
    purpose: Purpose,
    expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let token = BASE64URL_NOPAD.encode(&bytes);
    account_token::ActiveModel {
        account_id: Set(account),
        purpose: Set(purpose),
        token_hash: Set(hash(&token)),
        expires_at: Set(expires_at),
        used_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The account a token is for, if it is for this purpose, unused and in time.
///
/// # Errors
/// A database error.
pub async fn check(
    db: &impl ConnectionTrait,
    token: &str,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<Option<AccountId>, DbErr> {
    Ok(account_token::Entity::find()
        .filter(account_token::Column::TokenHash.eq(hash(token)))
        .filter(account_token::Column::Purpose.eq(purpose))
        .one(db)
        .await?
        .filter(|t| t.used_at.is_none() && now <= t.expires_at)
        .map(|t| t.account_id))
}

/// Uses a token up. Returns false if it was already used (two tabs at once).
///
/// # Errors
/// A database error.
pub async fn use_up(db: &impl ConnectionTrait, token: &str, now: DateTime<Utc>) -> Result<bool, DbErr> {
    let done = account_token::Entity::update_many()
        .col_expr(account_token::Column::UsedAt, Expr::value(Some(now)))
        .filter(account_token::Column::TokenHash.eq(hash(token)))
        .filter(account_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

/// Uses up every link still outstanding for an account, whatever it was for:
/// once the password changes, an older reset link must not change it again.
///
/// # Errors
/// A database error.
pub async fn use_up_all(db: &impl ConnectionTrait, account: AccountId, now: DateTime<Utc>) -> Result<u64, DbErr> {
    let done = account_token::Entity::update_many()
        .col_expr(account_token::Column::UsedAt, Expr::value(Some(now)))
        .filter(account_token::Column::AccountId.eq(account))
        .filter(account_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::role::Role;
    use crate::store::test_db::databases;
    use crate::store::{accounts, councils};
    use chrono::{TimeDelta, TimeZone};

    #[tokio::test]
    async fn a_token_works_once_for_its_purpose_until_it_expires() {
        for (engine, db) in databases().await {
            let council = councils::ensure(&db, "Test Council", "TC").await.unwrap();
            let t0 = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
            let who = accounts::create(&db, council, "a@example.org", "A", Role::Professional, None, None, t0)
                .await
                .unwrap();
            let token = issue(&db, who, Purpose::PasswordReset, t0 + TimeDelta::hours(1), t0)
                .await
                .unwrap();
            assert_eq!(
                check(&db, &token, Purpose::PasswordReset, t0).await.unwrap(),
                Some(who),
                "{engine}"
            );
            assert_eq!(
                check(&db, &token, Purpose::Invitation, t0).await.unwrap(),
                None,
                "{engine}: wrong purpose"
            );
            let late = t0 + TimeDelta::hours(1) + TimeDelta::seconds(1);
            assert_eq!(
                check(&db, &token, Purpose::PasswordReset, late).await.unwrap(),
                None,
                "{engine}: expired"
            );
            assert!(use_up(&db, &token, t0).await.unwrap(), "{engine}");
            assert!(!use_up(&db, &token, t0).await.unwrap(), "{engine}: only once");
            assert_eq!(
                check(&db, &token, Purpose::PasswordReset, t0).await.unwrap(),
                None,
                "{engine}: used"
            );
            assert_eq!(
                check(&db, "made-up", Purpose::PasswordReset, t0).await.unwrap(),
                None,
                "{engine}"
            );
        }
    }
}
