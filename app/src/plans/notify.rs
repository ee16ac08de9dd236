//! Emails about a plan. Like every email from the hub they carry no child's
//! details: the case reference and a link to sign in and read. Server-only.

use super::access::PlanContext;
use crate::error::AppError;
use crate::notify::mail::Email;
use crate::store::plans::LinkedPerson;

async fn send_each(ctx: &PlanContext, to: &[String], subject: &str, body: &str) -> Result<(), AppError> {
    for address in to {
        let email = Email {
            to: address.clone(),
            subject: subject.to_owned(),
            body: body.to_owned(),
        };
        ctx.state.mailer.send(&email, &ctx.state.mail_from).await?;
    }
    Ok(())
}

fn plan_link(ctx: &PlanContext) -> String {
    format!("{}/cases/{}/plan", ctx.state.public_url, ctx.case.id)
}

/// Everyone on the case hears that draft version `number` is ready to read;
/// the family also hear when their comments are due.
pub async fn draft_shared(
    ctx: &PlanContext,
    number: i32,
    people: &[LinkedPerson],
    comment_by: chrono::NaiveDate,
) -> Result<(), AppError> {
    let subject = format!("Draft EHC plan shared: case {}", ctx.case.reference);
    let due = crate::domain::dates::long_date(comment_by);
    for person in people {
        let ask = if person.link == crate::domain::access::Link::Family {
            format!(
                "Please read it and send any comments by {due}. You can also name the school or setting you would like.\n\n"
            )
        } else {
            String::new()
        };
        let body = format!(
            "Hello {},\n\nDraft version {number} of the EHC plan for case {} has been shared with you by {}.\n\n{ask}\
             Sign in to read it:\n{}\n",
            person.name,
            ctx.case.reference,
            ctx.state.council_name,
            plan_link(ctx)
        );
        send_each(ctx, std::slice::from_ref(&person.email), &subject, &body).await?;
    }
    Ok(())
}

/// The setting's staff are asked to respond within 15 days.
pub async fn setting_consulted(ctx: &PlanContext, staff_emails: &[String]) -> Result<(), AppError> {
    let subject = format!("Consultation on a draft EHC plan: case {}", ctx.case.reference);
    let body = format!(
        "{} asks whether your setting can meet the needs described in a draft EHC plan (case {}).\n\n\
         Please respond within {} days. Sign in to read the draft and respond:\n{}\n",
        ctx.state.council_name,
        ctx.case.reference,
        crate::domain::plan::consultation::RESPONSE_DAYS,
        plan_link(ctx)
    );
    send_each(ctx, staff_emails, &subject, &body).await
}

/// Everyone on the case hears the final plan has been issued.
pub async fn plan_issued(ctx: &PlanContext, people: &[LinkedPerson]) -> Result<(), AppError> {
    let subject = format!("Final EHC plan issued: case {}", ctx.case.reference);
    let body = format!(
        "{} has issued the final EHC plan for case {}.\n\nSign in to read or download it:\n{}\n",
        ctx.state.council_name,
        ctx.case.reference,
        plan_link(ctx)
    );
    let to: Vec<String> = people.iter().map(|p| p.email.clone()).collect();
    send_each(ctx, &to, &subject, &body).await
}
