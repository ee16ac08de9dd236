//! Server functions answer errors as JSON with status 500 whatever went wrong;
//! this sets the status the error stands for (400, 401, 403, 404, 409, 422, 500),
//! so logs, monitoring and other clients can tell a refusal from a fault.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;
use leptos::server_fn::error::FromServerFnError;

use app::error::AppError;

/// An error body is a few hundred bytes.
const ERROR_LIMIT: usize = 64 * 1024;

pub async fn set_error_status(req: Request, next: Next) -> Response {
    let is_api = req.uri().path().starts_with("/api/");
    let response = next.run(req).await;
    if !is_api || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, ERROR_LIMIT).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let error = AppError::de(bytes.clone());
    parts.status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    Response::from_parts(parts, Body::from(bytes))
}
