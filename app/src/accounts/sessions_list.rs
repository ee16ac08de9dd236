//! The person's signed-in sessions on the "Sign-in security" page, and
//! signing out of every other device (ASVS 3.3.4).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::components::forms::{GoTo, Redact};
use crate::error::AppError;

/// One signed-in session, as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    pub started: String,
    pub last_used: String,
    pub this_device: bool,
}

/// A time as GOV.UK writes one, in England: "2 December 2026 at 5:44pm".
#[cfg(feature = "ssr")]
fn when(at: chrono::DateTime<chrono::Utc>) -> String {
    at.with_timezone(&chrono_tz::Europe::London)
        .format("%-d %B %Y at %-I:%M%P")
        .to_string()
}

#[server]
pub async fn signed_in_sessions() -> Result<Vec<SessionView>, AppError> {
    crate::accounts::guard::require_viewer()?;
    let session = crate::accounts::guard::request_session().ok_or(AppError::Unauthenticated)?;
    let state = crate::state::AppState::current()?;
    let account = session.live.viewer.account;
    let now = chrono::Utc::now();
    let found = crate::store::sessions::signed_in(&state.db, account, &session.token, now, &state.sessions).await?;
    Ok(found
        .into_iter()
        .map(|s| SessionView {
            started: when(s.started),
            last_used: when(s.last_used),
            this_device: s.this_one,
        })
        .collect())
}

#[server]
pub async fn sign_out_other_sessions() -> Result<GoTo, AppError> {
    use crate::domain::audit::AuditAction;
    let viewer = crate::accounts::guard::require_viewer()?;
    let session = crate::accounts::guard::request_session().ok_or(AppError::Unauthenticated)?;
    let state = crate::state::AppState::current()?;
    let now = chrono::Utc::now();
    let txn = sea_orm::TransactionTrait::begin(&state.db).await?;
    let ended = crate::store::sessions::end_others(&txn, viewer.account, &session.token).await?;
    let detail = format!("{ended} ended");
    crate::store::audit::record(&txn, Some(&viewer), AuditAction::OtherSessionsEnded, None, &detail, now).await?;
    txn.commit().await?;
    Ok(GoTo::to(format!("{}?signed-out-others=1", crate::paths::SECURITY)))
}

impl Redact for SignOutOtherSessions {}

/// Where the person is signed in, with the button that signs out the rest.
#[component]
pub fn SessionsList() -> impl IntoView {
    let sessions = Resource::new(|| (), |()| signed_in_sessions());
    view! {
        <h2 class="heading-m">"Where you are signed in"</h2>
        <Suspense fallback=|| view! { <p class="body">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let sessions = match sessions.await {
                    Ok(sessions) => sessions,
                    Err(err) => return view! { <p class="body">{err.to_string()}</p> }.into_any(),
                };
                let others = sessions.iter().filter(|s| !s.this_device).count();
                let rows = sessions
                    .into_iter()
                    .map(|s| {
                        let device = if s.this_device { "This device" } else { "Another device" };
                        view! {
                            <tr>
                                <td data-label="Device">{device}</td>
                                <td data-label="Signed in">{s.started}</td>
                                <td data-label="Last used">{s.last_used}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                let sign_out = (others > 0).then(|| view! {
                    <form method="post" action=crate::paths::SECURITY_SESSIONS>
                        <button type="submit" class="button button--secondary">"Sign out of all other devices"</button>
                    </form>
                });
                view! {
                    <table class="table case-table">
                        <caption class="visually-hidden">"Your signed-in sessions, this device first"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Device"</th>
                                <th scope="col">"Signed in"</th>
                                <th scope="col">"Last used"</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                    <p class="body">"If you see a session you do not recognise, sign out of all other devices, then reset your password."</p>
                    {sign_out}
                }.into_any()
            })}
        </Suspense>
    }
}
