//! Downloads: the plan (any version the person may read) as PDF or Word, and
//! the consultation letter to a setting as PDF. Both formats are written from
//! one document model, so they always say the same thing. Server-only.

use super::access::PlanContext;
use super::types::{ConsultationView, PartView, VersionSummary};
use crate::accounts::viewer::Viewer;
use crate::domain::dates::long_date;
use crate::domain::ids::{CaseId, ConsultationId};
use crate::domain::plan::content::PartContent;
use crate::domain::plan::part::{Part, PartStatus};
use crate::error::AppError;
use crate::state::AppState;

/// A document in the few shapes the downloads need.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Doc {
    pub title: String,
    /// Printed at the top of every page.
    pub header: String,
    pub blocks: Vec<Block>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Title(String),
    Heading(String),
    Subheading(String),
    Paragraph(String),
    /// A label and its value.
    Field(String, String),
}

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

fn text_or(text: &str, empty: &str) -> String {
    if text.trim().is_empty() {
        empty.to_owned()
    } else {
        text.trim().to_owned()
    }
}

fn part_blocks(view: &PartView, blocks: &mut Vec<Block>) {
    if view.status == PartStatus::NotApplicable {
        blocks.push(Block::Paragraph("Not applicable.".to_owned()));
        return;
    }
    match &view.content {
        PartContent::Area(area) => {
            blocks.push(Block::Field(
                view.part.needs_label().to_owned(),
                text_or(&area.needs, "Not recorded."),
            ));
            for (i, o) in area.outcomes.iter().enumerate() {
                blocks.push(Block::Subheading(format!("Outcome {} (section E)", i + 1)));
                blocks.push(Block::Paragraph(text_or(&o.text, "Not recorded.")));
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

/// The whole plan, every section, outcome, step and provision.
pub fn plan_doc(ctx: &PlanContext, version: &VersionSummary, parts: &[PartView], today: chrono::NaiveDate) -> Doc {
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

/// The letter asking a setting whether it can meet the child's needs.
pub fn consultation_letter(ctx: &PlanContext, version: &VersionSummary, c: &ConsultationView) -> Doc {
    let mut blocks = vec![
        Block::Paragraph(c.setting.clone()),
        Block::Paragraph(long_date(c.requested_on)),
        Block::Title("Consultation on a draft Education, Health and Care plan".to_owned()),
        Block::Field("Child or young person".to_owned(), ctx.case.child_name.clone()),
        Block::Field("Date of birth".to_owned(), long_date(ctx.case.date_of_birth)),
        Block::Field("Case reference".to_owned(), ctx.case.reference.clone()),
        Block::Paragraph("Dear Headteacher or Principal,".to_owned()),
        Block::Paragraph(format!(
            "{} is consulting you under section 39 of the Children and Families Act 2014 about naming your setting in the EHC plan of the child above. {} is available to you on the EHC hub.",
            ctx.state.council_name,
            version.name()
        )),
        Block::Paragraph(format!(
            "Please tell us by {} whether your setting can meet the child's special educational needs as set out in the draft, and if not, why not.",
            long_date(c.respond_by)
        )),
    ];
    if let Some(answer) = c.answer {
        blocks.push(Block::Heading("Response received".to_owned()));
        blocks.push(Block::Field("Answer".to_owned(), answer.label().to_owned()));
        blocks.push(Block::Field(
            "Reasons".to_owned(),
            text_or(c.reasons.as_deref().unwrap_or(""), "None given."),
        ));
    }
    blocks.push(Block::Paragraph(format!(
        "Yours faithfully,\nSEN team, {}",
        ctx.state.council_name
    )));
    Doc {
        title: format!("Consultation letter: {} ({})", ctx.case.reference, c.setting),
        header: format!(
            "{} · {} · consultation letter",
            ctx.state.council_name, ctx.case.reference
        ),
        blocks,
    }
}

fn letter_heading(ctx: &PlanContext, title: &str) -> Vec<Block> {
    vec![
        Block::Paragraph(format!("SEN team, {}", ctx.state.council_name)),
        Block::Title(title.to_owned()),
        Block::Field("Child or young person".to_owned(), ctx.case.child_name.clone()),
        Block::Field("Date of birth".to_owned(), long_date(ctx.case.date_of_birth)),
        Block::Field("Case reference".to_owned(), ctx.case.reference.clone()),
    ]
}

/// The covering letter for a shared draft: what it is, the 15 days, the right
/// to ask for a particular school.
pub fn draft_letter(ctx: &PlanContext, version: &VersionSummary) -> Doc {
    let shared = version.shared_on.unwrap_or_else(crate::state::today);
    let due = crate::domain::plan::consultation::respond_by(shared);
    let mut blocks = letter_heading(ctx, "Your child's draft Education, Health and Care plan");
    blocks.extend([
        Block::Paragraph(format!("Date: {}", long_date(shared))),
        Block::Paragraph("Dear parent, carer or young person,".to_owned()),
        Block::Paragraph(format!(
            "We have written {} of the EHC plan and shared it with you on the EHC hub. Section I, which names the school or setting, is left blank in a draft.",
            version.name().to_lowercase()
        )),
        Block::Paragraph(format!(
            "You have 15 days, until {}, to comment on any part of the draft and to tell us which school, college or setting you would like named in the plan. You can also ask to meet us to talk about it.",
            long_date(due)
        )),
        Block::Paragraph(
            "If you disagree with the final plan when it is issued, you will be able to use mediation and appeal to the SEND Tribunal; the letter that comes with the final plan explains how.".to_owned(),
        ),
        Block::Paragraph(format!("Yours sincerely,\nSEN team, {}", ctx.state.council_name)),
    ]);
    Doc {
        title: format!("Draft plan letter: {}", ctx.case.reference),
        header: format!(
            "{} · {} · draft plan letter",
            ctx.state.council_name, ctx.case.reference
        ),
        blocks,
    }
}

/// The letter that comes with the final plan: the named setting, the first
/// review, and the rights of mediation and appeal.
pub fn decision_letter(ctx: &PlanContext, version: &VersionSummary, parts: &[PartView]) -> Doc {
    let issued = version.issued_on.unwrap_or_else(crate::state::today);
    let setting = parts
        .iter()
        .find_map(|p| match &p.content {
            PartContent::Placement(place) => Some(place.setting_name.clone()),
            _ => None,
        })
        .unwrap_or_default();
    let review = issued.checked_add_months(chrono::Months::new(12)).unwrap_or(issued);
    let mut blocks = letter_heading(ctx, "Your child's final Education, Health and Care plan");
    blocks.extend([
        Block::Paragraph(format!("Date: {}", long_date(issued))),
        Block::Paragraph("Dear parent, carer or young person,".to_owned()),
        Block::Paragraph(format!(
            "We have issued the final EHC plan ({}). It names {} in section I. The plan is on the EHC hub, where you can read and download it.",
            version.name().to_lowercase(),
            text_or(&setting, "the setting agreed")
        )),
        Block::Paragraph(format!(
            "The plan will be reviewed at least once a year; the first annual review is due by {}.",
            long_date(review)
        )),
        Block::Heading("If you disagree".to_owned()),
        Block::Paragraph(
            "You can appeal to the First-tier Tribunal (Special Educational Needs and Disability) about sections B, F and I of the plan, or about it as a whole. Before appealing you must contact a mediation adviser and receive a certificate, within two months of the date of this letter or one month of the date of the certificate, whichever is later. Disagreements about health or social care sections can be raised through the tribunal's extended powers or the usual complaints routes.".to_owned(),
        ),
        Block::Paragraph(format!("Yours sincerely,\nSEN team, {}", ctx.state.council_name)),
    ]);
    Doc {
        title: format!("Final plan letter: {}", ctx.case.reference),
        header: format!(
            "{} · {} · final plan letter",
            ctx.state.council_name, ctx.case.reference
        ),
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
    let ctx = PlanContext::open_for(viewer, state, case).await?;
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
                    bytes: super::pdf::render(&doc),
                }
            } else {
                File {
                    name: format!("{stem}.docx"),
                    content_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    bytes: super::docx::render(&doc)?,
                }
            }
        }
        Download::DraftLetter | Download::DecisionLetter => {
            use crate::domain::plan::version::VersionState;
            let doc = match (what, version.state) {
                (Download::DraftLetter, VersionState::Shared) => draft_letter(&ctx, &version),
                (Download::DecisionLetter, VersionState::Issued) => {
                    let parts = crate::store::plans::parts(&ctx.state.db, version.id).await?;
                    decision_letter(&ctx, &version, &parts)
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
                bytes: super::pdf::render(&doc),
            }
        }
        Download::ConsultationLetter(id) => {
            let consultation = crate::store::plans::consultations(&ctx.state.db, version.id)
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
                bytes: super::pdf::render(&consultation_letter(&ctx, &version, &consultation)),
            }
        }
    };
    crate::store::audit::record(
        &ctx.state.db,
        Some(&ctx.viewer),
        AuditAction::PlanDownloaded,
        Some(case),
        &file.name,
        chrono::Utc::now(),
    )
    .await?;
    Ok(file)
}
