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

/// Members allocated a team's request.
pub fn allocated(
    ctx: &CaseContext,
    request: &crate::store::advice_requests::ListedRequest,
    to: &[String],
) -> Vec<Email> {
    let subject = format!("You have been allocated a request: case {}", ctx.case.reference);
    let body = format!(
        "{} has allocated you the {} for case {}: {}.\n\nPlease respond by {}. Sign in to write your advice:\n{}/cases/{}/advice\n",
        ctx.viewer.name,
        request.kind.label().to_lowercase(),
        ctx.case.reference,
        request.kind.asks(),
        crate::domain::dates::long_date(request.due_on),
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

/// A member hears that their manager closed or re-opened their request.
pub fn closed_or_reopened(ctx: &CaseContext, closed: bool, to: &str) -> Email {
    let (subject, what) = if closed {
        (
            "Your request was closed",
            "closed your request: you do not need to respond",
        )
    } else {
        (
            "Your request was re-opened",
            "re-opened your request: a response is pending",
        )
    };
    Email {
        to: to.to_owned(),
        subject: format!("{subject}: case {}", ctx.case.reference),
        body: format!(
            "{} has {what} on case {}.\n\nSign in to see it:\n{}/cases/{}/advice\n",
            ctx.viewer.name, ctx.case.reference, ctx.state.public_url, ctx.case.id
        ),
    }
}

/// The caseworker who asked, and the manager of the team it came through,
/// hear that advice was submitted.
pub fn submitted(ctx: &CaseContext, giver: &str, to: &[String]) -> Vec<Email> {
    to.iter()
        .map(|address| Email {
            to: address.clone(),
            subject: format!("Advice submitted: case {}", ctx.case.reference),
            body: format!(
                "{giver} has submitted their advice on case {}.\n\nSign in to read it:\n{}/cases/{}/advice\n",
                ctx.case.reference, ctx.state.public_url, ctx.case.id
            ),
        })
        .collect()
}
