//! Adding a file without JavaScript: a plain multipart form post of one file
//! and its caption, up to `EHC_UPLOAD_MAX_FORM_MB`. It cannot resume, so it
//! is for small files; otherwise it ends as a resumable upload does, staged
//! and then checked. A problem comes back to the page the form is on (the
//! views page, or a professional's advice) as a code the page turns into a
//! message beside the file field.

use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use tokio::io::AsyncWriteExt;

use app::accounts::guard::RequestSession;
use app::cases::context::CaseContext;
use app::domain::audit::AuditAction;
use app::domain::capability::Capability;
use app::domain::ids::CaseId;
use app::domain::uploads::{Attachment, CAPTION_MAX_CHARS, too_large};
use app::state::AppState;
use app::store::uploads::{self, NewUpload};

use super::staging;

/// Where a file sent by the form belongs, and so which page it goes back to.
#[derive(Clone, Copy)]
enum Place {
    /// A views space (named by the form's `space` field).
    Views(Attachment),
    /// The advice answering a request, still being written.
    Advice(i64),
}

impl Place {
    fn attachment(self) -> Attachment {
        match self {
            Place::Views(space) => space,
            Place::Advice(_) => Attachment::AdviceDocument,
        }
    }

    /// The page the form is on, with `query` and at the file field.
    fn back(self, case: CaseId, query: &str) -> Response {
        let to = match self {
            Place::Views(space) => format!(
                "{}?for={}&{query}#{}",
                app::paths::views(case),
                space.as_str(),
                space.as_str()
            ),
            Place::Advice(request) => format!("{}?{query}#documents", app::paths::advice_response(case, request)),
        };
        Redirect::to(&to).into_response()
    }
}

/// Back to the form's page with a problem for its file field.
fn problem(case: CaseId, place: Place, code: &str) -> Response {
    place.back(case, &format!("file_error={code}"))
}

/// Why a post was not taken before its form was read.
enum Refusal {
    SignIn,
    NotFound,
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        match self {
            Refusal::SignIn => Redirect::to(app::paths::SIGN_IN).into_response(),
            Refusal::NotFound => (axum::http::StatusCode::NOT_FOUND, "Not found").into_response(),
        }
    }
}

/// The person signed in (past their second factor) and the case in the address.
fn signed_in(req: &Request, case: &str) -> Result<(app::domain::viewer::Viewer, CaseId), Refusal> {
    let session = req.extensions().get::<RequestSession>().cloned();
    let viewer = session
        .filter(|s| s.live.second_factor_passed)
        .map(|s| s.live.viewer)
        .ok_or(Refusal::SignIn)?;
    let case = case.parse::<CaseId>().map_err(|_| Refusal::NotFound)?;
    Ok((viewer, case))
}

/// A file for the child's or the family's views.
pub async fn add_file(State(state): State<AppState>, Path(case): Path<String>, req: Request) -> Response {
    let (viewer, case) = match signed_in(&req, &case) {
        Ok(found) => found,
        Err(refused) => return refused.into_response(),
    };
    let ctx = match CaseContext::open_for(viewer, state.clone(), case, Capability::ContributeViews).await {
        Ok(ctx) => ctx,
        Err(err) => return (axum::http::StatusCode::NOT_FOUND, err.to_string()).into_response(),
    };
    receive(state, ctx, Place::Views(Attachment::ChildViews), req).await
}

/// A document for the advice its writer is still writing.
pub async fn add_advice_document(
    State(state): State<AppState>,
    Path((case, request)): Path<(String, String)>,
    req: Request,
) -> Response {
    let (viewer, case) = match signed_in(&req, &case) {
        Ok(found) => found,
        Err(refused) => return refused.into_response(),
    };
    let Ok(request) = request.parse::<i64>() else {
        return (axum::http::StatusCode::NOT_FOUND, "Not found").into_response();
    };
    let ctx = match CaseContext::open_for(viewer, state.clone(), case, Capability::WriteAdvice).await {
        Ok(ctx) => ctx,
        Err(err) => return (axum::http::StatusCode::NOT_FOUND, err.to_string()).into_response(),
    };
    match app::advice::response::standing_on(&ctx, request).await {
        Ok(Some(app::advice::response::Standing::Writer)) => {}
        _ => return (axum::http::StatusCode::NOT_FOUND, "Not found").into_response(),
    }
    receive(state, ctx, Place::Advice(request), req).await
}

/// Reads the posted file into staging and records it for its checks.
async fn receive(state: AppState, ctx: CaseContext, mut place: Place, req: Request) -> Response {
    let case = ctx.case.id;
    let limits = state.uploads.limits;
    let declared = req
        .headers()
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let Ok(mut form) = Multipart::from_request(req, &state).await else {
        return problem(case, place, "unreadable");
    };
    let mut caption = String::new();
    let mut token = None;
    let mut file_name = String::new();
    let mut written = 0u64;
    let mut over = false;
    while let Ok(Some(mut field)) = form.next_field().await {
        match field.name() {
            // The space comes before the file in the form, so a refusal can name it.
            Some("space") => {
                if let (Place::Views(_), Some(s)) =
                    (place, field.text().await.ok().as_deref().and_then(Attachment::parse))
                    && app::domain::views::SPACES.contains(&s)
                {
                    place = Place::Views(s);
                }
            }
            Some("caption") => caption = field.text().await.unwrap_or_default().trim().to_owned(),
            Some("file") if token.is_none() => {
                file_name = field.file_name().unwrap_or_default().to_owned();
                if declared.is_some_and(|d| d > limits.max_form_file + 64 * 1024) {
                    over = true;
                    break;
                }
                let new = staging::new_token();
                if staging::create(&state.uploads.staging, &new).await.is_err() {
                    return problem(case, place, "unreadable");
                }
                let Ok(mut out) = tokio::fs::OpenOptions::new()
                    .write(true)
                    .open(staging::path(&state.uploads.staging, &new))
                    .await
                else {
                    return problem(case, place, "unreadable");
                };
                token = Some(new);
                while let Ok(Some(chunk)) = field.chunk().await {
                    written += chunk.len() as u64;
                    if written > limits.max_form_file {
                        over = true;
                        break;
                    }
                    if out.write_all(&chunk).await.is_err() {
                        break;
                    }
                }
                if out.sync_data().await.is_err() || over {
                    break;
                }
                // An input left empty (the camera one, say): the next may hold the file.
                if written == 0
                    && let Some(empty) = token.take()
                {
                    staging::remove(&state.uploads.staging, &empty).await;
                }
            }
            _ => {}
        }
    }
    let refuse = async |code: &str| {
        if let Some(token) = &token {
            staging::remove(&state.uploads.staging, token).await;
        }
        problem(case, place, code)
    };
    if over {
        return refuse("too_large").await;
    }
    let Some(staged) = token.clone().filter(|_| written > 0) else {
        return refuse("missing").await;
    };
    if caption.chars().count() > CAPTION_MAX_CHARS {
        return refuse("caption").await;
    }
    // Refused unless known still open: a failed look-up takes no file.
    let open = match place {
        Place::Views(space) => !app::store::views::is_sent(&state.db, case, space).await.unwrap_or(true),
        Place::Advice(request) => matches!(
            app::advice::response::standing_on(&ctx, request).await,
            Ok(Some(app::advice::response::Standing::Writer))
        ),
    };
    if !open {
        return refuse("sent").await;
    }
    let used = uploads::bytes_on_case(&state.db, case).await.unwrap_or(u64::MAX);
    if too_large(&limits, written, used).is_some() {
        return refuse(if written > limits.max_file {
            "too_large"
        } else {
            "case_full"
        })
        .await;
    }
    let now = Utc::now();
    let new = NewUpload {
        token: &staged,
        case,
        account: ctx.viewer.account,
        attachment: place.attachment(),
        file_name: &super::tus::shown_name(&file_name),
        caption: &caption,
        length: written,
        now,
        expires_at: now + state.uploads.expiry,
        advice_request: match place {
            Place::Advice(request) => Some(request),
            Place::Views(_) => None,
        },
    };
    let saved = match uploads::create(&state.db, new).await {
        Ok(upload) => uploads::advance(&state.db, &upload, 0, written, now + state.uploads.expiry).await,
        Err(err) => Err(err),
    };
    if let Err(err) = saved {
        tracing::error!(%err, "a form upload could not be recorded");
        return refuse("unreadable").await;
    }
    state.uploads.complete.notify_one();
    if let Err(err) = ctx.record(AuditAction::FileAdded, &file_name, now).await {
        tracing::error!(%err, "a file added could not be audited");
    }
    place.back(case, "done=added")
}
