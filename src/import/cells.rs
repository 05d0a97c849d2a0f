//! The numbers of one table row: what follows a row label up to the next label.
//!
//! A row's text is cut into tokens where the source separated them (a cell, a
//! space, a line). When there are as many tokens as cells, each cell is read as
//! it stands. With fewer tokens (blank cells not written, or digits run
//! together: a crawler's `230 000023` for seven cells), the row is not split
//! with the table's own sums: every reading is considered (each number whole
//! or cut into numbers without leading zeros, a blank cell anywhere), a cell
//! that reads the same in all of them is taken, and every other cell is left
//! unread with its possible readings.

mod fewer;
mod stray;
mod tokens;
mod wrapped;

use super::stream::Ch;
use crate::model::Decimal;
use crate::model::template::CellKind;
use fewer::{missing_cells, split};
pub use stray::numbers as stray_numbers;
use tokens::{Kind, MAX_DIGITS, Token, odd_readings, tokens};

/// One cell as read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CellRead {
    pub value: Option<Decimal>,
    /// Why it could not be read, and its possible readings.
    pub unread: Option<(String, Vec<String>)>,
    /// A remark for review that does not make the cell unread.
    pub note: Option<String>,
    /// The source text of the cell (or of the whole row when digits ran together).
    pub raw: String,
    pub line: u32,
    pub col: u32,
}

/// The row's cells, the unit printed after a number (元, 万元) and notes.
#[derive(Clone, Debug, Default)]
pub struct RowRead {
    pub cells: Vec<CellRead>,
    pub unit: Option<String>,
    /// Where the row's numbers end in the stream.
    pub end: usize,
}

/// Where a run of `n` cells' numbers starting at `from` ends (notes beside a
/// number, 「9（注1）」「9 备注」, are part of it) and its weight: digits of
/// numbers, one for each other cell.
pub fn number_run(s: &[Ch], from: usize, to: usize, n: usize) -> (usize, usize) {
    let (tokens, _, (_, end), _) = tokens(s, from, to.min(s.len()), n);
    let weight = tokens
        .iter()
        .map(|t| if t.kind == Kind::Number { t.text.chars().filter(char::is_ascii_digit).count().max(1) } else { 1 })
        .sum();
    (end, weight)
}

/// Reads the row's numbers from `s[from..to]`; `kinds` is what each cell holds.
pub fn read_row(s: &[Ch], from: usize, to: usize, kinds: &[CellKind]) -> RowRead {
    read_labelled_row(s, from, from, to, kinds)
}

/// Reads the row whose label is `s[label..from]`: numbers inside the label or
/// after the row's numbers and some text (before `to`) make a row whose numbers
/// are not cells of the source unread ([`stray`]).
pub fn read_labelled_row(s: &[Ch], label: usize, from: usize, to: usize, kinds: &[CellKind]) -> RowRead {
    let (tokens, unit, (notes_end, end), notes) = tokens(s, from, to.min(s.len()), kinds.len());
    // Where the row's label ends: the place of a row with no numbers.
    let at = s.get(from.saturating_sub(1)).map_or((0, 0), |c| (c.line, c.col));
    let cells_of_source = tokens.iter().any(|t| t.whole) && tokens.iter().all(|t| t.whole);
    let wrapped = wrapped::pieces(&tokens, s, label.min(from));
    let mut row = place(tokens, kinds, at);
    if let Some(pieces) = wrapped {
        wrapped::unsure(&mut row, &pieces, at);
    } else if !cells_of_source {
        stray::check(&mut row, s, (label.min(from), notes_end), (end, to), at);
    }
    for c in &mut row.cells {
        offer_numbers_found(c);
    }
    // 「10元」 in a row of counts (件): a number of another kind, read but listed.
    if let Some(u) = unit.as_deref().filter(|_| !kinds.contains(&CellKind::Amount))
        && let Some(c) = row.cells.iter_mut().find(|c| c.value.is_some() && c.note.is_none())
    {
        c.note = Some(format!("这一行的数字后写有「{u}」，而这一行是件数，请核对"));
    }
    row.unit = unit;
    row.end = end;
    for note in &notes {
        for c in &mut row.cells {
            if c.note.is_none() && c.raw.contains(note.as_str()) {
                c.note = Some(format!("单元格中的说明「{note}」未读入"));
            }
        }
    }
    row
}

fn place(mut tokens: Vec<Token>, kinds: &[CellKind], at: (u32, u32)) -> RowRead {
    let n = kinds.len();
    // Empty cells of merged labels around the numbers (a spreadsheet's text).
    while tokens.len() > n && tokens.last().is_some_and(|t| t.kind == Kind::Empty) {
        tokens.pop();
    }
    while tokens.len() > n && tokens.first().is_some_and(|t| t.kind == Kind::Empty) {
        tokens.remove(0);
    }
    let (line, col) = tokens.first().map_or(at, |t| (t.line, t.col));
    let all_raw = tokens.iter().map(|t| t.raw.as_str()).filter(|r| !r.is_empty()).collect::<Vec<_>>().join(" ");
    let unread_all = |why: String, raw: &str| RowRead {
        cells: (0..n)
            .map(|_| CellRead { unread: Some((why.clone(), Vec::new())), raw: raw.to_string(), line, col, ..CellRead::default() })
            .collect(),
        ..RowRead::default()
    };
    if tokens.len() == n {
        let cells = tokens.iter().zip(kinds).map(|(t, k)| single(t, *k)).collect();
        return RowRead { cells, ..RowRead::default() };
    }
    // Cells of the source, as many as columns: each read alone, an odd one
    // (「2 1」 in one cell) unread by itself.
    if tokens.first().is_some_and(|t| t.whole) {
        let mut cells: Vec<Vec<&Token>> = Vec::new();
        for t in &tokens {
            match cells.last_mut() {
                Some(cell) if !t.whole => cell.push(t),
                _ => cells.push(vec![t]),
            }
        }
        if cells.len() == n {
            let cells = cells.iter().zip(kinds).map(|(c, k)| if c.len() == 1 { single(c[0], *k) } else { several(c) }).collect();
            return RowRead { cells, ..RowRead::default() };
        }
    }
    if tokens.is_empty() {
        return unread_all("这一行没有读到数字".into(), "");
    }
    if tokens.len() > n {
        return unread_all(format!("这一行读到 {} 项，表格应为 {n} 项，无法确定各项属于哪一列", tokens.len()), &all_raw);
    }
    if tokens.iter().all(|t| t.whole) {
        return missing_cells(&tokens, n, &all_raw);
    }
    split(&tokens, kinds, &all_raw)
}

/// The most readings offered from the numbers of a cell's source.
const MAX_FOUND: usize = 12;

/// An unread cell with no reading of its own (a row with more numbers than
/// cells, 「1e2」, digits too long to cut) offers the numbers of its source
/// text (the cell's, or the row's when the row could not be cut into cells):
/// the right one is among them, for the reviewer to pick.
fn offer_numbers_found(cell: &mut CellRead) {
    let Some((why, readings)) = &mut cell.unread else { return };
    if !readings.is_empty() {
        return;
    }
    let text: String = cell.raw.chars().map(super::stream::normalize).collect();
    for n in signed_numbers(&text) {
        let n = n.as_str();
        if !n.is_empty() && n.len() <= MAX_DIGITS && !readings.iter().any(|r| r == n) && readings.len() < MAX_FOUND {
            readings.push(n.to_string());
        }
    }
    if !readings.is_empty() {
        why.push_str(&format!("；可选的读法是原文「{}」中的数字", cell.raw));
    }
}

/// The numbers in `text`, a minus sign kept where it stands right before
/// one and after no digit (「6 -2」: -2; 「2-3」: 2 and 3).
fn signed_numbers(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
            i += 1;
        }
        let n: String = chars[start..i].iter().collect();
        let signed = start > 0 && chars[start - 1] == '-' && (start < 2 || !chars[start - 2].is_ascii_digit());
        out.push(format!("{}{}", if signed { "-" } else { "" }, n.trim_end_matches('.')));
    }
    out
}

/// One cell of the source holding several numbers: unread, each a reading.
fn several(tokens: &[&Token]) -> CellRead {
    let raw = tokens.iter().map(|t| t.raw.as_str()).collect::<Vec<_>>().join(" ");
    let mut readings: Vec<String> = tokens.iter().filter(|t| t.kind == Kind::Number).map(|t| t.text.clone()).collect();
    // 「1 234」: a thousands separator, or two numbers.
    if readings.len() == tokens.len() && readings.iter().all(|r| r.chars().all(|c| c.is_ascii_digit())) {
        readings.push(readings.concat());
    }
    let why = format!("一个单元格中有「{raw}」，不是一个数");
    CellRead { unread: Some((why, readings)), raw, line: tokens[0].line, col: tokens[0].col, ..CellRead::default() }
}

fn single(t: &Token, kind: CellKind) -> CellRead {
    let mut cell = CellRead { raw: t.raw.clone(), line: t.line, col: t.col, ..CellRead::default() };
    match t.kind {
        Kind::Empty | Kind::Blank => {}
        // A cell an export printed as still unread (nianbao's own mark).
        Kind::Other if t.raw == crate::model::unread::UNREAD_MARK => {
            cell.unread = Some(("原文中这一格标为「未读」：导出时仍未能读取，请对照更早的原文填写".into(), Vec::new()));
        }
        Kind::Other => {
            let readings = odd_readings(&t.raw);
            cell.unread = Some((format!("「{}」不是{}", t.raw, kind_name(kind)), readings));
        }
        Kind::Unsure(why) => {
            let readings: Vec<String> = t.text.split(' ').filter(|r| !r.is_empty()).map(str::to_string).collect();
            cell.raw.clear();
            cell.unread = Some((why.into(), readings));
        }
        Kind::Dash => cell.note = Some(format!("原文为「{}」，按空白读入", t.raw)),
        Kind::Number if kind != CellKind::Amount && point_or_thousands(&t.text) => {
            let joined = t.text.replace('.', "");
            let mut readings: Vec<String> = Vec::new();
            for v in [t.text.as_str(), joined.trim_start_matches('0')].iter().filter_map(|r| parse(r, kind)) {
                let v = v.to_int().map_or(v.to_string(), |i| i.to_string());
                if !readings.contains(&v) {
                    readings.push(v);
                }
            }
            cell.unread = Some((format!("「{}」中的点可能是小数点，也可能是千位分隔符（如 1.000 即一千）", t.raw), readings));
        }
        Kind::Number => match parse(&t.text, kind) {
            Some(v) => {
                cell.value = Some(v);
                // 「+5」「010」: the number is certain, the form is odd.
                let digits = t.text.trim_start_matches('-');
                if t.raw.starts_with(['+', '＋']) || (digits.len() > 1 && digits.starts_with('0') && !digits.starts_with("0.")) {
                    cell.note = Some(format!("原文为「{}」，按 {v} 读入", t.raw));
                }
            }
            None => cell.unread = Some((format!("「{}」不是{}", t.raw, kind_name(kind)), Vec::new())),
        },
    }
    cell
}

/// 「1.000」「12.500」: one to three digits, a point and exactly three digits,
/// in a column of counts: the point of a decimal, or a thousands separator as
/// some locales write it (1.000 = 1000).
fn point_or_thousands(text: &str) -> bool {
    let digits = text.trim_start_matches('-');
    digits.split_once('.').is_some_and(|(whole, frac)| {
        (1..=3).contains(&whole.len()) && frac.len() == 3 && whole.chars().chain(frac.chars()).all(|c| c.is_ascii_digit())
    })
}

fn kind_name(kind: CellKind) -> &'static str {
    match kind {
        CellKind::Count => "非负整数",
        CellKind::SignedCount => "整数",
        CellKind::Amount => "金额",
    }
}

fn parse(text: &str, kind: CellKind) -> Option<Decimal> {
    let d: Decimal = text.parse().ok()?;
    match kind {
        // A negative count is what was printed: the checker reports it (H5).
        CellKind::Count if !d.is_integer() => None,
        CellKind::SignedCount if !d.is_integer() => None,
        _ => Some(d),
    }
}

#[cfg(test)]
mod tests;
