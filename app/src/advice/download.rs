//! A professional's advice as a PDF, through the one document writer: for
//! whoever may read the advice, each download audited. Server-only.

use crate::cases::context::CaseContext;
use crate::domain::dates::long_date;
use crate::domain::ids::CaseId;
use crate::domain::viewer::Viewer;
use crate::error::AppError;
use crate::exports::{Block, Doc, text_or};
use crate::plans::downloads::{File, area_blocks};
use crate::state::AppState;

/// The advice answering `request`, as a PDF.
///
/// # Errors
/// `NotFound` for advice the person may not read, or none saved.
pub async fn advice_pdf(viewer: Viewer, state: AppState, case: CaseId, request: i64) -> Result<File, AppError> {
    let ctx = CaseContext::open_for(viewer, state, case, crate::domain::capability::Capability::ViewCase).await?;
    if super::response::standing_on(&ctx, request).await?.is_none() {
        return Err(AppError::NotFound);
    }
    let advice = crate::store::advice::for_request(&ctx.state.db, request)
        .await?
        .ok_or(AppError::NotFound)?;
    let documents = crate::store::uploads::for_advice(&ctx.state.db, request).await?;
    let doc = advice_doc(&ctx, &advice, &documents);
    let file = File {
        name: format!("{}-advice-{request}.pdf", ctx.case.reference),
        content_type: "application/pdf",
        bytes: crate::exports::pdf::render(&doc)?,
    };
    ctx.record(
        crate::domain::audit::AuditAction::AdviceRead,
        &file.name,
        chrono::Utc::now(),
    )
    .await?;
    Ok(file)
}

fn advice_doc(
    ctx: &CaseContext,
    advice: &crate::store::advice::Advice,
    documents: &[crate::store::uploads::Upload],
) -> Doc {
    let h = &advice.header;
    let dated = advice
        .submitted_at
        .map(|at| long_date(at.with_timezone(&chrono_tz::Europe::London).date_naive()));
    let mut blocks = vec![
        Block::Title("Advice for an EHC needs assessment".to_owned()),
        Block::Field("Child or young person".to_owned(), ctx.case.child_name.clone()),
        Block::Field("Date of birth".to_owned(), long_date(ctx.case.date_of_birth)),
        Block::Field("Case reference".to_owned(), ctx.case.reference.clone()),
        Block::Field("Advice given by".to_owned(), text_or(&h.giver_name, "Not recorded.")),
        Block::Field("Job title or role".to_owned(), text_or(&h.giver_role, "Not recorded.")),
    ];
    if h.on_behalf {
        blocks.push(Block::Field("On behalf of".to_owned(), h.on_behalf_of.clone()));
    }
    blocks.push(Block::Field(
        "Submitted".to_owned(),
        dated.clone().unwrap_or_else(|| "Not yet: this is a draft.".to_owned()),
    ));
    if h.will_provide == Some(false) {
        blocks.push(Block::Field(
            "Will provide information and advice".to_owned(),
            format!("No: {}", h.no_reason),
        ));
    }
    for (part, area) in &advice.areas {
        if !crate::domain::advice_template::is_written(area) {
            continue;
        }
        blocks.push(Block::Heading(part.title().to_owned()));
        area_blocks(*part, area, &mut blocks);
    }
    blocks.push(Block::Heading("Documents".to_owned()));
    if documents.is_empty() {
        blocks.push(Block::Paragraph("No documents attached.".to_owned()));
    }
    for d in documents {
        blocks.push(Block::Paragraph(d.file_name.clone()));
    }
    Doc {
        title: format!("Advice: {} ({})", ctx.case.child_name, ctx.case.reference),
        header: format!(
            "{} · {} · advice from {}{}",
            ctx.case.child_name,
            ctx.case.reference,
            h.giver_name,
            dated.map(|d| format!(" · {d}")).unwrap_or_default()
        ),
        blocks,
    }
}
