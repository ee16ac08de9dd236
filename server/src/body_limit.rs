//! The largest request body the hub reads. Every post is a form or a server
//! function call, so a body far past what a real form needs is refused, 413,
//! before anything else (a session look-up, a sign-in check) runs on it.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::{BodyExt, LengthLimitError, Limited};

/// The largest form is a plan part's editor: Maya's demo plan with all twelve
/// outcomes (three steps and four pieces of provision each) in one part
/// posts about 30 KB. This is over eight times that, room for a section
/// of long text in a script that encodes to several bytes a letter.
pub const BODY_LIMIT: usize = 256 * 1024;

/// Where uploads' bytes are sent (`/uploads/{token}`).
const UPLOAD_PREFIX: &str = "/uploads/";

/// Where a file is posted without JavaScript (`/cases/{id}/views/upload`,
/// `/cases/{id}/advice/response/{request}/upload`): each route bounds its own.
const FORM_UPLOAD_SUFFIX: &str = "/upload";

/// What the person sees if they send more.
pub const TOO_LARGE: &str =
    "What you sent is too large. Shorten the longest text, or split it across sections, and try again.";

pub async fn limit(req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    // An upload's bytes stream to disk, bounded by the size the upload declared.
    if *req.method() == Method::PATCH && req.uri().path().starts_with(UPLOAD_PREFIX) {
        return next.run(req).await;
    }
    // A file sent without JavaScript: its own route bounds it at the form limit.
    if *req.method() == Method::POST && req.uri().path().ends_with(FORM_UPLOAD_SUFFIX) {
        return next.run(req).await;
    }
    // A declared length says it all before anything is read.
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|length| length > BODY_LIMIT as u64) {
        return too_large();
    }
    let (parts, body) = req.into_parts();
    match Limited::new(body, BODY_LIMIT).collect().await {
        Ok(collected) => {
            next.run(Request::from_parts(parts, Body::from(collected.to_bytes())))
                .await
        }
        Err(err) if err.downcast_ref::<LengthLimitError>().is_some() => too_large(),
        Err(err) => {
            tracing::debug!(%err, "request body could not be read");
            (
                StatusCode::BAD_REQUEST,
                "What you sent did not arrive whole. Try again.",
            )
                .into_response()
        }
    }
}

fn too_large() -> Response {
    (StatusCode::PAYLOAD_TOO_LARGE, TOO_LARGE).into_response()
}
