//! A page's content stream interpreted: the strings it draws, placed by the
//! text and graphics matrices (text that paints nothing visible skipped), and
//! the straight rules it strokes or fills.

use lopdf::{Document, Object};

use super::fonts::Font;
use super::torn;
use super::{ImportError, MAX_OPERATIONS, MAX_PAGE_OPERATIONS, MAX_STREAM, Rule, Run, ops, too_many_operations};

/// How text is painted: its rendering mode (`Tr`) and whether the fill and
/// stroke colours are white. Text that paints nothing (mode 3, as OCR layers
/// use, or 7) or paints only white is not shown on the page, so not read.
#[derive(Clone, Copy, Debug, Default)]
struct Paint {
    mode: i32,
    fill_white: bool,
    stroke_white: bool,
}

impl Paint {
    fn visible(&self) -> bool {
        match self.mode {
            0 | 4 => !self.fill_white,
            1 | 5 => !self.stroke_white,
            2 | 6 => !(self.fill_white && self.stroke_white),
            _ => false,
        }
    }
}

/// Whether a colour's operands are white: gray 1, RGB 1 1 1, or CMYK 0 0 0 0
/// (a pattern or named colour is taken as not white).
fn white(o: &[Object]) -> bool {
    let v: Vec<f32> = o.iter().take_while(|x| !matches!(x, Object::Name(_))).map(number).collect();
    if o.iter().any(|x| matches!(x, Object::Name(_))) {
        return false;
    }
    match v.len() {
        1 | 3 => v.iter().all(|&c| c >= 0.99),
        4 => v.iter().all(|&c| c <= 0.01),
        _ => false,
    }
}

type Matrix = [f32; 6];

fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn number(o: &Object) -> f32 {
    match o {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        _ => 0.0,
    }
}

fn numbers<const N: usize>(ops: &[Object]) -> Option<[f32; N]> {
    (ops.len() >= N).then(|| std::array::from_fn(|i| number(&ops[i])))
}

/// The most rules kept on a page (a page of tables has a few hundred).
const MAX_RULES: usize = 20_000;

/// The path being built: its straight segments in page space, and where the pen is.
#[derive(Default)]
struct Path {
    segments: Vec<([f32; 2], [f32; 2])>,
    /// Thin rectangles (drawn filled, a rule as Word and WPS often draw one).
    thin: Vec<([f32; 2], [f32; 2])>,
    at: Option<[f32; 2]>,
    start: Option<[f32; 2]>,
}

impl Path {
    /// The vertical and horizontal ones of `segments` as rules.
    fn rules(segments: &[([f32; 2], [f32; 2])], rules: &mut Vec<Rule>) {
        for (a, b) in segments {
            if rules.len() >= MAX_RULES {
                return;
            }
            for (vertical, across, along) in [(true, 0, 1), (false, 1, 0)] {
                if (a[across] - b[across]).abs() < 0.5 && (a[along] - b[along]).abs() > 1.0 {
                    let (at, from, to) = ((a[across] + b[across]) / 2.0, a[along].min(b[along]), a[along].max(b[along]));
                    rules.push(Rule { vertical, at, from, to });
                }
            }
        }
    }
}

fn apply(m: &Matrix, x: f32, y: f32) -> [f32; 2] {
    [x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]]
}

/// What a page draws: its strings in drawing order, its rules, and how many
/// characters were drawn in fonts that do not say which characters they are.
pub(super) struct Drawn {
    pub runs: Vec<Run>,
    pub rules: Vec<Rule>,
    pub unmapped: usize,
}

/// The strings a page draws, in drawing order, and its rules.
pub(super) fn page_runs(doc: &Document, page: lopdf::ObjectId, budget: &mut usize) -> Result<Drawn, ImportError> {
    let damaged = || ImportError("PDF 页面内容已损坏，无法读取".into());
    let content = doc.get_page_content_with_limit(page, MAX_STREAM).map_err(|e| match e {
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => {
            too_many_operations(&format!("一页的内容解压后超过 {} MB", MAX_STREAM / 1024 / 1024))
        }
        _ => damaged(),
    })?;
    // Counted before any is decoded, then decoded a chunk at a time (`ops`).
    let split = ops::split(&content);
    if split.count > MAX_PAGE_OPERATIONS {
        return Err(too_many_operations(&format!("一页有 {} 条，最多 {MAX_PAGE_OPERATIONS} 条", split.count)));
    }
    if split.count > *budget {
        return Err(too_many_operations(&format!("全文件超过 {MAX_OPERATIONS} 条")));
    }
    *budget -= split.count;
    let mut operations = ops::Operations::new(&content, split);
    let fonts = doc.get_page_fonts(page).unwrap_or_default();
    let encodings: std::collections::BTreeMap<Vec<u8>, Font> =
        fonts.into_iter().map(|(name, font)| (name, Font::new(doc, font))).collect();
    let (mut runs, mut unmapped) = (Vec::new(), 0);
    let (mut rules, mut path) = (Vec::new(), Path::default());
    let (mut ctm, mut stack) = (IDENTITY, Vec::new());
    // What the text is painted with (saved and restored with the matrix).
    let mut paint = Paint::default();
    let (mut tm, mut tlm) = (IDENTITY, IDENTITY);
    // Open marked-content sequences: the text one says it is (/ActualText) and
    // the first string drawn inside it.
    let mut marked: Vec<Option<(String, usize)>> = Vec::new();
    let (mut font, mut size, mut leading, mut char_space, mut word_space, mut scale) =
        (Vec::new(), 12.0f32, 0.0f32, 0.0f32, 0.0f32, 1.0f32);
    for op in operations.by_ref() {
        let o = &op.operands;
        match op.operator.as_str() {
            "q" if stack.len() < 64 => stack.push((ctm, paint)),
            "Q" => (ctm, paint) = stack.pop().unwrap_or((IDENTITY, Paint::default())),
            "Tr" => paint.mode = o.first().map_or(0.0, number) as i32,
            "g" | "rg" | "k" | "sc" | "scn" | "cs" => paint.fill_white = op.operator != "cs" && white(o),
            "G" | "RG" | "K" | "SC" | "SCN" | "CS" => paint.stroke_white = op.operator != "CS" && white(o),
            "cm" => {
                if let Some(m) = numbers::<6>(o) {
                    ctm = mul(&m, &ctm);
                }
            }
            "m" => {
                if let Some([x, y]) = numbers::<2>(o) {
                    let p = apply(&ctm, x, y);
                    (path.at, path.start) = (Some(p), Some(p));
                }
            }
            "l" => {
                if let (Some([x, y]), Some(from)) = (numbers::<2>(o), path.at) {
                    let p = apply(&ctm, x, y);
                    if path.segments.len() < MAX_RULES {
                        path.segments.push((from, p));
                    }
                    path.at = Some(p);
                }
            }
            "c" | "v" | "y" => {
                path.at = o.len().checked_sub(2).and_then(|k| numbers::<2>(&o[k..])).map(|[x, y]| apply(&ctm, x, y))
            }
            "h" => {
                if let (Some(from), Some(to)) = (path.at, path.start)
                    && path.segments.len() < MAX_RULES
                {
                    path.segments.push((from, to));
                    path.at = Some(to);
                }
            }
            "re" => {
                if let Some([x, y, w, h]) = numbers::<4>(o) {
                    let corners = [apply(&ctm, x, y), apply(&ctm, x + w, y), apply(&ctm, x + w, y + h), apply(&ctm, x, y + h)];
                    let (left, right) = (corners[0][0].min(corners[2][0]), corners[0][0].max(corners[2][0]));
                    let (bottom, top) = (corners[0][1].min(corners[2][1]), corners[0][1].max(corners[2][1]));
                    if path.thin.len() < MAX_RULES {
                        let (mid_x, mid_y) = ((left + right) / 2.0, (bottom + top) / 2.0);
                        if right - left <= 2.5 && top - bottom > right - left {
                            path.thin.push(([mid_x, bottom], [mid_x, top]));
                        } else if top - bottom <= 2.5 && right - left > top - bottom {
                            path.thin.push(([left, mid_y], [right, mid_y]));
                        }
                    }
                    if path.segments.len() < MAX_RULES {
                        path.segments.extend((0..4).map(|k| (corners[k], corners[(k + 1) % 4])));
                    }
                    (path.at, path.start) = (Some(corners[0]), Some(corners[0]));
                }
            }
            // Stroked: every segment is drawn; filled only: a thin rectangle is a rule.
            "S" | "s" | "B" | "B*" | "b" | "b*" | "f" | "F" | "f*" | "n" => {
                let path = std::mem::take(&mut path);
                if matches!(op.operator.as_str(), "S" | "s" | "B" | "B*" | "b" | "b*") {
                    Path::rules(&path.segments, &mut rules);
                } else if op.operator != "n" {
                    Path::rules(&path.thin, &mut rules);
                }
            }
            "BMC" => marked.push(None),
            "BDC" => marked.push(actual_text(o).map(|t| (t, runs.len()))),
            "EMC" => {
                if let Some(Some((text, first))) = marked.pop() {
                    replace_by_actual_text(&mut runs, first, text);
                }
            }
            "BT" => (tm, tlm) = (IDENTITY, IDENTITY),
            "Tf" => {
                font = o.first().and_then(|n| n.as_name().ok()).map(<[u8]>::to_vec).unwrap_or_default();
                size = o.get(1).map_or(size, number);
            }
            "TL" => leading = o.first().map_or(0.0, number),
            "Tc" => char_space = o.first().map_or(0.0, number),
            "Tw" => word_space = o.first().map_or(0.0, number),
            "Tz" => scale = o.first().map_or(100.0, number) / 100.0,
            "Td" | "TD" => {
                if let Some([tx, ty]) = numbers::<2>(o) {
                    if op.operator == "TD" {
                        leading = -ty;
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &tlm);
                    tm = tlm;
                }
            }
            "Tm" => {
                if let Some(m) = numbers::<6>(o) {
                    (tm, tlm) = (m, m);
                }
            }
            "T*" => {
                tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -leading], &tlm);
                tm = tlm;
            }
            "Tj" | "'" | "\"" | "TJ" => {
                if op.operator != "Tj" && op.operator != "TJ" {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -leading], &tlm);
                    tm = tlm;
                }
                let Some(encoding) = encodings.get(&font) else { continue };
                let items: Vec<&Object> = match o.last() {
                    Some(Object::Array(a)) if op.operator == "TJ" => a.iter().collect(),
                    Some(s) => vec![s],
                    None => continue,
                };
                // This operation's strings, and the shift (in thousandths of a
                // character) before each: a number's digits pulled apart are told.
                let (first_run, mut shift_before) = (runs.len(), Vec::new());
                let mut pending = 0.0;
                for item in items {
                    match item {
                        Object::String(bytes, _) => {
                            let mut missed = 0;
                            let text = encoding.decode(bytes, &mut missed);
                            if paint.visible() {
                                unmapped += missed;
                            }
                            let m = mul(&tm, &ctm);
                            // A character's width on the page (what spacing is measured in).
                            let em = ((m[0] * m[0] + m[1] * m[1]).sqrt() * size * scale).abs().max(0.1);
                            // The glyphs' widths as the font states them, else half a
                            // character for ASCII and a whole one for the rest.
                            let width: f32 = match encoding.advance(bytes) {
                                Some((sum, glyphs, spaces)) => {
                                    (sum / 1000.0 * size + glyphs as f32 * char_space + spaces as f32 * word_space) * scale
                                }
                                None => text
                                    .chars()
                                    .map(|c| {
                                        let glyph = if c.is_ascii() { 0.5 } else { 1.0 } * size;
                                        (glyph + char_space + if c == ' ' { word_space } else { 0.0 }) * scale
                                    })
                                    .sum(),
                            };
                            let x = m[4];
                            let y = m[5];
                            tm = mul(&[1.0, 0.0, 0.0, 1.0, width, 0.0], &tm);
                            let end = mul(&tm, &ctm)[4];
                            if !text.trim().is_empty() && paint.visible() {
                                runs.push(Run { x, y, end, size: em, text });
                                shift_before.push(std::mem::take(&mut pending));
                            } else if !text.is_empty() && text.trim().is_empty() {
                                // A space drawn: what comes next is another word.
                                pending = torn::SPACED;
                            }
                        }
                        other => {
                            pending += number(other);
                            let shift = -number(other) / 1000.0 * size * scale;
                            tm = mul(&[1.0, 0.0, 0.0, 1.0, shift, 0.0], &tm);
                        }
                    }
                }
                torn::join(&mut runs, first_run, &shift_before);
            }
            _ => {}
        }
    }
    if operations.broken {
        return Err(damaged());
    }
    Ok(Drawn { runs, rules, unmapped })
}

/// The /ActualText a marked-content sequence's properties give (written
/// inline), when it says something.
fn actual_text(operands: &[Object]) -> Option<String> {
    let text = operands.get(1)?.as_dict().ok()?.get(b"ActualText").ok()?;
    let text = lopdf::decode_text_string(text).ok()?;
    let text = text.trim_start_matches('\u{FEFF}');
    (!text.trim().is_empty()).then(|| text.to_string())
}

/// The strings drawn inside a marked-content sequence with an /ActualText
/// (from `first` on) read as that text: what the document says its glyphs
/// are overrides their font's mapping (Chromium draws 「户」 with a glyph its
/// font maps to the radical 「⼾」 and says 「户」 this way). Only when they
/// stand on one baseline; nothing visible drawn, nothing read.
fn replace_by_actual_text(runs: &mut Vec<Run>, first: usize, text: String) {
    let Some(head) = runs.get(first) else { return };
    if runs[first..].iter().any(|r| (r.y - head.y).abs() > 0.35 * r.size.max(head.size)) {
        return;
    }
    let (x, end) = runs[first..].iter().fold((f32::MAX, f32::MIN), |(x, e), r| (x.min(r.x), e.max(r.end)));
    let (y, size) = (head.y, head.size);
    runs.truncate(first);
    runs.push(Run { x, y, end, size, text });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::pdf::from_bytes;

    /// A one-page PDF drawing `content` (font /F1 is Helvetica).
    pub(super) fn one_page(content: &str) -> Vec<u8> {
        use crate::import::pdf::test_pdf;
        let mut doc = Document::with_version("1.4");
        test_pdf::one_page(&mut doc, test_pdf::helvetica(), content.as_bytes());
        test_pdf::saved(doc)
    }

    #[test]
    fn marked_content_with_actual_text_reads_as_that_text() {
        // The glyph's own mapping says 「D」; the span says 「户」 (U+6237). A
        // span without ActualText, or around nothing drawn, changes nothing.
        let content = "BT /F1 12 Tf 50 700 Td (The county office portal ) Tj /Span <</ActualText <FEFF6237>>> BDC (D) Tj EMC \
            /Span <</Lang (en)>> BDC (site) Tj EMC /P <</ActualText <FEFF0039>>> BDC EMC ( 2024) Tj ET";
        let text = from_bytes(&one_page(content)).unwrap().text;
        assert!(text.contains("The county office portal 户site 2024"), "{text}");
        assert!(!text.contains('D') && !text.contains('9'), "{text}");
    }

    #[test]
    fn digits_apart_by_a_drawn_space_read_as_drawn() {
        // LibreOffice justifying 「0571-8888 6000」: the space drawn, widened by -951 on each side.
        let content = "BT /F1 12 Tf 50 720 Td (Annual report of the county office) Tj ET \
            BT /F1 12 Tf 50 700 Td [(0571-888) (8) -951 ( ) -951 (6) (000)] TJ ET";
        let text = from_bytes(&one_page(content)).unwrap().text;
        assert!(text.contains("0571-8888") && text.contains("6000"), "{text:?}");
        assert!(!text.contains(crate::import::stream::UNSURE_CELL), "{text:?}");
    }

    #[test]
    fn text_that_paints_nothing_or_only_white_is_not_read() {
        let content = "BT /F1 12 Tf 50 700 Td (Annual report of the county office) Tj ET \
            BT /F1 12 Tf 50 650 Td 3 Tr (OCRLAYER) Tj ET \
            q 1 1 1 rg BT /F1 12 Tf 50 600 Td (WHITEFILL) Tj ET Q \
            q 0 0 0 0 k BT /F1 12 Tf 50 580 Td (WHITECMYK) Tj ET Q \
            q 1 G 1 Tr BT /F1 12 Tf 50 560 Td (WHITESTROKE) Tj ET Q \
            BT /F1 12 Tf 50 550 Td 7 Tr (CLIPONLY) Tj 0 Tr 0 -20 Td (Shown again) Tj ET \
            0.2 g BT /F1 12 Tf 50 500 Td (Gray text) Tj ET";
        let text = from_bytes(&one_page(content)).unwrap().text;
        assert!(text.contains("Annual report") && text.contains("Shown again") && text.contains("Gray text"), "{text}");
        for hidden in ["OCRLAYER", "WHITEFILL", "WHITECMYK", "WHITESTROKE", "CLIPONLY"] {
            assert!(!text.contains(hidden), "{hidden} read: {text}");
        }
    }
}
