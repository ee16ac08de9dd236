//! The email log, for council administrators: what the hub sent, what is
//! waiting for a retry, and what it gave up on (with the mail server's last
//! answer), with a button to send a given-up email again.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::components::banner::SuccessBanner;
use crate::components::forms::{GoTo, Redact};
use crate::domain::email::{EmailRecord, EmailStatus};
use crate::error::AppError;

/// How many emails the log shows.
pub const EMAIL_LOG_SIZE: u64 = 200;

#[server]
pub async fn email_log() -> Result<Vec<EmailRecord>, AppError> {
    use crate::domain::capability::Capability;
    crate::accounts::guard::require(Capability::ReadEmailLog)?;
    let state = crate::state::AppState::current()?;
    Ok(crate::store::outbox::recent(&state.db, EMAIL_LOG_SIZE).await?)
}

/// Sending again an email that every attempt failed for.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendAgainInput {
    pub email: String,
}

#[server]
pub async fn send_email_again(input: SendAgainInput) -> Result<GoTo, AppError> {
    use crate::domain::capability::Capability;
    crate::accounts::guard::require(Capability::ReadEmailLog)?;
    let state = crate::state::AppState::current()?;
    let id = input
        .email
        .parse::<crate::domain::ids::EmailId>()
        .map_err(|_| AppError::NotFound)?;
    // Only an email given up on goes back; one already waiting or sent is left.
    if !crate::store::outbox::send_again(&state.db, id, chrono::Utc::now()).await? {
        return Err(AppError::Conflict);
    }
    state.outbox.wake();
    Ok(GoTo::to("/admin/emails?again=1"))
}

impl Redact for SendEmailAgain {}

#[component]
pub fn EmailLogPage() -> impl IntoView {
    let query = use_query_map();
    let again = move || query.with(|q| q.get_str("again").is_some());
    let log = Resource::new(|| (), |_| email_log());
    view! {
        <Title text="Emails - EHC hub" />
        {move || again().then(|| view! { <SuccessBanner message="The email will be sent again now.".to_owned() /> })}
        <h1 class="heading-l">"Emails"</h1>
        <p class="body">
            "Emails the hub sends: sign-in codes, invitations and news of a case. "
            "An email the mail server refuses is tried again, waiting longer each time; "
            "after 8 attempts it is shown here as not sent."
        </p>
        <Suspense fallback=|| view! { <p class="body">"Loading emails…"</p> }>
            {move || Suspend::new(async move {
                match log.await {
                    Ok(emails) if emails.is_empty() => view! { <p class="body" role="status">"No emails yet."</p> }.into_any(),
                    Ok(emails) => view! { <EmailTable emails /> }.into_any(),
                    Err(err) => {
                        err.set_page_status();
                        view! { <p class="body error-message">{err.to_string()}</p> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn EmailTable(emails: Vec<EmailRecord>) -> impl IntoView {
    let not_sent = emails.iter().filter(|e| e.status != EmailStatus::Sent).count();
    let summary = match not_sent {
        0 => "Every email has been sent.".to_owned(),
        1 => "1 email is not sent yet.".to_owned(),
        n => format!("{n} emails are not sent yet."),
    };
    let rows = emails
        .into_iter()
        .map(|e| {
            let tag = match e.status {
                EmailStatus::Sent => "tag tag--green",
                EmailStatus::Waiting => "tag tag--yellow",
                EmailStatus::NotSent => "tag tag--red",
            };
            let when = match (e.status, e.when) {
                (EmailStatus::Sent, Some(at)) => format!("Sent {at}"),
                (EmailStatus::Waiting, Some(at)) => format!("Next try {at}"),
                _ => String::new(),
            };
            let case = e
                .case
                .map(|c| view! { <a class="link" href=crate::paths::case(c)>{format!("Case {c}")}</a> });
            let problem = e.last_error.map(|err| view! { <span class="hint">{format!("Last answer: {err}")}</span> });
            let again = (e.status == EmailStatus::NotSent).then(|| {
                view! {
                    <form method="post" action=crate::paths::EMAIL_LOG>
                        <input type="hidden" name="input[email]" value=e.id.to_string() />
                        <button type="submit" class="button button--secondary">"Send again"<span class="visually-hidden">{format!(" to {}", e.to)}</span></button>
                    </form>
                }
            });
            view! {
                <tr>
                    <td data-label="Queued">{e.queued}</td>
                    <td data-label="To">{e.to}</td>
                    <td data-label="Subject">{e.subject}</td>
                    <td data-label="Case">{case}</td>
                    <td data-label="Status">
                        <strong class=tag>{e.status.label()}</strong>
                        <span class="deadline-what">{format!(" {when}")}</span>
                        {problem}
                        {format!(" Attempts: {}.", e.attempts)}
                        {again}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="body case-count" role="status">{summary}</p>
        <table class="table case-table">
            <caption class="visually-hidden">"Emails, those not sent first, then newest first"</caption>
            <thead>
                <tr>
                    <th scope="col">"Queued"</th>
                    <th scope="col">"To"</th>
                    <th scope="col">"Subject"</th>
                    <th scope="col">"Case"</th>
                    <th scope="col">"Status"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
