//! Emails about a decision: to the family on the case and to the child's
//! school or setting, which is always told. Like every email from the hub
//! they carry no child's details: the case reference and a link to sign in
//! and read the decision and its letter. Server-only.

use crate::cases::context::CaseContext;
use crate::domain::access::Link;
use crate::domain::decision::Decided;
use crate::error::AppError;
use crate::notify::mail::Email;

/// The emails a decision sends, queued with its case event.
///
/// # Errors
/// A database error finding who to tell.
pub async fn decided(ctx: &CaseContext, decided: &Decided) -> Result<Vec<Email>, AppError> {
    let db = &ctx.state.db;
    let family: Vec<String> = crate::store::case_links::linked_people(db, ctx.case.id)
        .await?
        .into_iter()
        .filter(|p| p.link == Link::Family)
        .map(|p| p.email)
        .collect();
    let school = crate::store::decisions::school_addresses(db, ctx.case.id).await?;
    let subject = format!(
        "{}: case {}",
        match decided.question {
            crate::domain::decision::DecisionQuestion::Assess => "Decision on the request for an EHC needs assessment",
            crate::domain::decision::DecisionQuestion::Issue => "Decision on issuing an EHC plan",
        },
        ctx.case.reference
    );
    let link = format!(
        "{}{}",
        ctx.state.public_url,
        crate::paths::decision(ctx.case.id, decided.question)
    );
    let body = format!(
        "{} has made a decision on case {}.\n\nSign in to read the decision and download its letter:\n{link}\n",
        ctx.state.council_name, ctx.case.reference
    );
    let mut to: Vec<String> = family.into_iter().chain(school).collect();
    to.sort();
    to.dedup();
    Ok(to
        .into_iter()
        .map(|address| Email {
            to: address,
            subject: subject.clone(),
            body: body.clone(),
        })
        .collect())
}
