//! Emails about requests for advice and information. Like every email from
//! the hub they carry no child's details: the case reference, what is
//! asked, by when, and a link to sign in. Server-only.

use chrono::NaiveDate;

use crate::cases::context::CaseContext;
use crate::domain::advice::{RequestKind, TeamAnswer};
use crate::notify::mail::Email;

/// The team (its contact address or managers) or the professional asked.
pub fn asked(ctx: &CaseContext, kind: RequestKind, due_on: NaiveDate, to: &[String]) -> Vec<Email> {
    let subject = format!("{}: case {}", kind.label(), ctx.case.reference);
    let body = format!(
        "{} asks for {} for case {}.\n\nPlease respond by {}. Sign in to see the request and the case:\n{}/cases/{}/advice\n",
        ctx.state.council_name,
        kind.asks(),
        ctx.case.reference,
        crate::domain::dates::long_date(due_on),
        ctx.state.public_url,
        ctx.case.id
    );
    to.iter()
        .map(|address| Email {
            to: address.clone(),
            subject: subject.clone(),
            body: body.clone(),
        })
        .collect()
}

/// The caseworker who asked hears the team's answer.
pub fn team_answered(
    ctx: &CaseContext,
    team: &str,
    answer: TeamAnswer,
    reason: &str,
    to: Option<String>,
) -> Vec<Email> {
    let reason = if reason.is_empty() {
        String::new()
    } else {
        format!("\n\nTheir reason: {reason}")
    };
    to.into_iter()
        .map(|address| Email {
            to: address,
            subject: format!("{team} answered: case {}", ctx.case.reference),
            body: format!(
                "{team} answered your request on case {}: {}.{reason}\n\nSign in to see it:\n{}/cases/{}/advice\n",
                ctx.case.reference,
                answer.label(),
                ctx.state.public_url,
                ctx.case.id
            ),
        })
        .collect()
}
