//! Who is asking: the session the server's middleware found for this request,
//! and the checks every server function starts with.

use leptos::prelude::use_context;

use crate::domain::capability::{Capability, Terms, allows};
use crate::domain::viewer::Viewer;
use crate::error::AppError;
use crate::store::sessions::LiveSession;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "ehc_session";

/// Put in each request's extensions by the server's session middleware.
#[derive(Clone, Debug)]
pub struct RequestSession {
    pub token: String,
    pub live: LiveSession,
}

/// The session of the request being handled, second factor passed or not.
pub fn request_session() -> Option<RequestSession> {
    use_context::<axum::http::request::Parts>().and_then(|parts| parts.extensions.get::<RequestSession>().cloned())
}

/// The signed-in person, fully signed in (password and second factor).
///
/// # Errors
/// `Unauthenticated` when nobody is, or the second factor is still to come.
pub fn require_viewer() -> Result<Viewer, AppError> {
    match request_session() {
        Some(session) if session.live.second_factor_passed => Ok(session.live.viewer),
        _ => Err(AppError::Unauthenticated),
    }
}

/// The signed-in person, if the capability table gives their role
/// `capability` across their council (for capabilities not on one case; a
/// case's pages open a [`crate::cases::context::CaseContext`] instead).
///
/// # Errors
/// `Unauthenticated` when nobody is signed in; `Forbidden` when the role may not.
pub fn require(capability: Capability) -> Result<Viewer, AppError> {
    let viewer = require_viewer()?;
    if may(&viewer, capability) {
        Ok(viewer)
    } else {
        Err(AppError::Forbidden)
    }
}

/// Whether `viewer` has a capability that is not on one case.
pub fn may(viewer: &Viewer, capability: Capability) -> bool {
    // The date and access period only matter on a case.
    let policy = crate::domain::access::AccessPolicy::default();
    let terms = Terms {
        today: chrono::NaiveDate::MIN,
        policy: &policy,
    };
    allows(viewer.role, capability, None, terms)
}

/// The network address the request being handled came from (see [`address_of`]).
pub fn client_address(trust_forwarded_for: bool) -> String {
    match use_context::<axum::http::request::Parts>() {
        Some(parts) => address_of(&parts.headers, &parts.extensions, trust_forwarded_for),
        None => "unknown".to_owned(),
    }
}

/// The network address a request came from: the connection's, or behind a
/// trusted proxy the last `X-Forwarded-For` entry. That entry is the one the
/// proxy added; any before it are whatever the client chose to send.
pub fn address_of(
    headers: &axum::http::HeaderMap,
    extensions: &axum::http::Extensions,
    trust_forwarded_for: bool,
) -> String {
    let forwarded = headers
        .get_all("x-forwarded-for")
        .iter()
        .next_back()
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.rsplit(',').next())
        .map(str::trim)
        .filter(|last| !last.is_empty());
    if trust_forwarded_for && let Some(last) = forwarded {
        return last.to_owned();
    }
    extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|info| info.0.ip().to_string())
        .unwrap_or_else(|| "unknown".to_owned())
}

/// The `Set-Cookie` value that gives the browser its session token.
pub fn session_cookie(token: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax{secure}")
}

/// The `Set-Cookie` value that removes it.
pub fn cleared_cookie(secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}")
}

/// Reads the session token from a `Cookie` header.
pub fn token_from_cookie_header(header: &str) -> Option<&str> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value)
        .filter(|value| !value.is_empty())
}

/// Adds a `Set-Cookie` header to the response being built.
pub fn set_cookie(value: &str) {
    if let (Some(options), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        axum::http::HeaderValue::from_str(value),
    ) {
        options.append_header(axum::http::header::SET_COOKIE, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behind_a_trusted_proxy_the_address_is_the_one_the_proxy_added() {
        let mut headers = axum::http::HeaderMap::new();
        let mut extensions = axum::http::Extensions::new();
        let peer: std::net::SocketAddr = "10.0.0.2:40000".parse().unwrap();
        extensions.insert(axum::extract::ConnectInfo(peer));
        assert_eq!(address_of(&headers, &extensions, true), "10.0.0.2");
        // The client wrote the first entry; the proxy appended the last.
        let sent = axum::http::HeaderValue::from_static("203.0.113.5, 192.0.2.44");
        headers.insert("x-forwarded-for", sent);
        assert_eq!(address_of(&headers, &extensions, true), "192.0.2.44");
        assert_eq!(address_of(&headers, &extensions, false), "10.0.0.2", "not trusted");
        headers.append("x-forwarded-for", axum::http::HeaderValue::from_static("198.51.100.7"));
        assert_eq!(
            address_of(&headers, &extensions, true),
            "198.51.100.7",
            "a second header line"
        );
    }

    #[test]
    fn finds_the_session_token_among_other_cookies() {
        assert_eq!(token_from_cookie_header("a=1; ehc_session=abc; b=2"), Some("abc"));
        assert_eq!(token_from_cookie_header("ehc_session="), None);
        assert_eq!(token_from_cookie_header("other=x"), None);
    }

    #[test]
    fn the_cookie_is_http_only_and_same_site_and_secure_behind_https() {
        assert_eq!(
            session_cookie("t", false),
            "ehc_session=t; Path=/; HttpOnly; SameSite=Lax"
        );
        assert!(session_cookie("t", true).ends_with("; Secure"));
        assert!(cleared_cookie(false).contains("Max-Age=0"));
    }
}
