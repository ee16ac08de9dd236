//! Writes a [`Doc`] as a tagged PDF through krilla. This module owns the page
//! layout (A4, margins, lines wrapped by the fonts' measured advance widths,
//! the header and "Page n of m" on every page), the choice of font for each
//! character, the shaping and right-to-left ordering of each line, and the
//! structure screen readers follow (H1/H2/H3 headings, paragraphs, British
//! English, the header and page numbers marked as artifacts, checked against
//! PDF/UA-1). The Noto fonts under `app/fonts/` are built into the binary and
//! embedded as subsets, so a child's name prints in its own script: Latin with
//! every diacritic, Greek, Cyrillic, Arabic and Urdu, Bengali and Gurmukhi.
//! Server-only.

use std::collections::HashMap;
use std::num::NonZeroU16;
use std::ops::Range;
use std::sync::LazyLock;

use krilla::configure::{Accessibility, Configuration, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::error::KrillaError;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::Stroke;
use krilla::surface::Surface;
use krilla::tagging::{Artifact, ArtifactType, ContentTag, SpanTag, Tag, TagGroup, TagTree};
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Document, SerializeSettings};
use rustybuzz::{Direction, Script, ShapePlan, UnicodeBuffer};
use unicode_bidi::ParagraphBidiInfo;

use super::{Block, Doc};
use crate::error::AppError;

const PAGE_WIDTH: f32 = 595.0;
const PAGE_HEIGHT: f32 = 842.0;
const MARGIN: f32 = 56.0;
const TEXT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
const BODY_TOP: f32 = PAGE_HEIGHT - MARGIN - 30.0;
const BODY_BOTTOM: f32 = MARGIN + 20.0;
const HEADER_SIZE: f32 = 9.0;
/// Screen readers pick their voice by it; every document the hub writes is in British English.
const LANGUAGE: &str = "en-GB";

/// Regular and bold of each font, in the order they are tried for a character:
/// Noto Sans (Latin, Greek, Cyrillic) first, then each script it lacks.
const FONT_FILES: [(&[u8], &[u8]); 4] = [
    (
        include_bytes!("../../fonts/NotoSans-Regular.ttf"),
        include_bytes!("../../fonts/NotoSans-Bold.ttf"),
    ),
    (
        include_bytes!("../../fonts/NotoNaskhArabic-Regular.ttf"),
        include_bytes!("../../fonts/NotoNaskhArabic-Bold.ttf"),
    ),
    (
        include_bytes!("../../fonts/NotoSansBengali-Regular.ttf"),
        include_bytes!("../../fonts/NotoSansBengali-Bold.ttf"),
    ),
    (
        include_bytes!("../../fonts/NotoSansGurmukhi-Regular.ttf"),
        include_bytes!("../../fonts/NotoSansGurmukhi-Bold.ttf"),
    ),
];

/// One font file, parsed once per process: rustybuzz's face finds, shapes and
/// measures the glyphs; krilla's font embeds them.
struct Face {
    shaper: rustybuzz::Face<'static>,
    pdf: Font,
    units_per_em: f32,
}

impl Face {
    fn new(data: &'static [u8]) -> Option<Self> {
        let shaper = rustybuzz::Face::from_slice(data, 0)?;
        let units_per_em = shaper.units_per_em() as f32;
        let pdf = Font::new(data.into(), 0)?;
        Some(Self {
            shaper,
            pdf,
            units_per_em,
        })
    }

    fn covers(&self, c: char) -> bool {
        self.shaper.glyph_index(c).is_some()
    }
}

struct Fonts {
    regular: Vec<Face>,
    bold: Vec<Face>,
}

/// Parsed on first use and kept, so a download does not parse and hash 2 MB of fonts again.
static FONTS: LazyLock<Option<Fonts>> = LazyLock::new(|| {
    let mut regular = Vec::new();
    let mut bold = Vec::new();
    for (r, b) in FONT_FILES {
        regular.push(Face::new(r)?);
        bold.push(Face::new(b)?);
    }
    Some(Fonts { regular, bold })
});

impl Fonts {
    fn get() -> Result<&'static Fonts, AppError> {
        FONTS
            .as_ref()
            .ok_or_else(|| AppError::internal("the fonts built into the PDF writer could not be read"))
    }
}

/// Characters with no look of their own (joiners, direction marks, variation selectors): they belong to the run they sit in.
fn is_default_ignorable(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
}

fn is_rtl(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// Glyphs of one font on one line, in the order they are drawn.
#[derive(Clone)]
struct Piece {
    /// Index into the shaper's fonts.
    face: usize,
    font: Font,
    text: String,
    glyphs: Vec<KrillaGlyph>,
    /// Advance in ems.
    advance: f32,
}

/// One line of text, shaped and ready to draw.
struct Shaped {
    /// Left to right as drawn.
    pieces: Vec<Piece>,
    /// In points, at the line's size.
    width: f32,
}

/// Shapes and measures text in one weight, for one document. Keeps what is
/// slow to make and asked for again and again: rustybuzz's shaping plans (one
/// per font, direction and script) and each word of left-to-right text, shaped.
struct Shaper<'f> {
    faces: &'f [Face],
    plans: HashMap<(usize, bool, Script), ShapePlan>,
    words: HashMap<String, Vec<Piece>>,
}

impl<'f> Shaper<'f> {
    fn new(faces: &'f [Face]) -> Self {
        Self {
            faces,
            plans: HashMap::new(),
            words: HashMap::new(),
        }
    }

    /// Which font shows `c`, given the font of the character before it.
    fn font_for(&self, c: char, current: Option<usize>) -> usize {
        if let Some(cur) = current {
            // Spaces, digits, punctuation and marks stay with the letters around them,
            // so an Arabic phrase with its spaces, or a letter with its tone mark, is shaped whole.
            if is_default_ignorable(c) || (!c.is_alphabetic() && self.faces[cur].covers(c)) {
                return cur;
            }
        }
        // Letters go to the first font that has them; one no font has prints as a
        // blank box in the current font, never as a different letter.
        self.faces.iter().position(|f| f.covers(c)).or(current).unwrap_or(0)
    }

    /// Splits text into byte ranges that one font shows, in logical order.
    fn font_runs(&self, text: &str) -> Vec<(usize, Range<usize>)> {
        let mut runs: Vec<(usize, Range<usize>)> = Vec::new();
        for (i, c) in text.char_indices() {
            let current = runs.last().map(|(font, _)| *font);
            let font = self.font_for(c, current);
            match runs.last_mut() {
                Some((f, range)) if *f == font => range.end = i + c.len_utf8(),
                _ => runs.push((font, i..i + c.len_utf8())),
            }
        }
        runs
    }

    /// Shapes text in one font and direction: rustybuzz forms Arabic joins and
    /// Bengali and Gurmukhi conjuncts, and gives right-to-left text in drawing order.
    fn shape(&mut self, font: usize, text: &str, rtl: bool) -> Piece {
        let face = &self.faces[font];
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let direction = if rtl {
            Direction::RightToLeft
        } else {
            Direction::LeftToRight
        };
        buffer.set_direction(direction);
        let script = buffer.script();
        let plan = self
            .plans
            .entry((font, rtl, script))
            .or_insert_with(|| ShapePlan::new(&face.shaper, direction, Some(script), None, &[]));
        let output = rustybuzz::shape_with_plan(&face.shaper, plan, buffer);
        let infos = output.glyph_infos();
        // Each glyph maps to the characters of its cluster, which run to the next
        // cluster's start in the text (whichever way the glyphs are ordered), so the
        // PDF's text layer reads the characters the person typed.
        let mut starts: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
        starts.sort_unstable();
        starts.dedup();
        let em = face.units_per_em;
        let mut advance = 0.0;
        let glyphs = infos
            .iter()
            .zip(output.glyph_positions())
            .map(|(info, pos)| {
                let start = info.cluster as usize;
                let end = starts.iter().copied().find(|&s| s > start).unwrap_or(text.len());
                advance += pos.x_advance as f32 / em;
                KrillaGlyph::new(
                    GlyphId::new(info.glyph_id),
                    pos.x_advance as f32 / em,
                    pos.x_offset as f32 / em,
                    pos.y_offset as f32 / em,
                    pos.y_advance as f32 / em,
                    start..end,
                    None,
                )
            })
            .collect();
        Piece {
            face: font,
            font: face.pdf.clone(),
            text: text.to_owned(),
            glyphs,
            advance,
        }
    }

    /// One word, shaped (in ems, so at any size).
    fn word(&mut self, word: &str) -> &[Piece] {
        if !self.words.contains_key(word) {
            let rtl = word.chars().any(is_rtl);
            let pieces = self
                .font_runs(word)
                .into_iter()
                .map(|(font, range)| self.shape(font, &word[range], rtl))
                .collect();
            self.words.insert(word.to_owned(), pieces);
        }
        self.words.get(word).map_or(&[], Vec::as_slice)
    }

    /// Width of one word in ems.
    fn word_width(&mut self, word: &str) -> f32 {
        self.word(word).iter().map(|p| p.advance).sum()
    }

    /// A line of left-to-right text from its words, each shaped once for the
    /// whole document: in a plan the same words come back on every page, and
    /// shaping each line whole took most of a PDF's time. No shaping rule of
    /// these fonts reaches across a space, so the glyphs come out the same.
    fn ltr_line(&mut self, words: &[&str], size: f32, wrapped: bool) -> Shaped {
        let mut pieces: Vec<Piece> = Vec::new();
        for (i, word) in words.iter().enumerate() {
            let space = (i + 1 < words.len() || wrapped).then(|| self.word(" ").to_vec());
            for piece in self.word(word).to_vec().into_iter().chain(space.into_iter().flatten()) {
                match pieces.last_mut() {
                    // One run of glyphs per font, not per word, keeps the page's text in lines for extractors.
                    Some(last) if last.face == piece.face => {
                        let offset = last.text.len();
                        last.text.push_str(&piece.text);
                        last.advance += piece.advance;
                        last.glyphs.extend(piece.glyphs.into_iter().map(|mut g| {
                            g.text_range = g.text_range.start + offset..g.text_range.end + offset;
                            g
                        }));
                    }
                    _ => pieces.push(piece),
                }
            }
        }
        let trailing = if wrapped { self.word_width(" ") } else { 0.0 };
        let width = (pieces.iter().map(|p| p.advance).sum::<f32>() - trailing) * size;
        Shaped { pieces, width }
    }

    /// Shapes the part `line` of a paragraph, ordering its right-to-left and
    /// left-to-right runs as they are seen. `wrapped` marks a line the paragraph
    /// continues after: its text ends with a space, so the words either side of
    /// the break do not run together for a screen reader.
    fn line(&mut self, bidi: &ParagraphBidiInfo, line: Range<usize>, size: f32, wrapped: bool) -> Shaped {
        let text = &bidi.text[line.clone()];
        if text.is_empty() {
            return Shaped {
                pieces: Vec::new(),
                width: 0.0,
            };
        }
        let mut pieces = Vec::new();
        let (levels, runs) = bidi.visual_runs(line);
        for run in runs {
            let run_rtl = levels[run.start].is_rtl();
            let mut shaped: Vec<Piece> = self
                .font_runs(&bidi.text[run.clone()])
                .into_iter()
                .map(|(font, r)| self.shape(font, &bidi.text[run.start + r.start..run.start + r.end], run_rtl))
                .collect();
            // Font runs come in reading order; right to left, the first is drawn rightmost.
            // (krilla marks each right-to-left run as ReversedChars, so readers
            // put its characters back in reading order.)
            if run_rtl {
                shaped.reverse();
            }
            pieces.extend(shaped);
        }
        let width = pieces.iter().map(|p| p.advance).sum::<f32>() * size;
        // In a right-to-left paragraph the end of the line is its left edge,
        // where a space would indent it: those lines go without.
        if wrapped && bidi.paragraph_level.is_ltr() {
            pieces.push(self.shape(0, " ", false));
        }
        Shaped { pieces, width }
    }

    /// A single line as it is, unwrapped: the header and the page number.
    fn single(&mut self, text: &str, size: f32) -> Shaped {
        let text = text.replace(['\n', '\r'], " ");
        let bidi = ParagraphBidiInfo::new(&text, None);
        self.line(&bidi, 0..text.len(), size, false)
    }

    /// Breaks text into lines no wider than `width`, keeping the author's line breaks.
    fn wrap(&mut self, text: &str, size: f32, width: f32) -> Vec<Shaped> {
        let space = self.word_width(" ") * size;
        let mut lines = Vec::new();
        for paragraph in text.lines() {
            let bidi = ParagraphBidiInfo::new(paragraph, None);
            let mut words: Vec<Range<usize>> = Vec::new();
            let mut start = None;
            for (i, c) in paragraph.char_indices().chain([(paragraph.len(), ' ')]) {
                match (c.is_whitespace(), start) {
                    (true, Some(s)) => {
                        words.push(s..i);
                        start = None;
                    }
                    (false, None) => start = Some(i),
                    _ => {}
                }
            }
            if words.is_empty() {
                lines.push(self.line(&bidi, 0..0, size, false));
                continue;
            }
            let mut first = 0;
            while first < words.len() {
                let mut end = first + 1;
                let mut used = self.word_width(&paragraph[words[first].clone()]) * size;
                while end < words.len() {
                    let next = space + self.word_width(&paragraph[words[end].clone()]) * size;
                    if used + next > width {
                        break;
                    }
                    used += next;
                    end += 1;
                }
                // The words were measured one by one; the line as shaped can come out a
                // little wider (kerning, another font's space), so give back words until it fits.
                loop {
                    let wrapped = end < words.len();
                    let line = if bidi.has_rtl() {
                        self.line(&bidi, words[first].start..words[end - 1].end, size, wrapped)
                    } else {
                        let these: Vec<&str> = words[first..end].iter().map(|w| &paragraph[w.clone()]).collect();
                        self.ltr_line(&these, size, wrapped)
                    };
                    if line.width <= width || end == first + 1 {
                        lines.push(line);
                        break;
                    }
                    end -= 1;
                }
                first = end;
            }
        }
        lines
    }
}

/// What a run of lines is, for screen readers.
enum Role {
    Heading(u16, String),
    Paragraph,
}

/// One line placed on a page.
struct Line {
    shaped: Shaped,
    x: f32,
    y: f32,
    size: f32,
    /// Index of the heading or paragraph it belongs to.
    element: usize,
}

/// A heading, for the PDF's outline (the bookmarks pane).
struct Bookmark {
    level: u16,
    text: String,
    page: usize,
    /// Top of the heading, in PDF points from the bottom of the page.
    top: f32,
}

struct Layout {
    pages: Vec<Vec<Line>>,
    elements: Vec<Role>,
    bookmarks: Vec<Bookmark>,
    header: Shaped,
    /// "Page n of m", one for each page.
    footers: Vec<Shaped>,
}

/// Lays the blocks out into pages of lines.
fn layout(doc: &Doc, fonts: &Fonts) -> Layout {
    let mut regular = Shaper::new(&fonts.regular);
    let mut bold = Shaper::new(&fonts.bold);
    let mut out = Layout {
        pages: vec![Vec::new()],
        elements: Vec::new(),
        bookmarks: Vec::new(),
        header: regular.single(&doc.header, HEADER_SIZE),
        footers: Vec::new(),
    };
    let mut y = BODY_TOP;
    let mut place = |out: &mut Layout, text: &str, indent: f32, size: f32, heavy: bool, gap: f32, role: Role| {
        let element = out.elements.len();
        let heading = match &role {
            Role::Heading(level, _) => Some(*level),
            Role::Paragraph => None,
        };
        out.elements.push(role);
        let leading = size * 1.35;
        let shaper = if heavy { &mut bold } else { &mut regular };
        let lines = shaper.wrap(text, size, TEXT_WIDTH - indent);
        for (i, shaped) in lines.into_iter().enumerate() {
            let space_before = if i == 0 { gap } else { 0.0 };
            if y - space_before - leading < BODY_BOTTOM {
                out.pages.push(Vec::new());
                y = BODY_TOP;
            } else {
                y -= space_before;
            }
            y -= leading;
            if let (0, Some(level)) = (i, heading) {
                out.bookmarks.push(Bookmark {
                    level,
                    text: text.to_owned(),
                    page: out.pages.len() - 1,
                    top: y + size,
                });
            }
            if let Some(page) = out.pages.last_mut() {
                page.push(Line {
                    shaped,
                    x: MARGIN + indent,
                    y,
                    size,
                    element,
                });
            }
        }
    };
    let heading = |level: u16, t: &str| Role::Heading(level, t.to_owned());
    for block in &doc.blocks {
        match block {
            Block::Title(t) => place(&mut out, t, 0.0, 20.0, true, 0.0, heading(1, t)),
            Block::Heading(t) => place(&mut out, t, 0.0, 15.0, true, 14.0, heading(2, t)),
            Block::Subheading(t) => place(&mut out, t, 0.0, 12.0, true, 10.0, heading(3, t)),
            Block::Paragraph(t) => place(&mut out, t, 0.0, 10.5, false, 5.0, Role::Paragraph),
            Block::Field(label, value) => {
                place(&mut out, label, 12.0, 10.5, true, 4.0, Role::Paragraph);
                place(&mut out, value, 12.0, 10.5, false, 0.0, Role::Paragraph);
            }
        }
    }
    let total = out.pages.len();
    out.footers = (1..=total)
        .map(|n| regular.single(&format!("Page {n} of {total}"), HEADER_SIZE))
        .collect();
    out
}

/// Draws a line with its left end at `x` and its baseline at `y` (PDF points from the bottom of the page).
fn draw(surface: &mut Surface, line: &Shaped, x: f32, y: f32, size: f32) {
    let mut x = x;
    for piece in &line.pieces {
        // krilla measures from the top of the page.
        surface.draw_glyphs(
            Point::from_xy(x, PAGE_HEIGHT - y),
            &piece.glyphs,
            piece.font.clone(),
            &piece.text,
            size,
            false,
        );
        x += piece.advance * size;
    }
}

/// The bookmarks, nested: subheadings under their heading, headings under the title.
fn outline(bookmarks: &[Bookmark]) -> Outline {
    let mut root = Outline::new();
    let mut open: Vec<(u16, OutlineNode)> = Vec::new();
    let close = |open: &mut Vec<(u16, OutlineNode)>, root: &mut Outline| {
        if let Some((_, node)) = open.pop() {
            match open.last_mut() {
                Some((_, parent)) => parent.push_child(node),
                None => root.push_child(node),
            }
        }
    };
    for b in bookmarks {
        while open.last().is_some_and(|(level, _)| *level >= b.level) {
            close(&mut open, &mut root);
        }
        let to = XyzDestination::new(b.page, Point::from_xy(MARGIN, PAGE_HEIGHT - b.top));
        open.push((b.level, OutlineNode::new(b.text.clone(), to)));
    }
    while !open.is_empty() {
        close(&mut open, &mut root);
    }
    root
}

fn write(doc: &Doc, layout: &Layout, configuration: Configuration) -> Result<Vec<u8>, KrillaError> {
    let mut document = Document::new_with(SerializeSettings {
        configuration,
        enable_tagging: true,
        ..SerializeSettings::default()
    });
    document.set_metadata(
        Metadata::new()
            .title(doc.title.clone())
            .language(LANGUAGE.to_owned())
            .producer("EHC hub".to_owned()),
    );
    let page_settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT);
    let rule = {
        let mut path = PathBuilder::new();
        path.move_to(MARGIN, MARGIN + 8.0);
        path.line_to(PAGE_WIDTH - MARGIN, MARGIN + 8.0);
        path.finish()
    };
    let mut groups: Vec<TagGroup> = layout
        .elements
        .iter()
        .map(|role| match role {
            Role::Heading(level, text) => TagGroup::new(Tag::Hn(
                NonZeroU16::new(*level).unwrap_or(NonZeroU16::MIN),
                Some(text.clone()),
            )),
            Role::Paragraph => TagGroup::new(Tag::P),
        })
        .collect();
    for (lines, footer) in layout.pages.iter().zip(&layout.footers) {
        let mut page = match page_settings.clone() {
            Some(settings) => document.start_page_with(settings),
            None => document.start_page(),
        };
        let mut surface = page.surface();
        // The header and page number on every page, so a printed page is never
        // anonymous; artifacts, so a screen reader does not read them out on every page.
        surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(ArtifactType::Header)));
        draw(&mut surface, &layout.header, MARGIN, PAGE_HEIGHT - MARGIN, HEADER_SIZE);
        if let Some(rule) = &rule {
            surface.set_stroke(Some(Stroke {
                width: 0.5,
                ..Stroke::default()
            }));
            surface.draw_path(rule);
            // Text drawn with a stroke set would be outlined, not filled.
            surface.set_stroke(None);
        }
        surface.end_tagged();
        surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(ArtifactType::Footer)));
        draw(
            &mut surface,
            footer,
            PAGE_WIDTH - MARGIN - footer.width,
            MARGIN - 10.0,
            HEADER_SIZE,
        );
        surface.end_tagged();
        for line in lines {
            if line.shaped.pieces.is_empty() {
                continue;
            }
            let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
            draw(&mut surface, &line.shaped, line.x, line.y, line.size);
            surface.end_tagged();
            if let Some(group) = groups.get_mut(line.element) {
                group.push(id);
            }
        }
        surface.finish();
        page.finish();
    }
    let mut tree = TagTree::new().with_lang(Some(LANGUAGE.to_owned()));
    for group in groups {
        tree.push(group);
    }
    document.set_tag_tree(tree);
    document.set_outline(outline(&layout.bookmarks));
    document.finish()
}

/// The PDF file for a document.
///
/// # Errors
/// `Internal` if the file cannot be assembled.
pub fn render(doc: &Doc) -> Result<Vec<u8>, AppError> {
    let fonts = Fonts::get()?;
    let layout = layout(doc, fonts);
    let ua = ConfigurationBuilder::new()
        .with_accessibility_validator(Accessibility::UA1)
        .finish()
        .map_err(|e| AppError::internal(format!("{e:?}")))?;
    match write(doc, &layout, ua) {
        Ok(bytes) => Ok(bytes),
        // A character none of the fonts has (a name in Chinese, an emoji) prints
        // as a blank box, which PDF/UA does not allow: the family still gets
        // their document, tagged the same, just not claiming PDF/UA.
        Err(KrillaError::Validation(errors)) => {
            tracing::warn!(?errors, "PDF written without its PDF/UA claim");
            write(doc, &layout, Configuration::default()).map_err(AppError::internal)
        }
        Err(e) => Err(AppError::internal(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn regular() -> Shaper<'static> {
        Shaper::new(&Fonts::get().expect("the built-in fonts").regular)
    }

    #[test]
    fn long_text_wraps_within_the_page_and_keeps_every_word() {
        let text = "Maya will have individual speech and language therapy ".repeat(20);
        let lines = regular().wrap(&text, 10.5, TEXT_WIDTH);
        assert!(lines.len() > 3);
        assert!(
            lines
                .iter()
                .all(|l| l.width <= TEXT_WIDTH && l.width > TEXT_WIDTH * 0.8)
        );
        let printed: String = lines.iter().flat_map(|l| &l.pieces).map(|p| p.text.as_str()).collect();
        assert_eq!(
            printed.split_whitespace().collect::<Vec<_>>(),
            text.split_whitespace().collect::<Vec<_>>()
        );
    }

    #[test]
    fn words_shaped_one_by_one_measure_as_the_line_shaped_whole() {
        let text = "To Yvonne: WAVE, Tyler! «Fairly» 1,234 — Łódź, Nguyễn, Ζωή, Дмитрий, অনন্যা ਹਰਪ੍ਰੀਤ";
        let mut shaper = regular();
        let words: Vec<&str> = text.split(' ').collect();
        let by_words = shaper.ltr_line(&words, 10.5, false).width;
        let whole = shaper.single(text, 10.5).width;
        assert!((by_words - whole).abs() < 0.01, "{by_words} against {whole}");
    }

    #[test]
    fn an_arabic_name_is_laid_out_right_to_left_and_joined() {
        let line = regular().single("زینب", 10.5);
        assert_eq!(line.pieces.len(), 1, "one run, in the Arabic font");
        let glyphs = &line.pieces[0].glyphs;
        let starts: Vec<usize> = glyphs.iter().map(|g| g.text_range.start).collect();
        let mut reversed = starts.clone();
        reversed.sort_unstable_by(|a, b| b.cmp(a));
        assert_eq!(starts, reversed, "the first letter is drawn rightmost");
        // Joined letters take their initial, medial and final forms.
        let beh = regular().single("ببب", 10.5);
        let ids: Vec<u32> = beh.pieces[0].glyphs.iter().map(|g| g.glyph_id.to_u32()).collect();
        assert!(ids[0] != ids[1] && ids[1] != ids[2], "{ids:?}");
    }

    #[test]
    fn bengali_and_gurmukhi_conjuncts_are_shaped() {
        for name in ["অনন্যা", "ਹਰਪ੍ਰੀਤ"] {
            let line = regular().single(name, 10.5);
            let glyphs: usize = line.pieces.iter().map(|p| p.glyphs.len()).sum();
            assert!(glyphs < name.chars().count(), "{name}: {glyphs} glyphs");
        }
    }

    #[test]
    fn a_mixed_line_keeps_english_left_to_right_around_an_arabic_name() {
        let line = regular().single("Zainab (زینب) Khan", 10.5);
        let texts: Vec<&str> = line.pieces.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts.first().copied(), Some("Zainab ("), "{texts:?}");
        assert!(texts.contains(&"زینب"), "{texts:?}");
        assert_eq!(texts.last().copied(), Some(") Khan"), "{texts:?}");
    }

    /// The text a reader gets from each page, one text object a line: each glyph
    /// through its font's ToUnicode map, or the ActualText that replaces a run
    /// (krilla writes it where glyphs and characters do not map one to one, as in
    /// Bengali and Gurmukhi conjuncts), with runs marked ReversedChars (right to
    /// left, drawn last character first) put back in reading order.
    fn page_texts(bytes: &[u8]) -> Vec<String> {
        let pdf = lopdf::Document::load_mem(bytes).expect("a valid PDF");
        pdf.get_pages().values().map(|&page| page_text(&pdf, page)).collect()
    }

    /// An open marked-content section.
    struct Section {
        /// ActualText replaces what the section draws.
        replaced: bool,
        /// The pieces of text of a ReversedChars section, as drawn.
        reversed: Option<Vec<String>>,
    }

    fn page_text(pdf: &lopdf::Document, page: lopdf::ObjectId) -> String {
        let encodings: BTreeMap<Vec<u8>, lopdf::Encoding> = pdf
            .get_page_fonts(page)
            .expect("the page's fonts")
            .into_iter()
            .map(|(name, font)| (name, font.get_font_encoding(pdf).expect("a font encoding")))
            .collect();
        let content = lopdf::content::Content::decode(&pdf.get_page_content(page)).expect("a content stream");
        let mut out = String::new();
        let mut font = None;
        let mut open: Vec<Section> = Vec::new();
        // Text goes to the innermost ReversedChars section, if one is open.
        fn emit(open: &mut [Section], out: &mut String, text: String) {
            match open.iter_mut().rev().find_map(|s| s.reversed.as_mut()) {
                Some(pieces) => pieces.push(text),
                None => out.push_str(&text),
            }
        }
        for op in &content.operations {
            let replaced = open.iter().any(|s| s.replaced);
            match op.operator.as_str() {
                "BDC" | "BMC" => {
                    let actual = op
                        .operands
                        .get(1)
                        .and_then(|p| p.as_dict().ok())
                        .and_then(|d| d.get(b"ActualText").ok())
                        .map(|t| lopdf::decode_text_string(t).expect("ActualText"));
                    let tag = op.operands.first().and_then(|t| t.as_name().ok());
                    if let (false, Some(text)) = (replaced, &actual) {
                        emit(&mut open, &mut out, text.clone());
                    }
                    open.push(Section {
                        replaced: actual.is_some(),
                        reversed: (tag == Some(b"ReversedChars")).then(Vec::new),
                    });
                }
                "EMC" => {
                    if let Some(Section {
                        reversed: Some(pieces), ..
                    }) = open.pop()
                    {
                        emit(&mut open, &mut out, pieces.into_iter().rev().collect());
                    }
                }
                "Tf" => {
                    font = op
                        .operands
                        .first()
                        .and_then(|n| n.as_name().ok())
                        .and_then(|n| encodings.get(n))
                }
                "Tj" | "TJ" if !replaced => {
                    let encoding = font.expect("a font is set before text");
                    let strings = op.operands.iter().flat_map(|operand| match operand {
                        lopdf::Object::Array(items) => items.iter().collect(),
                        other => vec![other],
                    });
                    for string in strings {
                        if let lopdf::Object::String(bytes, _) = string {
                            // Two bytes a glyph (Identity-H), so a reversed run turns round glyph by glyph.
                            for glyph in bytes.chunks(2) {
                                let text = lopdf::Document::decode_text(encoding, glyph).expect("text");
                                emit(&mut open, &mut out, text);
                            }
                        }
                    }
                }
                "ET" => out.push('\n'),
                _ => {}
            }
        }
        out
    }

    fn sample() -> Doc {
        Doc {
            title: "EHC plan".into(),
            header: "Maya Quill · DC-000003 · Final plan (version 2) · 23 November 2026".into(),
            blocks: vec![
                Block::Title("Education, Health and Care plan".into()),
                Block::Heading("Section J: personal budget".into()),
                Block::Subheading("Direct payments".into()),
                Block::Field("Annual cost of support".into(), "£8,400 (reviewed yearly)".into()),
                Block::Paragraph("Weekly speech and language therapy ".repeat(400)),
            ],
        }
    }

    #[test]
    fn a_pdf_reader_finds_every_line_on_numbered_pages() {
        let pages = page_texts(&render(&sample()).expect("a PDF"));
        assert!(pages.len() >= 2, "long text runs onto more pages");
        let first = &pages[0];
        assert!(first.contains("Final plan (version 2)"), "{first}");
        assert!(first.contains("Section J: personal budget"), "{first}");
        assert!(first.contains("£8,400 (reviewed yearly)"), "{first}");
        assert!(first.contains(&format!("Page 1 of {}", pages.len())), "{first}");
        let last = &pages[pages.len() - 1];
        assert!(
            last.contains(&format!("Page {} of {}", pages.len(), pages.len())),
            "{last}"
        );
        assert!(last.contains("DC-000003"), "every page carries the header");
        let words = pages.concat().matches("therapy").count();
        assert_eq!(words, 400, "every word of the long paragraph is printed once");
    }

    #[test]
    fn every_childs_name_comes_back_out_in_its_own_script() {
        let names = [
            "Łucja Wiśniewska",
            "Nguyễn Thị Minh Khai",
            "Ζωή",
            "Дмитрий",
            "زینب",
            "عائشہ",
            "অনন্যা",
            "ਹਰਪ੍ਰੀਤ",
        ];
        let mut blocks = vec![Block::Title("Education, Health and Care plan".into())];
        for name in names {
            blocks.push(Block::Field("Child or young person".into(), name.into()));
        }
        let doc = Doc {
            title: "EHC plan".into(),
            header: format!("{} · DC-000004", names[0]),
            blocks,
        };
        let bytes = render(&doc).expect("a PDF");
        let text = page_texts(&bytes).concat();
        for name in names {
            assert!(text.lines().any(|l| l.trim() == name), "{name} in:\n{text}");
        }
        assert!(!text.contains('?'), "{text}");
        // Every character had a glyph, so the file passed krilla's PDF/UA-1 checks.
        assert!(String::from_utf8_lossy(&bytes).contains("pdfuaid:part"));
    }

    #[test]
    fn a_character_no_font_has_still_gives_a_document() {
        let doc = Doc {
            title: "EHC plan".into(),
            header: "DC-000005".into(),
            blocks: vec![Block::Field("Child or young person".into(), "王秀英 😀".into())],
        };
        let bytes = render(&doc).expect("a PDF");
        let pdf = lopdf::Document::load_mem(&bytes).expect("a valid PDF");
        assert_eq!(pdf.get_pages().len(), 1);
        assert!(!String::from_utf8_lossy(&bytes).contains("pdfuaid:part"));
    }

    #[test]
    fn the_pdf_is_tagged_for_screen_readers() {
        let bytes = render(&sample()).expect("a PDF");
        let pdf = lopdf::Document::load_mem(&bytes).expect("a valid PDF");
        let catalog = pdf.catalog().expect("a catalog");
        assert!(catalog.get(b"StructTreeRoot").is_ok(), "has a structure tree");
        let marked = catalog
            .get(b"MarkInfo")
            .and_then(|m| pdf.dereference(m))
            .and_then(|(_, m)| m.as_dict())
            .and_then(|m| m.get(b"Marked"))
            .and_then(lopdf::Object::as_bool);
        assert_eq!(marked.ok(), Some(true));
        let lang = catalog
            .get(b"Lang")
            .map(|l| lopdf::decode_text_string(l).expect("a language"));
        assert_eq!(lang.ok().as_deref(), Some("en-GB"));
        let roles: Vec<String> = pdf
            .objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .filter(|d| d.get(b"Type").and_then(lopdf::Object::as_name).ok() == Some(b"StructElem"))
            .filter_map(|d| d.get(b"S").and_then(lopdf::Object::as_name).ok())
            .map(|s| String::from_utf8_lossy(s).into_owned())
            .collect();
        for role in ["H1", "H2", "H3", "P"] {
            assert!(roles.iter().any(|r| r == role), "{role} in {roles:?}");
        }
        assert!(
            String::from_utf8_lossy(&bytes).contains("pdfuaid:part"),
            "claims PDF/UA-1"
        );
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
}
