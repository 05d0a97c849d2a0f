//! Pages → PDF. The only place printpdf (and lopdf, for the outline) is used.
//!
//! Every face is subset to the glyphs the document uses before printpdf sees it
//! (without its `text_layout` feature printpdf would embed whole fonts: 20–60 MB),
//! and named `ABCDEF+PostScriptName` as PDF subsets are.

use std::collections::{BTreeMap, BTreeSet};

use printpdf::{
    Color, DictItem, FontId, Greyscale, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage,
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
    add_outline(&bytes, doc)
}

/// A face in the PDF, and the characters it is asked to draw but lacks (drawn as its
/// .notdef box, kept in the text layer by [`show_text`]).
struct Embedded {
    id: FontId,
    lacks: BTreeSet<char>,
}

/// Subsets and embeds every face the document uses.
fn embed_fonts(pdf: &mut PdfDocument, doc: &Document, fonts: &FontSet) -> Result<BTreeMap<FaceId, Embedded>, PdfError> {
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
        let lacks = chars.iter().copied().filter(|&c| !crate::fonts::is_invisible(c) && !face.has_glyph(c)).collect();
        ids.insert(face_id, Embedded { id: pdf.add_font(&parsed), lacks });
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

fn page(p: &crate::layout::Page, height: f32, fonts: &BTreeMap<FaceId, Embedded>) -> PdfPage {
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
            ops.push(Op::SetFont { font: PdfFontHandle::External(fonts[&run.face].id.clone()), size: Pt(run.size) });
            (font, size) = (Some(run.face), run.size);
        }
        if run.spacing != spacing {
            ops.push(Op::SetCharacterSpacing { multiplier: run.spacing });
            spacing = run.spacing;
        }
        ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(run.x), flip(run.y)) });
        show_text(&mut ops, &run.text, &fonts[&run.face].lacks);
    }
    ops.push(Op::EndTextSection);
    PdfPage::new(Mm::from(Pt(crate::layout::style::PAGE_WIDTH)), Mm::from(Pt(height)), ops)
}

/// Shows `text`. A character the face lacks prints as the face's .notdef box; its glyph
/// has no ToUnicode entry, so the box is wrapped in an /ActualText span (ISO 32000-1
/// §14.9.4): copying and searching the PDF still find the character.
fn show_text(ops: &mut Vec<Op>, text: &str, lacks: &BTreeSet<char>) {
    let show = |s: &str| Op::ShowText { items: vec![TextItem::Text(s.to_string())] };
    let mut plain = String::new();
    for c in text.chars() {
        if !lacks.contains(&c) {
            plain.push(c);
            continue;
        }
        if !plain.is_empty() {
            ops.push(show(&plain));
            plain.clear();
        }
        let utf16: Vec<u8> =
            [0xFE, 0xFF].into_iter().chain(c.encode_utf16(&mut [0; 2]).iter().flat_map(|u| u.to_be_bytes())).collect();
        let properties =
            DictItem::Dict { map: [("ActualText".to_string(), DictItem::String { data: utf16, literal: false })].into() };
        ops.push(Op::BeginMarkedContentWithProperties { tag: "Span".into(), properties });
        ops.push(show(&c.to_string()));
        ops.push(Op::EndMarkedContentWithProperties);
    }
    if !plain.is_empty() {
        ops.push(show(&plain));
    }
}

/// Adds the bookmarks (one per part, in reading order) with lopdf; printpdf's own
/// would sort headings on the same page by name.
fn add_outline(bytes: &[u8], doc: &Document) -> Result<Vec<u8>, PdfError> {
    use lopdf::{Dictionary, Object, StringFormat};
    if doc.outline.is_empty() {
        return Ok(bytes.to_vec());
    }
    let mut pdf = lopdf::Document::load_mem(bytes).map_err(|_| PdfError("添加书签时出错".into()))?;
    let pages = pdf.get_pages();
    let root = pdf.new_object_id();
    let ids: Vec<lopdf::ObjectId> = doc.outline.iter().map(|_| pdf.new_object_id()).collect();
    for (i, entry) in doc.outline.iter().enumerate() {
        let page = pages.get(&(entry.page as u32 + 1)).copied().ok_or_else(|| PdfError("书签指向不存在的页".into()))?;
        let title: Vec<u8> = [0xFE, 0xFF].into_iter().chain(entry.title.encode_utf16().flat_map(u16::to_be_bytes)).collect();
        let mut item = Dictionary::new();
        item.set("Title", Object::String(title, StringFormat::Hexadecimal));
        item.set("Parent", root);
        item.set("Dest", vec![page.into(), "XYZ".into(), Object::Null, Object::Null, Object::Null]);
        if i > 0 {
            item.set("Prev", ids[i - 1]);
        }
        if i + 1 < ids.len() {
            item.set("Next", ids[i + 1]);
        }
        pdf.objects.insert(ids[i], Object::Dictionary(item));
    }
    let mut outlines = Dictionary::new();
    outlines.set("Type", "Outlines");
    outlines.set("First", ids[0]);
    outlines.set("Last", ids[ids.len() - 1]);
    outlines.set("Count", ids.len() as i64);
    pdf.objects.insert(root, Object::Dictionary(outlines));
    let catalog = pdf.catalog_mut().map_err(|_| PdfError("添加书签时出错".into()))?;
    catalog.set("Outlines", root);
    catalog.set("PageMode", "UseOutlines");
    let mut out = Vec::with_capacity(bytes.len() + 1024);
    pdf.save_to(&mut out).map_err(|_| PdfError("写出 PDF 内容时出错".into()))?;
    Ok(out)
}
