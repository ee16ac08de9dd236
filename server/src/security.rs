//! Security applied to every response and every state-changing request:
//! standard headers, and refusing form posts and server function calls that
//! come from another site (cross-site request forgery).

use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use app::csp::{CspNonce, content_security_policy};
use app::state::AppState;
use rand::RngCore;

/// Whether a state-changing request comes from a page of this site. Browsers
/// send `Origin` on posts, and `Sec-Fetch-Site` besides; a request with
/// neither is not from a browser page, so it carries no session cookie that
/// a forger could borrow.
pub fn same_site(req: &Request) -> bool {
    let headers = req.headers();
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) {
        let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
        let origin_host = origin.split_once("://").map(|(_, rest)| rest).unwrap_or(origin);
        return origin != "null" && origin_host.eq_ignore_ascii_case(host);
    }
    match headers.get("sec-fetch-site").and_then(|s| s.to_str().ok()) {
        Some(site) => site == "same-origin" || site == "none",
        None => true,
    }
}

pub async fn protect(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let changes_state = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if changes_state && !same_site(&req) {
        tracing::warn!(path = %req.uri().path(), "cross-site request refused");
        return (
            StatusCode::FORBIDDEN,
            "This request came from another website, so it was refused.",
        )
            .into_response();
    }
    // One nonce per request: rendering puts it on Leptos's inline scripts, and the
    // policy below allows exactly those.
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let nonce = data_encoding::BASE64URL_NOPAD.encode(&bytes);
    req.extensions_mut().insert(CspNonce(nonce.clone()));
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    if let Ok(policy) = HeaderValue::from_str(&content_security_policy(&nonce)) {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    if state.secure_cookies {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;

    fn post(headers: &[(&str, &str)]) -> Request {
        let mut req = Request::post("/sign-in").body(Body::empty()).unwrap_or_default();
        for (name, value) in headers {
            if let (Ok(name), Ok(value)) = (name.parse::<header::HeaderName>(), HeaderValue::from_str(value)) {
                req.headers_mut().insert(name, value);
            }
        }
        req
    }

    #[test]
    fn posts_from_this_site_pass_and_from_others_do_not() {
        let host = ("host", "127.0.0.1:3000");
        assert!(same_site(&post(&[host, ("origin", "http://127.0.0.1:3000")])));
        assert!(!same_site(&post(&[host, ("origin", "https://evil.example")])));
        assert!(!same_site(&post(&[host, ("origin", "null")])));
        assert!(same_site(&post(&[host, ("sec-fetch-site", "same-origin")])));
        assert!(!same_site(&post(&[host, ("sec-fetch-site", "cross-site")])));
        assert!(same_site(&post(&[host])));
    }
}
