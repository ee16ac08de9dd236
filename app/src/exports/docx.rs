//! Writes a [`Doc`] as a Word document (.docx), with real heading styles so
//! the navigation pane and screen readers find each section, and the header
//! on every page. Server-only.

use docx_rs::{Docx, Header, Paragraph, Run, Style, StyleType};

use super::{Block, Doc};
use crate::error::AppError;

fn heading_style(id: &str, name: &str, size: usize) -> Style {
    Style::new(id, StyleType::Paragraph).name(name).size(size).bold()
}

fn paragraph(text: &str, style: Option<&str>, bold: bool) -> Paragraph {
    // Line breaks the author typed are kept as breaks within the paragraph.
    let mut run = Run::new();
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            run = run.add_break(docx_rs::BreakType::TextWrapping);
        }
        run = run.add_text(line);
    }
    if bold {
        run = run.bold();
    }
    let p = Paragraph::new().add_run(run);
    match style {
        Some(s) => p.style(s),
        None => p,
    }
}

/// The .docx file for a document.
///
/// # Errors
/// `Internal` if the file cannot be assembled.
pub fn render(doc: &Doc) -> Result<Vec<u8>, AppError> {
    let header = Header::new().add_paragraph(paragraph(&doc.header, None, false));
    let mut docx = Docx::new()
        .header(header)
        // Sizes are in half-points.
        .add_style(heading_style("Title", "Title", 40))
        .add_style(heading_style("Heading1", "heading 1", 30))
        .add_style(heading_style("Heading2", "heading 2", 24))
        .default_size(21);
    for block in &doc.blocks {
        docx = match block {
            Block::Title(t) => docx.add_paragraph(paragraph(t, Some("Title"), false)),
            Block::Heading(t) => docx.add_paragraph(paragraph(t, Some("Heading1"), false)),
            Block::Subheading(t) => docx.add_paragraph(paragraph(t, Some("Heading2"), false)),
            Block::Paragraph(t) => docx.add_paragraph(paragraph(t, None, false)),
            Block::Field(label, value) => docx
                .add_paragraph(paragraph(label, None, true))
                .add_paragraph(paragraph(value, None, false)),
        };
    }
    let mut out = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut out).map_err(AppError::internal)?;
    Ok(out.into_inner())
}
