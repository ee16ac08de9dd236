//! Checking and sharing a draft: the provision checker's findings across the
//! whole plan, who will be emailed, and the button that shares it. Shared,
//! the draft can no longer change and the family get 15 days to comment.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::types::VersionSummary;
use crate::components::form_page::{FormHeading, PostForm};
use crate::components::forms::{FormState, GoTo, Redact, form_state};
use crate::domain::case::CaseHeading;
use crate::domain::dates::long_date;
use crate::domain::ids::{CaseId, PlanVersionId};
use crate::domain::plan::checks::PlanIssue;
use crate::error::AppError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareCheck {
    pub case: CaseHeading,
    pub version: VersionSummary,
    pub issues: Vec<PlanIssue>,
    /// What the draft does not yet cover of the advice.
    pub advice_warnings: Vec<String>,
    /// Who will be emailed, with their role.
    pub recipients: Vec<String>,
    pub comment_by: chrono::NaiveDate,
}

#[server]
pub async fn check_before_sharing(case: CaseId) -> Result<ShareCheck, AppError> {
    use crate::domain::plan::checks::check_part;
    let ctx = crate::cases::context::CaseContext::open(case, crate::domain::capability::Capability::WritePlan).await?;
    let version = ctx.open_draft().await?.ok_or(AppError::NotFound)?;
    let parts = crate::store::plans::parts(&ctx.state.db, version.id).await?;
    let issues = parts
        .iter()
        .flat_map(|p| check_part(p.part, p.status, &p.content))
        .collect();
    let advice_warnings = super::advice_in_plan::warnings_for(&ctx.state.db, case, &parts).await?;
    let recipients = crate::store::case_links::linked_people(&ctx.state.db, case)
        .await?
        .into_iter()
        .map(|p| format!("{} ({})", p.name, p.role.label()))
        .collect();
    Ok(ShareCheck {
        case: ctx.case,
        version,
        issues,
        advice_warnings,
        recipients,
        comment_by: crate::domain::plan::consultation::respond_by(crate::state::today()),
    })
}

#[server]
pub async fn share_plan(case: CaseId, version: PlanVersionId) -> Result<GoTo, AppError> {
    use crate::domain::access::Link;
    use crate::domain::workflow::CaseEvent;
    let ctx = crate::cases::context::CaseContext::open(case, crate::domain::capability::Capability::WritePlan).await?;
    let draft = ctx
        .open_draft()
        .await?
        .filter(|d| d.id == version)
        .ok_or(AppError::Conflict)?;
    let txn = ctx.begin().await?;
    let people = crate::store::case_links::linked_people(&txn, case).await?;
    let family: Vec<_> = people
        .iter()
        .filter(|p| p.link == Link::Family)
        .map(|p| p.account)
        .collect();
    let today = crate::state::today();
    if !crate::store::plans::share(&txn, version, &family, today).await? {
        return Err(AppError::Conflict);
    }
    let comment_by = crate::domain::plan::consultation::respond_by(today);
    let emails = super::notify::draft_shared(&ctx, draft.number, &people, comment_by);
    ctx.apply(&txn, CaseEvent::DraftShared { on: today }, &draft.name(), emails)
        .await?;
    ctx.commit(txn).await?;
    Ok(GoTo::to(crate::paths::plan_responded(
        case,
        draft.number,
        "shared",
        "plan",
    )))
}

impl Redact for SharePlan {}

#[component]
pub fn SharePage() -> impl IntoView {
    let check = Resource::new(super::load::case_param(), |id| async move {
        match id {
            Some(id) => check_before_sharing(id).await,
            None => Err(AppError::NotFound),
        }
    });
    super::load::loaded(check, "Checking the draft…", |check| view! { <ShareForm check /> })
}

#[component]
fn ShareForm(check: ShareCheck) -> impl IntoView {
    let FormState { error, .. } = form_state::<SharePlan>();
    let case = check.case.id;
    let findings = if check.issues.is_empty() {
        view! { <p class="body">"The provision checker found nothing to put right."</p> }.into_any()
    } else {
        let items = check
            .issues
            .iter()
            .map(|i| {
                let href = format!(
                    "{}#{}",
                    crate::paths::plan_part(case, i.part),
                    i.item.map_or("editor".to_owned(), |k| format!("item-{k}"))
                );
                view! { <li><a class="link" href=href>{format!("{}: {}", i.part.title(), i.place)}</a>{format!(" — {}", i.message)}</li> }
            })
            .collect_view();
        view! {
            <div class="warning-text"><strong>{format!("The provision checker found {} things to check.", check.issues.len())}</strong>
            " Provision must say what, who, how often, for how long and when it is reviewed; outcomes need a time frame and a measurable result. You can still share the draft, but families and tribunals rely on specific wording."</div>
            <ul class="list list--bullet">{items}</ul>
        }
        .into_any()
    };
    let advice = (!check.advice_warnings.is_empty()).then(|| {
        view! { <super::advice_in_plan::AdviceWarnings case warnings=check.advice_warnings.clone() /> }
    });
    let recipients = if check.recipients.is_empty() {
        view! { <p class="body">"Nobody outside the council is linked to this case yet: give people access from the case page first."</p> }.into_any()
    } else {
        let items = check
            .recipients
            .into_iter()
            .map(|r| view! { <li>{r}</li> })
            .collect_view();
        view! { <ul class="list list--bullet">{items}</ul> }.into_any()
    };
    view! {
        <a class="back-link" href=crate::paths::plan(case)>"Back to the plan"</a>
        <FormHeading
            heading=format!("Check and share draft version {}", check.version.number)
            caption=format!("{} · {}", check.case.reference, check.case.child_name)
            error
        />
        <h2 class="heading-m">"Provision checker"</h2>
        {findings}
        {advice}
        <h2 class="heading-m">"Who will be emailed"</h2>
        {recipients}
        <p class="body">{format!("Parents, carers and young people will be asked to comment by {} (15 days).", long_date(check.comment_by))}</p>
        <p class="body">"Once shared, this version cannot be changed. To make changes after comments, start a new draft version."</p>
        <PostForm action=crate::paths::plan_share(case)>
            <input type="hidden" name="case" value=case.to_string() />
            <input type="hidden" name="version" value=check.version.id.to_string() />
            <button type="submit" class="button">{format!("Share draft version {}", check.version.number)}</button>
        </PostForm>
    }
}
