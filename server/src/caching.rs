//! What a browser or proxy may keep. The built bundle (`/pkg/…`) and the
//! public files may be cached, revalidated on each use; every other answer
//! (pages, server function answers, downloads, redirects, errors) is sent
//! `no-store`, so a child's plan does not stay in the cache of a shared
//! family computer after sign-out.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use app::app::shell;
use app::state::AppState;
use leptos::prelude::provide_context;

/// Static files keep their names from one build to the next, so a browser
/// may keep them but must ask whether they changed.
pub fn cacheable() -> HeaderValue {
    HeaderValue::from_static("no-cache")
}

/// The outermost layer: `no-store` on every answer that has not said how
/// it may be cached (only static files do).
pub fn no_store_unless_said() -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))
}

/// Addresses no route claims: a public file from the site root, cacheable,
/// or else the "Page not found" page.
pub async fn public_file_or_page(State(state): State<AppState>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    if matches!(parts.method, Method::GET | Method::HEAD) {
        let site_root = state.leptos_options.site_root.to_string();
        let probe = Request::from_parts(parts.clone(), Body::empty());
        if let Ok(found) = ServeDir::new(site_root)
            .precompressed_br()
            .precompressed_gzip()
            .oneshot(probe)
            .await
            && found.status() != StatusCode::NOT_FOUND
        {
            let mut found = found.into_response();
            found.headers_mut().insert(header::CACHE_CONTROL, cacheable());
            return found;
        }
    }
    let context_state = state.clone();
    let page = leptos_axum::file_and_error_handler_with_context::<AppState, _>(
        move || {
            provide_context(context_state.clone());
            app::csp::provide_request_nonce();
        },
        shell,
    );
    let uri = parts.uri.clone();
    page(uri, State(state), Request::from_parts(parts, body)).await
}
