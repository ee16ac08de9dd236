//! The resumable upload protocol, tus 1.0.0: core, creation, termination,
//! expiration and checksum (SHA-1). A phone that loses its signal asks where
//! the upload stands (HEAD) and sends the rest (PATCH) from there.
//!
//! Every request needs a signed-in person. Creating an upload names the case
//! and where the file belongs, and asks the capability table; an upload's
//! address is random and answers only the person who created it, while they
//! may still see the case. Errors are plain sentences the uploader shows.

use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use data_encoding::BASE64;

use app::accounts::guard::RequestSession;
use app::cases::context::CaseContext;
use app::domain::capability::Capability;
use app::domain::ids::CaseId;
use app::domain::uploads::{Attachment, CAPTION_MAX_CHARS, UploadState, too_large};
use app::domain::viewer::Viewer;
use app::error::AppError;
use app::state::AppState;
use app::store::uploads::{self, NewUpload, Upload};

use super::UPLOADS_PATH;
use super::staging::{self, End};

const TUS_VERSION: &str = "1.0.0";

/// A status, the protocol's headers, and a sentence for the person.
fn answer(status: StatusCode, message: &str) -> Response {
    let mut response = (status, message.to_owned()).into_response();
    tus_headers(response.headers_mut());
    response
}

fn tus_headers(headers: &mut HeaderMap) {
    headers.insert("tus-resumable", HeaderValue::from_static(TUS_VERSION));
    // Offsets change with every request: never from a cache.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
}

/// A request refused before any byte is written: its status and why.
struct Refused(StatusCode, String);

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        let mut response = (self.0, self.1).into_response();
        tus_headers(response.headers_mut());
        if self.0 == StatusCode::PRECONDITION_FAILED {
            response
                .headers_mut()
                .insert("tus-version", HeaderValue::from_static(TUS_VERSION));
        }
        response
    }
}

fn from_error(err: &AppError) -> Refused {
    match err {
        AppError::NotFound | AppError::Forbidden => not_found(),
        AppError::Unauthenticated => Refused(StatusCode::UNAUTHORIZED, err.to_string()),
        other => Refused(
            StatusCode::from_u16(other.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            other.to_string(),
        ),
    }
}

fn not_found() -> Refused {
    Refused(StatusCode::NOT_FOUND, "Upload not found".to_owned())
}

fn internal(err: impl std::fmt::Display) -> Response {
    tracing::error!(%err, "upload failed");
    from_error(&AppError::Internal).into_response()
}

/// The signed-in person (past the second factor), from the session layer.
fn viewer(req: &Request) -> Result<Viewer, Refused> {
    req.extensions()
        .get::<RequestSession>()
        .filter(|s| s.live.second_factor_passed)
        .map(|s| s.live.viewer.clone())
        .ok_or_else(|| from_error(&AppError::Unauthenticated))
}

fn header_u64(headers: &HeaderMap, name: &str) -> Option<u64> {
    headers.get(name)?.to_str().ok()?.trim().parse().ok()
}

/// `Upload-Expires`, in the HTTP date format the protocol asks for.
fn expires(headers: &mut HeaderMap, at: DateTime<Utc>) {
    if let Ok(value) = HeaderValue::from_str(&at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()) {
        headers.insert("upload-expires", value);
    }
}

/// Requests other than OPTIONS must say which protocol version they speak.
fn speaks_tus(headers: &HeaderMap) -> Result<(), Refused> {
    match headers.get("tus-resumable").and_then(|v| v.to_str().ok()) {
        Some(TUS_VERSION) => Ok(()),
        _ => Err(Refused(
            StatusCode::PRECONDITION_FAILED,
            "This upload protocol version is not supported".to_owned(),
        )),
    }
}

/// OPTIONS: what this server supports.
pub async fn options(State(state): State<AppState>) -> Response {
    let uploads = &state.uploads;
    let mut response = StatusCode::NO_CONTENT.into_response();
    let headers = response.headers_mut();
    tus_headers(headers);
    headers.insert("tus-version", HeaderValue::from_static(TUS_VERSION));
    headers.insert(
        "tus-extension",
        HeaderValue::from_static("creation,termination,expiration,checksum"),
    );
    headers.insert("tus-checksum-algorithm", HeaderValue::from_static("sha1"));
    headers.insert("tus-max-size", HeaderValue::from(uploads.limits.max_file));
    response
}

/// `Upload-Metadata`: comma-separated keys, each with a base64 value.
fn metadata(headers: &HeaderMap) -> Vec<(String, String)> {
    let Some(raw) = headers.get("upload-metadata").and_then(|v| v.to_str().ok()) else {
        return Vec::new();
    };
    raw.split(',')
        .filter_map(|pair| {
            let mut words = pair.trim().splitn(2, ' ');
            let key = words.next()?.to_owned();
            let value = match words.next() {
                Some(encoded) => String::from_utf8(BASE64.decode(encoded.trim().as_bytes()).ok()?).ok()?,
                None => String::new(),
            };
            Some((key, value))
        })
        .collect()
}

/// A file name as the device gave it, fit to show: no folders, no control
/// characters, not too long. It is never used as a path.
pub fn shown_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = base.chars().filter(|c| !c.is_control()).take(200).collect();
    if clean.trim().is_empty() {
        "Unnamed file".to_owned()
    } else {
        clean.trim().to_owned()
    }
}

/// POST: a new upload for a case, `Upload-Length` bytes long.
pub async fn create(State(state): State<AppState>, req: Request) -> Response {
    let uploads = state.uploads.clone();
    let viewer = match asker(&req) {
        Ok(viewer) => viewer,
        Err(refused) => return refused.into_response(),
    };
    let meta = metadata(req.headers());
    let field = |key: &str| meta.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
    let (Some(case), Some(attachment)) = (
        field("case").and_then(|c| c.parse::<CaseId>().ok()),
        field("attachment").and_then(Attachment::parse),
    ) else {
        return answer(StatusCode::BAD_REQUEST, "The upload does not say which case it is for");
    };
    let Some(length) = header_u64(req.headers(), "upload-length") else {
        return answer(StatusCode::BAD_REQUEST, "The upload does not say how large the file is");
    };
    let caption = field("caption").unwrap_or_default().trim();
    if caption.chars().count() > CAPTION_MAX_CHARS {
        return answer(
            StatusCode::UNPROCESSABLE_ENTITY,
            &format!("The caption must be {CAPTION_MAX_CHARS} characters or fewer"),
        );
    }
    let ctx = match CaseContext::open_for(viewer, state.clone(), case, attach_capability(attachment)).await {
        Ok(ctx) => ctx,
        Err(err) => return from_error(&err).into_response(),
    };
    // A document goes with the advice its writer is still writing.
    let advice_request = field("request").and_then(|r| r.parse::<i64>().ok());
    if attachment == Attachment::AdviceDocument {
        let writes = match advice_request {
            Some(request) => app::advice::response::standing_on(&ctx, request).await,
            None => Ok(None),
        };
        match writes {
            Ok(Some(app::advice::response::Standing::Writer)) => {}
            Ok(_) => {
                return answer(
                    StatusCode::CONFLICT,
                    "This advice has been submitted or closed, so no more documents can be added",
                );
            }
            Err(err) => return from_error(&err).into_response(),
        }
    } else {
        match app::store::views::is_sent(&state.db, case, attachment).await {
            Ok(false) => {}
            Ok(true) => {
                return answer(
                    StatusCode::CONFLICT,
                    "These views have been sent to the council. Ask your caseworker to re-open them to add more",
                );
            }
            Err(err) => return internal(err),
        }
    }
    let used = match uploads::bytes_on_case(&state.db, case).await {
        Ok(used) => used,
        Err(err) => return internal(err),
    };
    if let Some(message) = too_large(&uploads.limits, length, used) {
        return answer(StatusCode::PAYLOAD_TOO_LARGE, &message);
    }
    let token = staging::new_token();
    if let Err(err) = staging::create(&uploads.staging, &token).await {
        return internal(err);
    }
    let now = Utc::now();
    let expires_at = now + uploads.expiry;
    let name = shown_name(field("filename").unwrap_or_default());
    let new = NewUpload {
        token: &token,
        case,
        account: ctx.viewer.account,
        attachment,
        file_name: &name,
        caption,
        length,
        now,
        expires_at,
        advice_request: advice_request.filter(|_| attachment == Attachment::AdviceDocument),
    };
    if let Err(err) = uploads::create(&state.db, new).await {
        staging::remove(&uploads.staging, &token).await;
        return internal(err);
    }
    if let Err(err) = ctx.record(app::domain::audit::AuditAction::FileAdded, &name, now).await {
        return internal(err);
    }
    let mut response = answer(StatusCode::CREATED, "");
    let headers = response.headers_mut();
    if let Ok(location) = HeaderValue::from_str(&format!("{UPLOADS_PATH}/{token}")) {
        headers.insert(header::LOCATION, location);
    }
    expires(headers, expires_at);
    response
}

/// Who may add a file to each place on a case.
fn attach_capability(attachment: Attachment) -> Capability {
    match attachment {
        Attachment::ChildViews | Attachment::ParentViews => Capability::ContributeViews,
        Attachment::AdviceDocument => Capability::WriteAdvice,
    }
}

/// The signed-in person asking about an upload, in the protocol's version.
/// Taken from the request before any look-up: a request is not held across
/// an await, as its body is not `Sync`.
fn asker(req: &Request) -> Result<Viewer, Refused> {
    let viewer = viewer(req)?;
    speaks_tus(req.headers())?;
    Ok(viewer)
}

/// The upload at this address, if it is the asker's own, on a case they may
/// still add to. Anyone else's upload answers as one that does not exist.
async fn own_upload(state: &AppState, asker: Result<Viewer, Refused>, token: &str) -> Result<Upload, Response> {
    let viewer = asker.map_err(IntoResponse::into_response)?;
    let not_found = || not_found().into_response();
    if token.len() != 48 || !token.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()) {
        return Err(not_found());
    }
    let upload = uploads::by_token(&state.db, token)
        .await
        .map_err(internal)?
        .filter(|u| u.account_id == viewer.account)
        .ok_or_else(not_found)?;
    CaseContext::open_for(
        viewer,
        state.clone(),
        upload.case_id,
        attach_capability(upload.attachment),
    )
    .await
    .map_err(|err| from_error(&err).into_response())?;
    Ok(upload)
}

fn offset_headers(response: &mut Response, upload: &Upload, received: u64) {
    let headers = response.headers_mut();
    headers.insert("upload-offset", HeaderValue::from(received));
    headers.insert("upload-length", HeaderValue::from(upload.length));
    if upload.state == UploadState::Receiving {
        expires(headers, upload.expires_at);
    }
}

/// HEAD: how many bytes the server has, so the upload resumes from there.
pub async fn head(State(state): State<AppState>, Path(token): Path<String>, req: Request) -> Response {
    match own_upload(&state, asker(&req), &token).await {
        Ok(upload) => {
            let mut response = answer(StatusCode::OK, "");
            offset_headers(&mut response, &upload, u64::try_from(upload.received).unwrap_or(0));
            response
        }
        Err(response) => response,
    }
}

/// PATCH: the next bytes, from `Upload-Offset`.
pub async fn patch(State(state): State<AppState>, Path(token): Path<String>, req: Request) -> Response {
    let uploads = state.uploads.clone();
    let upload = match own_upload(&state, asker(&req), &token).await {
        Ok(upload) => upload,
        Err(response) => return response,
    };
    let headers = req.headers();
    if headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()) != Some("application/offset+octet-stream") {
        return answer(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "The upload must be sent as application/offset+octet-stream",
        );
    }
    let received = u64::try_from(upload.received).unwrap_or(0);
    let length = u64::try_from(upload.length).unwrap_or(0);
    if upload.state != UploadState::Receiving {
        return answer(StatusCode::CONFLICT, "This file has already arrived");
    }
    if upload.expires_at < Utc::now() {
        return answer(
            StatusCode::GONE,
            "This upload was left too long and has been removed. Add the file again",
        );
    }
    if header_u64(headers, "upload-offset") != Some(received) {
        let mut response = answer(
            StatusCode::CONFLICT,
            "The upload is at a different point: ask where it stands and resume",
        );
        offset_headers(&mut response, &upload, received);
        return response;
    }
    let checksum = match headers.get("upload-checksum").map(|v| v.to_str().unwrap_or_default()) {
        None => None,
        Some(value) => match value.split_once(' ') {
            Some(("sha1", digest)) => match BASE64.decode(digest.trim().as_bytes()) {
                Ok(digest) => Some(digest),
                Err(_) => return answer(StatusCode::BAD_REQUEST, "The checksum could not be read"),
            },
            _ => return answer(StatusCode::BAD_REQUEST, "Only SHA-1 checksums are supported"),
        },
    };
    let writing = match uploads.claim(&state.db, upload.id).await {
        Ok(Some(writing)) => writing,
        Ok(None) => {
            return answer(
                StatusCode::LOCKED,
                "The file is still being sent by another request. Wait, then resume",
            );
        }
        Err(err) => return internal(err),
    };
    let file = staging::path(&uploads.staging, &token);
    let room = length - received;
    let appended = match staging::append(&file, received, req.into_body(), room, uploads.idle).await {
        Ok(appended) => appended,
        Err(err) => return internal(err),
    };
    if appended.end == End::TooMuch {
        // What came before the overflow is not trusted either.
        if let Err(err) = staging::truncate(&file, received).await {
            return internal(err);
        }
        return answer(
            StatusCode::PAYLOAD_TOO_LARGE,
            "More was sent than the file's declared size",
        );
    }
    if let Some(expected) = checksum {
        // A checksum covers the whole request: anything less is not kept.
        if appended.end != End::Whole || expected != appended.sha1 {
            if let Err(err) = staging::truncate(&file, received).await {
                return internal(err);
            }
            return answer(
                StatusCode::from_u16(460).unwrap_or(StatusCode::BAD_REQUEST),
                "The bytes did not arrive intact. Resume to send them again",
            );
        }
    }
    let now_at = received + appended.written;
    let expires_at = Utc::now() + uploads.expiry;
    match uploads::advance(&state.db, &upload, received, now_at, expires_at).await {
        Ok(true) => {}
        Ok(false) => {
            return answer(
                StatusCode::CONFLICT,
                "The upload moved on meanwhile: ask where it stands and resume",
            );
        }
        Err(err) => return internal(err),
    }
    if let Err(err) = writing.release().await {
        tracing::warn!(%err, "a writing lease could not be given back: it runs out by itself");
    }
    if now_at == length {
        uploads.complete.notify_one();
    }
    let mut response = answer(StatusCode::NO_CONTENT, "");
    let mut upload = upload;
    upload.expires_at = expires_at;
    if now_at == length {
        upload.state = UploadState::Checking;
    }
    offset_headers(&mut response, &upload, now_at);
    response
}

/// DELETE: the person gives up on an upload still arriving.
pub async fn delete(State(state): State<AppState>, Path(token): Path<String>, req: Request) -> Response {
    let uploads = state.uploads.clone();
    let upload = match own_upload(&state, asker(&req), &token).await {
        Ok(upload) => upload,
        Err(response) => return response,
    };
    if upload.state != UploadState::Receiving {
        return answer(
            StatusCode::CONFLICT,
            "This file has already arrived: remove it from the list instead",
        );
    }
    let _writing = match uploads.claim(&state.db, upload.id).await {
        Ok(Some(writing)) => writing,
        Ok(None) => {
            return answer(
                StatusCode::LOCKED,
                "The file is still being sent. Pause it, then remove it",
            );
        }
        Err(err) => return internal(err),
    };
    if let Err(err) = uploads::remove(&state.db, upload.id).await {
        return internal(err);
    }
    staging::remove(&uploads.staging, &token).await;
    answer(StatusCode::NO_CONTENT, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_values_are_base64_and_a_key_may_stand_alone() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "upload-metadata",
            HeaderValue::from_static("filename bWUuanBn,case Mw==,is_confidential"),
        );
        assert_eq!(
            metadata(&headers),
            [
                ("filename".to_owned(), "me.jpg".to_owned()),
                ("case".to_owned(), "3".to_owned()),
                ("is_confidential".to_owned(), String::new())
            ]
        );
    }

    #[test]
    fn a_file_name_is_shown_without_its_folders_or_control_characters() {
        assert_eq!(shown_name("../../etc/passwd"), "passwd");
        assert_eq!(shown_name("C:\\Users\\me\\IMG_0001.HEIC"), "IMG_0001.HEIC");
        assert_eq!(shown_name("a\u{0}b\nc.jpg"), "abc.jpg");
        assert_eq!(shown_name(""), "Unnamed file");
    }
}
