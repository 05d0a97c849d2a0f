//! Pages → PDF. With `pdf_file.rs` (lopdf: bookmarks, metadata, compact file),
//! the only place printpdf and lopdf are used.
//!
//! Every face is subset to the glyphs the document uses before printpdf sees it
//! (without its `text_layout` feature printpdf would embed whole fonts: 20–60 MB),
//! and named `ABCDEF+PostScriptName` as PDF subsets are.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use printpdf::{
    Color, DictItem, FontId, Greyscale, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFont, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem,
};

use super::deflate::Pieces;
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
    info.creation_date = printpdf::OffsetDateTime::from_unix_timestamp(super::made_at().unix_timestamp())
        .unwrap_or_else(|_| printpdf::OffsetDateTime::now());
    info.modification_date = info.creation_date;
    info.metadata_date = info.creation_date;

    let mut used: BTreeMap<FaceId, BTreeSet<char>> = BTreeMap::new();
    for run in doc.pages.iter().flat_map(|p| p.texts()) {
        used.entry(run.face).or_default().extend(run.text.chars());
    }
    std::thread::scope(|scope| {
        // Each face on its own thread, the one with the most characters (the longest
        // subset, then the longest deflate) first: subset it, hand it over, then
        // deflate its font program while this thread builds the pages.
        let mut faces: Vec<(&FaceId, &BTreeSet<char>)> = used.iter().collect();
        faces.sort_by_key(|(_, chars)| std::cmp::Reverse(chars.len()));
        let threads: Vec<_> = faces
            .into_iter()
            .map(|(&face_id, chars)| {
                let (hand_over, handed) = std::sync::mpsc::channel();
                let deflating = scope.spawn(move || {
                    let subset = subset_face(fonts, face_id, chars);
                    let program = subset.as_ref().ok().map(|(_, bytes)| Arc::new(Pieces::new(vec![font_program(bytes)])));
                    let _ = hand_over.send(subset.map(|(parsed, _)| (parsed, program.clone())));
                    if let Some(program) = program {
                        program.work();
                    }
                });
                (face_id, handed, deflating)
            })
            .collect();
        // The pages need only each face's id and the characters it lacks: they are
        // built while the faces are subset.
        let embedded: BTreeMap<FaceId, Embedded> = used
            .iter()
            .map(|(&face_id, chars)| {
                let face = fonts.face(face_id);
                let lacks = chars.iter().copied().filter(|&c| !crate::fonts::is_invisible(c) && !face.has_glyph(c)).collect();
                (face_id, Embedded { id: FontId::new(), lacks })
            })
            .collect();
        let pages: Vec<PdfPage> = doc.pages.iter().map(|p| page(p, doc.height, &embedded)).collect();
        let (mut programs, mut failed) = (Vec::new(), None);
        for (face_id, handed, _) in &threads {
            match handed.recv().unwrap_or_else(|_| Err(PdfError("字体子集化出错".into()))) {
                Ok((parsed, program)) => {
                    // Moved in, not cloned as `PdfDocument::add_font` would.
                    pdf.resources.fonts.map.insert(embedded[face_id].id.clone(), PdfFont::new(parsed));
                    programs.extend(program);
                }
                Err(e) => failed = failed.or(Some(e)),
            }
        }
        if let Some(e) = failed {
            // Every thread joined: one that panicked must not take this one with it.
            threads.into_iter().for_each(|(_, _, t)| drop(t.join()));
            return Err(e);
        }
        let mut warnings = Vec::new();
        // printpdf's objects, uncompressed and unsaved: pdf_file finishes and writes them once.
        let options = PdfSaveOptions { subset_fonts: false, optimize: false, ..PdfSaveOptions::default() };
        let objects = pdf.with_pages(pages).to_lopdf_document(&options, &mut warnings);
        // This thread joins in on the font programs still being deflated.
        for program in &programs {
            program.work();
        }
        threads.into_iter().for_each(|(_, _, t)| drop(t.join()));
        let deflated: Vec<(Vec<u8>, Vec<u8>)> = programs
            .into_iter()
            .filter_map(Arc::into_inner)
            .flat_map(Pieces::finish)
            .filter_map(|(program, stream)| Some((program, stream?)))
            .collect();
        super::pdf_file::finish(objects, doc, &deflated)
    })
}

/// A face in the PDF, and the characters it is asked to draw but lacks (drawn as its
/// .notdef box, kept in the text layer by [`show_text`]).
struct Embedded {
    id: FontId,
    lacks: BTreeSet<char>,
}

/// The font program printpdf will embed for a subset: the bare CFF table of a
/// CID-keyed face (/FontFile3 /CIDFontType0C), else the whole font. Deflated
/// ahead on the face's thread; were printpdf to embed something else, the
/// stream is deflated with the others and nothing is lost but the head start.
fn font_program(subset: &[u8]) -> Vec<u8> {
    printpdf::font::extract_cid_keyed_cff(subset, 0).unwrap_or_else(|| subset.to_vec())
}

/// The face reduced to `chars`, parsed by printpdf and named `ABCDEF+PostScriptName`,
/// and the subset font's bytes.
fn subset_face(fonts: &FontSet, face_id: FaceId, chars: &BTreeSet<char>) -> Result<(ParsedFont, Vec<u8>), PdfError> {
    let face = fonts.face(face_id);
    let subset = super::font_subset::subset(face.data, face.index, chars)
        .ok_or_else(|| PdfError(format!("字体「{}」子集化出错", face.name)))?;
    let mut warnings = Vec::new();
    let mut parsed = ParsedFont::from_bytes(&subset, 0, &mut warnings)
        .ok_or_else(|| PdfError(format!("字体「{}」的子集无法解析", face.name)))?;
    parsed.font_name = Some(format!("{}+{}", super::font_subset::tag(&face.name, chars), face.name));
    Ok((parsed, subset))
}

fn page(p: &crate::layout::Page, height: f32, fonts: &BTreeMap<FaceId, Embedded>) -> PdfPage {
    let flip = |y: f32| Pt(round(height - y));
    let mut ops = Vec::new();
    // Fills first, rules over them, text on top.
    for item in &p.items {
        if let Item::Fill { x, y, w, h, gray } = item {
            ops.push(Op::SetFillColor { col: Color::Greyscale(Greyscale { percent: *gray, icc_profile: None }) });
            ops.push(Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(round(*x)),
                    y: flip(y + h),
                    width: Pt(round(*w)),
                    height: Pt(round(*h)),
                    mode: Some(PaintMode::Fill),
                    winding_order: None,
                },
            });
        }
    }
    ops.push(Op::SetOutlineColor { col: Color::Greyscale(Greyscale { percent: 0.0, icc_profile: None }) });
    let mut width = f32::NAN;
    for rule in merged_rules(&p.items) {
        if rule.width != width {
            ops.push(Op::SetOutlineThickness { pt: Pt(rule.width) });
            width = rule.width;
        }
        let point = |x: f32, y: f32| LinePoint { p: Point { x: Pt(round(x)), y: flip(y) }, bezier: false };
        ops.push(Op::DrawLine {
            line: Line { points: vec![point(rule.x1, rule.y1), point(rule.x2, rule.y2)], is_closed: false },
        });
    }
    ops.push(Op::SetFillColor { col: Color::Greyscale(Greyscale { percent: 0.0, icc_profile: None }) });
    ops.push(Op::StartTextSection);
    let (mut font, mut size, mut spacing) = (None, f32::NAN, 0.0);
    // Each run starts where the previous one did, moved by a whole number of
    // hundredths of a point (`Td`): the same place as an absolute `Tm`, but the
    // moves repeat (one line pitch, one cell) and compress far better.
    let mut at = (0_i64, 0_i64);
    for run in p.texts() {
        if font != Some(run.face) || size != run.size {
            ops.push(Op::SetFont { font: PdfFontHandle::External(fonts[&run.face].id.clone()), size: Pt(run.size) });
            (font, size) = (Some(run.face), run.size);
        }
        // Thousandths of a point: over a 28-character line the error stays under 0.02 pt.
        let run_spacing = (run.spacing * 1000.0).round() / 1000.0;
        if run_spacing != spacing {
            ops.push(Op::SetCharacterSpacing { multiplier: run_spacing });
            spacing = run_spacing;
        }
        let to = (hundredths(run.x), hundredths(height - run.y));
        let step = |from: i64, to: i64| Pt((to - from) as f32 / 100.0);
        ops.push(Op::SetTextCursor { pos: Point { x: step(at.0, to.0), y: step(at.1, to.1) } });
        at = to;
        show_text(&mut ops, &run.text, &fonts[&run.face].lacks);
    }
    ops.push(Op::EndTextSection);
    PdfPage::new(Mm::from(Pt(crate::layout::style::PAGE_WIDTH)), Mm::from(Pt(height)), ops)
}

/// A coordinate in hundredths of a point (3.5 µm): what the content streams are
/// written with; full f32 digits only made them bigger.
fn round(v: f32) -> f32 {
    hundredths(v) as f32 / 100.0
}

fn hundredths(v: f32) -> i64 {
    (v * 100.0).round() as i64
}

/// A ruled line as drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Rule {
    x1: f32,
    y1: f32,
    x2: f32,
    y2: f32,
    width: f32,
}

/// The page's rules with every cell edge drawn once: a table's cells each rule
/// their four sides, so shared edges come twice and a row's bottom edge in
/// pieces. Horizontal and vertical rules of one width that lie on one line and
/// touch or overlap become one rule; the page looks the same, the stream is smaller.
fn merged_rules(items: &[Item]) -> Vec<Rule> {
    const EPS: f32 = 0.01;
    let mut out = Vec::new();
    // (horizontal?, position across, width) → spans along.
    let mut lines: Vec<(bool, f32, f32, f32, f32)> = Vec::new();
    for item in items {
        let Item::Line { x1, y1, x2, y2, width } = *item else { continue };
        if (y1 - y2).abs() < EPS {
            lines.push((true, round(y1), width, x1.min(x2), x1.max(x2)));
        } else if (x1 - x2).abs() < EPS {
            lines.push((false, round(x1), width, y1.min(y2), y1.max(y2)));
        } else {
            out.push(Rule { x1, y1, x2, y2, width });
        }
    }
    lines.sort_by(|a, b| (a.0, a.1, a.2, a.3).partial_cmp(&(b.0, b.1, b.2, b.3)).unwrap_or(std::cmp::Ordering::Equal));
    let mut current: Option<(bool, f32, f32, f32, f32)> = None;
    let emit = |out: &mut Vec<Rule>, (horizontal, at, width, from, to): (bool, f32, f32, f32, f32)| {
        out.push(if horizontal {
            Rule { x1: from, y1: at, x2: to, y2: at, width }
        } else {
            Rule { x1: at, y1: from, x2: at, y2: to, width }
        });
    };
    for line in lines {
        match current {
            Some(ref mut c) if c.0 == line.0 && c.1 == line.1 && c.2 == line.2 && line.3 <= c.4 + EPS => c.4 = c.4.max(line.4),
            _ => {
                if let Some(c) = current.take() {
                    emit(&mut out, c);
                }
                current = Some(line);
            }
        }
    }
    if let Some(c) = current {
        emit(&mut out, c);
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    fn line(x1: f32, y1: f32, x2: f32, y2: f32) -> Item {
        Item::Line { x1, y1, x2, y2, width: 0.6 }
    }

    #[test]
    fn shared_and_adjoining_cell_edges_become_one_rule() {
        // Two cells side by side: 8 edges, the middle one twice.
        let items = [
            line(0.0, 0.0, 10.0, 0.0),
            line(0.0, 5.0, 10.0, 5.0),
            line(0.0, 0.0, 0.0, 5.0),
            line(10.0, 0.0, 10.0, 5.0),
            line(10.0, 0.0, 20.0, 0.0),
            line(10.0, 5.0, 20.0, 5.0),
            line(10.0, 0.0, 10.0, 5.0),
            line(20.0, 0.0, 20.0, 5.0),
        ];
        let rules = merged_rules(&items);
        assert_eq!(rules.len(), 5, "{rules:?}");
        assert!(rules.contains(&Rule { x1: 0.0, y1: 0.0, x2: 20.0, y2: 0.0, width: 0.6 }));
        assert!(rules.contains(&Rule { x1: 10.0, y1: 0.0, x2: 10.0, y2: 5.0, width: 0.6 }));
        // Rules with a gap between them, or of another width, stay apart.
        let apart = [
            line(0.0, 0.0, 10.0, 0.0),
            line(12.0, 0.0, 20.0, 0.0),
            Item::Line { x1: 20.0, y1: 0.0, x2: 30.0, y2: 0.0, width: 1.0 },
        ];
        assert_eq!(merged_rules(&apart).len(), 3);
    }

    #[test]
    fn the_font_program_deflated_ahead_is_the_one_printpdf_embeds() {
        // Were they to differ, every export would deflate the body face twice.
        let fonts = FontSet::bundled();
        let chars: BTreeSet<char> = "政府信息公开工作年度报告2024".chars().collect();
        for role in [crate::fonts::Role::Body, crate::fonts::Role::PageNumber] {
            let (parsed, subset) = subset_face(fonts, fonts.primary(role), &chars).unwrap();
            let mut pdf = PdfDocument::new("t");
            let id = pdf.add_font(&parsed);
            let ops = vec![
                Op::StartTextSection,
                Op::SetFont { font: PdfFontHandle::External(id), size: Pt(16.0) },
                Op::ShowText { items: vec![TextItem::Text(chars.iter().collect())] },
                Op::EndTextSection,
            ];
            let page = PdfPage::new(Mm(210.0), Mm(297.0), ops);
            let options = PdfSaveOptions { subset_fonts: false, optimize: false, ..Default::default() };
            let objects = pdf.with_pages(vec![page]).to_lopdf_document(&options, &mut Vec::new());
            let program = font_program(&subset);
            let embedded = objects.objects.values().filter_map(|o| o.as_stream().ok()).any(|s| s.content == program);
            assert!(embedded, "{role:?}");
        }
    }
}
