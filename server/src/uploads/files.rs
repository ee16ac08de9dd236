//! Opening a file on a case: photos, videos and recordings play in the page
//! (with range requests, so a video can be skipped through on a phone),
//! documents download, and photos have a small copy for lists. Every
//! opening is audited. A file not yet checked is only for its sender; views
//! still being written are not for people giving advice. Files are read
//! from storage as a stream, whichever storage is configured.

use std::ops::Range;

use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use app::accounts::guard::RequestSession;
use app::cases::context::CaseContext;
use app::domain::audit::AuditAction;
use app::domain::capability::Capability;
use app::domain::ids::CaseId;
use app::domain::uploads::{Attachment, MediaKind, UploadState};
use app::state::AppState;
use app::store::uploads::Upload;

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "Not found").into_response()
}

fn service_problem() -> Response {
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        "Sorry, there is a problem with the service.",
    )
        .into_response()
}

/// Which part of the file the request asks for: `None` for all of it,
/// `Err` for a range that lies outside it. One range only (what players
/// and browsers ask for); anything else is answered with the whole file.
fn requested_range(headers: &HeaderMap, size: u64) -> Option<Result<Range<u64>, ()>> {
    let spec = headers.get(header::RANGE)?.to_str().ok()?.strip_prefix("bytes=")?;
    if spec.contains(',') {
        return None;
    }
    let (start, end) = spec.trim().split_once('-')?;
    let range = match (start.trim(), end.trim()) {
        ("", suffix) => {
            let suffix: u64 = suffix.parse().ok()?;
            size.saturating_sub(suffix)..size
        }
        (start, "") => start.parse().ok()?..size,
        (start, end) => {
            let (start, end): (u64, u64) = (start.parse().ok()?, end.parse().ok()?);
            if end < start {
                return None;
            }
            start..end.saturating_add(1).min(size)
        }
    };
    Some(if range.start < range.end { Ok(range) } else { Err(()) })
}

/// The upload at `token` on `case`, if the person asking may open it, with
/// the opening audited.
async fn openable(
    state: &AppState,
    case: &str,
    token: &str,
    session: Option<RequestSession>,
    what: &str,
) -> Result<Upload, Response> {
    let (Some(session), Ok(case)) = (session.filter(|s| s.live.second_factor_passed), case.parse::<CaseId>()) else {
        return Err(not_found());
    };
    let Ok(ctx) = CaseContext::open_for(session.live.viewer, state.clone(), case, Capability::ReadViews).await else {
        return Err(not_found());
    };
    let Ok(Some(upload)) = app::store::uploads::by_token(&state.db, token).await else {
        return Err(not_found());
    };
    let own = upload.account_id == ctx.viewer.account;
    // Views files: once sent, or to those who add to the views. Documents with
    // advice: to whoever may read the advice (see `advice::response::standing`).
    let shown = match (upload.attachment, upload.advice_request_id) {
        (Attachment::AdviceDocument, Some(request)) => {
            matches!(app::advice::response::standing_on(&ctx, request).await, Ok(Some(_)))
        }
        (Attachment::AdviceDocument, None) => false,
        (space, _) => {
            ctx.may(Capability::ContributeViews)
                || app::store::views::is_sent(&state.db, case, space)
                    .await
                    .unwrap_or(false)
        }
    };
    let visible = upload.case_id == case && upload.state == UploadState::Ready && (own || shown);
    if !visible {
        return Err(not_found());
    }
    let detail = format!("{}{what}", upload.file_name);
    if let Err(err) = ctx.record(AuditAction::FileOpened, &detail, chrono::Utc::now()).await {
        tracing::error!(%err, "a file opening could not be audited");
        return Err(service_problem());
    }
    Ok(upload)
}

/// Streams the stored file at `key`, or the one range the request asks for.
async fn stream(state: &AppState, key: &str, headers: &HeaderMap) -> Result<Response, Response> {
    let storage = &state.uploads.storage;
    let size = storage.size(key).await.map_err(|err| {
        tracing::error!(%err, key, "a stored file could not be found");
        not_found()
    })?;
    let (status, range) = match requested_range(headers, size) {
        None => (StatusCode::OK, 0..size),
        Some(Ok(range)) => (StatusCode::PARTIAL_CONTENT, range),
        Some(Err(())) => {
            let mut response = StatusCode::RANGE_NOT_SATISFIABLE.into_response();
            if let Ok(value) = HeaderValue::from_str(&format!("bytes */{size}")) {
                response.headers_mut().insert(header::CONTENT_RANGE, value);
            }
            return Err(response);
        }
    };
    let opened = if range.is_empty() {
        None
    } else {
        Some(storage.open(key, range.clone()).await.map_err(|err| {
            tracing::error!(%err, key, "a stored file could not be read");
            service_problem()
        })?)
    };
    let body = opened.map_or_else(Body::empty, Body::from_stream);
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(range.end - range.start));
    if status == StatusCode::PARTIAL_CONTENT {
        let content_range = format!("bytes {}-{}/{size}", range.start, range.end - 1);
        if let Ok(value) = HeaderValue::from_str(&content_range) {
            headers.insert(header::CONTENT_RANGE, value);
        }
    }
    Ok(response)
}

/// Headers that keep a file from acting as a page of ours or being cached.
fn protect(response: &mut Response, content_type: &str, disposition: &str) {
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    if let Ok(value) = HeaderValue::from_str(disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
}

/// The file's name as it may appear in a header: letters, digits and a few marks.
fn header_safe(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// What of an upload is served: its stored key, media type and disposition.
struct Served {
    key: String,
    content_type: String,
    disposition: String,
}

/// Checks who asks, audits the opening as `what`, and streams what `pick` chooses.
async fn serve(
    state: &AppState,
    (case, token): (String, String),
    (headers, session): (HeaderMap, Option<RequestSession>),
    what: &str,
    pick: fn(Upload) -> Option<Served>,
) -> Response {
    let served = match openable(state, &case, &token, session, what).await {
        Ok(upload) => pick(upload),
        Err(response) => return response,
    };
    let Some(served) = served else {
        return not_found();
    };
    let mut response = match stream(state, &served.key, &headers).await {
        Ok(response) | Err(response) => response,
    };
    protect(&mut response, &served.content_type, &served.disposition);
    response
}

/// What a request brings that the checks need, read before any wait (a
/// request is not shared between threads).
fn asked(req: &Request) -> (HeaderMap, Option<RequestSession>) {
    (req.headers().clone(), req.extensions().get::<RequestSession>().cloned())
}

pub async fn open_file(State(state): State<AppState>, Path(at): Path<(String, String)>, req: Request) -> Response {
    serve(&state, at, asked(&req), "", |upload| {
        // Media plays in the page; documents are saved, never opened as a page of ours.
        let inline = matches!(
            upload.media,
            Some(MediaKind::Photo | MediaKind::Video | MediaKind::Audio)
        );
        Some(Served {
            disposition: format!(
                "{}; filename=\"{}\"",
                if inline { "inline" } else { "attachment" },
                header_safe(&upload.file_name)
            ),
            key: upload.storage_key?,
            content_type: upload.content_type?,
        })
    })
    .await
}

pub async fn open_thumbnail(State(state): State<AppState>, Path(at): Path<(String, String)>, req: Request) -> Response {
    serve(&state, at, asked(&req), " (small copy)", |upload| {
        Some(Served {
            key: upload.thumbnail_key?,
            content_type: "image/jpeg".to_owned(),
            disposition: "inline".to_owned(),
        })
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(value: &str, size: u64) -> Option<Result<Range<u64>, ()>> {
        let mut headers = HeaderMap::new();
        headers.insert(header::RANGE, HeaderValue::from_str(value).unwrap());
        requested_range(&headers, size)
    }

    #[test]
    fn a_player_gets_the_bytes_it_asks_for_and_no_more_than_the_file() {
        assert_eq!(range("bytes=0-99", 1000), Some(Ok(0..100)));
        assert_eq!(range("bytes=900-", 1000), Some(Ok(900..1000)));
        assert_eq!(range("bytes=-100", 1000), Some(Ok(900..1000)));
        assert_eq!(range("bytes=990-2000", 1000), Some(Ok(990..1000)));
        assert_eq!(range("bytes=-5000", 1000), Some(Ok(0..1000)));
    }

    #[test]
    fn a_range_past_the_end_is_refused_and_odd_ones_get_the_whole_file() {
        assert_eq!(range("bytes=1000-", 1000), Some(Err(())));
        assert_eq!(range("bytes=0-1,5-9", 1000), None);
        assert_eq!(range("bytes=9-5", 1000), None);
        assert_eq!(range("items=0-5", 1000), None);
        assert_eq!(range("bytes=a-b", 1000), None);
    }
}
