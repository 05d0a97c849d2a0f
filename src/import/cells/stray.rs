//! Numbers near a row that its reading did not take: inside the row's label
//! (a label wrapped over three lines with numbers on its first or middle line,
//! as `pdftotext -layout` prints it) or after the row's numbers and some text,
//! before the next row's label (a browser-printed PDF's text puts a cell's
//! number after the next column header). Where a row's numbers are not cells
//! of the source (tabs), such numbers may be the row's: its cells are unread,
//! with them among their readings.

use super::tokens::page_number;
use super::{CellRead, RowRead};
use crate::import::stream::{Ch, Gap};

/// The numbers in `s[from..to]` that are not a numbering (「2.」「3、」 before
/// words) nor part of words (「2024年」).
pub fn numbers(s: &[Ch], from: usize, to: usize) -> Vec<String> {
    let to = to.min(s.len());
    let mut out: Vec<String> = Vec::new();
    let mut i = from;
    while i < to {
        if let Some(after) = page_number(s, i, to) {
            i = after;
            continue;
        }
        let starts = s[i].c.is_ascii_digit() && (i == from || s[i].gap > Gap::None || !s[i - 1].c.is_ascii_digit());
        if !starts {
            i += 1;
            continue;
        }
        let start = i;
        while i < to && (i == start || s[i].gap == Gap::None) && (s[i].c.is_ascii_digit() || matches!(s[i].c, '.' | ',')) {
            i += 1;
        }
        let text: String = s[start..i].iter().map(|c| c.c).filter(|&c| c != ',').collect();
        let text = text.trim_end_matches('.').to_string();
        let next = s.get(i).filter(|c| c.gap == Gap::None).map(|c| c.c);
        let after_point = s.get(i.wrapping_sub(1)).is_some_and(|c| matches!(c.c, '.')) || next == Some('、');
        // A numbering (「2.申请人…」) or a number inside words (「第3页」「2024年」).
        let in_words = next.is_some_and(|c| c > '\u{2E80}' && !"件个人次项元万".contains(c))
            || (start > from && s[start].gap == Gap::None && s[start - 1].c > '\u{2E80}');
        if !(after_point || in_words || text.is_empty() || out.contains(&text)) {
            out.push(text);
        }
    }
    out
}

/// Makes the row unread when numbers stand in its label `s[label.0..label.1]`
/// or after its numbers, before the next label (`s[after.0..after.1]`).
pub(super) fn check(row: &mut RowRead, s: &[Ch], label: (usize, usize), after: (usize, usize), at: (u32, u32)) {
    let mut strays = numbers(s, label.0, label.1);
    for n in numbers(s, after.0, after.1) {
        if !strays.contains(&n) {
            strays.push(n);
        }
    }
    if !strays.is_empty() {
        unsure(row, &strays, at);
    }
}

/// The row's cells unread: each with what it read, the stray numbers and blank.
fn unsure(row: &mut RowRead, stray: &[String], at: (u32, u32)) {
    let why = format!("这一行的标签中或数字之后还有数字「{}」，无法确定这一行的数字是哪些", stray.join(" "));
    unsure_because(row, stray, at, &why);
}

/// The row's cells unread for `why`: each with what it read, the numbers
/// `stray` and blank.
pub(super) fn unsure_because(row: &mut RowRead, stray: &[String], at: (u32, u32), why: &str) {
    let why = why.to_string();
    for cell in &mut row.cells {
        let mut readings: Vec<String> = match (&cell.unread, cell.value) {
            (Some((_, candidates)), _) => candidates.clone(),
            (None, Some(v)) => vec![v.to_string()],
            (None, None) => Vec::new(),
        };
        for r in std::iter::once("空白").chain(stray.iter().map(String::as_str)) {
            if !readings.iter().any(|x| x == r) {
                readings.push(r.to_string());
            }
        }
        let (line, col) = if cell.raw.is_empty() { at } else { (cell.line, cell.col) };
        *cell = CellRead { unread: Some((why.clone(), readings)), raw: cell.raw.clone(), line, col, ..CellRead::default() };
    }
}
