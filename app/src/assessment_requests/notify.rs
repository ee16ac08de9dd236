//! Emails about a request for an assessment: to the family (who asked, or
//! whom a professional asked for) with what happens next and by when, and to
//! the child's school or setting, which is always told. Like every email from
//! the hub they carry no child's details, only the case reference. Server-only.

use crate::cases::types::CaseCreated;
use crate::domain::assessment_request::{Asker, OnlineRequest, WhatHappensNext};
use crate::domain::dates::long_date;
use crate::domain::viewer::Viewer;
use crate::error::AppError;
use crate::notify::mail::Email;
use crate::state::AppState;

/// The emails a request sends, queued in the transaction that opens its case.
///
/// # Errors
/// A database error finding the school's addresses.
pub async fn request_made(
    txn: &impl sea_orm::ConnectionTrait,
    state: &AppState,
    asker_account: &Viewer,
    asker: Asker,
    request: &OnlineRequest,
    created: &CaseCreated,
) -> Result<Vec<Email>, AppError> {
    let received = request.case.received_on;
    let next = WhatHappensNext::from(received, &state.limits);
    let reference = &created.reference;
    let request_page = format!("{}{}", state.public_url, crate::paths::case_request(created.id));
    let timeline = format!(
        "What happens next\n\n\
         {council} will tell you by {decision} whether it will carry out an EHC needs assessment. \
         It may contact the school and professionals who know the child for information first.\n\n\
         If it assesses, it asks for advice from education, health and social care, and from you. \
         If a plan is needed, the final plan is due by {plan}.",
        council = state.council_name,
        decision = long_date(next.decision_by),
        plan = long_date(next.final_plan_by),
    );
    let family = if asker.is_family() {
        Email {
            to: asker_account.email.clone(),
            subject: format!("We have your request for an EHC needs assessment: case {reference}"),
            body: format!(
                "Thank you. {council} received your request for an EHC needs assessment on {date}. \
                 Your reference is {reference}.\n\n{timeline}\n\n\
                 You can add reports, letters, photos and the child's own views, and follow the request, at:\n{request_page}\n",
                council = state.council_name,
                date = long_date(received),
            ),
        }
    } else {
        Email {
            to: request.details.family_email.clone(),
            subject: format!("A request for an EHC needs assessment was made with you: case {reference}"),
            body: format!(
                "{who} asked {council} for an EHC needs assessment on {date}, with your agreement. \
                 The reference is {reference}.\n\n{timeline}\n\n\
                 The council's SEN team will contact you. If you did not agree to this request, tell them.\n",
                who = asker_account.name,
                council = state.council_name,
                date = long_date(received),
            ),
        }
    };
    let school = crate::store::decisions::school_addresses(txn, created.id).await?;
    let school_body = format!(
        "A request for an EHC needs assessment was made to {council} on {date} for a child at your setting: case {reference}.\n\n\
         The council may ask you for information about the child's needs and the support you give. \
         Requests for information reach you on the EHC hub.\n",
        council = state.council_name,
        date = long_date(received),
    );
    let mut emails = vec![family];
    emails.extend(
        school
            .into_iter()
            .filter(|to| *to != asker_account.email)
            .map(|to| Email {
                to,
                subject: format!("A request for an EHC needs assessment for a child at your setting: case {reference}"),
                body: school_body.clone(),
            }),
    );
    Ok(emails)
}
