//! Start-up: open and migrate the database, make sure the council exists,
//! load demo data when asked, and assemble the state every request shares.

use chrono::Utc;
use leptos::config::LeptosOptions;

use app::accounts::throttle::SignInThrottle;
use app::domain::access::AccessPolicy;
use app::notify::mail::Mailer;
use app::notify::outbox::{OutboxSignal, Worker};
use app::state::{AppState, today};
use app::store::audit_batch::AuditWriter;
use app::store::sessions::SessionPolicy;
use app::store::{self, councils, demo};
use app::uploads::Uploads;
use app::uploads::storage::Storage;

use crate::config::Config;

/// # Errors
/// The database cannot be opened or migrated, or demo data fails to load.
pub async fn build_state(config: &Config) -> Result<AppState, Box<dyn std::error::Error>> {
    let db = store::connect_and_migrate(&config.database_url).await?;
    let sealed = store::accounts::seal_plain_authenticator_keys(&db, &config.secret_key).await?;
    if sealed > 0 {
        tracing::info!(accounts = sealed, "authenticator keys stored plain are now sealed");
    }
    // Reads one row unless the configured time limits changed since the last start.
    if let Some(refreshed) = store::cases::refresh_next_deadlines(&db, &config.limits).await? {
        tracing::info!(
            cases = refreshed,
            "next deadlines recalculated for the configured time limits"
        );
    }
    let council = if config.demo_data {
        let council = demo::load(&db, &config.limits, today(), Utc::now()).await?;
        // Once: a restart finds the invented cases already there.
        if config.demo_extra_cases > 0 && !store::demo_bulk::added(&db).await? {
            let started = std::time::Instant::now();
            let sam = store::demo_bulk::sam(&db).await?;
            let spread = store::demo_bulk::add(
                &db,
                council,
                sam,
                config.demo_extra_cases,
                &config.limits,
                today(),
                Utc::now(),
            )
            .await?;
            tracing::info!(
                cases = config.demo_extra_cases,
                councils = spread.councils,
                demo_council = spread.home_cases,
                seconds = started.elapsed().as_secs(),
                "invented cases added"
            );
        }
        council
    } else {
        councils::ensure(&db, &config.council_name, &config.council_code).await?
    };
    let leptos_options = LeptosOptions::builder()
        .output_name(env!("LEPTOS_OUTPUT_NAME"))
        .site_root(config.site_root.display().to_string())
        .site_pkg_dir("pkg")
        .site_addr(config.addr)
        .build();
    let storage = match &config.s3 {
        Some(s3) => Storage::s3(s3),
        None => Storage::local(config.files_dir.clone()),
    }
    .map_err(|err| format!("the file storage cannot be used: {err}"))?;
    let state = AppState {
        leptos_options,
        audit: AuditWriter::start(db.clone()),
        db,
        council,
        council_name: if config.demo_data {
            demo::COUNCIL_NAME.to_owned()
        } else {
            config.council_name.clone()
        },
        limits: config.limits,
        access: AccessPolicy {
            contributor_days_after_issue: config.contributor_access_days,
        },
        sessions: SessionPolicy::default(),
        locks: config.locks,
        throttle: std::sync::Arc::new(SignInThrottle::new(config.throttle)),
        trust_forwarded_for: config.trust_forwarded_for,
        mailer: match &config.smtp {
            Some(smtp) => Mailer::smtp(smtp)?,
            None => Mailer::Outbox(config.outbox_dir.clone()),
        },
        mail_from: config.mail_from.clone(),
        public_url: config.public_url.clone(),
        secure_cookies: config.secure_cookies,
        secret_key: config.secret_key.clone(),
        outbox: OutboxSignal::default(),
        uploads: Uploads::new(
            config.upload_staging.clone(),
            storage,
            config.upload_limits,
            config.upload_expiry,
            instance_name(config),
        ),
    };
    let released = state.uploads.release_leases_left(&state.db).await?;
    if released > 0 {
        tracing::info!(
            uploads = released,
            "uploads this instance was writing when it stopped are free again"
        );
    }
    start_email_worker(&state);
    crate::uploads::checks::Checks::start(state.clone(), config.clamd.clone());
    tokio::spawn(app::advice::reminders::run(state.clone()));
    Ok(state)
}

/// This instance among those sharing the database: its machine and address.
fn instance_name(config: &Config) -> String {
    let machine = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap_or_default();
    format!("{}:{}", machine.trim(), config.addr)
}

/// Sends the outbox's emails in the background for as long as the server runs.
/// Every instance runs one; they share the work through the database.
pub fn start_email_worker(state: &AppState) {
    let worker = Worker {
        db: state.db.clone(),
        mailer: state.mailer.clone(),
        from: state.mail_from.clone(),
        signal: state.outbox.clone(),
        name: format!(
            "{}-{}",
            std::process::id(),
            Utc::now().timestamp_nanos_opt().unwrap_or_default()
        ),
    };
    tokio::spawn(worker.run());
    // Anything left from before a restart goes out now.
    state.outbox.wake();
}
