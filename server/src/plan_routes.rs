//! The plan's no-JavaScript form posts, and the downloads: plans, advice,
//! decision letters and the council's SEN2 return.
//!
//! Several forms share the plan page, so each posts to the page's own address
//! with `?form=` naming it; a refused post renders that page again. Downloads
//! are plain GETs answered with the file.

use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use app::accounts::guard::RequestSession;
use app::domain::ids::CaseId;
use app::error::AppError;
use app::paths::PlanForm;
use app::plans::comments::{AddPlanComment, RespondToDraft};
use app::plans::consultations::{AnswerConsultation, ConsultSetting};
use app::plans::downloads::{Download, download};
use app::plans::task_list::StartPlan;
use app::state::AppState;

use crate::forms::submit;

pub async fn plan_forms(state: State<AppState>, req: Request) -> Response {
    let form = req
        .uri()
        .query()
        .and_then(|q| q.split('&').find_map(|pair| pair.strip_prefix("form=")))
        .unwrap_or_default()
        .to_owned();
    // Exhaustive: a new form on the plan page does not compile until it is dispatched.
    match PlanForm::parse(&form) {
        Some(PlanForm::Start) => submit::<StartPlan>(state, req).await,
        Some(PlanForm::Comment) => submit::<AddPlanComment>(state, req).await,
        Some(PlanForm::Respond) => submit::<RespondToDraft>(state, req).await,
        Some(PlanForm::Consult) => submit::<ConsultSetting>(state, req).await,
        Some(PlanForm::Answer) => submit::<AnswerConsultation>(state, req).await,
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

pub async fn plan_download(
    State(state): State<AppState>,
    Path((case, number, file)): Path<(String, String, String)>,
    req: Request,
) -> Response {
    let session = req.extensions().get::<RequestSession>().cloned();
    let (Some(session), Ok(case), Ok(number), Some(what)) = (
        session.filter(|s| s.live.second_factor_passed),
        case.parse::<CaseId>(),
        number.parse::<i32>(),
        Download::parse(&file),
    ) else {
        return (StatusCode::NOT_FOUND, "Not found").into_response();
    };
    file_answer(download(session.live.viewer, state, case, number, what).await)
}

/// A professional's advice as a PDF, for whoever may read it.
pub async fn advice_download(
    State(state): State<AppState>,
    Path((case, request)): Path<(String, String)>,
    req: Request,
) -> Response {
    let session = req.extensions().get::<RequestSession>().cloned();
    let (Some(session), Ok(case), Ok(request)) = (
        session.filter(|s| s.live.second_factor_passed),
        case.parse::<CaseId>(),
        request.parse::<i64>(),
    ) else {
        return (StatusCode::NOT_FOUND, "Not found").into_response();
    };
    file_answer(app::advice::download::advice_pdf(session.live.viewer, state, case, request).await)
}

/// A decision's letter as a PDF, for whoever may read the case's decisions.
pub async fn decision_letter(
    State(state): State<AppState>,
    Path((case, question)): Path<(String, String)>,
    req: Request,
) -> Response {
    let session = req.extensions().get::<RequestSession>().cloned();
    let (Some(session), Ok(case), Some(question)) = (
        session.filter(|s| s.live.second_factor_passed),
        case.parse::<CaseId>(),
        app::domain::decision::DecisionQuestion::parse(&question),
    ) else {
        return (StatusCode::NOT_FOUND, "Not found").into_response();
    };
    file_answer(app::decisions::letter::letter_pdf(session.live.viewer, state, case, question).await)
}

/// The council's SEN2 return for a collection year, for its administrators.
pub async fn sen2_return(State(state): State<AppState>, Path(year): Path<String>, req: Request) -> Response {
    let session = req.extensions().get::<RequestSession>().cloned();
    let (Some(session), Ok(year)) = (session.filter(|s| s.live.second_factor_passed), year.parse::<i32>()) else {
        return (StatusCode::NOT_FOUND, "Not found").into_response();
    };
    file_answer(app::admin::sen2_page::return_file(session.live.viewer, state, year).await)
}

/// A download, or the page saying why not.
fn file_answer(file: Result<app::plans::downloads::File, AppError>) -> Response {
    match file {
        Ok(file) => {
            let disposition = format!("attachment; filename=\"{}\"", file.name);
            let mut response = file.bytes.into_response();
            let headers = response.headers_mut();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(file.content_type));
            if let Ok(value) = HeaderValue::from_str(&disposition) {
                headers.insert(header::CONTENT_DISPOSITION, value);
            }
            // A plan is personal data: never kept by shared caches.
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
            response
        }
        Err(err) => {
            let status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let message = if err == AppError::NotFound {
                "Not found".to_owned()
            } else {
                err.to_string()
            };
            (status, message).into_response()
        }
    }
}
