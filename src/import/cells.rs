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

use super::stream::{Ch, EMPTY_CELL, Gap, is_unsure, unsure_reason};
use crate::model::Decimal;
use crate::model::template::CellKind;
use fewer::{missing_cells, split};
pub use stray::numbers as stray_numbers;

#[derive(Clone, Debug, PartialEq, Eq)]
enum Kind {
    Number,
    /// 「/」「—」「-」「无」: printed to say there is nothing.
    Dash,
    /// A cell with nothing in it.
    Empty,
    /// A cell of the source holding something else (「约1」「①」「5*」).
    Other,
    /// A cell the reader marked unsure ([`super::stream::UNSURE_CELL`]): `text`
    /// its readings, space apart; why.
    Unsure(&'static str),
}

#[derive(Clone, Debug)]
struct Token {
    kind: Kind,
    /// Normalized: ASCII digits, point and sign, no thousands separators.
    text: String,
    raw: String,
    line: u32,
    col: u32,
    /// Opens a cell of the source (after a tab): a number so placed is the
    /// whole of one cell, never digits of several run together.
    whole: bool,
}

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

const UNITS: [&str; 7] = ["万元", "元", "件", "个", "项", "条", "次"];
/// The longest run of joined digits considered (a whole table 四 row is 15 numbers).
const MAX_RUN: usize = 240;
/// The longest number (1万亿 has 13 digits).
const MAX_DIGITS: usize = 16;

fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
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
    let mut row = place(tokens, kinds, at);
    if !cells_of_source {
        stray::check(&mut row, s, (label.min(from), notes_end), (end, to), at);
    }
    row.unit = unit;
    row.end = end;
    if let Some(note) = notes.first() {
        for c in &mut row.cells {
            if c.note.is_none() && c.raw.contains(note.as_str()) {
                c.note = Some(format!("单元格中的说明「{note}」未读入"));
            }
        }
    }
    row
}

/// The tokens, the unit, where the label's notes and the numbers end, the notes.
type Tokens = (Vec<Token>, Option<String>, (usize, usize), Vec<String>);

/// The row's tokens; at most `n` cells of the source are taken as odd ones.
fn tokens(s: &[Ch], from: usize, to: usize, n: usize) -> Tokens {
    let mut out: Vec<Token> = Vec::new();
    let mut unit = None;
    let mut notes = Vec::new();
    let mut i = from;
    // Closing marks and notes in brackets right after the label belong to it
    // (「部分公开（上标：1）（区分处理的……）」: a mark, then the label's own note).
    while i < to && matches!(s[i].c, '）' | '”' | '’' | '》' | '」' | ':' | '：') {
        i += 1;
    }
    let first = i;
    // Further notes only in the label's own cell: a bracket in the next cell may be a number's.
    while i < to && s[i].c == '（' && (i == first || s[i].gap < Gap::Cell) {
        match skip_brackets(s, i, to) {
            Some(after) if after > i => i = after,
            _ => break,
        }
    }
    let (notes_end, mut end) = (i, i);
    let row_line = s.get(from.saturating_sub(1)).map(|c| c.line);
    // The end of the cell opened at `i`: the next cell or line.
    let cell_end = |mut i: usize| {
        i += 1;
        while i < to && s[i].gap <= Gap::Space {
            i += 1;
        }
        i
    };
    while i < to {
        let ch = s[i];
        let c = ch.c;
        let next = s.get(i + 1).filter(|n| n.gap == Gap::None).map(|n| n.c);
        if is_digit(c) || (matches!(c, '+' | '-' | '.') && next.is_some_and(is_digit)) {
            let start = i;
            let mut text = String::new();
            let mut raw = String::new();
            while i < to && (i == start || s[i].gap == Gap::None) {
                let c = s[i].c;
                // Only the ASCII comma: 「1，270」 (a full-width comma, what separates
                // items in Chinese text) may be two numbers, so that cell is unread.
                let thousands = c == ',';
                if is_digit(c) || (c == '.' && !text.contains('.')) || (i == start && matches!(c, '+' | '-')) {
                    if c != '+' {
                        text.push(c);
                    }
                } else if thousands
                    && (1..=3).all(|k| s.get(i + k).is_some_and(|d| is_digit(d.c) && d.gap == Gap::None))
                    && !s.get(i + 4).is_some_and(|d| is_digit(d.c) && d.gap == Gap::None)
                {
                } else {
                    break;
                }
                raw.push(s[i].orig);
                i += 1;
            }
            out.push(Token { kind: Kind::Number, text, raw, line: ch.line, col: ch.col, whole: ch.gap == Gap::Cell });
            end = i;
            // A cell of the source going on with something else (「5*」「1e2」): the cell is odd.
            if ch.gap == Gap::Cell
                && s.get(i).is_some_and(|c| c.gap == Gap::None && !UNITS.iter().any(|u| u.starts_with(c.c)) && c.c != '（')
            {
                i = cell_end(i);
                if let Some(t) = out.last_mut() {
                    (t.kind, t.raw) = (Kind::Other, super::stream::compact(s, start, i));
                }
                end = i;
                continue;
            }
            // A unit, then a note in brackets: 「22（其中修订16件）」.
            for u in UNITS {
                if matches_at(s, i, to, u) {
                    if u.contains('元') {
                        unit = Some(u.to_string());
                    }
                    i += u.chars().count();
                    end = i;
                    break;
                }
            }
            if i < to
                && s[i].c == '（'
                && !bare_numeral(s, i, to)
                && let Some(after) = skip_brackets(s, i, to)
            {
                {
                    notes.push(super::stream::compact(s, i, after));
                    if let Some(t) = out.last_mut() {
                        t.raw.push_str(&super::stream::compact(s, i, after));
                    }
                    i = after;
                    end = i;
                }
            }
            continue;
        }
        let dash = match c {
            '/' | '—' | '–' | '-' | '－' | '\\' => Some(1 + usize::from(next.is_some_and(|n| matches!(n, '—' | '-')))),
            '无' if next.is_none_or(|n| n <= '\u{2E80}') => Some(1),
            _ => None,
        };
        if let Some(n) = dash {
            out.push(Token {
                kind: Kind::Dash,
                text: String::new(),
                raw: super::stream::compact(s, i, i + n),
                line: ch.line,
                col: ch.col,
                whole: ch.gap == Gap::Cell,
            });
            i += n;
            end = i;
            continue;
        }
        if is_unsure(c) {
            let start = i;
            i = cell_end(i);
            let mut readings: Vec<String> = Vec::new();
            for ch in &s[start + 1..i] {
                match readings.last_mut() {
                    Some(r) if ch.gap == Gap::None => r.push(ch.c),
                    _ => readings.push(ch.c.to_string()),
                }
            }
            let raw = readings.join(" ");
            out.push(Token {
                kind: Kind::Unsure(unsure_reason(c)),
                text: raw.clone(),
                raw,
                line: ch.line,
                col: ch.col,
                whole: true,
            });
            end = i;
            continue;
        }
        if c == EMPTY_CELL {
            out.push(Token {
                kind: Kind::Empty,
                text: String::new(),
                raw: String::new(),
                line: ch.line,
                col: ch.col,
                whole: true,
            });
            i += 1;
            end = i;
            continue;
        }
        // Text opening a cell of its own on the row's line, while the row
        // still lacks cells: an odd cell (「约1」「①」), not the row's end.
        if ch.gap == Gap::Cell && Some(ch.line) == row_line && out.iter().filter(|t| t.whole).count() < n {
            let start = i;
            i = cell_end(i);
            let raw = super::stream::compact(s, start, i);
            out.push(Token { kind: Kind::Other, text: String::new(), raw, line: ch.line, col: ch.col, whole: true });
            end = i;
            continue;
        }
        break;
    }
    (out, unit, (notes_end, end), notes)
}

fn matches_at(s: &[Ch], i: usize, to: usize, word: &str) -> bool {
    word.chars().enumerate().all(|(k, w)| i + k < to && s[i + k].c == w)
}

/// 「（三）」: the numbering of the next group, not a note.
fn bare_numeral(s: &[Ch], i: usize, to: usize) -> bool {
    let mut j = i + 1;
    while j < to && super::labels::is_numeral(s[j].c) {
        j += 1;
    }
    j > i + 1 && j < to && s[j].c == '）'
}

/// The index after the bracket closing the one at `i` (at most 80 characters on).
fn skip_brackets(s: &[Ch], i: usize, to: usize) -> Option<usize> {
    let mut depth = 0;
    for (j, ch) in s.iter().enumerate().take(to.min(i + 80)).skip(i) {
        match ch.c {
            '（' => depth += 1,
            '）' => {
                depth -= 1;
                if depth == 0 {
                    return Some(j + 1);
                }
            }
            _ => {}
        }
    }
    None
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
        Kind::Empty => {}
        Kind::Other => {
            // One number in it (「约1」「5*」) is a reading; 「1e2」 has none.
            let runs: Vec<&str> = t.raw.split(|c: char| !c.is_ascii_digit()).filter(|r| !r.is_empty()).collect();
            let readings = if runs.len() == 1 { vec![runs[0].to_string()] } else { Vec::new() };
            cell.unread = Some((format!("「{}」不是{}", t.raw, kind_name(kind)), readings));
        }
        Kind::Unsure(why) => {
            let readings: Vec<String> = t.text.split(' ').filter(|r| !r.is_empty()).map(str::to_string).collect();
            cell.raw.clear();
            cell.unread = Some((why.into(), readings));
        }
        Kind::Dash => cell.note = Some(format!("原文为「{}」，按空白读入", t.raw)),
        Kind::Number => match parse(&t.text, kind) {
            Some(v) => cell.value = Some(v),
            None => cell.unread = Some((format!("「{}」不是{}", t.raw, kind_name(kind)), Vec::new())),
        },
    }
    cell
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
