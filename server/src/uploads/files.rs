//! Opening a file on a case: photos, videos and recordings play in the page
//! (with range requests, so a video can be skipped through on a phone),
//! documents download. Every opening is audited. A file not yet checked is
//! only for its sender; views still being written are not for people giving
//! advice.

use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::ServeFile;

use app::accounts::guard::RequestSession;
use app::cases::context::CaseContext;
use app::domain::audit::AuditAction;
use app::domain::capability::Capability;
use app::domain::ids::CaseId;
use app::domain::uploads::{MediaKind, UploadState};
use app::state::AppState;

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "Not found").into_response()
}

pub async fn open_file(
    State(state): State<AppState>,
    Path((case, token)): Path<(String, String)>,
    req: Request,
) -> Response {
    let session = req.extensions().get::<RequestSession>().cloned();
    let (Some(session), Ok(case)) = (session.filter(|s| s.live.second_factor_passed), case.parse::<CaseId>()) else {
        return not_found();
    };
    let Ok(ctx) = CaseContext::open_for(session.live.viewer, state.clone(), case, Capability::ReadViews).await else {
        return not_found();
    };
    let Ok(Some(upload)) = app::store::uploads::by_token(&state.db, &token).await else {
        return not_found();
    };
    let own = upload.account_id == ctx.viewer.account;
    let sent = app::store::views::is_sent(&state.db, case, upload.attachment)
        .await
        .unwrap_or(false);
    let visible = upload.case_id == case
        && upload.state == UploadState::Ready
        && (own || sent || ctx.may(Capability::ContributeViews));
    let (true, Some(key), Some(content_type)) = (visible, &upload.storage_key, &upload.content_type) else {
        return not_found();
    };
    if let Err(err) = ctx
        .record(AuditAction::FileOpened, &upload.file_name, chrono::Utc::now())
        .await
    {
        tracing::error!(%err, "a file opening could not be audited");
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            "Sorry, there is a problem with the service.",
        )
            .into_response();
    }
    let path = state.uploads.storage.path(key);
    let Ok(mut response) = ServeFile::new(path).oneshot(req).await.map(IntoResponse::into_response);
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    // Media plays in the page; documents are saved, never opened as a page of ours.
    let inline = matches!(
        upload.media,
        Some(MediaKind::Photo | MediaKind::Video | MediaKind::Audio)
    );
    let name: String = upload
        .file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let disposition = format!("{}; filename=\"{name}\"", if inline { "inline" } else { "attachment" });
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    response
}
