//! Finds the session behind each request's cookie and makes it available to
//! pages and server functions. Pages need a full sign-in and send everyone
//! else to the sign-in page; server functions check for themselves.

use axum::extract::{Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;

use app::accounts::guard::{RequestSession, token_from_cookie_header};
use app::state::AppState;
use app::store::sessions;

/// Addresses anyone may open: signing in, resetting a password, accepting an
/// invitation, the start page for requesting an assessment, static files,
/// and server functions and uploads (which refuse
/// by themselves: an uploader is told 401, not sent to a page).
fn open_to_all(path: &str) -> bool {
    matches!(
        path,
        "/sign-in"
            | "/sign-out"
            | "/password/forgot"
            | "/password/reset"
            | "/register"
            | "/request-an-assessment"
            | "/favicon.svg"
            | "/dev/mail"
    ) || path.starts_with("/api/")
        || path.starts_with("/pkg/")
        || path.starts_with("/uploads/")
}

pub async fn resolve_session(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let token = req
        .headers()
        .get(header::COOKIE)
        .and_then(|h| h.to_str().ok())
        .and_then(token_from_cookie_header)
        .map(str::to_owned);
    let mut passed = false;
    let mut has_session = false;
    if let Some(token) = token {
        match sessions::resolve(&state.db, &token, Utc::now(), &state.sessions).await {
            Ok(Some(live)) => {
                passed = live.second_factor_passed;
                has_session = true;
                req.extensions_mut().insert(RequestSession { token, live });
            }
            Ok(None) => tracing::debug!("no live session for the cookie"),
            Err(err) => tracing::error!(%err, "session lookup failed"),
        }
    }
    let path = req.uri().path();
    let is_page = matches!(*req.method(), Method::GET | Method::HEAD);
    if is_page && !open_to_all(path) && !passed {
        // Halfway through signing in, the code page is the one place to be.
        let to = if has_session { "/sign-in/code" } else { "/sign-in" };
        if path != to {
            return Redirect::to(to).into_response();
        }
    }
    next.run(req).await
}
