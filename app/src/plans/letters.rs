//! The letters that go with a plan: the covering letter for a shared draft,
//! the letter with the final plan (with the family's rights of appeal), and
//! the consultation letter to a setting. Server-only.

use super::types::{ConsultationView, PartView, VersionSummary};
use crate::cases::context::CaseContext;
use crate::domain::dates::long_date;
use crate::domain::plan::content::PartContent;
use crate::exports::{Block, Doc, text_or};

/// The letter asking a setting whether it can meet the child's needs.
pub fn consultation_letter(ctx: &CaseContext, version: &VersionSummary, c: &ConsultationView) -> Doc {
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

fn letter_heading(ctx: &CaseContext, title: &str) -> Vec<Block> {
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
pub fn draft_letter(ctx: &CaseContext, version: &VersionSummary) -> Doc {
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
pub fn decision_letter(ctx: &CaseContext, version: &VersionSummary, parts: &[PartView]) -> Doc {
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
