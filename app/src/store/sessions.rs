//! Server-side sessions. The browser holds a random token in an HttpOnly
//! cookie; the database holds only its SHA-256, so a copy of the table signs
//! nobody in. A session ends after a period idle or a fixed time after sign-in,
//! whichever comes first, and one still waiting for its second factor soon
//! after the password. Ended sessions are deleted at each sign-in.

use chrono::{DateTime, TimeDelta, Utc};
use data_encoding::{BASE64URL_NOPAD, HEXLOWER};
use rand::RngCore;
use rand::rngs::OsRng;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};
use sha2::{Digest, Sha256};

use super::accounts;
use super::entities::{account, session};
use crate::accounts::secret_key::SecretKey;
use crate::domain::ids::AccountId;
use crate::domain::viewer::Viewer;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionPolicy {
    pub idle: TimeDelta,
    pub absolute: TimeDelta,
    /// How long a session may wait for its second factor after the password.
    pub half_signed_in: TimeDelta,
}

impl Default for SessionPolicy {
    /// Thirty minutes idle, twelve hours in all: a working day, not a week.
    /// Fifteen minutes for the second factor: an emailed code works for ten.
    fn default() -> Self {
        SessionPolicy {
            idle: TimeDelta::minutes(30),
            absolute: TimeDelta::hours(12),
            half_signed_in: TimeDelta::minutes(15),
        }
    }
}

impl SessionPolicy {
    /// Whether a session has ended by `now`.
    fn ended(&self, session: &session::Model, now: DateTime<Utc>) -> bool {
        now - session.last_seen_at > self.idle
            || now - session.created_at > self.absolute
            || (!session.second_factor_passed && now - session.created_at > self.half_signed_in)
    }

    /// The same rule as SQL: the rows of sessions that have ended by `now`.
    fn ended_rows(&self, now: DateTime<Utc>) -> Condition {
        Condition::any()
            .add(session::Column::LastSeenAt.lt(now - self.idle))
            .add(session::Column::CreatedAt.lt(now - self.absolute))
            .add(
                Condition::all()
                    .add(session::Column::SecondFactorPassed.eq(false))
                    .add(session::Column::CreatedAt.lt(now - self.half_signed_in)),
            )
    }
}

/// The secret the browser holds. Not `Debug`, so it never reaches a log.
pub struct SessionToken(pub String);

/// A live session and whose it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiveSession {
    pub viewer: Viewer,
    pub second_factor_passed: bool,
}

fn session_id(token: &str) -> String {
    HEXLOWER.encode(&Sha256::digest(token.as_bytes()))
}

/// Starts a new session for an account (a new id at every sign-in).
///
/// # Errors
/// A database error.
pub async fn start(db: &impl ConnectionTrait, account: AccountId, now: DateTime<Utc>) -> Result<SessionToken, DbErr> {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let token = BASE64URL_NOPAD.encode(&bytes);
    session::ActiveModel {
        id: Set(session_id(&token)),
        account_id: Set(account),
        second_factor_passed: Set(false),
        email_code_hash: Set(None),
        email_code_expires_at: Set(None),
        code_attempts: Set(0),
        pending_totp_secret: Set(None),
        created_at: Set(now),
        last_seen_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(SessionToken(token))
}

/// The session a cookie's token belongs to, if it is still live; marks it seen.
///
/// # Errors
/// A database error.
pub async fn resolve(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
    policy: &SessionPolicy,
) -> Result<Option<LiveSession>, DbErr> {
    let id = session_id(token);
    // The session and its account in one query: this runs on every request.
    let Some((found, owner)) = session::Entity::find_by_id(id.clone())
        .find_also_related(account::Entity)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if policy.ended(&found, now) {
        session::Entity::delete_by_id(id).exec(db).await?;
        return Ok(None);
    }
    // Writing on every request would serialise page loads on SQLite; a minute is fine-grained enough.
    if now - found.last_seen_at > TimeDelta::minutes(1) {
        session::Entity::update_many()
            .col_expr(session::Column::LastSeenAt, Expr::value(now))
            .filter(session::Column::Id.eq(id))
            .exec(db)
            .await?;
    }
    let Some(viewer) = owner.as_ref().map(accounts::viewer).transpose()? else {
        return Ok(None);
    };
    Ok(Some(LiveSession {
        viewer,
        second_factor_passed: found.second_factor_passed,
    }))
}

/// Marks the second factor as passed for this session.
///
/// # Errors
/// A database error.
pub async fn pass_second_factor(db: &impl ConnectionTrait, token: &str) -> Result<(), DbErr> {
    session::Entity::update_many()
        .col_expr(session::Column::SecondFactorPassed, Expr::value(true))
        .filter(session::Column::Id.eq(session_id(token)))
        .exec(db)
        .await?;
    Ok(())
}

/// Makes a new six-digit code for this session's second factor and returns
/// it to be emailed; only its hash is kept. A new code replaces the last.
///
/// # Errors
/// A database error.
pub async fn issue_email_code(db: &impl ConnectionTrait, token: &str, expires: DateTime<Utc>) -> Result<String, DbErr> {
    let code = format!("{:06}", OsRng.next_u32() % 1_000_000);
    session::Entity::update_many()
        .col_expr(
            session::Column::EmailCodeHash,
            Expr::value(Some(code_hash(token, &code))),
        )
        .col_expr(session::Column::EmailCodeExpiresAt, Expr::value(Some(expires)))
        .filter(session::Column::Id.eq(session_id(token)))
        .exec(db)
        .await?;
    Ok(code)
}

/// Takes one of the session's `most` tries at its second-factor code, before
/// the code is compared, so tries racing each other cannot exceed it. False
/// when the tries are used up (or the session has gone).
///
/// # Errors
/// A database error.
pub async fn reserve_code_attempt(db: &impl ConnectionTrait, token: &str, most: i32) -> Result<bool, DbErr> {
    let taken = session::Entity::update_many()
        .col_expr(
            session::Column::CodeAttempts,
            Expr::col(session::Column::CodeAttempts).add(1),
        )
        .filter(session::Column::Id.eq(session_id(token)))
        .filter(session::Column::CodeAttempts.lt(most))
        .exec(db)
        .await?;
    Ok(taken.rows_affected == 1)
}

/// Whether `code` is this session's emailed code and still in time; if it
/// is, the session has passed its second factor. One conditional update both
/// uses the code up and records whether it matched, so however many tries
/// arrive at once, only the first is compared: a wrong one uses the code up
/// too, and codes cannot be guessed by trying many.
///
/// # Errors
/// A database error.
pub async fn pass_with_email_code(
    db: &impl ConnectionTrait,
    token: &str,
    code: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let id = session_id(token);
    let matches = Condition::all()
        .add(session::Column::EmailCodeHash.eq(code_hash(token, code)))
        .add(session::Column::EmailCodeExpiresAt.gte(now));
    let used = session::Entity::update_many()
        .col_expr(session::Column::EmailCodeHash, Expr::value(Option::<String>::None))
        .col_expr(
            session::Column::SecondFactorPassed,
            Expr::case(matches, Expr::value(true))
                .finally(Expr::value(false))
                .into(),
        )
        .filter(session::Column::Id.eq(id.clone()))
        .filter(session::Column::EmailCodeHash.is_not_null())
        .filter(session::Column::SecondFactorPassed.eq(false))
        .exec(db)
        .await?;
    if used.rows_affected == 0 {
        return Ok(false);
    }
    // Only this request used the code, so nothing else changes the answer it wrote.
    Ok(session::Entity::find_by_id(id)
        .one(db)
        .await?
        .is_some_and(|s| s.second_factor_passed))
}

/// Codes are hashed with the session's token, so a code is worth nothing in another session.
fn code_hash(token: &str, code: &str) -> String {
    HEXLOWER.encode(&Sha256::digest(format!("{token}:{code}").as_bytes()))
}

/// Keeps the authenticator key shown to this session while its person sets
/// up an app, sealed with the server's key and bound to the session, so the
/// key that is enabled is the one the server made, never one posted back.
///
/// # Errors
/// A database error.
pub async fn set_pending_authenticator(
    db: &impl ConnectionTrait,
    key: &SecretKey,
    token: &str,
    secret: Option<&[u8]>,
) -> Result<(), DbErr> {
    let id = session_id(token);
    let sealed = secret.map(|s| key.seal(s, &pending_context(&id)));
    session::Entity::update_many()
        .col_expr(session::Column::PendingTotpSecret, Expr::value(sealed))
        .filter(session::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// The authenticator key this session was shown, if it has one.
///
/// # Errors
/// A database error.
pub async fn pending_authenticator(
    db: &impl ConnectionTrait,
    key: &SecretKey,
    token: &str,
) -> Result<Option<Vec<u8>>, DbErr> {
    let id = session_id(token);
    let Some(found) = session::Entity::find_by_id(id.clone()).one(db).await? else {
        return Ok(None);
    };
    Ok(found
        .pending_totp_secret
        .and_then(|sealed| key.open(&sealed, &pending_context(&id))))
}

fn pending_context(session_id: &str) -> String {
    format!("pending-authenticator:{session_id}")
}

/// One of a person's signed-in sessions, as the security page lists them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedIn {
    pub started: DateTime<Utc>,
    pub last_used: DateTime<Utc>,
    /// The session `token` belongs to: the browser asking.
    pub this_one: bool,
}

/// The account's live, fully signed-in sessions, most recently used first.
///
/// # Errors
/// A database error.
pub async fn signed_in(
    db: &impl ConnectionTrait,
    account: AccountId,
    token: &str,
    now: DateTime<Utc>,
    policy: &SessionPolicy,
) -> Result<Vec<SignedIn>, DbErr> {
    let this = session_id(token);
    let mut found: Vec<SignedIn> = session::Entity::find()
        .filter(session::Column::AccountId.eq(account))
        .filter(session::Column::SecondFactorPassed.eq(true))
        .all(db)
        .await?
        .into_iter()
        .filter(|s| !policy.ended(s, now))
        .map(|s| SignedIn {
            started: s.created_at,
            last_used: s.last_seen_at,
            this_one: s.id == this,
        })
        .collect();
    found.sort_by_key(|s| std::cmp::Reverse((s.this_one, s.last_used)));
    Ok(found)
}

/// Ends every session of an account but the one `token` belongs to
/// ("sign out of all other devices"), half-signed-in ones too. Returns how many ended.
///
/// # Errors
/// A database error.
pub async fn end_others(db: &impl ConnectionTrait, account: AccountId, token: &str) -> Result<u64, DbErr> {
    Ok(session::Entity::delete_many()
        .filter(session::Column::AccountId.eq(account))
        .filter(session::Column::Id.ne(session_id(token)))
        .exec(db)
        .await?
        .rows_affected)
}

/// Deletes every session in the database that has ended by `now`: idle,
/// past its absolute time, or given a password and never a second factor.
/// Run at each sign-in, so abandoned rows do not pile up. Returns how many.
///
/// # Errors
/// A database error.
pub async fn purge_ended(db: &impl ConnectionTrait, now: DateTime<Utc>, policy: &SessionPolicy) -> Result<u64, DbErr> {
    Ok(session::Entity::delete_many()
        .filter(policy.ended_rows(now))
        .exec(db)
        .await?
        .rows_affected)
}

/// Ends every session of an account (after a password change).
///
/// # Errors
/// A database error.
pub async fn end_all(db: &impl ConnectionTrait, account: AccountId) -> Result<(), DbErr> {
    session::Entity::delete_many()
        .filter(session::Column::AccountId.eq(account))
        .exec(db)
        .await?;
    Ok(())
}

/// Ends a session (sign-out).
///
/// # Errors
/// A database error.
pub async fn end(db: &impl ConnectionTrait, token: &str) -> Result<(), DbErr> {
    session::Entity::delete_by_id(session_id(token)).exec(db).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::role::Role;
    use crate::store::test_db::databases;
    use crate::store::{accounts, councils};
    use chrono::TimeZone;

    #[tokio::test]
    async fn a_session_lives_until_idle_or_absolute_time_out_and_sign_out() {
        for (engine, db) in databases().await {
            let council = councils::ensure(&db, "Test Council", "TC").await.unwrap();
            let t0 = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
            let who = accounts::create(
                &db,
                council,
                " Sam@Example.org ",
                "Sam Reed",
                Role::Caseworker,
                None,
                None,
                t0,
            )
            .await
            .unwrap();
            let policy = SessionPolicy::default();
            let token = start(&db, who, t0).await.unwrap();
            assert_ne!(
                token.0,
                session_id(&token.0),
                "{engine}: the token itself is not stored"
            );

            let live = resolve(&db, &token.0, t0 + TimeDelta::minutes(10), &policy)
                .await
                .unwrap()
                .unwrap();
            assert_eq!(live.viewer.email, "sam@example.org", "{engine}");
            assert!(!live.second_factor_passed, "{engine}");
            pass_second_factor(&db, &token.0).await.unwrap();
            assert!(
                resolve(&db, &token.0, t0 + TimeDelta::minutes(20), &policy)
                    .await
                    .unwrap()
                    .is_some(),
                "{engine}"
            );
            // Seen at 20 minutes, so still live at 45.
            let live = resolve(&db, &token.0, t0 + TimeDelta::minutes(45), &policy)
                .await
                .unwrap()
                .unwrap();
            assert!(live.second_factor_passed, "{engine}");
            // Idle for 31 minutes: gone, and gone for good.
            assert_eq!(
                resolve(&db, &token.0, t0 + TimeDelta::minutes(76), &policy)
                    .await
                    .unwrap(),
                None,
                "{engine}"
            );
            assert_eq!(
                resolve(&db, &token.0, t0 + TimeDelta::minutes(46), &policy)
                    .await
                    .unwrap(),
                None,
                "{engine}"
            );

            // Kept busy, a session still ends twelve hours after sign-in.
            let busy = start(&db, who, t0).await.unwrap();
            pass_second_factor(&db, &busy.0).await.unwrap();
            let mut at = t0;
            while at < t0 + TimeDelta::hours(12) {
                at += TimeDelta::minutes(20);
                let expect_live = at - t0 <= TimeDelta::hours(12);
                assert_eq!(
                    resolve(&db, &busy.0, at, &policy).await.unwrap().is_some(),
                    expect_live,
                    "{engine} {at}"
                );
            }

            let coded = start(&db, who, t0).await.unwrap();
            let code = issue_email_code(&db, &coded.0, t0 + TimeDelta::minutes(10))
                .await
                .unwrap();
            assert_eq!(code.len(), 6, "{engine}");
            assert!(
                !pass_with_email_code(&db, &busy.0, &code, t0).await.unwrap(),
                "{engine}: another session's code"
            );
            assert!(
                pass_with_email_code(&db, &coded.0, &code, t0 + TimeDelta::minutes(10))
                    .await
                    .unwrap(),
                "{engine}"
            );
            let passed = |token: String| {
                let db = db.clone();
                async move {
                    resolve(&db, &token, t0, &policy)
                        .await
                        .unwrap()
                        .is_some_and(|s| s.second_factor_passed)
                }
            };
            assert!(passed(coded.0.clone()).await, "{engine}");
            assert!(
                !pass_with_email_code(&db, &coded.0, &code, t0).await.unwrap(),
                "{engine}: used up"
            );

            let slow = start(&db, who, t0).await.unwrap();
            let late = issue_email_code(&db, &slow.0, t0 + TimeDelta::minutes(10))
                .await
                .unwrap();
            assert!(
                !pass_with_email_code(&db, &slow.0, &late, t0 + TimeDelta::minutes(11))
                    .await
                    .unwrap(),
                "{engine}"
            );
            assert!(!passed(slow.0.clone()).await, "{engine}");

            let guessing = start(&db, who, t0).await.unwrap();
            let guessed = issue_email_code(&db, &guessing.0, t0 + TimeDelta::minutes(10))
                .await
                .unwrap();
            let wrong = if guessed == "000000" { "111111" } else { "000000" };
            assert!(
                !pass_with_email_code(&db, &guessing.0, wrong, t0).await.unwrap(),
                "{engine}"
            );
            assert!(
                !pass_with_email_code(&db, &guessing.0, &guessed, t0).await.unwrap(),
                "{engine}: a wrong try uses it up"
            );
            assert!(!passed(guessing.0.clone()).await, "{engine}");

            // Five tries at a code, then no more.
            for n in 0..5 {
                assert!(reserve_code_attempt(&db, &guessing.0, 5).await.unwrap(), "{engine} {n}");
            }
            assert!(!reserve_code_attempt(&db, &guessing.0, 5).await.unwrap(), "{engine}");

            let other = start(&db, who, t0).await.unwrap();
            end(&db, &other.0).await.unwrap();
            assert_eq!(resolve(&db, &other.0, t0, &policy).await.unwrap(), None, "{engine}");
            assert_eq!(resolve(&db, "made-up", t0, &policy).await.unwrap(), None, "{engine}");
        }
    }

    #[tokio::test]
    async fn an_authenticator_code_signs_in_once() {
        for (engine, db) in databases().await {
            let who = person(&db, "b@example.org").await;
            let key = SecretKey::generate();
            let secret = crate::accounts::totp::new_secret();
            let now = 1_800_000_000;
            let code = crate::accounts::totp::code_at(&secret, now);
            assert!(
                !accounts::check_authenticator_code(&db, &key, who, &code, now)
                    .await
                    .unwrap(),
                "{engine}: not enrolled"
            );
            accounts::set_authenticator(&db, &key, who, Some(&secret))
                .await
                .unwrap();
            assert!(
                accounts::find(&db, who).await.unwrap().unwrap().authenticator,
                "{engine}"
            );
            assert!(
                accounts::check_authenticator_code(&db, &key, who, &code, now)
                    .await
                    .unwrap(),
                "{engine}"
            );
            assert!(
                !accounts::check_authenticator_code(&db, &key, who, &code, now + 5)
                    .await
                    .unwrap(),
                "{engine}: replayed"
            );
            let next = crate::accounts::totp::code_at(&secret, now + 30);
            assert!(
                accounts::check_authenticator_code(&db, &key, who, &next, now + 30)
                    .await
                    .unwrap(),
                "{engine}"
            );
            accounts::set_authenticator(&db, &key, who, None).await.unwrap();
            assert!(
                !accounts::find(&db, who).await.unwrap().unwrap().authenticator,
                "{engine}"
            );
        }
    }

    fn start_time() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
    }

    /// A new caseworker's account, created at [`start_time`].
    async fn person(db: &sea_orm::DatabaseConnection, email: &str) -> AccountId {
        let council = councils::ensure(db, "Test Council", "TC").await.unwrap();
        accounts::create(db, council, email, "Test", Role::Caseworker, None, None, start_time())
            .await
            .unwrap()
    }

    /// The stored authenticator key as the database holds it.
    async fn stored_key(db: &sea_orm::DatabaseConnection, who: AccountId) -> Option<String> {
        crate::store::entities::account::Entity::find_by_id(who)
            .one(db)
            .await
            .unwrap()
            .unwrap()
            .totp_secret
    }

    #[tokio::test]
    async fn authenticator_keys_are_sealed_at_rest_and_plain_ones_are_sealed_at_start() {
        for (engine, db) in databases().await {
            let (sealed_one, plain_one) = (person(&db, "c@example.org").await, person(&db, "d@example.org").await);
            let key = SecretKey::generate();
            let secret = crate::accounts::totp::new_secret();
            let plain = data_encoding::BASE32_NOPAD.encode(&secret);
            accounts::set_authenticator(&db, &key, sealed_one, Some(&secret))
                .await
                .unwrap();
            let stored = stored_key(&db, sealed_one).await.unwrap();
            assert!(!stored.contains(&plain), "{engine}: {stored}");
            assert!(SecretKey::is_sealed(&stored), "{engine}");

            // A key stored plain before sealing (demo data of an older version)…
            crate::store::entities::account::Entity::update_many()
                .col_expr(
                    crate::store::entities::account::Column::TotpSecret,
                    Expr::value(Some(plain.clone())),
                )
                .filter(crate::store::entities::account::Column::Id.eq(plain_one))
                .exec(&db)
                .await
                .unwrap();
            // …is sealed at start-up, once, and its codes still work.
            assert_eq!(
                accounts::seal_plain_authenticator_keys(&db, &key).await.unwrap(),
                1,
                "{engine}"
            );
            assert_eq!(
                accounts::seal_plain_authenticator_keys(&db, &key).await.unwrap(),
                0,
                "{engine}"
            );
            assert!(
                SecretKey::is_sealed(&stored_key(&db, plain_one).await.unwrap()),
                "{engine}"
            );
            let now = 1_800_000_000;
            let code = crate::accounts::totp::code_at(&secret, now);
            for who in [sealed_one, plain_one] {
                assert!(
                    accounts::check_authenticator_code(&db, &key, who, &code, now)
                        .await
                        .unwrap(),
                    "{engine}"
                );
            }
            // With another server key nothing opens, so no code passes.
            let next = crate::accounts::totp::code_at(&secret, now + 30);
            assert!(
                !accounts::check_authenticator_code(&db, &SecretKey::generate(), sealed_one, &next, now + 30)
                    .await
                    .unwrap(),
                "{engine}"
            );
        }
    }

    #[tokio::test]
    async fn the_key_being_set_up_is_kept_for_its_own_session_only() {
        for (engine, db) in databases().await {
            let t0 = start_time();
            let who = person(&db, "e@example.org").await;
            let key = SecretKey::generate();
            let (mine, other) = (start(&db, who, t0).await.unwrap(), start(&db, who, t0).await.unwrap());
            let secret = crate::accounts::totp::new_secret();
            set_pending_authenticator(&db, &key, &mine.0, Some(&secret))
                .await
                .unwrap();
            assert_eq!(
                pending_authenticator(&db, &key, &mine.0).await.unwrap(),
                Some(secret),
                "{engine}"
            );
            assert_eq!(
                pending_authenticator(&db, &key, &other.0).await.unwrap(),
                None,
                "{engine}"
            );
            // Copied onto another session's row, it does not open there.
            let row = session::Entity::find_by_id(session_id(&mine.0))
                .one(&db)
                .await
                .unwrap()
                .unwrap();
            session::Entity::update_many()
                .col_expr(session::Column::PendingTotpSecret, Expr::value(row.pending_totp_secret))
                .filter(session::Column::Id.eq(session_id(&other.0)))
                .exec(&db)
                .await
                .unwrap();
            assert_eq!(
                pending_authenticator(&db, &key, &other.0).await.unwrap(),
                None,
                "{engine}"
            );
            set_pending_authenticator(&db, &key, &mine.0, None).await.unwrap();
            assert_eq!(
                pending_authenticator(&db, &key, &mine.0).await.unwrap(),
                None,
                "{engine}"
            );
        }
    }

    #[tokio::test]
    async fn a_person_sees_their_signed_in_sessions_and_ends_the_others() {
        for (engine, db) in databases().await {
            let t0 = start_time();
            let (me, someone) = (person(&db, "f@example.org").await, person(&db, "g@example.org").await);
            let policy = SessionPolicy::default();
            let laptop = start(&db, me, t0).await.unwrap();
            let phone = start(&db, me, t0 + TimeDelta::minutes(5)).await.unwrap();
            let half = start(&db, me, t0 + TimeDelta::minutes(6)).await.unwrap();
            let theirs = start(&db, someone, t0).await.unwrap();
            for token in [&laptop, &phone, &theirs] {
                pass_second_factor(&db, &token.0).await.unwrap();
            }
            let now = t0 + TimeDelta::minutes(10);
            let listed = signed_in(&db, me, &phone.0, now, &policy).await.unwrap();
            assert_eq!(
                listed,
                vec![
                    SignedIn {
                        started: t0 + TimeDelta::minutes(5),
                        last_used: t0 + TimeDelta::minutes(5),
                        this_one: true
                    },
                    SignedIn {
                        started: t0,
                        last_used: t0,
                        this_one: false
                    },
                ],
                "{engine}: signed in all the way, this device first"
            );
            assert_eq!(end_others(&db, me, &phone.0).await.unwrap(), 2, "{engine}");
            for (token, live) in [(&phone, true), (&laptop, false), (&half, false), (&theirs, true)] {
                assert_eq!(
                    resolve(&db, &token.0, now, &policy).await.unwrap().is_some(),
                    live,
                    "{engine}"
                );
            }
        }
    }

    #[tokio::test]
    async fn ended_and_abandoned_sessions_are_deleted_database_wide() {
        for (engine, db) in databases().await {
            let t0 = start_time();
            let who = person(&db, "h@example.org").await;
            let policy = SessionPolicy::default();
            let now = t0 + TimeDelta::hours(13);
            // (started, last used, second factor passed, still live at `now`)
            let rows = [
                (now - TimeDelta::minutes(5), now - TimeDelta::minutes(1), true, true),
                (now - TimeDelta::minutes(5), now - TimeDelta::minutes(5), false, true),
                (now - TimeDelta::minutes(20), now - TimeDelta::minutes(20), false, false),
                (now - TimeDelta::hours(2), now - TimeDelta::minutes(31), true, false),
                (t0, now - TimeDelta::minutes(1), true, false),
            ];
            let mut tokens = Vec::new();
            for (started, used, passed, _) in rows {
                let token = start(&db, who, started).await.unwrap();
                session::Entity::update_many()
                    .col_expr(session::Column::LastSeenAt, Expr::value(used))
                    .col_expr(session::Column::SecondFactorPassed, Expr::value(passed))
                    .filter(session::Column::Id.eq(session_id(&token.0)))
                    .exec(&db)
                    .await
                    .unwrap();
                tokens.push(token);
            }
            assert_eq!(purge_ended(&db, now, &policy).await.unwrap(), 3, "{engine}");
            for (token, (.., live)) in tokens.iter().zip(rows) {
                let kept = session::Entity::find_by_id(session_id(&token.0))
                    .one(&db)
                    .await
                    .unwrap();
                assert_eq!(kept.is_some(), live, "{engine}");
            }
            // A half-signed-in session past its time is refused even before it is deleted.
            let late = start(&db, who, now).await.unwrap();
            let later = now + TimeDelta::minutes(16);
            assert_eq!(resolve(&db, &late.0, later, &policy).await.unwrap(), None, "{engine}");
        }
    }
}
