//! Pages → PDF. With `pdf_file.rs` (lopdf: bookmarks, metadata, compact file),
//! the only place printpdf and lopdf are used.
//!
//! Every face is subset to the glyphs the document uses before printpdf sees it
//! (without its `text_layout` feature printpdf would embed whole fonts: 20–60 MB),
//! and named `ABCDEF+PostScriptName` as PDF subsets are.

use std::collections::{BTreeMap, BTreeSet};

use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rect, TextItem, TextMatrix,
};

use crate::fonts::{FaceId, FontSet};
use crate::layout::{Document, Item};

/// Why the PDF could not be made (a font failed to subset or parse), in Chinese:
/// the libraries' own (English) error text is not shown to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfError(pub String);

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "生成 PDF 失败：{}", self.0)
    }
}

/// The PDF file's bytes.
pub fn to_pdf(doc: &Document, fonts: &FontSet) -> Result<Vec<u8>, PdfError> {
    let mut pdf = PdfDocument::new(&doc.title);
    let info = &mut pdf.metadata.info;
    info.document_title = doc.title.clone();
    info.author = doc.author.clone();
    info.creator = format!("年报编制器 nianbao {}", env!("CARGO_PKG_VERSION"));
    info.producer = info.creator.clone();
    info.creation_date = printpdf::OffsetDateTime::now();
    info.modification_date = info.creation_date;
    info.metadata_date = info.creation_date;

    let font_ids = embed_fonts(&mut pdf, doc, fonts)?;
    let pages: Vec<PdfPage> = doc.pages.iter().map(|p| page(p, doc.height, &font_ids)).collect();
    let mut warnings = Vec::new();
    let bytes = pdf.with_pages(pages).save(&PdfSaveOptions { subset_fonts: false, ..PdfSaveOptions::default() }, &mut warnings);
    super::pdf_file::finish(&bytes, doc)
}

/// Subsets and embeds every face the document uses.
fn embed_fonts(pdf: &mut PdfDocument, doc: &Document, fonts: &FontSet) -> Result<BTreeMap<FaceId, FontId>, PdfError> {
    let mut used: BTreeMap<FaceId, BTreeSet<char>> = BTreeMap::new();
    for run in doc.pages.iter().flat_map(|p| p.texts()) {
        used.entry(run.face).or_default().extend(run.text.chars());
    }
    let mut ids = BTreeMap::new();
    for (face_id, chars) in used {
        let face = fonts.face(face_id);
        let subset = subset(face.data, face.index, &chars).ok_or_else(|| PdfError(format!("字体「{}」子集化出错", face.name)))?;
        let mut warnings = Vec::new();
        let mut parsed = ParsedFont::from_bytes(&subset, 0, &mut warnings)
            .ok_or_else(|| PdfError(format!("字体「{}」的子集无法解析", face.name)))?;
        parsed.font_name = Some(format!("{}+{}", subset_tag(&face.name, &chars), face.name));
        ids.insert(face_id, pdf.add_font(&parsed));
    }
    Ok(ids)
}

/// The font reduced to .notdef and the glyphs of `chars` (None: the font is damaged).
fn subset(data: &[u8], index: u32, chars: &BTreeSet<char>) -> Option<Vec<u8>> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{CmapTarget, SubsetProfile, subset};
    let face = ttf_parser::Face::parse(data, index).ok()?;
    let glyphs: BTreeSet<u16> = chars.iter().filter_map(|&c| face.glyph_index(c)).map(|g| g.0).filter(|&g| g != 0).collect();
    let ids: Vec<u16> = std::iter::once(0).chain(glyphs).collect(); // .notdef first
    let file = ReadScope::new(data).read::<FontData<'_>>().ok()?;
    let provider = file.table_provider(index as usize).ok()?;
    subset(&provider, &ids, &SubsetProfile::Minimal, CmapTarget::Unicode).ok()
}

/// Six capital letters that differ between subsets (ISO 32000-1 §9.6.4).
fn subset_tag(name: &str, chars: &BTreeSet<char>) -> String {
    // FNV-1a over the name and the characters: stable from run to run.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.bytes().chain(chars.iter().flat_map(|c| (*c as u32).to_le_bytes())) {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    (0..6).map(|i| char::from(b'A' + ((h >> (i * 5)) % 26) as u8)).collect()
}

fn page(p: &crate::layout::Page, height: f32, fonts: &BTreeMap<FaceId, FontId>) -> PdfPage {
    let flip = |y: f32| Pt(height - y);
    let mut ops = Vec::new();
    // Fills first, rules over them, text on top.
    for item in &p.items {
        if let Item::Fill { x, y, w, h, gray } = item {
            ops.push(Op::SetFillColor { col: Color::Greyscale(Greyscale { percent: *gray, icc_profile: None }) });
            ops.push(Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(*x),
                    y: flip(y + h),
                    width: Pt(*w),
                    height: Pt(*h),
                    mode: Some(PaintMode::Fill),
                    winding_order: None,
                },
            });
        }
    }
    ops.push(Op::SetOutlineColor { col: Color::Greyscale(Greyscale { percent: 0.0, icc_profile: None }) });
    let mut width = f32::NAN;
    for item in &p.items {
        if let Item::Line { x1, y1, x2, y2, width: w } = item {
            if *w != width {
                ops.push(Op::SetOutlineThickness { pt: Pt(*w) });
                width = *w;
            }
            let point = |x: f32, y: f32| LinePoint { p: Point { x: Pt(x), y: flip(y) }, bezier: false };
            ops.push(Op::DrawLine { line: Line { points: vec![point(*x1, *y1), point(*x2, *y2)], is_closed: false } });
        }
    }
    ops.push(Op::SetFillColor { col: Color::Greyscale(Greyscale { percent: 0.0, icc_profile: None }) });
    ops.push(Op::StartTextSection);
    let (mut font, mut size, mut spacing) = (None, f32::NAN, 0.0);
    for run in p.texts() {
        if font != Some(run.face) || size != run.size {
            ops.push(Op::SetFont { font: PdfFontHandle::External(fonts[&run.face].clone()), size: Pt(run.size) });
            (font, size) = (Some(run.face), run.size);
        }
        if run.spacing != spacing {
            ops.push(Op::SetCharacterSpacing { multiplier: run.spacing });
            spacing = run.spacing;
        }
        ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(run.x), flip(run.y)) });
        ops.push(Op::ShowText { items: vec![TextItem::Text(run.text.clone())] });
    }
    ops.push(Op::EndTextSection);
    PdfPage::new(Mm::from(Pt(crate::layout::style::PAGE_WIDTH)), Mm::from(Pt(height)), ops)
}
