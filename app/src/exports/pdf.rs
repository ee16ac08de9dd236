//! Writes a [`Doc`] as a PDF: A4, the standard Helvetica fonts every PDF
//! reader has (so nothing is embedded and no program runs), lines wrapped by
//! the fonts' published character widths, and the header and page number
//! on every page. Server-only.

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use super::{Block, Doc};

const PAGE_WIDTH: f32 = 595.0;
const PAGE_HEIGHT: f32 = 842.0;
const MARGIN: f32 = 56.0;
const TEXT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
const BODY_TOP: f32 = PAGE_HEIGHT - MARGIN - 30.0;
const BODY_BOTTOM: f32 = MARGIN + 20.0;

/// Helvetica's advance widths (thousandths of the font size) for the printable ASCII characters.
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space to /
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0 to 9
    278, 278, 584, 584, 584, 556, 1015, // : to @
    667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944,
    667, 667, 611, // A to Z
    278, 278, 278, 469, 556, 333, // [ to `
    556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722,
    500, 500, 500, // a to z
    334, 260, 334, 584, // { to ~
];

/// Encodes text for a WinAnsi font; characters it cannot show become "?".
fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            ' '..='~' => c as u8,
            '\u{a0}'..='\u{ff}' => c as u32 as u8,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '•' => 0x95,
            '–' => 0x96,
            '—' => 0x97,
            '€' => 0x80,
            '…' => 0x85,
            _ => b'?',
        })
        .collect()
}

fn char_width(c: char, bold: bool) -> f32 {
    let base = match c {
        ' '..='~' => HELVETICA[(c as usize) - 32],
        _ => 556,
    };
    // Helvetica-Bold runs about 5% wider; the margin keeps bold lines inside the page.
    f32::from(base) * if bold { 1.06 } else { 1.0 }
}

fn text_width(text: &str, size: f32, bold: bool) -> f32 {
    text.chars().map(|c| char_width(c, bold)).sum::<f32>() * size / 1000.0
}

/// Breaks text into lines no wider than `width`, keeping the author's line breaks.
fn wrap(text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if text_width(&candidate, size, bold) <= width || line.is_empty() {
                line = candidate;
            } else {
                lines.push(std::mem::take(&mut line));
                line = word.to_owned();
            }
        }
        lines.push(line);
    }
    lines
}

/// One line placed on a page.
struct Line {
    text: String,
    x: f32,
    y: f32,
    size: f32,
    bold: bool,
}

/// Lays the blocks out into pages of lines.
fn layout(doc: &Doc) -> Vec<Vec<Line>> {
    let mut pages: Vec<Vec<Line>> = vec![Vec::new()];
    let mut y = BODY_TOP;
    let place =
        |pages: &mut Vec<Vec<Line>>, y: &mut f32, text: String, indent: f32, size: f32, bold: bool, gap: f32| {
            let leading = size * 1.35;
            for (i, line) in wrap(&text, size, bold, TEXT_WIDTH - indent).into_iter().enumerate() {
                let space_before = if i == 0 { gap } else { 0.0 };
                if *y - space_before - leading < BODY_BOTTOM {
                    pages.push(Vec::new());
                    *y = BODY_TOP;
                } else {
                    *y -= space_before;
                }
                *y -= leading;
                if let Some(page) = pages.last_mut() {
                    page.push(Line {
                        text: line,
                        x: MARGIN + indent,
                        y: *y,
                        size,
                        bold,
                    });
                }
            }
        };
    for block in &doc.blocks {
        match block {
            Block::Title(t) => place(&mut pages, &mut y, t.clone(), 0.0, 20.0, true, 0.0),
            Block::Heading(t) => place(&mut pages, &mut y, t.clone(), 0.0, 15.0, true, 14.0),
            Block::Subheading(t) => place(&mut pages, &mut y, t.clone(), 0.0, 12.0, true, 10.0),
            Block::Paragraph(t) => place(&mut pages, &mut y, t.clone(), 0.0, 10.5, false, 5.0),
            Block::Field(label, value) => {
                place(&mut pages, &mut y, label.clone(), 12.0, 10.5, true, 4.0);
                place(&mut pages, &mut y, value.clone(), 12.0, 10.5, false, 0.0);
            }
        }
    }
    pages
}

/// The PDF file for a document.
pub fn render(doc: &Doc) -> Vec<u8> {
    let pages = layout(doc);
    let mut pdf = Pdf::new();
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let regular = Ref::new(3);
    let bold = Ref::new(4);
    let info = Ref::new(5);
    let first_page = 10;
    let page_ids: Vec<Ref> = (0..pages.len()).map(|i| Ref::new(first_page + 2 * i as i32)).collect();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids(page_ids.iter().copied()).count(pages.len() as i32);
    pdf.type1_font(regular)
        .base_font(Name(b"Helvetica"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.type1_font(bold)
        .base_font(Name(b"Helvetica-Bold"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.document_info(info)
        .title(TextStr(&doc.title))
        .producer(TextStr("EHC hub"));
    let total = pages.len();
    for (n, lines) in pages.into_iter().enumerate() {
        let page_id = page_ids[n];
        let content_id = Ref::new(page_id.get() + 1);
        let mut page = pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT));
        page.parent(tree);
        page.contents(content_id);
        let mut resources = page.resources();
        let mut fonts = resources.fonts();
        fonts.pair(Name(b"F1"), regular);
        fonts.pair(Name(b"F2"), bold);
        fonts.finish();
        resources.finish();
        page.finish();

        let mut content = Content::new();
        let mut put = |text: &str, x: f32, y: f32, size: f32, heavy: bool| {
            content.begin_text();
            content.set_font(Name(if heavy { b"F2" } else { b"F1" }), size);
            content.next_line(x, y);
            content.show(Str(&win_ansi(text)));
            content.end_text();
        };
        // The header and footer on every page, so a printed page is never anonymous.
        put(&doc.header, MARGIN, PAGE_HEIGHT - MARGIN, 9.0, false);
        let footer = format!("Page {} of {total}", n + 1);
        put(
            &footer,
            PAGE_WIDTH - MARGIN - text_width(&footer, 9.0, false),
            MARGIN - 10.0,
            9.0,
            false,
        );
        for line in lines {
            put(&line.text, line.x, line.y, line.size, line.bold);
        }
        content.set_line_width(0.5);
        content.move_to(MARGIN, PAGE_HEIGHT - MARGIN - 8.0);
        content.line_to(PAGE_WIDTH - MARGIN, PAGE_HEIGHT - MARGIN - 8.0);
        content.stroke();
        pdf.stream(content_id, &content.finish());
    }
    pdf.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_wraps_within_the_page_and_keeps_every_word() {
        let text = "Maya will have individual speech and language therapy ".repeat(20);
        let lines = wrap(&text, 10.5, false, TEXT_WIDTH);
        assert!(lines.len() > 3);
        assert!(lines.iter().all(|l| text_width(l, 10.5, false) <= TEXT_WIDTH));
        assert_eq!(
            lines.join(" ").split_whitespace().count(),
            text.split_whitespace().count()
        );
    }

    fn sample() -> Doc {
        Doc {
            title: "EHC plan".into(),
            header: "Maya Quill · DC-000003 · Final plan (version 2) · 23 November 2026".into(),
            blocks: vec![
                Block::Title("Education, Health and Care plan".into()),
                Block::Heading("Section J: personal budget".into()),
                Block::Field("Annual cost of support".into(), "£8,400 (reviewed yearly)".into()),
                Block::Paragraph("Weekly speech and language therapy ".repeat(400)),
            ],
        }
    }

    #[test]
    fn a_pdf_reader_finds_every_line_on_numbered_pages() {
        let bytes = render(&sample());
        let pdf = lopdf::Document::load_mem(&bytes).expect("a valid PDF");
        let pages: Vec<u32> = pdf.get_pages().keys().copied().collect();
        assert!(pages.len() >= 2, "long text runs onto more pages");
        let first = pdf.extract_text(&[pages[0]]).expect("text on page 1");
        assert!(first.contains("Final plan (version 2)"), "{first}");
        assert!(first.contains("Section J: personal budget"), "{first}");
        assert!(first.contains("£8,400 (reviewed yearly)"), "{first}");
        let last = pdf
            .extract_text(&[pages[pages.len() - 1]])
            .expect("text on the last page");
        assert!(
            last.contains(&format!("Page {} of {}", pages.len(), pages.len())),
            "{last}"
        );
        assert!(last.contains("DC-000003"), "every page carries the header");
    }

    #[test]
    fn a_word_reader_opens_the_same_document() {
        let bytes = crate::exports::docx::render(&sample()).expect("a .docx");
        let docx = docx_rs::read_docx(&bytes).expect("a valid Word document");
        let json = docx.json();
        assert!(json.contains("Education, Health and Care plan"));
        assert!(json.contains("£8,400 (reviewed yearly)"));
        assert!(json.contains("Heading1"));
    }

    #[test]
    fn characters_outside_the_font_become_question_marks_not_garbage() {
        assert_eq!(
            win_ansi("£5 – “ok”"),
            vec![0xa3, b'5', b' ', 0x96, b' ', 0x93, b'o', b'k', 0x94]
        );
        assert_eq!(win_ansi("日"), vec![b'?']);
    }
}
