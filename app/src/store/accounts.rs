//! Accounts: creating them, finding one to sign in, and counting attempts
//! at the password towards a temporary lock.

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};

use super::entities::account;
use crate::accounts::password::PasswordHash;
use crate::accounts::secret_key::SecretKey;
use crate::domain::ids::{AccountId, LocalAuthorityId, TeamId};
use crate::domain::role::Role;
use crate::domain::viewer::Viewer;

/// An account as sign-in needs it.
#[derive(Debug)]
pub struct SignInRecord {
    pub viewer: Viewer,
    pub password_hash: Option<PasswordHash>,
    pub locked_until: Option<DateTime<Utc>>,
}

/// When repeated wrong passwords lock an account, and for how long.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LockPolicy {
    pub failures_before_lock: i32,
    pub lock_for: TimeDelta,
}

impl Default for LockPolicy {
    fn default() -> Self {
        LockPolicy {
            failures_before_lock: 5,
            lock_for: TimeDelta::minutes(15),
        }
    }
}

/// Addresses are compared without case or surrounding spaces.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Who an account is, as pages and checks see them.
pub(crate) fn viewer(model: &account::Model) -> Result<Viewer, DbErr> {
    let role = model.role;
    Ok(Viewer {
        account: model.id,
        name: model.name.clone(),
        email: model.email.clone(),
        role,
        council: model.local_authority_id,
        team: model.team_id,
        authenticator: model.totp_secret.is_some(),
    })
}

/// A new account; with no password it waits for its invitation to be accepted.
///
/// # Errors
/// A database error, including an address already in use.
#[allow(clippy::too_many_arguments)]
pub async fn create(
    db: &impl ConnectionTrait,
    council: LocalAuthorityId,
    email: &str,
    name: &str,
    role: Role,
    team: Option<TeamId>,
    password: Option<&PasswordHash>,
    now: DateTime<Utc>,
) -> Result<AccountId, DbErr> {
    let created = account::ActiveModel {
        local_authority_id: Set(council),
        email: Set(normalise_email(email)),
        name: Set(name.to_owned()),
        role: Set(role),
        team_id: Set(team),
        password_hash: Set(password.map(|p| p.as_stored().to_owned())),
        failed_sign_ins: Set(0),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(created.id)
}

/// # Errors
/// A database error, or a stored role this version does not know.
pub async fn find_for_sign_in(db: &impl ConnectionTrait, email: &str) -> Result<Option<SignInRecord>, DbErr> {
    let Some(model) = account::Entity::find()
        .filter(account::Column::Email.eq(normalise_email(email)))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(Some(SignInRecord {
        viewer: viewer(&model)?,
        password_hash: model.password_hash.clone().map(PasswordHash::from_stored),
        locked_until: model.locked_until,
    }))
}

/// # Errors
/// A database error, or a stored role this version does not know.
pub async fn find(db: &impl ConnectionTrait, id: AccountId) -> Result<Option<Viewer>, DbErr> {
    account::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|m| viewer(&m))
        .transpose()
}

/// What reserving a sign-in attempt found. Each attempt, at the password or
/// at a second-factor code, counts as a wrong one from the moment it is
/// reserved, before anything is checked, so requests sent at the same moment
/// cannot all be checked: at most `failures_before_lock` are, then the
/// account is locked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attempt {
    /// Check it.
    Reserved,
    /// Check it: this is the last attempt, and the account is locked until
    /// then unless the answer is right.
    Last(DateTime<Utc>),
    /// Do not check it: the account is locked until then.
    Locked(DateTime<Utc>),
}

/// Reserves one attempt at the account's password or second factor, each
/// step one conditional update, so the count holds across requests and
/// server instances racing each other. A right password gives its attempt
/// back ([`give_back_attempt`]); a full sign-in clears the count
/// ([`record_successful_sign_in`]).
///
/// # Errors
/// A database error.
pub async fn reserve_sign_in_attempt(
    db: &impl ConnectionTrait,
    id: AccountId,
    now: DateTime<Utc>,
    policy: &LockPolicy,
) -> Result<Attempt, DbErr> {
    let last = Ord::max(policy.failures_before_lock, 1) - 1;
    let this = || account::Entity::update_many().filter(account::Column::Id.eq(id));
    // A lock that has ended starts the count again.
    this()
        .col_expr(account::Column::FailedSignIns, Expr::value(0))
        .col_expr(account::Column::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(account::Column::LockedUntil.lte(now))
        .exec(db)
        .await?;
    let one_more = Expr::col(account::Column::FailedSignIns).add(1);
    // A right password giving its attempt back between the two updates makes both miss: try again.
    for _ in 0..3 {
        let counted = this()
            .col_expr(account::Column::FailedSignIns, one_more.clone())
            .filter(account::Column::LockedUntil.is_null())
            .filter(account::Column::FailedSignIns.lt(last))
            .exec(db)
            .await?;
        if counted.rows_affected == 1 {
            return Ok(Attempt::Reserved);
        }
        // The last attempt locks the account as it starts.
        let until = now + policy.lock_for;
        let locked = this()
            .col_expr(account::Column::FailedSignIns, one_more.clone())
            .col_expr(account::Column::LockedUntil, Expr::value(Some(until)))
            .filter(account::Column::LockedUntil.is_null())
            .filter(account::Column::FailedSignIns.gte(last))
            .exec(db)
            .await?;
        if locked.rows_affected == 1 {
            return Ok(Attempt::Last(until));
        }
        let stored = account::Entity::find_by_id(id).one(db).await?;
        if let Some(until) = stored.and_then(|a| a.locked_until).filter(|until| *until > now) {
            return Ok(Attempt::Locked(until));
        }
    }
    Ok(Attempt::Locked(now + policy.lock_for))
}

/// Gives back the attempt a right password reserved, so signing in without
/// finishing (no code yet) never adds up to a lock; the last attempt's lock
/// is lifted. Wrong codes still count: the count is cleared only when the
/// second factor is passed too.
///
/// # Errors
/// A database error.
pub async fn give_back_attempt(db: &impl ConnectionTrait, id: AccountId, attempt: Attempt) -> Result<(), DbErr> {
    let mut back = account::Entity::update_many()
        .col_expr(
            account::Column::FailedSignIns,
            Expr::col(account::Column::FailedSignIns).sub(1),
        )
        .filter(account::Column::Id.eq(id))
        .filter(account::Column::FailedSignIns.gt(0));
    if let Attempt::Last(_) = attempt {
        back = back.col_expr(account::Column::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None));
    }
    back.exec(db).await?;
    Ok(())
}

/// Clears the count and any lock after a right password (and second factor).
///
/// # Errors
/// A database error.
pub async fn record_successful_sign_in(db: &impl ConnectionTrait, id: AccountId) -> Result<(), DbErr> {
    account::Entity::update_many()
        .col_expr(account::Column::FailedSignIns, Expr::value(0))
        .col_expr(account::Column::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(account::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Sets a new password.
///
/// # Errors
/// A database error.
pub async fn set_password(db: &impl ConnectionTrait, id: AccountId, hash: &PasswordHash) -> Result<(), DbErr> {
    account::Entity::update_many()
        .col_expr(
            account::Column::PasswordHash,
            Expr::value(Some(hash.as_stored().to_owned())),
        )
        .col_expr(account::Column::FailedSignIns, Expr::value(0))
        .col_expr(account::Column::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(account::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Whether an address already has an account.
///
/// # Errors
/// A database error.
pub async fn email_in_use(db: &impl ConnectionTrait, email: &str) -> Result<bool, DbErr> {
    Ok(find_for_sign_in(db, email).await?.is_some())
}

/// Where an account's authenticator key belongs, bound into its seal so a
/// sealed key copied to another account's row does not open.
fn authenticator_context(id: AccountId) -> String {
    format!("authenticator:{id}")
}

/// Starts or stops sign-in with an authenticator app (`None` goes back to
/// emailed codes). The key is stored sealed with the server's key.
///
/// # Errors
/// A database error.
pub async fn set_authenticator(
    db: &impl ConnectionTrait,
    key: &SecretKey,
    id: AccountId,
    secret: Option<&[u8]>,
) -> Result<(), DbErr> {
    let sealed = secret.map(|s| key.seal(s, &authenticator_context(id)));
    account::Entity::update_many()
        .col_expr(account::Column::TotpSecret, Expr::value(sealed))
        .col_expr(account::Column::TotpLastStep, Expr::value(Option::<i64>::None))
        .filter(account::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Seals authenticator keys stored plain (as they were before keys were
/// sealed), each with a compare-and-write so instances starting together
/// cannot seal one twice. Returns how many were sealed.
///
/// # Errors
/// A database error.
pub async fn seal_plain_authenticator_keys(db: &impl ConnectionTrait, key: &SecretKey) -> Result<u64, DbErr> {
    // Only plain keys are read: on every start after the first, none.
    let stored = account::Entity::find()
        .filter(account::Column::TotpSecret.is_not_null())
        .filter(account::Column::TotpSecret.not_like(SecretKey::sealed_pattern()))
        .all(db)
        .await?;
    let mut sealed = 0;
    for model in stored {
        let Some(plain) = model.totp_secret.filter(|s| !SecretKey::is_sealed(s)) else {
            continue;
        };
        let Ok(secret) = data_encoding::BASE32_NOPAD.decode(plain.as_bytes()) else {
            tracing::warn!(account = %model.id, "an authenticator key that is neither sealed nor base32 was left alone");
            continue;
        };
        sealed += account::Entity::update_many()
            .col_expr(
                account::Column::TotpSecret,
                Expr::value(Some(key.seal(&secret, &authenticator_context(model.id)))),
            )
            .filter(account::Column::Id.eq(model.id))
            .filter(account::Column::TotpSecret.eq(plain))
            .exec(db)
            .await?
            .rows_affected;
    }
    Ok(sealed)
}

/// Checks a code from the account's authenticator app at `unix_time`. A code
/// is accepted once: the step it matched is stored, and only a later step
/// passes next time, even from two requests at once.
///
/// # Errors
/// A database error.
pub async fn check_authenticator_code(
    db: &impl ConnectionTrait,
    key: &SecretKey,
    id: AccountId,
    code: &str,
    unix_time: u64,
) -> Result<bool, DbErr> {
    let Some(model) = account::Entity::find_by_id(id).one(db).await? else {
        return Ok(false);
    };
    let Some(stored) = model.totp_secret else {
        return Ok(false);
    };
    let Some(secret) = key.open(&stored, &authenticator_context(id)) else {
        // Sealed with another key (EHC_SECRET_KEY changed?) or altered: no code can match.
        tracing::error!(account = %id, "the authenticator key does not open with this server's key");
        return Ok(false);
    };
    let last = model.totp_last_step.and_then(|s| u64::try_from(s).ok());
    let Some(step) = crate::accounts::totp::verify(&secret, code, unix_time, last) else {
        return Ok(false);
    };
    let step = i64::try_from(step).unwrap_or(i64::MAX);
    let claimed = account::Entity::update_many()
        .col_expr(account::Column::TotpLastStep, Expr::value(Some(step)))
        .filter(account::Column::Id.eq(id))
        .filter(
            sea_orm::Condition::any()
                .add(account::Column::TotpLastStep.is_null())
                .add(account::Column::TotpLastStep.lt(step)),
        )
        .exec(db)
        .await?;
    Ok(claimed.rows_affected == 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::councils;
    use crate::store::test_db::databases;
    use chrono::TimeZone;

    async fn someone(db: &sea_orm::DatabaseConnection) -> AccountId {
        let council = councils::ensure(db, "Test Council", "TC").await.unwrap();
        let t0 = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        create(db, council, "a@example.org", "A", Role::ParentCarer, None, None, t0)
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn repeated_wrong_passwords_lock_the_account_for_a_while() {
        for (engine, db) in databases().await {
            let who = someone(&db).await;
            let t0 = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
            let policy = LockPolicy::default();
            let until = t0 + TimeDelta::minutes(15);
            let mut seen = Vec::new();
            for _ in 0..6 {
                seen.push(reserve_sign_in_attempt(&db, who, t0, &policy).await.unwrap());
            }
            let mut expected = vec![Attempt::Reserved; 4];
            expected.extend([Attempt::Last(until), Attempt::Locked(until)]);
            assert_eq!(seen, expected, "{engine}");
            let record = find_for_sign_in(&db, "A@example.org").await.unwrap().unwrap();
            assert_eq!(record.locked_until, Some(until), "{engine}");
            // The lock ends, and five more attempts are allowed.
            let later = t0 + TimeDelta::minutes(16);
            for _ in 0..4 {
                assert_eq!(
                    reserve_sign_in_attempt(&db, who, later, &policy).await.unwrap(),
                    Attempt::Reserved,
                    "{engine}"
                );
            }
            // A right password gives its own attempt back, lifting the lock
            // its attempt set; the wrong ones before it still count.
            let last = reserve_sign_in_attempt(&db, who, later, &policy).await.unwrap();
            assert_eq!(last, Attempt::Last(later + TimeDelta::minutes(15)), "{engine}");
            give_back_attempt(&db, who, last).await.unwrap();
            assert!(matches!(
                reserve_sign_in_attempt(&db, who, later, &policy).await.unwrap(),
                Attempt::Last(_)
            ));
            // Signing in all the way clears the count.
            record_successful_sign_in(&db, who).await.unwrap();
            for _ in 0..4 {
                assert_eq!(
                    reserve_sign_in_attempt(&db, who, later, &policy).await.unwrap(),
                    Attempt::Reserved,
                    "{engine}"
                );
            }
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn attempts_at_the_same_moment_are_reserved_no_more_than_the_limit() {
        for (engine, db) in databases().await {
            let who = someone(&db).await;
            let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
            let tasks: Vec<_> = (0..60)
                .map(|_| {
                    let db = db.clone();
                    tokio::spawn(async move {
                        reserve_sign_in_attempt(&db, who, now, &LockPolicy::default())
                            .await
                            .unwrap()
                    })
                })
                .collect();
            let mut checked = 0;
            for task in tasks {
                if !matches!(task.await.unwrap(), Attempt::Locked(_)) {
                    checked += 1;
                }
            }
            assert_eq!(checked, 5, "{engine}");
        }
    }
}
