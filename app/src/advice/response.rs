//! One request's advice: who may write it (the person asked, while it is
//! outstanding) and who may read it (everyone on the case once submitted; a
//! draft only its writer and the manager of the team it came through), what
//! the pages receive, and the saves of the template's questions and the
//! submission. Each area is saved by the area editor (`area_page`).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::components::forms::{GoTo, Redact};
use crate::domain::advice::{RequestKind, RequestStatus};
use crate::domain::advice_template::AdviceHeader;
use crate::domain::case::CaseHeading;
use crate::domain::ids::CaseId;
use crate::domain::plan::content::Area;
use crate::domain::plan::part::Part;
use crate::error::AppError;

/// A document attached to the advice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRow {
    pub token: String,
    pub name: String,
    pub state: crate::domain::uploads::UploadState,
    pub refusal: Option<String>,
}

/// One area of the template, as the writer's list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaSummary {
    pub part: Part,
    pub written: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseData {
    pub case: CaseHeading,
    pub request: i64,
    pub kind: RequestKind,
    /// The person asked.
    pub asked: String,
    /// The team the request came through, for a member's.
    pub member_of: Option<String>,
    pub due_on: String,
    pub status: RequestStatus,
    /// The person looking may still change it.
    pub editable: bool,
    pub header: AdviceHeader,
    pub areas: Vec<AreaSummary>,
    /// The areas written, in the template's order.
    pub written: Vec<(Part, Area)>,
    /// 0 before the first save.
    pub revision: i32,
    /// "3 December 2026 at 14:05".
    pub saved_at: Option<String>,
    pub submitted_on: Option<String>,
    /// For the writer: what must be done before the advice can be submitted.
    pub problems: Vec<String>,
    /// Reports and letters attached: every one sent, for the writer; those
    /// that passed their checks, for readers.
    pub documents: Vec<DocumentRow>,
    /// "25 MB": the largest file sent without JavaScript; the largest with.
    pub form_limit: String,
    pub file_limit: String,
}

/// How the person looking stands to a request's advice.
#[cfg(feature = "ssr")]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    Writer,
    Reader,
}

/// A request's advice opened for the person asking, who must be its writer
/// (for `write`) or one of its readers.
///
/// # Errors
/// `NotFound` for a request not on the case, or not to a person; `Forbidden`
/// when they may not read (or write) it.
#[cfg(feature = "ssr")]
pub async fn open(
    case: CaseId,
    request: i64,
    write: bool,
) -> Result<
    (
        crate::cases::context::CaseContext,
        crate::store::advice_requests::ListedRequest,
        Standing,
    ),
    AppError,
> {
    use crate::domain::capability::Capability;
    let ctx = crate::cases::context::CaseContext::open(case, Capability::ViewCase).await?;
    let found = crate::store::advice_requests::one(&ctx.state.db, case, request)
        .await?
        .filter(|r| r.person.is_some())
        .ok_or(AppError::NotFound)?;
    let standing = standing(&ctx, &found).await?.ok_or(AppError::Forbidden)?;
    if write && standing != Standing::Writer {
        return Err(AppError::Forbidden);
    }
    Ok((ctx, found, standing))
}

/// How the person of `ctx` stands to the advice answering `found`: its
/// writer (the person asked, while it is outstanding), a reader (everyone on
/// the case once submitted; a draft or closed request only its writer and the
/// manager of its team), or neither.
///
/// # Errors
/// A database error.
#[cfg(feature = "ssr")]
pub async fn standing(
    ctx: &crate::cases::context::CaseContext,
    found: &crate::store::advice_requests::ListedRequest,
) -> Result<Option<Standing>, AppError> {
    use crate::domain::capability::Capability;
    let mine = found.person.is_some() && found.person == Some(ctx.viewer.account);
    if mine && found.status.outstanding() && ctx.may(Capability::WriteAdvice) {
        return Ok(Some(Standing::Writer));
    }
    if found.status == RequestStatus::Submitted && ctx.may(Capability::ReadAdvice) {
        return Ok(Some(Standing::Reader));
    }
    let manages = match found.allocated_from {
        Some(parent) => {
            crate::store::advice_requests::one(&ctx.state.db, ctx.case.id, parent)
                .await?
                .is_some_and(|p| p.team.is_some() && p.team == ctx.viewer.team)
                && ctx.may(Capability::AnswerForTeam)
        }
        None => false,
    };
    Ok((mine || manages).then_some(Standing::Reader))
}

/// As [`standing`], for a request named by its id on the case of `ctx`.
///
/// # Errors
/// A database error.
#[cfg(feature = "ssr")]
pub async fn standing_on(ctx: &crate::cases::context::CaseContext, request: i64) -> Result<Option<Standing>, AppError> {
    match crate::store::advice_requests::one(&ctx.state.db, ctx.case.id, request).await? {
        Some(found) if found.person.is_some() => standing(ctx, &found).await,
        _ => Ok(None),
    }
}

/// "3 December 2026 at 14:05", in the council's time.
#[cfg(feature = "ssr")]
pub fn saved_at(at: chrono::DateTime<chrono::Utc>) -> String {
    at.with_timezone(&chrono_tz::Europe::London)
        .format("%-d %B %Y at %H:%M")
        .to_string()
}

#[server]
pub async fn get_response(case: CaseId, request: i64) -> Result<ResponseData, AppError> {
    use crate::domain::advice_template::{ADVICE_AREAS, is_written};
    use crate::domain::dates::long_date;
    let (ctx, found, standing) = open(case, request, false).await?;
    let db = &ctx.state.db;
    let saved = crate::store::advice::for_request(db, request).await?;
    let member_of = match found.allocated_from {
        Some(parent) => crate::store::advice_requests::one(db, case, parent)
            .await?
            .map(|p| p.asked),
        None => None,
    };
    if standing == Standing::Reader {
        ctx.record(
            crate::domain::audit::AuditAction::AdviceRead,
            &found.asked,
            chrono::Utc::now(),
        )
        .await?;
    }
    let (header, areas, revision, saved, submitted) = match saved {
        Some(a) => (a.header, a.areas, a.revision, Some(a.updated_at), a.submitted_at),
        None => (
            AdviceHeader::given_by(&ctx.viewer.name),
            Default::default(),
            0,
            None,
            None,
        ),
    };
    let problems = match (
        standing,
        crate::domain::advice_template::ready_to_submit(&header, &areas),
    ) {
        (Standing::Writer, Err(errors)) => errors.0.into_iter().map(|e| e.message).collect(),
        _ => Vec::new(),
    };
    let documents = crate::store::uploads::all_for_advice(db, request)
        .await?
        .into_iter()
        .filter(|u| standing == Standing::Writer || u.state == crate::domain::uploads::UploadState::Ready)
        .map(|u| DocumentRow {
            token: u.token,
            name: u.file_name,
            state: u.state,
            refusal: u.refusal,
        })
        .collect();
    let limits = ctx.state.uploads.limits;
    Ok(ResponseData {
        documents,
        form_limit: crate::domain::uploads::size_label(limits.max_form_file),
        file_limit: crate::domain::uploads::size_label(limits.max_file),
        problems,
        case: ctx.case,
        request,
        kind: found.kind,
        asked: found.asked,
        member_of,
        due_on: long_date(found.due_on),
        status: found.status,
        editable: standing == Standing::Writer,
        header,
        areas: ADVICE_AREAS
            .into_iter()
            .map(|part| AreaSummary {
                part,
                written: areas.get(&part).is_some_and(is_written),
            })
            .collect(),
        written: areas.into_iter().filter(|(_, a)| is_written(a)).collect(),
        revision,
        saved_at: saved.map(saved_at),
        submitted_on: submitted.map(|at| long_date(at.with_timezone(&chrono_tz::Europe::London).date_naive())),
    })
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HeaderInput {
    pub case: String,
    pub request: String,
    pub revision: String,
    /// `yes` or `no`.
    pub on_behalf: String,
    pub on_behalf_of: String,
    pub giver_name: String,
    pub giver_role: String,
    /// `yes`, `no`, or nothing yet.
    pub will_provide: String,
    pub no_reason: String,
    /// `save` to save and stay; `check` to save and check before submitting.
    pub intent: String,
}

impl HeaderInput {
    pub fn header(&self) -> AdviceHeader {
        AdviceHeader {
            on_behalf: self.on_behalf == "yes",
            on_behalf_of: self.on_behalf_of.trim().to_owned(),
            giver_name: self.giver_name.trim().to_owned(),
            giver_role: self.giver_role.trim().to_owned(),
            will_provide: match self.will_provide.as_str() {
                "yes" => Some(true),
                "no" => Some(false),
                _ => None,
            },
            no_reason: self.no_reason.trim().to_owned(),
        }
    }
}

/// A save of the questions: where the page goes next, and for autosave the
/// revision to carry on from and when it was saved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeaderSaved {
    pub next: String,
    pub revision: i32,
    pub saved_at: String,
}

impl crate::components::forms::NextPage for HeaderSaved {
    fn next_page(&self) -> String {
        self.next.clone()
    }
}

#[server]
pub async fn save_advice_header(input: HeaderInput) -> Result<HeaderSaved, AppError> {
    use crate::domain::advice_template::{ready_to_submit, validate_header};
    use crate::store::advice::{Save, Saved, for_request, save};
    let case = input.case.parse::<CaseId>().map_err(|_| AppError::NotFound)?;
    let request = input.request.parse::<i64>().map_err(|_| AppError::NotFound)?;
    let revision = input.revision.parse::<i32>().map_err(|_| AppError::Conflict)?;
    let (ctx, _, _) = open(case, request, true).await?;
    let header = input.header();
    let check = input.intent == "check";
    let db = &ctx.state.db;
    let areas = for_request(db, request).await?.map(|a| a.areas).unwrap_or_default();
    if check {
        ready_to_submit(&header, &areas).map_err(AppError::Validation)?;
    } else {
        validate_header(&header).map_err(AppError::Validation)?;
    }
    let now = chrono::Utc::now();
    let new = Save {
        case,
        request,
        revision,
        header: &header,
        areas: &areas,
        submit: false,
        by: ctx.viewer.account,
        now,
    };
    let Saved::At(revision) = save(db, new).await? else {
        return Err(AppError::Conflict);
    };
    // Autosaves are not worth an audit row each; deliberate saves are.
    if input.intent != "autosave" {
        ctx.record(crate::domain::audit::AuditAction::AdviceSaved, "About the advice", now)
            .await?;
    }
    let next = if check {
        crate::paths::advice_submit(case, request)
    } else {
        format!("{}?done=saved", crate::paths::advice_response(case, request))
    };
    Ok(HeaderSaved {
        next,
        revision,
        saved_at: saved_at(now),
    })
}

impl Redact for SaveAdviceHeader {}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SubmitInput {
    pub case: String,
    pub request: String,
    pub revision: String,
}

#[server]
pub async fn submit_advice(input: SubmitInput) -> Result<GoTo, AppError> {
    use crate::domain::advice_template::ready_to_submit;
    use crate::store::advice::{Save, Saved, for_request, save};
    use crate::store::advice_requests::{managers, one, refresh_team};
    let case = input.case.parse::<CaseId>().map_err(|_| AppError::NotFound)?;
    let request = input.request.parse::<i64>().map_err(|_| AppError::NotFound)?;
    let revision = input.revision.parse::<i32>().map_err(|_| AppError::Conflict)?;
    let (ctx, found, _) = open(case, request, true).await?;
    let db = &ctx.state.db;
    let advice = for_request(db, request).await?.ok_or(AppError::Conflict)?;
    if advice.revision != revision {
        return Err(AppError::Conflict);
    }
    ready_to_submit(&advice.header, &advice.areas).map_err(AppError::Validation)?;
    // The caseworker who asked, and the managers of the team it came through.
    let mut to = Vec::new();
    if let Some(asker) = crate::store::accounts::find(db, found.asked_by).await? {
        to.push(asker.email);
    }
    let parent = match found.allocated_from {
        Some(parent) => one(db, case, parent).await?,
        None => None,
    };
    if let Some(team) = parent.as_ref().and_then(|p| p.team) {
        for email in managers(db, team).await? {
            if !to.contains(&email) {
                to.push(email);
            }
        }
    }
    let giver = advice.header.giver_name.clone();
    let emails = super::notify::submitted(&ctx, &giver, &to);
    let now = chrono::Utc::now();
    let txn = ctx.begin().await?;
    let new = Save {
        case,
        request,
        revision,
        header: &advice.header,
        areas: &advice.areas,
        submit: true,
        by: ctx.viewer.account,
        now,
    };
    if save(&txn, new).await? == Saved::Conflict {
        return Err(AppError::Conflict);
    }
    if let Some(parent) = parent {
        refresh_team(&txn, parent.id, now).await?;
    }
    crate::plans::advice_in_plan::list_in_section_k(&txn, case, ctx.viewer.account, now).await?;
    let detail = format!("{giver}, {}", advice.header.giver_role);
    ctx.apply(
        &txn,
        crate::domain::workflow::CaseEvent::AdviceSubmitted,
        &detail,
        emails,
    )
    .await?;
    ctx.commit(txn).await?;
    Ok(GoTo::to(format!("{}?done=submitted", crate::paths::advice(case))))
}

impl Redact for SubmitAdvice {}
