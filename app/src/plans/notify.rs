//! Emails about a plan. Like every email from the hub they carry no child's
//! details: the case reference and a link to sign in and read. They are
//! built here and queued with the event that causes them. Server-only.

use crate::cases::context::CaseContext;
use crate::domain::access::Link;
use crate::domain::case::LinkedPerson;
use crate::notify::mail::Email;

fn each(to: impl IntoIterator<Item = String>, subject: &str, body: &str) -> Vec<Email> {
    to.into_iter()
        .map(|address| Email {
            to: address,
            subject: subject.to_owned(),
            body: body.to_owned(),
        })
        .collect()
}

fn plan_link(ctx: &CaseContext) -> String {
    format!("{}/cases/{}/plan", ctx.state.public_url, ctx.case.id)
}

/// Everyone on the case hears that draft version `number` is ready to read;
/// the family also hear when their comments are due.
pub fn draft_shared(
    ctx: &CaseContext,
    number: i32,
    people: &[LinkedPerson],
    comment_by: chrono::NaiveDate,
) -> Vec<Email> {
    let subject = format!("Draft EHC plan shared: case {}", ctx.case.reference);
    let due = crate::domain::dates::long_date(comment_by);
    people
        .iter()
        .map(|person| {
            let ask = if person.link == Link::Family {
                format!(
                    "Please read it and send any comments by {due}. You can also name the school or setting you would like.\n\n"
                )
            } else {
                String::new()
            };
            Email {
                to: person.email.clone(),
                subject: subject.clone(),
                body: format!(
                    "Hello {},\n\nDraft version {number} of the EHC plan for case {} has been shared with you by {}.\n\n{ask}\
                     Sign in to read it:\n{}\n",
                    person.name,
                    ctx.case.reference,
                    ctx.state.council_name,
                    plan_link(ctx)
                ),
            }
        })
        .collect()
}

/// The setting's staff are asked to respond within 15 days.
pub fn setting_consulted(ctx: &CaseContext, staff_emails: &[String]) -> Vec<Email> {
    let subject = format!("Consultation on a draft EHC plan: case {}", ctx.case.reference);
    let body = format!(
        "{} asks whether your setting can meet the needs described in a draft EHC plan (case {}).\n\n\
         Please respond within {} days. Sign in to read the draft and respond:\n{}\n",
        ctx.state.council_name,
        ctx.case.reference,
        crate::domain::plan::consultation::RESPONSE_DAYS,
        plan_link(ctx)
    );
    each(staff_emails.iter().cloned(), &subject, &body)
}

/// Everyone on the case hears the final plan has been issued.
pub fn plan_issued(ctx: &CaseContext, people: &[LinkedPerson]) -> Vec<Email> {
    let subject = format!("Final EHC plan issued: case {}", ctx.case.reference);
    let body = format!(
        "{} has issued the final EHC plan for case {}.\n\nSign in to read or download it:\n{}\n",
        ctx.state.council_name,
        ctx.case.reference,
        plan_link(ctx)
    );
    each(people.iter().map(|p| p.email.clone()), &subject, &body)
}
