//! Numbers wrapped in narrow cells, as `pdftotext -layout` prints a row:
//! LibreOffice wraps 「2,011」 into 「2,01」 and 「1」, and the text puts the
//! pieces on the lines just above and below the row's label line, where the
//! row's reading would take the lower pieces as cells of its own. Such a row
//! (its numbers on several lines, some line holding several of them, numbers
//! spaces apart) is unread, its readings the pieces, the pieces joined and
//! the numbers of the label's line.

use super::RowRead;
use super::tokens::{Kind, Token};
use crate::import::stream::{Ch, Gap};

/// A number's piece: its digits (no separators) and its column.
type Piece = (String, u32);

/// The readings the row's pieces make, when its numbers are wrapped: none
/// when the row's numbers stand on one line (or one a line, as copied text
/// prints them).
pub(super) fn pieces(tokens: &[Token], s: &[Ch], label: usize) -> Option<Vec<String>> {
    let numbers: Vec<&Token> = tokens.iter().filter(|t| t.kind == Kind::Number && !t.whole).collect();
    let mut lines: Vec<(u32, usize)> = Vec::new();
    for t in &numbers {
        match lines.iter_mut().find(|(l, _)| *l == t.line) {
            Some((_, k)) => *k += 1,
            None => lines.push((t.line, 1)),
        }
    }
    let main = lines.iter().max_by_key(|(_, k)| *k).map(|(l, _)| *l)?;
    let below: Vec<Piece> = numbers.iter().filter(|t| t.line != main).map(|t| (t.text.clone(), t.col)).collect();
    let above = line_above(s, label);
    if lines.len() < 2 || lines.iter().all(|(_, k)| *k < 2) {
        return None;
    }
    let mut out: Vec<String> = Vec::new();
    let mut push = |r: String| {
        if !r.is_empty() && !out.contains(&r) {
            out.push(r);
        }
    };
    for (a, col) in &above {
        if let Some((b, _)) = below.iter().min_by_key(|(_, c)| c.abs_diff(*col)).filter(|(_, c)| c.abs_diff(*col) <= 2) {
            push(format!("{a}{b}"));
        }
    }
    for (p, _) in above.iter().chain(&below) {
        push(p.clone());
    }
    // The numbers of the label's line: which cell each is in is not known either.
    for t in numbers.iter().filter(|t| t.line == main) {
        push(t.text.clone());
    }
    Some(out)
}

/// The numbers of the line just above the label's line when that line holds
/// only numbers (pieces of wrapped cells above the row).
fn line_above(s: &[Ch], label: usize) -> Vec<Piece> {
    let Some(line) = s.get(label).map(|c| c.line) else { return Vec::new() };
    let mut j = label;
    while j > 0 && s[j - 1].line == line {
        j -= 1;
    }
    let end = j;
    while j > 0 && s[j - 1].line + 1 == line {
        j -= 1;
    }
    let above = &s[j..end];
    if above.is_empty() || !above.iter().all(|c| c.c.is_ascii_digit() || matches!(c.c, ',' | '.' | '，')) {
        return Vec::new();
    }
    let mut out: Vec<Piece> = Vec::new();
    for c in above {
        match out.last_mut() {
            Some((p, _)) if c.gap == Gap::None => p.push(c.c),
            _ => out.push((c.c.to_string(), c.col)),
        }
    }
    out.into_iter().map(|(p, col)| (p.chars().filter(char::is_ascii_digit).collect(), col)).collect()
}

/// Makes every cell of the row unread with the pieces among its readings.
pub(super) fn unsure(row: &mut RowRead, pieces: &[String], at: (u32, u32)) {
    let why = "这一行的数字分在几行（窄单元格中的数字可能折行），无法确定各格的数字";
    super::stray::unsure_because(row, pieces, at, why);
}
