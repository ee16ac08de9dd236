//! The family's side of a shared draft: comments on any part, a preferred
//! setting, and saying they have finished. Comments are read by the
//! caseworker and everyone else on the case, with author and time.

use leptos::prelude::*;

use super::types::{CommentView, PlanView};
use crate::components::error_summary::ErrorSummary;
use crate::components::fields::{TextArea, TextInput};
use crate::components::forms::{FormState, GoTo, Redact, field_error, form_state};
use crate::domain::dates::long_date;
use crate::domain::ids::{CaseId, PlanVersionId};
use crate::domain::plan::part::Part;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::error::FieldErrors;

/// The version, if it belongs to the case, is shared, and the viewer is one
/// of the family asked to comment and has not finished.
#[cfg(feature = "ssr")]
async fn open_for_family(
    case: CaseId,
    version: PlanVersionId,
) -> Result<(crate::cases::context::CaseContext, super::types::VersionSummary), AppError> {
    let ctx =
        crate::cases::context::CaseContext::open(case, crate::domain::capability::Capability::RespondAsFamily).await?;
    let summary = ctx
        .readable_versions()
        .await?
        .into_iter()
        .find(|v| v.id == version)
        .ok_or(AppError::NotFound)?;
    let consultees = crate::store::plan_responses::consultees(&ctx.state.db, version).await?;
    if super::access::still_responding(summary.state, &consultees, ctx.viewer.account).is_none() {
        return Err(AppError::Forbidden);
    }
    Ok((ctx, summary))
}

#[server]
pub async fn add_plan_comment(
    case: CaseId,
    version: PlanVersionId,
    part: Part,
    body: String,
) -> Result<GoTo, AppError> {
    use crate::domain::audit::AuditAction;
    use crate::store::plan_responses;
    let (ctx, summary) = open_for_family(case, version).await?;
    let body = body.trim();
    let earlier = plan_responses::comment_count(&ctx.state.db, version, part, ctx.viewer.account).await?;
    if let Some(message) = crate::domain::plan::comment::problem(body, earlier) {
        let mut errors = FieldErrors::default();
        errors.add("body", &format!("comment-{}", part.as_str()), message);
        return Err(AppError::Validation(errors));
    }
    let now = chrono::Utc::now();
    plan_responses::add_comment(&ctx.state.db, version, part, ctx.viewer.account, body, now).await?;
    ctx.record(AuditAction::PlanCommented, part.title(), now).await?;
    Ok(GoTo::to(crate::paths::plan_responded(
        case,
        summary.number,
        "commented",
        &format!("part-{}", part.as_str()),
    )))
}

impl Redact for AddPlanComment {}

/// The comments on one part and, for the family, the box to add one. It is
/// given only that part's comments: the whole plan, cloned for every part,
/// was a large share of the plan page's time.
#[component]
pub fn PartComments(
    comments: Vec<CommentView>,
    part: Part,
    /// Where the box posts, when the person may comment.
    comment_on: Option<(CaseId, PlanVersionId)>,
) -> impl IntoView {
    let count = comments.len();
    let list = (count > 0).then(|| {
        let items = comments
            .into_iter()
            .map(|c| {
                let who = match c.role {
                    Some(role) => format!("{} ({})", c.author, role.label()),
                    None => c.author,
                };
                view! {
                    <li class="comment">
                        <p class="comment__meta">{format!("{who}, {}", c.when)}</p>
                        <p class="body plan-text">{c.body}</p>
                    </li>
                }
            })
            .collect_view();
        view! {
            <h4 class="heading-s" id=format!("comments-{}", part.as_str())>{format!("Comments ({count})")}</h4>
            <ul class="comments">{items}</ul>
        }
    });
    let form = comment_on.map(|(case, version)| view! { <CommentForm case version part /> });
    view! { {list} {form} }
}

#[component]
fn CommentForm(case: CaseId, version: PlanVersionId, part: Part) -> impl IntoView {
    let FormState { error, submitted } = form_state::<AddPlanComment>();
    // Several comment forms share one page: only the one posted shows its error.
    let mine = submitted.as_ref().is_none_or(|s| s.part == part);
    let typed = submitted.filter(|s| s.part == part).map(|s| s.body).unwrap_or_default();
    let error = Signal::derive(move || if mine { error.get() } else { None });
    let id = format!("comment-{}", part.as_str());
    view! {
        <form class="comment-form" method="post" action=crate::paths::plan_form(case, crate::paths::PlanForm::Comment) novalidate>
            <ErrorSummary error />
            <input type="hidden" name="case" value=case.to_string() />
            <input type="hidden" name="version" value=version.to_string() />
            <input type="hidden" name="part" value=part.as_str() />
            <TextArea id name="body" label=format!("Comment on {}", part.title().to_lowercase()) value=typed error=field_error(error, "body") rows=3 />
            <button type="submit" class="button button--secondary">"Add comment"</button>
        </form>
    }
}

#[server]
pub async fn respond_to_draft(
    case: CaseId,
    version: PlanVersionId,
    preferred_setting: String,
    #[server(default)] finished: String,
) -> Result<GoTo, AppError> {
    use crate::domain::audit::AuditAction;
    let (ctx, summary) = open_for_family(case, version).await?;
    let preferred = preferred_setting.trim().to_owned();
    if preferred.chars().count() > 200 {
        let mut errors = FieldErrors::default();
        errors.add(
            "preferred_setting",
            "preferred_setting",
            "The setting's name must be 200 characters or fewer",
        );
        return Err(AppError::Validation(errors));
    }
    let now = chrono::Utc::now();
    let named = (!preferred.is_empty()).then_some(preferred.clone());
    crate::store::plan_responses::respond_as_family(
        &ctx.state.db,
        version,
        ctx.viewer.account,
        named,
        finished == "yes",
        now,
    )
    .await?;
    if !preferred.is_empty() {
        ctx.record(AuditAction::PreferredSettingNamed, &preferred, now).await?;
    }
    Ok(GoTo::to(crate::paths::plan_responded(
        case,
        summary.number,
        "responded",
        "your-response",
    )))
}

impl Redact for RespondToDraft {}

/// At the top of the page for a parent, carer or young person asked to
/// respond: what they are asked to do and by when, before the long plan.
#[component]
pub fn FamilyAsk(plan: PlanView) -> impl IntoView {
    let me = plan.may.own.as_ref()?;
    let by = long_date(me.comment_by);
    Some(view! {
        <div class="notification-banner notification-banner--important" role="region" aria-labelledby="ask-title">
            <h2 class="notification-banner__title" id="ask-title">"What you need to do"</h2>
            <div class="notification-banner__content">
                <p class="notification-banner__heading">{format!("Send your comments by {by}")}</p>
                <p class="body">"Read the draft plan and add a comment to any section you want changed. Then tell us which school or setting you would like named in the plan, and say when you have finished."</p>
                <p class="body"><a class="link" href="#contents">"Go to the contents"</a>" or "<a class="link" href="#your-response">"go to your response"</a></p>
            </div>
        </div>
    })
}

/// For a parent, carer or young person asked: when comments are due, the
/// preferred setting, and saying they have finished.
#[component]
pub fn FamilyResponse(plan: PlanView) -> impl IntoView {
    let me = plan.may.own.clone()?;
    let FormState { error, submitted } = form_state::<RespondToDraft>();
    let typed = submitted
        .map(|s| s.preferred_setting)
        .or(me.preferred_setting.clone())
        .unwrap_or_default();
    let case = plan.case.id;
    Some(view! {
        <section class="panel panel--border" id="your-response" aria-labelledby="your-response-heading">
            <h2 class="heading-m" id="your-response-heading">"Your response to this draft"</h2>
            <p class="body">{format!(
                "Please send your comments by {}. You can comment on any section below, then tell us which school or setting you would like named in the plan.",
                long_date(me.comment_by)
            )}</p>
            <form method="post" action=crate::paths::plan_form(case, crate::paths::PlanForm::Respond) novalidate>
                <ErrorSummary error />
                <input type="hidden" name="case" value=case.to_string() />
                <input type="hidden" name="version" value=plan.version.id.to_string() />
                <TextInput
                    id="preferred_setting"
                    name="preferred_setting"
                    label="Preferred school or setting (optional)"
                    hint="The school, college or setting you would like named in section I."
                    value=typed
                    error=field_error(error, "preferred_setting")
                />
                <div class="checkboxes__item form-group">
                    <input class="checkboxes__input" type="checkbox" id="finished" name="finished" value="yes" />
                    <label class="label checkboxes__label" for="finished">"I have finished commenting on this draft"</label>
                </div>
                <button type="submit" class="button">"Save my response"</button>
            </form>
        </section>
    })
}
