//! Form posts. Forms are plain HTML with or without JavaScript (only islands
//! run in the browser), so every form submission arrives here.
//!
//! A form posts to its own page. This handler runs the page's server function
//! through the same pipeline a server function call takes, then either redirects to
//! the next page (303) or renders the page again, status 422, with what was
//! typed and the errors. What was typed stays in the response body, never in
//! an address.

use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::provide_context;
use leptos::server_fn::ServerFn;
use leptos::server_fn::error::FromServerFnError;
use serde::Serialize;
use serde::de::DeserializeOwned;

use app::app::shell;
use app::components::forms::{NextPage, Redact, Rejected};
use app::error::AppError;
use app::state::AppState;

pub async fn submit<S>(State(state): State<AppState>, req: Request) -> Response
where
    S: ServerFn<Error = AppError> + Redact + Serialize + DeserializeOwned + Clone + Send + Sync + 'static,
    S::Output: DeserializeOwned + NextPage,
{
    let (parts, body) = req.into_parts();
    // Already read within the limit by `body_limit`; checked again so this handler stands alone.
    let Ok(form) = to_bytes(body, crate::body_limit::BODY_LIMIT).await else {
        return (StatusCode::PAYLOAD_TOO_LARGE, crate::body_limit::TOO_LARGE).into_response();
    };

    let mut call = Request::builder()
        .method(Method::POST)
        .uri(S::PATH)
        .body(Body::from(form.clone()))
        .unwrap_or_default();
    *call.headers_mut() = parts.headers.clone();
    // The session found for this request goes along with the call.
    *call.extensions_mut() = parts.extensions.clone();
    call.headers_mut()
        .insert(header::ACCEPT, HeaderValue::from_static("application/json"));
    call.headers_mut().remove(header::CONTENT_LENGTH);
    let context_state = state.clone();
    let answer = leptos_axum::handle_server_fns_with_context(move || provide_context(context_state.clone()), call)
        .await
        .into_response();
    let success = answer.status().is_success();
    // Cookies the server function set (signing in or out) go back with the redirect.
    let cookies: Vec<HeaderValue> = answer.headers().get_all(header::SET_COOKIE).iter().cloned().collect();
    let body = match to_bytes(answer.into_body(), usize::MAX).await {
        Ok(body) => body,
        Err(err) => return render_rejected::<S>(state, parts, &form, AppError::internal(err)).await,
    };

    if success {
        return match serde_json::from_slice::<S::Output>(&body) {
            Ok(output) => {
                let mut response = Redirect::to(&output.next_page()).into_response();
                for cookie in cookies {
                    response.headers_mut().append(header::SET_COOKIE, cookie);
                }
                response
            }
            Err(err) => render_rejected::<S>(state, parts, &form, AppError::internal(err)).await,
        };
    }
    render_rejected::<S>(state, parts, &form, AppError::de(body)).await
}

async fn render_rejected<S>(
    state: AppState,
    parts: axum::http::request::Parts,
    form: &Bytes,
    error: AppError,
) -> Response
where
    S: Redact + Serialize + DeserializeOwned + Clone + Send + Sync + 'static,
{
    let submitted = serde_qs::Config::new(5, false)
        .deserialize_bytes::<S>(form)
        .ok()
        .map(Redact::redact);
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let rejected = Rejected { submitted, error };
    let options = state.leptos_options.clone();
    let render = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(state.clone());
            provide_context(rejected.clone());
            app::csp::provide_request_nonce();
        },
        move || shell(options.clone()),
    );
    // Render the page the form is on, as a GET of the same address would.
    let mut page = Request::builder()
        .method(Method::GET)
        .uri(parts.uri)
        .body(Body::empty())
        .unwrap_or_default();
    *page.headers_mut() = parts.headers;
    *page.extensions_mut() = parts.extensions;
    page.headers_mut().remove(header::CONTENT_LENGTH);
    page.headers_mut().remove(header::CONTENT_TYPE);
    let mut response = render(page).await;
    *response.status_mut() = status;
    response
}
