//! A decision's letter, through the one document writer: what was decided
//! and why, what happens next and by when, and for a refusal the right of
//! appeal, its time limit and mediation. For whoever may read the case's
//! decisions; each download audited. Server-only.

use chrono::{NaiveDate, TimeDelta};

use crate::cases::context::CaseContext;
use crate::domain::capability::Capability;
use crate::domain::dates::long_date;
use crate::domain::deadlines::TimeLimits;
use crate::domain::decision::{DecisionQuestion, RecordedDecision, appeal_by};
use crate::domain::ids::CaseId;
use crate::domain::viewer::Viewer;
use crate::error::AppError;
use crate::exports::{Block, Doc};
use crate::plans::downloads::File;
use crate::state::AppState;

/// The letter of the case's decision `question`, as a PDF.
///
/// # Errors
/// `NotFound` for a case the person may not see, or a decision not yet made.
pub async fn letter_pdf(
    viewer: Viewer,
    state: AppState,
    case: CaseId,
    question: DecisionQuestion,
) -> Result<File, AppError> {
    let ctx = CaseContext::open_for(viewer, state, case, Capability::ReadDecisions).await?;
    let db = &ctx.state.db;
    let decision = crate::store::decisions::for_case(db, case)
        .await?
        .into_iter()
        .find(|d| d.decided.question == question)
        .ok_or(AppError::NotFound)?;
    let received = crate::store::cases::detail(db, case, crate::state::today(), &ctx.state.limits)
        .await?
        .ok_or(AppError::NotFound)?
        .received_on;
    let doc = letter(&ctx, &decision, received, &ctx.state.limits);
    let file = File {
        name: format!("{}-decision-{}.pdf", ctx.case.reference, question.as_str()),
        content_type: "application/pdf",
        bytes: crate::exports::pdf::render(&doc)?,
    };
    ctx.record(
        crate::domain::audit::AuditAction::DecisionLetterDownloaded,
        &file.name,
        chrono::Utc::now(),
    )
    .await?;
    Ok(file)
}

fn weeks_after(day: NaiveDate, weeks: u32) -> NaiveDate {
    day + TimeDelta::days(i64::from(weeks) * 7)
}

/// The letter itself.
pub fn letter(ctx: &CaseContext, decision: &RecordedDecision, received: NaiveDate, limits: &TimeLimits) -> Doc {
    let d = &decision.decided;
    let council = &ctx.state.council_name;
    let title = match (d.question, d.agreed) {
        (DecisionQuestion::Assess, true) => "We will carry out an EHC needs assessment",
        (DecisionQuestion::Assess, false) => "We will not carry out an EHC needs assessment",
        (DecisionQuestion::Issue, true) => "We will issue an EHC plan",
        (DecisionQuestion::Issue, false) => "We will not issue an EHC plan",
    };
    let mut blocks = vec![
        Block::Paragraph(format!("SEN team, {council}")),
        Block::Paragraph(format!("Date: {}", long_date(decision.letter_on))),
        Block::Title(title.to_owned()),
        Block::Field("Child or young person".to_owned(), ctx.case.child_name.clone()),
        Block::Field("Date of birth".to_owned(), long_date(ctx.case.date_of_birth)),
        Block::Field("Case reference".to_owned(), ctx.case.reference.clone()),
        Block::Paragraph("Dear parent, carer or young person,".to_owned()),
        Block::Paragraph(format!(
            "Thank you for the request for an Education, Health and Care (EHC) needs assessment, which we received on {}. On {} we decided {}.",
            long_date(received),
            long_date(d.on),
            d.question.outcome(d.agreed).to_lowercase()
        )),
        Block::Heading("Why we made this decision".to_owned()),
        Block::Paragraph(d.reasons.clone()),
    ];
    if !d.areas.is_empty() {
        let names: Vec<&str> = d.areas.iter().map(|a| a.title()).collect();
        blocks.push(Block::Field(
            "Areas of need the assessment will look at".to_owned(),
            names.join(", "),
        ));
    }
    blocks.push(Block::Heading("What happens next".to_owned()));
    match (d.question, d.agreed) {
        (DecisionQuestion::Assess, true) => blocks.extend([
            Block::Paragraph(
                "We will ask for advice from the professionals who know your child, such as an educational psychologist, health services and social care, and from the school or setting. Each has six weeks to give it. We will also ask for your views and your child's.".to_owned(),
            ),
            Block::Paragraph(format!(
                "We will decide whether to issue an EHC plan by {}. If we do, the final plan will be issued by {}.",
                long_date(weeks_after(received, limits.decide_to_issue_weeks)),
                long_date(weeks_after(received, limits.final_plan_weeks))
            )),
        ]),
        (DecisionQuestion::Issue, true) => blocks.push(Block::Paragraph(format!(
            "We will send you a draft of the plan. You will have 15 days to comment on it and to tell us which school, college or setting you would like named. The final plan will be issued by {}.",
            long_date(weeks_after(received, limits.final_plan_weeks))
        ))),
        (_, false) => {
            blocks.push(Block::Paragraph(
                "The case is now closed. Your child's school or setting has been told of this decision and should continue to meet your child's needs through SEN support. We would be glad to talk it through with you.".to_owned(),
            ));
            blocks.push(Block::Heading("If you disagree: mediation and appeal".to_owned()));
            blocks.push(Block::Paragraph(format!(
                "You have the right to appeal against this decision to the First-tier Tribunal (Special Educational Needs and Disability). You must register an appeal by {}, two months from the date of this letter, or within one month of the date of a mediation certificate if that is later.",
                long_date(appeal_by(decision.letter_on))
            )));
            blocks.push(Block::Paragraph(
                "Before you appeal you must contact a mediation adviser to discuss whether mediation might resolve the disagreement. You do not have to take part in mediation, but you need the certificate the adviser gives you to register an appeal. Your local SEND Information, Advice and Support Service (SENDIASS) offers free, impartial advice.".to_owned(),
            ));
        }
    }
    blocks.push(Block::Paragraph(format!("Yours sincerely,\nSEN team, {council}")));
    Doc {
        title: format!("{}: {}", d.question.label(), ctx.case.reference),
        header: format!("{council} · {} · decision letter", ctx.case.reference),
        blocks,
    }
}
