//! Start-up settings, read from the environment with defaults that run the
//! embedded SQLite database under `./data`.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use std::time::Duration;

use chrono::TimeDelta;

use app::accounts::secret_key::SecretKey;
use app::accounts::throttle::ThrottlePolicy;
use app::domain::deadlines::TimeLimits;
use app::domain::uploads::UploadLimits;
use app::notify::mail::SmtpSettings;
use app::store::accounts::LockPolicy;
use app::uploads::storage::S3Settings;

#[derive(Clone, Debug)]
pub struct Config {
    pub addr: SocketAddr,
    /// `DATABASE_URL`: SQLite by default, or `postgres://…`.
    pub database_url: String,
    /// The built site: `pkg/` with the WASM, JS and CSS, plus the public files.
    pub site_root: PathBuf,
    pub council_name: String,
    pub council_code: String,
    /// Load Demo Council's teams and cases into an empty database.
    pub demo_data: bool,
    /// Extra invented cases to add with the demo data, for measuring a realistic caseload.
    pub demo_extra_cases: usize,
    pub limits: TimeLimits,
    /// Days after issue that professionals and settings keep access to a case.
    pub contributor_access_days: u32,
    /// Where mail is written when no SMTP server is set.
    pub outbox_dir: PathBuf,
    /// The SMTP server to send mail through, if any (`EHC_SMTP_HOST`).
    pub smtp: Option<SmtpSettings>,
    pub mail_from: String,
    /// The address people reach the hub at, for links in emails; posts must
    /// come from its origin.
    pub public_url: String,
    /// Mark cookies `Secure`; set when the hub is served over HTTPS.
    pub secure_cookies: bool,
    /// Take the client's address from `X-Forwarded-For`: only behind a proxy that sets it.
    pub trust_forwarded_for: bool,
    /// After how many wrong passwords an account locks, and for how long.
    pub locks: LockPolicy,
    /// How wrong passwords from one network address are slowed down.
    pub throttle: ThrottlePolicy,
    /// Seals authenticator keys at rest (`EHC_SECRET_KEY`, or a key kept in the data folder).
    pub secret_key: SecretKey,
    /// Where uploads are staged while they arrive and are checked
    /// (`EHC_UPLOAD_STAGING_DIR`, by default `uploads/staging` in the data folder).
    pub upload_staging: PathBuf,
    pub upload_limits: UploadLimits,
    /// Where checked files are kept (`EHC_FILES_DIR`, by default `files` in the data folder).
    pub files_dir: PathBuf,
    /// An S3-compatible object store for checked files instead of `files_dir`
    /// (`EHC_S3_BUCKET`, with `EHC_S3_ENDPOINT`, `EHC_S3_REGION`, `EHC_S3_ACCESS_KEY_ID`
    /// and `EHC_S3_SECRET_ACCESS_KEY`).
    pub s3: Option<S3Settings>,
    /// ClamAV's daemon (`EHC_CLAMD`: `unix:/path` or `tcp:host:port`). Without
    /// it, uploads wait unchecked and nobody but their sender sees them.
    pub clamd: Option<crate::uploads::scan::Scanner>,
    /// How long an upload may sit unfinished before it is removed (`EHC_UPLOAD_EXPIRY_HOURS`).
    pub upload_expiry: TimeDelta,
}

/// An environment variable; set to nothing counts as not set.
fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn parsed<T: std::str::FromStr>(name: &str, default: T) -> Result<T, String> {
    parsed_from(&var, name, default)
}

/// As [`parsed`], reading variables through `get`.
fn parsed_from<T: std::str::FromStr>(
    get: &impl Fn(&str) -> Option<String>,
    name: &str,
    default: T,
) -> Result<T, String> {
    match get(name) {
        Some(v) => v
            .trim()
            .parse()
            .map_err(|_| format!("{name} has an invalid value: {v:?}")),
        None => Ok(default),
    }
}

/// The limits on guessing passwords, from the variables `get` reads: when an
/// account locks, and how wrong passwords from one network address are
/// slowed down (never locked out: see `app::accounts::throttle`).
///
/// # Errors
/// A variable that is not a number, or a limit of zero.
pub fn sign_in_limits(get: impl Fn(&str) -> Option<String>) -> Result<(LockPolicy, ThrottlePolicy), String> {
    let at_least_one = |name: &str, default: u32| -> Result<u32, String> {
        match parsed_from(&get, name, default)? {
            0 => Err(format!("{name} must be at least 1")),
            n => Ok(n),
        }
    };
    let whole = |n: i64| u32::try_from(n).unwrap_or(u32::MAX);
    let (lock, slow) = (LockPolicy::default(), ThrottlePolicy::default());
    let lock_after = at_least_one("EHC_ACCOUNT_LOCK_AFTER", whole(lock.failures_before_lock.into()))?;
    let locks = LockPolicy {
        failures_before_lock: i32::try_from(lock_after).unwrap_or(i32::MAX),
        lock_for: TimeDelta::minutes(parsed_from(
            &get,
            "EHC_ACCOUNT_LOCK_MINUTES",
            lock.lock_for.num_minutes(),
        )?),
    };
    let seconds = |d: Duration| whole(i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    let throttle = ThrottlePolicy {
        window: TimeDelta::minutes(
            at_least_one("EHC_NETWORK_WINDOW_MINUTES", whole(slow.window.num_minutes()))?.into(),
        ),
        slow_after: at_least_one("EHC_NETWORK_SLOW_AFTER", slow.slow_after)?,
        max_delay: Duration::from_secs(parsed_from(
            &get,
            "EHC_NETWORK_MAX_DELAY_SECONDS",
            slow.max_delay.as_secs(),
        )?),
        pace_after: at_least_one("EHC_NETWORK_PACE_AFTER", slow.pace_after)?,
        pace: Duration::from_secs(at_least_one("EHC_NETWORK_PACE_SECONDS", seconds(slow.pace))?.into()),
        answer_floor: slow.answer_floor,
    };
    Ok((locks, throttle))
}

/// How large uploaded files may be, in MB, from the variables `get` reads.
///
/// # Errors
/// A variable that is not a whole number of MB, or zero.
pub fn upload_limits(get: impl Fn(&str) -> Option<String>) -> Result<UploadLimits, String> {
    const MB: u64 = 1024 * 1024;
    let defaults = UploadLimits::default();
    let megabytes = |name: &str, default: u64| -> Result<u64, String> {
        match parsed_from(&get, name, default / MB)? {
            0 => Err(format!("{name} must be at least 1")),
            n => Ok(n.saturating_mul(MB)),
        }
    };
    Ok(UploadLimits {
        max_file: megabytes("EHC_UPLOAD_MAX_FILE_MB", defaults.max_file)?,
        max_per_case: megabytes("EHC_UPLOAD_MAX_CASE_MB", defaults.max_per_case)?,
        max_form_file: megabytes("EHC_UPLOAD_MAX_FORM_MB", defaults.max_form_file)?,
    })
}

/// The server's key for secrets at rest: `EHC_SECRET_KEY` (64 hexadecimal
/// characters), or for a local run the key kept in `data_dir`, made on
/// first start. Instances sharing a PostgreSQL database must share the key,
/// so there it must be set.
///
/// # Errors
/// A key that cannot be read, or none set for PostgreSQL.
pub fn secret_key(set: Option<String>, data_dir: &std::path::Path, database_url: &str) -> Result<SecretKey, String> {
    if let Some(hex) = set {
        return SecretKey::from_hex(&hex).map_err(|e| format!("EHC_SECRET_KEY cannot be used: {e}"));
    }
    if database_url.starts_with("postgres") {
        return Err(
            "EHC_SECRET_KEY must be set when DATABASE_URL is PostgreSQL: every server instance needs the same key"
                .to_owned(),
        );
    }
    let file = data_dir.join("secret.key");
    match std::fs::read_to_string(&file) {
        Ok(hex) => SecretKey::from_hex(&hex).map_err(|e| format!("{} cannot be used: {e}", file.display())),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            let key = SecretKey::generate();
            std::fs::create_dir_all(data_dir).map_err(|e| format!("cannot create {}: {e}", data_dir.display()))?;
            match write_private(&file, &key.to_hex()) {
                Ok(()) => {
                    tracing::warn!(
                        "EHC_SECRET_KEY is not set: made a key in {}; set EHC_SECRET_KEY for a real deployment",
                        file.display()
                    );
                    Ok(key)
                }
                // Another server starting at the same moment made it first: use theirs.
                Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => secret_key(None, data_dir, database_url),
                Err(err) => Err(format!("cannot write {}: {err}", file.display())),
            }
        }
        Err(err) => Err(format!("cannot read {}: {err}", file.display())),
    }
}

/// Writes a new file only its owner can read; never replaces one (two
/// servers starting at once must not each write a key of their own). The
/// text is written beside it first and linked into place whole, so a server
/// reading the file never sees half a key.
fn write_private(file: &std::path::Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let draft = file.with_extension(format!("new-{}-{}", std::process::id(), SecretKey::generate().to_hex()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(&draft)?.write_all(text.as_bytes())?;
    let linked = std::fs::hard_link(&draft, file);
    std::fs::remove_file(&draft)?;
    linked
}

/// The object store's settings, if `EHC_S3_BUCKET` is set; its keys are then required.
///
/// # Errors
/// The bucket is set without both keys.
pub fn s3_settings(get: impl Fn(&str) -> Option<String>) -> Result<Option<S3Settings>, String> {
    let Some(bucket) = get("EHC_S3_BUCKET") else {
        return Ok(None);
    };
    let key = |name: &str| get(name).ok_or_else(|| format!("EHC_S3_BUCKET is set, so {name} must be set too"));
    Ok(Some(S3Settings {
        bucket,
        endpoint: get("EHC_S3_ENDPOINT"),
        region: get("EHC_S3_REGION").unwrap_or_else(|| "eu-west-2".to_owned()),
        access_key_id: key("EHC_S3_ACCESS_KEY_ID")?,
        secret_access_key: key("EHC_S3_SECRET_ACCESS_KEY")?,
    }))
}

impl Config {
    /// # Errors
    /// A variable is set to something that cannot be used.
    pub fn from_env() -> Result<Config, String> {
        let data_dir = PathBuf::from(var("EHC_DATA_DIR").unwrap_or_else(|| "data".to_owned()));
        let database_url = match var("DATABASE_URL") {
            Some(url) => url,
            None => {
                std::fs::create_dir_all(&data_dir).map_err(|e| format!("cannot create {}: {e}", data_dir.display()))?;
                format!("sqlite://{}?mode=rwc", data_dir.join("ehc-hub.db").display())
            }
        };
        let defaults = TimeLimits::default();
        let addr = SocketAddr::new(
            parsed("EHC_HOST", IpAddr::V4(Ipv4Addr::LOCALHOST))?,
            parsed("EHC_PORT", 3000)?,
        );
        let public_url = var("EHC_PUBLIC_URL")
            .unwrap_or_else(|| format!("http://{addr}"))
            .trim_end_matches('/')
            .to_owned();
        // Posts are checked against its origin, so a mistake here would refuse every form.
        if crate::security::origin_of(&public_url).is_none() {
            return Err(format!(
                "EHC_PUBLIC_URL must be an http:// or https:// address: {public_url:?}"
            ));
        }
        let (locks, throttle) = sign_in_limits(var)?;
        let upload_limits = upload_limits(var)?;
        let secret_key = secret_key(var("EHC_SECRET_KEY"), &data_dir, &database_url)?;
        Ok(Config {
            upload_staging: var("EHC_UPLOAD_STAGING_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| data_dir.join("uploads").join("staging")),
            upload_limits,
            files_dir: var("EHC_FILES_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| data_dir.join("files")),
            s3: s3_settings(var)?,
            clamd: var("EHC_CLAMD")
                .map(|s| crate::uploads::scan::Scanner::parse(&s))
                .transpose()?,
            upload_expiry: TimeDelta::hours(parsed("EHC_UPLOAD_EXPIRY_HOURS", 24)?),
            secret_key,
            addr,
            public_url,
            locks,
            throttle,
            database_url,
            site_root: PathBuf::from(var("EHC_SITE_ROOT").unwrap_or_else(|| "target/site".to_owned())),
            council_name: var("EHC_COUNCIL_NAME").unwrap_or_else(|| app::store::demo::COUNCIL_NAME.to_owned()),
            council_code: var("EHC_COUNCIL_CODE").unwrap_or_else(|| app::store::demo::COUNCIL_CODE.to_owned()),
            demo_data: parsed("EHC_DEMO_DATA", false)?,
            demo_extra_cases: parsed("EHC_DEMO_EXTRA_CASES", 0)?,
            contributor_access_days: parsed("EHC_CONTRIBUTOR_ACCESS_DAYS", 60)?,
            outbox_dir: var("EHC_OUTBOX_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| data_dir.join("outbox")),
            smtp: match var("EHC_SMTP_HOST") {
                Some(host) => Some(SmtpSettings {
                    host,
                    port: parsed("EHC_SMTP_PORT", 587)?,
                    security: var("EHC_SMTP_SECURITY").unwrap_or_else(|| "starttls".to_owned()),
                    username: var("EHC_SMTP_USERNAME"),
                    password: var("EHC_SMTP_PASSWORD"),
                }),
                None => None,
            },
            mail_from: var("EHC_MAIL_FROM").unwrap_or_else(|| "EHC hub <no-reply@ehc-hub.invalid>".to_owned()),
            secure_cookies: parsed("EHC_SECURE_COOKIES", false)?,
            trust_forwarded_for: parsed("EHC_TRUST_FORWARDED_FOR", false)?,
            limits: TimeLimits {
                due_soon_days: parsed("EHC_DUE_SOON_DAYS", defaults.due_soon_days)?,
                information_days: parsed("EHC_INFORMATION_DAYS", defaults.information_days)?,
                ..defaults
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from(vars: &[(&str, &str)]) -> Result<(LockPolicy, ThrottlePolicy), String> {
        let vars: Vec<(String, String)> = vars.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        sign_in_limits(move |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
    }

    #[test]
    fn the_limits_on_guessing_are_read_from_the_environment() {
        assert_eq!(from(&[]), Ok((LockPolicy::default(), ThrottlePolicy::default())));
        let (locks, throttle) = from(&[
            ("EHC_ACCOUNT_LOCK_AFTER", "8"),
            ("EHC_ACCOUNT_LOCK_MINUTES", "30"),
            ("EHC_NETWORK_WINDOW_MINUTES", "60"),
            ("EHC_NETWORK_SLOW_AFTER", "5"),
            ("EHC_NETWORK_MAX_DELAY_SECONDS", "3"),
            ("EHC_NETWORK_PACE_AFTER", "50"),
            ("EHC_NETWORK_PACE_SECONDS", "2"),
        ])
        .unwrap();
        assert_eq!(
            locks,
            LockPolicy {
                failures_before_lock: 8,
                lock_for: TimeDelta::minutes(30)
            }
        );
        assert_eq!(
            throttle,
            ThrottlePolicy {
                window: TimeDelta::minutes(60),
                slow_after: 5,
                max_delay: Duration::from_secs(3),
                pace_after: 50,
                pace: Duration::from_secs(2),
                answer_floor: ThrottlePolicy::default().answer_floor,
            }
        );
        assert!(from(&[("EHC_ACCOUNT_LOCK_AFTER", "0")]).is_err());
        assert!(from(&[("EHC_NETWORK_PACE_SECONDS", "soon")]).is_err());
    }

    #[test]
    fn the_secret_key_is_read_from_the_environment_or_kept_in_the_data_folder() {
        let dir = std::env::temp_dir().join(format!("ehc-key-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let sqlite = "sqlite://x.db";
        let made = secret_key(None, &dir, sqlite).unwrap();
        // The same key on the next start, so sealed keys still open.
        let again = secret_key(None, &dir, sqlite).unwrap();
        assert_eq!(again.open(&made.seal(b"k", "c"), "c").as_deref(), Some(&b"k"[..]));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.join("secret.key")).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "only its owner reads it");
        }
        let set = "11".repeat(32);
        let from_env = secret_key(Some(set.clone()), &dir, "postgres://db").unwrap();
        assert_eq!(from_env.to_hex(), set);
        assert!(
            secret_key(None, &dir, "postgres://db").is_err(),
            "instances must share one"
        );
        assert!(secret_key(Some("short".into()), &dir, sqlite).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
