//! Signing out: ends the session on the server and removes the cookie.

use leptos::prelude::*;

use crate::components::forms::GoTo;
use crate::components::forms::Redact;
use crate::error::AppError;

#[server]
pub async fn sign_out() -> Result<GoTo, AppError> {
    use crate::accounts::guard::{cleared_cookie, request_session, set_cookie};
    use crate::domain::audit::AuditAction;
    use crate::state::AppState;
    let state = AppState::current()?;
    if let Some(session) = request_session() {
        crate::store::sessions::end(&state.db, &session.token).await?;
        let who = Some(&session.live.viewer);
        crate::store::audit::record(&state.db, who, AuditAction::SignedOut, None, "", chrono::Utc::now()).await?;
    }
    set_cookie(&cleared_cookie(state.secure_cookies));
    Ok(GoTo::to("/sign-in?signed-out=1"))
}

impl Redact for SignOut {}

/// The "Sign out" button in the header: a form, so it works without JavaScript.
#[component]
pub fn SignOutButton() -> impl IntoView {
    view! {
        <form method="post" action=crate::paths::SIGN_OUT class="header__sign-out">
            <button type="submit" class="header__link-button">"Sign out"</button>
        </form>
    }
}
