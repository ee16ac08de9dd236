//! Reminders about requests for advice and information: once when a request
//! is due soon (within the council's "due soon" days) and once when it is
//! overdue, to the person asked, or to a team not yet allocated. Each goes
//! through the outbox in the transaction that claims it, so two instances
//! never send the same reminder. Like every email, no child's details.
//! Server-only.

use chrono::NaiveDate;
use sea_orm::TransactionTrait;

use crate::domain::dates::long_date;
use crate::error::AppError;
use crate::notify::mail::Email;
use crate::state::AppState;
use crate::store::advice_requests::{Asked, addresses};
use crate::store::advice_trays::{Reminder, claim_reminder, reminders_due};

/// How often the reminders are looked for.
const EVERY: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// Looks for reminders every hour for as long as the server runs.
pub async fn run(state: AppState) {
    loop {
        if let Err(err) = send_due(&state, crate::state::today()).await {
            tracing::error!(%err, "reminders about requests could not be sent");
        }
        tokio::time::sleep(EVERY).await;
    }
}

/// Queues the reminders due on `today`; how many requests were reminded.
///
/// # Errors
/// A database error.
pub async fn send_due(state: &AppState, today: NaiveDate) -> Result<usize, AppError> {
    let mut sent = 0;
    for reminder in reminders_due(&state.db, today, state.limits.due_soon_days).await? {
        let asked = match (reminder.request.team, reminder.request.person) {
            (Some(team), _) => Asked::Team(team),
            (None, Some(person)) => Asked::Person(person),
            (None, None) => continue,
        };
        let to = addresses(&state.db, reminder.council, asked).await?;
        let emails = emails(state, &reminder, &to);
        let txn = state.db.begin().await?;
        if !claim_reminder(&txn, reminder.request.id, reminder.overdue, today).await? {
            continue;
        }
        let now = chrono::Utc::now();
        for email in &emails {
            crate::store::outbox::enqueue(&txn, email, Some(reminder.request.case), now).await?;
        }
        txn.commit().await?;
        sent += 1;
    }
    if sent > 0 {
        state.outbox.wake();
    }
    Ok(sent)
}

fn emails(state: &AppState, reminder: &Reminder, to: &[String]) -> Vec<Email> {
    let request = &reminder.request;
    let due = long_date(request.due_on);
    let (subject, when) = if reminder.overdue {
        ("Overdue", format!("was due on {due} and is now overdue"))
    } else {
        ("Due soon", format!("is due on {due}"))
    };
    let body = format!(
        "The {} for case {} {when}.\n\nSign in to respond:\n{}/cases/{}/advice\n",
        request.kind.label().to_lowercase(),
        reminder.reference,
        state.public_url,
        request.case
    );
    to.iter()
        .map(|address| Email {
            to: address.clone(),
            subject: format!(
                "{subject}: {} for case {}",
                request.kind.label().to_lowercase(),
                reminder.reference
            ),
            body: body.clone(),
        })
        .collect()
}
