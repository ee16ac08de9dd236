//! Downloads of a plan: the plan itself (any version the person may read) as
//! PDF or Word, and its letters as PDF, each checked against who is asking
//! and recorded in the audit log. Server-only.

use super::types::{PartView, VersionSummary};
use crate::cases::context::CaseContext;
use crate::domain::dates::long_date;
use crate::domain::ids::{CaseId, ConsultationId};
use crate::domain::plan::content::PartContent;
use crate::domain::plan::part::{Part, PartStatus};
use crate::domain::viewer::Viewer;
use crate::error::AppError;
use crate::exports::{Block, Doc, text_or};
use crate::state::AppState;

/// Which file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Download {
    PlanPdf,
    PlanDocx,
    /// The covering letter sent to the family with a shared draft.
    DraftLetter,
    /// The letter that comes with the final plan, with the family's rights of appeal.
    DecisionLetter,
    ConsultationLetter(ConsultationId),
}

impl Download {
    /// Reads the file name in the address: `plan.pdf`, `plan.docx`, `consultation-12.pdf`.
    pub fn parse(name: &str) -> Option<Download> {
        match name {
            "plan.pdf" => Some(Download::PlanPdf),
            "plan.docx" => Some(Download::PlanDocx),
            "draft-letter.pdf" => Some(Download::DraftLetter),
            "decision-letter.pdf" => Some(Download::DecisionLetter),
            other => other
                .strip_prefix("consultation-")
                .and_then(|rest| rest.strip_suffix(".pdf"))
                .and_then(|id| id.parse().ok())
                .map(Download::ConsultationLetter),
        }
    }
}

/// A file ready to send.
pub struct File {
    pub name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

fn part_blocks(view: &PartView, blocks: &mut Vec<Block>) {
    if view.status == PartStatus::NotApplicable {
        blocks.push(Block::Paragraph("Not applicable.".to_owned()));
        return;
    }
    match &view.content {
        PartContent::Area(area) => area_blocks(view.part, area, blocks),
        PartContent::Advice(list) if list.entries.is_empty() => {
            blocks.push(Block::Paragraph("No advice listed.".to_owned()));
        }
        other => {
            for field in other.fields() {
                let empty = if view.part == Part::I {
                    "Left blank in a draft plan."
                } else {
                    "Not recorded."
                };
                blocks.push(Block::Field(field.label, text_or(&field.text, empty)));
            }
        }
    }
}

/// An area's needs, outcomes, steps and provision, as the plan and advice print them.
pub fn area_blocks(part: Part, area: &crate::domain::plan::content::Area, blocks: &mut Vec<Block>) {
    blocks.push(Block::Field(
        part.needs_label().to_owned(),
        text_or(&area.needs, "Not recorded."),
    ));
    for (i, o) in area.outcomes.iter().enumerate() {
        blocks.push(Block::Subheading(format!("Outcome {} (section E)", i + 1)));
        blocks.push(Block::Paragraph(text_or(&o.text, "Not recorded.")));
        if let Some(from) = &o.from {
            blocks.push(Block::Field("From advice".to_owned(), from.label.clone()));
        }
        for (j, s) in o.steps.iter().enumerate() {
            blocks.push(Block::Field(
                format!("Step {}", j + 1),
                text_or(&s.text, "Not recorded."),
            ));
        }
        for (j, p) in o.provisions.iter().enumerate() {
            let label = format!("Provision {} (section {})", j + 1, p.section.as_str());
            blocks.push(Block::Field(label, text_or(&p.summary(), "Not recorded.")));
        }
    }
}

/// The whole plan, every section, outcome, step and provision.
pub fn plan_doc(ctx: &CaseContext, version: &VersionSummary, parts: &[PartView], today: chrono::NaiveDate) -> Doc {
    let dated = version.issued_on.or(version.shared_on).unwrap_or(today);
    let header = format!(
        "{} · {} · {} · {}",
        ctx.case.child_name,
        ctx.case.reference,
        version.name(),
        long_date(dated)
    );
    let mut blocks = vec![
        Block::Title("Education, Health and Care plan".to_owned()),
        Block::Field("Name".to_owned(), ctx.case.child_name.clone()),
        Block::Field("Date of birth".to_owned(), long_date(ctx.case.date_of_birth)),
        Block::Field("Case reference".to_owned(), ctx.case.reference.clone()),
        Block::Field("Version".to_owned(), version.name()),
        Block::Field("Date".to_owned(), long_date(dated)),
        Block::Field("Issued by".to_owned(), ctx.state.council_name.clone()),
    ];
    for part in Part::ALL {
        let Some(view) = parts.iter().find(|p| p.part == part) else {
            continue;
        };
        let heading = if Part::SEN_AREAS.contains(&part) {
            format!("Sections B, E and F: {}", part.title().to_lowercase())
        } else {
            part.title().to_owned()
        };
        blocks.push(Block::Heading(heading));
        part_blocks(view, &mut blocks);
    }
    Doc {
        title: format!("EHC plan: {} ({})", ctx.case.child_name, ctx.case.reference),
        header,
        blocks,
    }
}

/// Builds the file asked for, if the person may read that version.
///
/// # Errors
/// `NotFound` for a case, version or letter the person may not see.
pub async fn download(
    viewer: Viewer,
    state: AppState,
    case: CaseId,
    number: i32,
    what: Download,
) -> Result<File, AppError> {
    use crate::domain::audit::AuditAction;
    let ctx = CaseContext::open_for(viewer, state, case, crate::domain::capability::Capability::ViewCase).await?;
    let version = ctx.version(Some(number)).await?;
    let today = crate::state::today();
    let stem = format!("{}-plan-v{}", ctx.case.reference, version.number);
    let file = match what {
        Download::PlanPdf | Download::PlanDocx => {
            let parts = crate::store::plans::parts(&ctx.state.db, version.id).await?;
            let doc = plan_doc(&ctx, &version, &parts, today);
            if what == Download::PlanPdf {
                File {
                    name: format!("{stem}.pdf"),
                    content_type: "application/pdf",
                    bytes: crate::exports::pdf::render(&doc)?,
                }
            } else {
                File {
                    name: format!("{stem}.docx"),
                    content_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    bytes: crate::exports::docx::render(&doc)?,
                }
            }
        }
        Download::DraftLetter | Download::DecisionLetter => {
            use crate::domain::plan::version::VersionState;
            let doc = match (what, version.state) {
                (Download::DraftLetter, VersionState::Shared) => super::letters::draft_letter(&ctx, &version),
                (Download::DecisionLetter, VersionState::Issued) => {
                    let parts = crate::store::plans::parts(&ctx.state.db, version.id).await?;
                    super::letters::decision_letter(&ctx, &version, &parts)
                }
                _ => return Err(AppError::NotFound),
            };
            let kind = if what == Download::DraftLetter {
                "draft-letter"
            } else {
                "decision-letter"
            };
            File {
                name: format!("{stem}-{kind}.pdf"),
                content_type: "application/pdf",
                bytes: crate::exports::pdf::render(&doc)?,
            }
        }
        Download::ConsultationLetter(id) => {
            let consultation = crate::store::plan_responses::consultations(&ctx.state.db, version.id)
                .await?
                .into_iter()
                .find(|c| c.id == id)
                .ok_or(AppError::NotFound)?;
            // Letters to settings are for the council and the professionals on the case, not the family.
            let family = crate::domain::access::link_for(ctx.viewer.role) == Some(crate::domain::access::Link::Family);
            if family {
                return Err(AppError::NotFound);
            }
            File {
                name: format!("{}-consultation-{}.pdf", ctx.case.reference, id),
                content_type: "application/pdf",
                bytes: crate::exports::pdf::render(&super::letters::consultation_letter(
                    &ctx,
                    &version,
                    &consultation,
                ))?,
            }
        }
    };
    ctx.record(AuditAction::PlanDownloaded, &file.name, chrono::Utc::now())
        .await?;
    Ok(file)
}
