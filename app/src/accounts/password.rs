//! Password hashing: Argon2id with OWASP's recommended parameters (19 MiB,
//! two passes, one lane). Hashing takes tens of milliseconds of CPU, so it runs
//! on tokio's blocking pool, never on the async workers serving pages, and no
//! more hashes run at once than the machine has cores: a flood of sign-ins
//! waits its turn instead of taking 19 MiB each.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::error::AppError;

/// A stored password hash in PHC string format. Deliberately neither
/// `Serialize` nor `Display`, so it cannot leave the server by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct PasswordHash(String);

impl std::fmt::Debug for PasswordHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordHash(..)")
    }
}

impl PasswordHash {
    /// Wraps a hash read from the database.
    pub fn from_stored(phc: String) -> Self {
        PasswordHash(phc)
    }

    /// The PHC string to store.
    pub fn as_stored(&self) -> &str {
        &self.0
    }
}

const MEMORY_KIB: u32 = 19 * 1024;
const PASSES: u32 = 2;
const LANES: u32 = 1;

fn hasher() -> Result<Argon2<'static>, AppError> {
    let params = Params::new(MEMORY_KIB, PASSES, LANES, None).map_err(AppError::internal)?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Hashes running at once in this process: each keeps a core busy, so more
/// would only hold more memory. (Per process on purpose: it guards this
/// machine's memory and CPU; the limits on guessing are in the database.)
static HASHING: std::sync::LazyLock<tokio::sync::Semaphore> = std::sync::LazyLock::new(|| {
    tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, std::num::NonZero::get))
});

/// Runs `work` on the blocking pool once one of `slots` is free, holding the
/// slot until it is done.
async fn on_slot<T: Send + 'static>(
    slots: &'static tokio::sync::Semaphore,
    work: impl FnOnce() -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    let slot = slots.acquire().await.map_err(AppError::internal)?;
    tokio::task::spawn_blocking(move || {
        let _slot = slot;
        work()
    })
    .await
    .map_err(AppError::internal)?
}

/// Hashes a new password with a fresh random salt.
///
/// # Errors
/// `Internal` if hashing fails (logged).
pub async fn hash(password: String) -> Result<PasswordHash, AppError> {
    on_slot(&HASHING, move || {
        let salt = SaltString::generate(&mut OsRng);
        hasher()?
            .hash_password(password.as_bytes(), &salt)
            .map(|h| PasswordHash(h.to_string()))
            .map_err(AppError::internal)
    })
    .await
}

/// Whether `password` matches `stored`. Parameters are read from the stored
/// hash, so hashes made with older settings still verify.
///
/// # Errors
/// `Internal` if the stored hash cannot be read (logged).
pub async fn verify(password: String, stored: PasswordHash) -> Result<bool, AppError> {
    on_slot(&HASHING, move || {
        let parsed = argon2::password_hash::PasswordHash::new(&stored.0).map_err(AppError::internal)?;
        Ok(hasher()?.verify_password(password.as_bytes(), &parsed).is_ok())
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_password_verifies_against_its_own_hash_only() {
        let stored = hash("correct horse battery staple".into()).await.unwrap();
        assert!(stored.as_stored().starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(
            verify("correct horse battery staple".into(), stored.clone())
                .await
                .unwrap()
        );
        assert!(
            !verify("correct horse battery stapler".into(), stored.clone())
                .await
                .unwrap()
        );
        // Two hashes of one password differ: each has its own salt.
        let again = hash("correct horse battery staple".into()).await.unwrap();
        assert_ne!(stored, again);
        assert_eq!(format!("{stored:?}"), "PasswordHash(..)");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn no_more_hashes_run_at_once_than_there_are_slots() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static TWO: std::sync::LazyLock<tokio::sync::Semaphore> =
            std::sync::LazyLock::new(|| tokio::sync::Semaphore::new(2));
        static RUNNING: AtomicUsize = AtomicUsize::new(0);
        static MOST: AtomicUsize = AtomicUsize::new(0);
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                tokio::spawn(on_slot(&TWO, || {
                    let now = RUNNING.fetch_add(1, Ordering::SeqCst) + 1;
                    MOST.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(std::time::Duration::from_millis(30));
                    RUNNING.fetch_sub(1, Ordering::SeqCst);
                    Ok(())
                }))
            })
            .collect();
        for task in tasks {
            task.await.unwrap().unwrap();
        }
        assert_eq!(MOST.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn a_corrupt_stored_hash_is_an_internal_error_not_a_match() {
        let result = verify("anything".into(), PasswordHash::from_stored("not a hash".into())).await;
        assert_eq!(result, Err(AppError::Internal));
    }
}
