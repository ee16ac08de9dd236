//! Accounts: creating them, finding one to sign in, and counting failed
//! sign-ins towards a temporary lock.

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};

use super::entities::account;
use crate::accounts::password::PasswordHash;
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

fn viewer(model: &account::Model) -> Result<Viewer, DbErr> {
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

/// Counts a wrong password; at the limit the account locks for a while.
/// Returns when the lock ends, if it is now locked.
///
/// # Errors
/// A database error.
pub async fn record_failed_sign_in(
    db: &impl ConnectionTrait,
    id: AccountId,
    now: DateTime<Utc>,
    policy: &LockPolicy,
) -> Result<Option<DateTime<Utc>>, DbErr> {
    account::Entity::update_many()
        .col_expr(
            account::Column::FailedSignIns,
            Expr::col(account::Column::FailedSignIns).add(1),
        )
        .filter(account::Column::Id.eq(id))
        .exec(db)
        .await?;
    let failures = account::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|a| a.failed_sign_ins)
        .unwrap_or(0);
    if failures < policy.failures_before_lock {
        return Ok(None);
    }
    let until = now + policy.lock_for;
    account::Entity::update_many()
        .col_expr(account::Column::LockedUntil, Expr::value(Some(until)))
        .col_expr(account::Column::FailedSignIns, Expr::value(0))
        .filter(account::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(Some(until))
}

/// Clears the count after a successful sign-in.
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

/// Starts or stops sign-in with an authenticator app (`None` goes back to emailed codes).
///
/// # Errors
/// A database error.
pub async fn set_authenticator(db: &impl ConnectionTrait, id: AccountId, secret: Option<&[u8]>) -> Result<(), DbErr> {
    let encoded = secret.map(|s| data_encoding::BASE32_NOPAD.encode(s));
    account::Entity::update_many()
        .col_expr(account::Column::TotpSecret, Expr::value(encoded))
        .col_expr(account::Column::TotpLastStep, Expr::value(Option::<i64>::None))
        .filter(account::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Checks a code from the account's authenticator app at `unix_time`. A code
/// is accepted once: the step it matched is stored, and only a later step
/// passes next time, even from two requests at once.
///
/// # Errors
/// A database error.
pub async fn check_authenticator_code(
    db: &impl ConnectionTrait,
    id: AccountId,
    code: &str,
    unix_time: u64,
) -> Result<bool, DbErr> {
    let Some(model) = account::Entity::find_by_id(id).one(db).await? else {
        return Ok(false);
    };
    let Some(secret) = model
        .totp_secret
        .and_then(|s| data_encoding::BASE32_NOPAD.decode(s.as_bytes()).ok())
    else {
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
