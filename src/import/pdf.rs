//! PDF files: the text each page shows, with its position (lopdf reads the
//! file and decodes the strings; placing them is ours).
//!
//! Each string drawn is placed by the text and graphics matrices; strings on
//! one baseline make a line, left to right, with a tab where the gap between
//! them is wider than a character (a new table cell). A table row whose label
//! wraps around numbers centred in their cells has the label's later lines
//! moved before the numbers. Page numbers at the top or bottom are dropped.
//! An encrypted PDF, and a scanned one with no text, are refused with a
//! message (no OCR is done).

use lopdf::content::Content;
use lopdf::{Document, Object};

use super::ImportError;
use super::stream::Source;
use crate::read_limits::{SizeCap, read_regular_file};

/// The largest PDF read (scans and seal images make real ones a few MB).
pub const PDF_CAP: SizeCap = SizeCap { bytes: 64 * 1024 * 1024, what: "PDF 文件" };
/// The most pages read (a report has 5 to 20).
pub const MAX_PAGES: usize = 300;
/// The largest page content or stream unpacked.
const MAX_STREAM: usize = 16 * 1024 * 1024;
/// The most drawing operations interpreted in the whole file.
const MAX_OPERATIONS: usize = 4_000_000;

/// A string drawn on a page.
#[derive(Clone, Debug)]
struct Run {
    x: f32,
    y: f32,
    end: f32,
    size: f32,
    text: String,
}

pub fn read(path: &std::path::Path) -> Result<Source, ImportError> {
    let bytes = read_regular_file(path, PDF_CAP).map_err(|e| ImportError(e.to_string()))?;
    from_bytes(&bytes)
}

pub fn from_bytes(bytes: &[u8]) -> Result<Source, ImportError> {
    if !bytes.starts_with(b"%PDF") && !bytes[..bytes.len().min(1024)].windows(4).any(|w| w == b"%PDF") {
        return Err(ImportError("文件不是 PDF（开头没有 %PDF 标记）".into()));
    }
    let options = lopdf::LoadOptions { max_decompressed_size: Some(MAX_STREAM), ..lopdf::LoadOptions::default() };
    let doc = Document::load_mem_with_options(bytes, options).map_err(|e| match e {
        lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword => encrypted(),
        _ => ImportError("PDF 文件已损坏，无法读取（文件可能不完整，或交叉引用表损坏）".into()),
    })?;
    if doc.is_encrypted() {
        return Err(encrypted());
    }
    let pages = doc.get_pages();
    if pages.len() > MAX_PAGES {
        return Err(ImportError(format!("PDF 有 {} 页，一份年报只有几页到二十几页（最多读 {MAX_PAGES} 页）", pages.len())));
    }
    let mut budget = MAX_OPERATIONS;
    let mut out = Source::default();
    let mut chars = 0;
    for (number, id) in pages {
        let runs = page_runs(&doc, id, &mut budget)?;
        chars += runs.iter().map(|r| r.text.chars().count()).sum::<usize>();
        write_page(number, runs, &mut out);
    }
    if chars < 20 {
        return Err(ImportError(
            "PDF 中没有文字（是扫描的图片）：本程序不做文字识别（OCR），请用 Word 原稿或网页导入，或手工录入".into(),
        ));
    }
    Ok(out)
}

fn encrypted() -> ImportError {
    ImportError("PDF 已加密（设置了打开密码或权限密码），无法读取其中的文字：请用未加密的 PDF、Word 原稿或网页导入".into())
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

/// The strings a page draws, in drawing order.
fn page_runs(doc: &Document, page: lopdf::ObjectId, budget: &mut usize) -> Result<Vec<Run>, ImportError> {
    let damaged = || ImportError("PDF 页面内容已损坏，无法读取".into());
    let content = doc.get_page_content_with_limit(page, MAX_STREAM).map_err(|_| damaged())?;
    let content = Content::decode(&content).map_err(|_| damaged())?;
    if content.operations.len() > *budget {
        return Err(ImportError("PDF 的绘制指令过多，不像年报，不导入".into()));
    }
    *budget -= content.operations.len();
    let fonts = doc.get_page_fonts(page).unwrap_or_default();
    let encodings: std::collections::BTreeMap<Vec<u8>, lopdf::Encoding> = fonts
        .into_iter()
        .filter_map(|(name, font)| font.get_font_encoding_with_limit(doc, MAX_STREAM).ok().map(|e| (name, e)))
        .collect();
    let mut runs = Vec::new();
    let (mut ctm, mut stack) = (IDENTITY, Vec::new());
    let (mut tm, mut tlm) = (IDENTITY, IDENTITY);
    let (mut font, mut size, mut leading, mut char_space, mut word_space, mut scale) =
        (Vec::new(), 12.0f32, 0.0f32, 0.0f32, 0.0f32, 1.0f32);
    for op in &content.operations {
        let o = &op.operands;
        match op.operator.as_str() {
            "q" if stack.len() < 64 => stack.push(ctm),
            "Q" => ctm = stack.pop().unwrap_or(IDENTITY),
            "cm" => {
                if let Some(m) = numbers::<6>(o) {
                    ctm = mul(&m, &ctm);
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
                for item in items {
                    match item {
                        Object::String(bytes, _) => {
                            let text = encoding.bytes_to_string(bytes).unwrap_or_default();
                            let m = mul(&tm, &ctm);
                            // A character's width on the page (what spacing is measured in).
                            let em = ((m[0] * m[0] + m[1] * m[1]).sqrt() * size * scale).abs().max(0.1);
                            let width: f32 = text
                                .chars()
                                .map(|c| {
                                    let glyph = if c.is_ascii() { 0.5 } else { 1.0 } * size;
                                    (glyph + char_space + if c == ' ' { word_space } else { 0.0 }) * scale
                                })
                                .sum();
                            let x = m[4];
                            let y = m[5];
                            tm = mul(&[1.0, 0.0, 0.0, 1.0, width, 0.0], &tm);
                            let end = mul(&tm, &ctm)[4];
                            if !text.trim().is_empty() {
                                runs.push(Run { x, y, end, size: em, text });
                            }
                        }
                        other => {
                            let shift = -number(other) / 1000.0 * size * scale;
                            tm = mul(&[1.0, 0.0, 0.0, 1.0, shift, 0.0], &tm);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    Ok(runs)
}

fn is_numeric(t: &str) -> bool {
    let t = t.trim();
    let t = t.strip_suffix("万元").or_else(|| t.strip_suffix('元')).unwrap_or(t);
    !t.is_empty()
        && t.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '/' | '-' | '—' | '%' | ' '))
        && t.chars().any(|c| c.is_ascii_digit() || c == '/' || c == '—')
}

/// Lines of one page, top to bottom, written with their places.
fn write_page(number: u32, mut runs: Vec<Run>, out: &mut Source) {
    if runs.is_empty() {
        return;
    }
    let (top, bottom) = runs.iter().fold((f32::MIN, f32::MAX), |(t, b), r| (t.max(r.y), b.min(r.y)));
    runs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    // Baselines within a third of a character are one line.
    let mut lines: Vec<Vec<Run>> = Vec::new();
    for r in runs {
        match lines.last_mut() {
            Some(line) if (line[0].y - r.y).abs() <= line[0].size.max(r.size) * 0.35 => line.push(r),
            _ => lines.push(vec![r]),
        }
    }
    for line in &mut lines {
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
        // Strings drawn one character at a time (WPS) become words again.
        let mut merged: Vec<Run> = Vec::with_capacity(line.len());
        for r in line.drain(..) {
            match merged.last_mut() {
                // Two numbers close together are two cells (shrunk to fit), not one.
                Some(prev)
                    if r.x - prev.end.max(prev.x) < 0.6 * r.size.max(prev.size)
                        && !(prev.text.ends_with(|c: char| c.is_ascii_digit())
                            && r.text.starts_with(|c: char| c.is_ascii_digit())
                            && r.x - prev.end.max(prev.x) > 0.12 * r.size.max(prev.size)) =>
                {
                    prev.text.push_str(&r.text);
                    prev.end = r.end.max(prev.end);
                }
                _ => merged.push(r),
            }
        }
        *line = merged;
    }
    drop_vertical_labels(&mut lines);
    lines.retain(|l| !l.is_empty());
    // Page numbers 「- 3 -」 at the top or bottom.
    let span = (top - bottom).max(1.0);
    lines.retain(|l| {
        let text: String = l.iter().map(|r| r.text.as_str()).collect();
        let bare = text.trim_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '—' | '－' | '第' | '页'));
        let edge = l[0].y <= bottom + span * 0.03 || l[0].y >= top - span * 0.03;
        !(edge && !bare.is_empty() && bare.chars().all(|c| c.is_ascii_digit()))
    });
    // A label's later lines, left of the numbers of the row they belong to:
    // only what lies in the label's own column moves (a vertical label in the
    // column further left stays where it is).
    let mut i = 0;
    while i < lines.len() {
        // The label: the run before the numbers, or the line above when the
        // numbers are alone on theirs (centred in a row of three lines).
        let first = lines[i].iter().position(|r| is_numeric(&r.text));
        let label = match first {
            Some(0) if i > 0 && !lines[i - 1].iter().any(|r| is_numeric(&r.text)) => lines[i - 1].last().cloned(),
            Some(k) if k > 0 => Some(lines[i][k - 1].clone()),
            _ => None,
        };
        if let (Some(first_number), Some(label)) = (first, label) {
            let x0 = lines[i][first_number].x;
            let label_x = label.x - label.size;
            let pitch = lines[i][0].size.max(label.size) * 1.6;
            let mut y = lines[i][first_number].y;
            let mut j = i + 1;
            while j < lines.len()
                && (y - lines[j][0].y) <= pitch
                && lines[j].iter().all(|r| r.end <= x0 + 1.0 && !is_numeric(&r.text))
                && !starts_row(&lines[j])
            {
                let (moved, kept): (Vec<Run>, Vec<Run>) = lines[j].drain(..).partition(|r| r.x >= label_x);
                if moved.is_empty() {
                    lines[j] = kept;
                    break;
                }
                y = moved[0].y;
                let at = lines[i].iter().position(|r| is_numeric(&r.text)).unwrap_or(first_number);
                for (k, r) in moved.into_iter().enumerate() {
                    lines[i].insert(at + k, r);
                }
                if kept.is_empty() {
                    lines.remove(j);
                } else {
                    lines[j] = kept;
                    j += 1;
                }
            }
        }
        i += 1;
    }
    // A group label (「（三）不予公开」) centred beside the second line of a
    // wrapped item label goes before the item, which then reads whole.
    let mut i = 1;
    while i < lines.len() {
        let first_number = lines[i].iter().position(|r| is_numeric(&r.text));
        let bracketed = |t: &str| {
            let mut c = t.chars();
            c.next() == Some('（') && c.next().is_some_and(super::labels::is_numeral) && c.next() == Some('）')
        };
        if first_number.is_some_and(|k| k >= 2)
            && bracketed(&lines[i][0].text)
            && !lines[i - 1].iter().any(|r| is_numeric(&r.text))
        {
            let group = lines[i].remove(0);
            lines.insert(i - 1, vec![group]);
            i += 1;
        }
        i += 1;
    }
    // A paragraph's lines are joined: a line that reaches the right edge of the
    // text, followed by one that starts at the left edge without an indent.
    let cells = |line: &[Run]| 1 + line.windows(2).filter(|w| w[1].x - w[0].end.max(w[0].x) > w[1].size * 0.9).count();
    let left = lines.iter().map(|l| l[0].x).fold(f32::MAX, f32::min);
    let right = lines.iter().map(|l| l[l.len() - 1].end).fold(f32::MIN, f32::max);
    let filled = fill_blank_columns(&lines);
    for (k, line) in lines.iter().enumerate() {
        let mut prev_end: Option<f32> = None;
        let table_line = cells(line) > 1 || line.iter().any(|r| is_numeric(&r.text));
        for r in &filled[k] {
            let Some(r) = r else {
                out.text.push('\t');
                continue;
            };
            if let Some(end) = prev_end {
                let gap = r.x - end;
                if gap > r.size * 0.9 {
                    out.text.push('\t');
                } else if gap > r.size * 0.2 && r.text.starts_with(|c: char| c.is_ascii_alphanumeric()) {
                    out.text.push(' ');
                }
            } else if table_line {
                out.text.push('\t');
            }
            out.text.push_str(&r.text.replace(['\n', '\r', '\t'], " "));
            prev_end = Some(r.end.max(r.x));
        }
        let em = line[0].size;
        let wrapped = !table_line
            && line[line.len() - 1].end >= right - 1.5 * em
            && lines.get(k + 1).is_some_and(|next| {
                cells(next) == 1 && !next.iter().any(|r| is_numeric(&r.text)) && next[0].x <= left + 0.5 * em
            });
        if !wrapped {
            out.text.push('\n');
            out.places.push(format!("第 {number} 页第 {} 行", k + 1));
        }
    }
    if !out.text.ends_with('\n') {
        out.text.push('\n');
        out.places.push(format!("第 {number} 页末行"));
    }
}

/// Drops a label written vertically, one character a line (「三、本年度办理结果」
/// beside the result rows of 表三): single characters stacked at one x.
fn drop_vertical_labels(lines: &mut [Vec<Run>]) {
    let single = |r: &Run| r.text.chars().count() == 1 && !r.text.chars().all(|c| c.is_ascii_digit());
    let mut columns: std::collections::HashMap<i32, usize> = std::collections::HashMap::new();
    for r in lines.iter().flatten().filter(|r| single(r)) {
        *columns.entry((r.x / 2.0).round() as i32).or_default() += 1;
    }
    for line in lines.iter_mut() {
        line.retain(|r| !(single(r) && columns.get(&((r.x / 2.0).round() as i32)).is_some_and(|n| *n >= 4)));
    }
}

/// Blank cells print nothing: a row of numbers with fewer than the rows
/// around it gets an empty cell wherever a column of theirs has no number of its.
fn fill_blank_columns(lines: &[Vec<Run>]) -> Vec<Vec<Option<Run>>> {
    let numbers = |l: &[Run]| l.iter().filter(|r| is_numeric(&r.text)).cloned().collect::<Vec<_>>();
    let mut out = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        let mine = numbers(line);
        let first = line.iter().position(|r| is_numeric(&r.text)).unwrap_or(line.len());
        let mut cells: Vec<Option<Run>> = line[..first].iter().cloned().map(Some).collect();
        // Only a row whose numbers end it is aligned to its neighbours' columns.
        if mine.len() != line.len() - first {
            out.push(line.iter().cloned().map(Some).collect());
            continue;
        }
        if !mine.is_empty() {
            // Under one column: the two numbers share their centre (cells centre
            // their numbers in the official tables). Each number must fit exactly
            // one column; anything else is left as it is (and read as unsure).
            let same_column = |a: &Run, b: &Run| ((a.x + a.end) / 2.0 - (b.x + b.end) / 2.0).abs() < a.size.max(b.size) * 0.8;
            let fits = |reference: &[Run]| mine.iter().all(|m| reference.iter().filter(|r| same_column(r, m)).count() == 1);
            // The fullest row nearby: its own blank cells must not hide a column.
            let reference = (1..30)
                .flat_map(|d| [i.checked_sub(d), Some(i + d)])
                .flatten()
                .filter_map(|k| lines.get(k))
                .map(|l| numbers(l))
                .filter(|r| r.len() > mine.len() && r.len() <= 20 && fits(r))
                .max_by_key(|r| r.len());
            match reference {
                Some(reference) => {
                    // Each number under one column, left to right; all placed or none.
                    let mut used = vec![false; mine.len()];
                    let mut aligned = Vec::with_capacity(reference.len());
                    for r in &reference {
                        let m = (0..mine.len()).find(|&k| !used[k] && same_column(r, &mine[k]));
                        if let Some(k) = m {
                            used[k] = true;
                        }
                        aligned.push(m.map(|k| mine[k].clone()));
                    }
                    if used.iter().all(|u| *u) {
                        cells.extend(aligned);
                    } else {
                        cells.extend(mine.into_iter().map(Some));
                    }
                }
                None => cells.extend(mine.into_iter().map(Some)),
            }
        }
        out.push(cells);
    }
    out
}

/// A line that begins a new row or heading (「2.」「（三）」「四、」), not a label's continuation.
fn starts_row(line: &[Run]) -> bool {
    let t: String = line.iter().map(|r| r.text.as_str()).collect::<String>();
    let t = t.trim_start();
    let mut c = t.chars();
    match c.next() {
        Some('（' | '(') => c.next().is_some_and(super::labels::is_numeral),
        Some(d) if d.is_ascii_digit() || super::labels::is_numeral(d) => matches!(c.next(), Some('.' | '．' | '、')),
        // A caption of table 二 is a row of its own.
        Some('第') => t.starts_with("第二十条"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_a_pdf_or_broken() {
        assert!(from_bytes(b"hello").unwrap_err().0.contains("不是 PDF"));
        assert!(from_bytes(b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF").unwrap_err().0.contains("损坏"));
    }
}
