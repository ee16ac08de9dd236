//! Emails about a decision, a refusal overturned on appeal, and a plan
//! that has ceased: to the family on the case and to the child's school or
//! setting, which is always told. Like every email from the hub they carry no child's details: the case reference and a link to sign in
//! and read the decision and its letter. Server-only.

use crate::cases::context::CaseContext;
use crate::domain::access::Link;
use crate::domain::dates::long_date;
use crate::domain::deadlines::Order;
use crate::domain::decision::{Decided, DecisionQuestion};
use crate::error::AppError;
use crate::notify::mail::Email;

/// The emails a decision sends, queued with its case event.
///
/// # Errors
/// A database error finding who to tell.
pub async fn decided(ctx: &CaseContext, decided: &Decided) -> Result<Vec<Email>, AppError> {
    let subject = format!(
        "{}: case {}",
        match decided.question {
            DecisionQuestion::Assess => "Decision on the request for an EHC needs assessment",
            DecisionQuestion::Issue => "Decision on issuing an EHC plan",
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
    to_family_and_school(ctx, &subject, &body).await
}

/// The emails telling the family and the school that a refusal was
/// overturned on appeal, what the council will do now and by when: for an
/// order to assess, this is the notice reg 44(2)(b) wants within two weeks.
///
/// # Errors
/// A database error finding who to tell.
pub async fn reopened(ctx: &CaseContext, order: Order) -> Result<Vec<Email>, AppError> {
    use crate::domain::deadlines::{order_weeks, weeks_after};
    let by = |weeks| long_date(weeks_after(order.on, weeks));
    let (subject, what) = match order.about {
        DecisionQuestion::Assess => (
            "The council will carry out an EHC needs assessment",
            format!(
                "will now carry out an EHC needs assessment. It will tell you by {} if it decides not to issue an EHC plan; if it issues one, the final plan will be sent by {}.",
                by(order_weeks::ASSESS_DECIDE),
                by(order_weeks::ASSESS_FINAL)
            ),
        ),
        DecisionQuestion::Issue => (
            "The council will make an EHC plan",
            format!(
                "will now make an EHC plan. The draft plan will be sent to you by {} and the final plan by {}.",
                by(order_weeks::PLAN_DRAFT),
                by(order_weeks::PLAN_FINAL)
            ),
        ),
    };
    let subject = format!("{subject}: case {}", ctx.case.reference);
    let link = format!("{}{}", ctx.state.public_url, crate::paths::case(ctx.case.id));
    let body = format!(
        "Following the appeal about case {}, {} {what}\n\nSign in to follow the case:\n{link}\n",
        ctx.case.reference, ctx.state.council_name
    );
    to_family_and_school(ctx, &subject, &body).await
}

/// The emails telling the family and the school that the plan has ceased.
///
/// # Errors
/// A database error finding who to tell.
pub async fn ceased(ctx: &CaseContext, ceased: &crate::domain::cease::Ceased) -> Result<Vec<Email>, AppError> {
    let subject = format!("The EHC plan has ceased: case {}", ctx.case.reference);
    let link = format!("{}{}", ctx.state.public_url, crate::paths::case(ctx.case.id));
    let body = format!(
        "{} stopped maintaining the EHC plan for case {} on {}.\n\nSign in to read the case:\n{link}\n",
        ctx.state.council_name,
        ctx.case.reference,
        long_date(ceased.on)
    );
    to_family_and_school(ctx, &subject, &body).await
}

/// One email to each of the family on the case and the child's setting.
async fn to_family_and_school(ctx: &CaseContext, subject: &str, body: &str) -> Result<Vec<Email>, AppError> {
    let db = &ctx.state.db;
    let family: Vec<String> = crate::store::case_links::linked_people(db, ctx.case.id)
        .await?
        .into_iter()
        .filter(|p| p.link == Link::Family)
        .map(|p| p.email)
        .collect();
    let school = crate::store::decisions::school_addresses(db, ctx.case.id).await?;
    let mut to: Vec<String> = family.into_iter().chain(school).collect();
    to.sort();
    to.dedup();
    Ok(to
        .into_iter()
        .map(|address| Email {
            to: address,
            subject: subject.to_owned(),
            body: body.to_owned(),
        })
        .collect())
}
