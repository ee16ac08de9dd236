//! Documents people download: one small model (title, header, headings,
//! paragraphs, labelled fields) written out as PDF or Word, so both formats
//! always say the same thing. Server-only.

pub mod docx;
pub mod pdf;
pub mod sen2;

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

/// The text, or what to print where nothing was written.
pub fn text_or(text: &str, empty: &str) -> String {
    if text.trim().is_empty() {
        empty.to_owned()
    } else {
        text.trim().to_owned()
    }
}
