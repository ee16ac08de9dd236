//! Security applied to every response and every state-changing request:
//! standard headers, and refusing form posts and server function calls that
//! come from another site (cross-site request forgery).

use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use app::accounts::guard::token_from_cookie_header;
use app::csp::{CspNonce, content_security_policy};
use app::state::AppState;
use rand::RngCore;

/// `scheme://host[:port]` as browsers write it in `Origin`: lower case, and
/// without the scheme's default port. `None` for anything else (`null`,
/// a path, no scheme).
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.trim().split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let authority = rest.split(['/', '?', '#']).next()?.to_ascii_lowercase();
    if authority.is_empty() || authority.contains('@') {
        return None;
    }
    let default_port = match scheme.as_str() {
        "http" => ":80",
        "https" => ":443",
        _ => return None,
    };
    let authority = authority.strip_suffix(default_port).unwrap_or(&authority);
    Some(format!("{scheme}://{authority}"))
}

/// Whether a state-changing request comes from a page of this site, reached
/// at `public_url` (`EHC_PUBLIC_URL`). Browsers send `Origin` on every post
/// and server function call: it must name exactly that scheme, host and
/// port. Without `Origin`, `Sec-Fetch-Site` must say the request is the
/// site's own. A request with neither header did not come from a browser
/// page: it is refused if it carries a session cookie (nothing should send
/// one without `Origin`), and let through otherwise, because without the
/// cookie it acts as nobody and a forger gains nothing (a script or an old
/// client may post the sign-in form that way).
pub fn same_site(req: &Request, public_url: &str) -> bool {
    let headers = req.headers();
    if let Some(origin) = headers.get(header::ORIGIN) {
        let sent = origin.to_str().ok().and_then(origin_of);
        return sent.is_some() && sent == origin_of(public_url);
    }
    if let Some(site) = headers.get("sec-fetch-site") {
        return site == "same-origin" || site == "none";
    }
    !carries_session(req)
}

fn carries_session(req: &Request) -> bool {
    req.headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|h| h.to_str().ok())
        .any(|h| token_from_cookie_header(h).is_some())
}

pub async fn protect(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let changes_state = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if changes_state && !same_site(&req, &state.public_url) {
        let origin = req.headers().get(header::ORIGIN).and_then(|o| o.to_str().ok());
        tracing::warn!(
            path = %req.uri().path(),
            origin,
            expected = %state.public_url,
            "cross-site request refused (EHC_PUBLIC_URL must be the address people use)"
        );
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

    const HUB: &str = "https://ehc.example.gov.uk";

    #[test]
    fn origins_are_compared_by_scheme_host_and_port() {
        assert_eq!(origin_of("HTTPS://EHC.example.gov.uk:443/"), Some(HUB.to_owned()));
        assert_eq!(
            origin_of("http://127.0.0.1:3000"),
            Some("http://127.0.0.1:3000".to_owned())
        );
        assert_eq!(origin_of("null"), None);
        assert_eq!(origin_of("ehc.example.gov.uk"), None);
        let from = |origin| same_site(&post(&[("origin", origin)]), HUB);
        assert!(from("https://ehc.example.gov.uk"));
        assert!(!from("http://ehc.example.gov.uk"), "another scheme");
        assert!(!from("https://ehc.example.gov.uk:8443"), "another port");
        assert!(!from("https://evil.example"), "another host");
        assert!(!from("https://ehc.example.gov.uk.evil.example"));
        assert!(!from("null"));
    }

    #[test]
    fn without_origin_the_fetch_metadata_decides_then_the_cookie() {
        let same = ("sec-fetch-site", "same-origin");
        let cookie = ("cookie", "ehc_session=abc");
        assert!(same_site(&post(&[same, cookie]), HUB));
        assert!(!same_site(&post(&[("sec-fetch-site", "cross-site"), cookie]), HUB));
        assert!(!same_site(&post(&[("sec-fetch-site", "same-site")]), HUB));
        assert!(!same_site(&post(&[cookie]), HUB), "a session cookie and neither header");
        assert!(same_site(&post(&[("cookie", "other=1")]), HUB), "no session to borrow");
        assert!(same_site(&post(&[]), HUB));
    }
}
