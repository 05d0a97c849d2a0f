//! A row with fewer cells read than the table has columns: either blank cells
//! the source did not write (each read cell a cell of the source: which cells
//! were blank is not known), or digits of several cells run together (a
//! crawler's text: every way of cutting them is considered).

use super::{CellRead, Kind, MAX_DIGITS, MAX_RUN, RowRead, Token, parse};
use crate::model::template::CellKind;

/// Fewer cells than columns, each a cell of the source: some blank cells were
/// not written (a PDF prints nothing for them), and which ones is not known.
/// Every cell is unread, with what it may hold: a value that could have
/// shifted into it, or nothing. Digits are never cut apart here.
pub(super) fn missing_cells(tokens: &[Token], n: usize, all_raw: &str) -> RowRead {
    let k = tokens.len();
    let (line, col) = (tokens[0].line, tokens[0].col);
    let why = format!("这一行只读到 {k} 项，表格应为 {n} 项，无法确定哪一格空白");
    let cells = (0..n)
        .map(|j| {
            // Token t can be in cell j when t cells fit before it and k - t - 1 after.
            let mut candidates = vec!["空白".to_string()];
            for t in &tokens[j.saturating_sub(n - k)..=j.min(k - 1)] {
                let shown = match t.kind {
                    Kind::Number => vec![t.text.clone()],
                    Kind::Other => vec![t.raw.clone()],
                    // A cell marked unsure: each of its readings.
                    Kind::Unsure(_) => t.text.split(' ').map(str::to_string).collect(),
                    _ => vec!["空白".to_string()],
                };
                for shown in shown {
                    if !candidates.contains(&shown) {
                        candidates.push(shown);
                    }
                }
            }
            CellRead { unread: Some((why.clone(), candidates)), raw: all_raw.to_string(), line, col, ..CellRead::default() }
        })
        .collect();
    RowRead { cells, ..RowRead::default() }
}

/// Whether `p` may be one number of a run of joined digits.
fn valid_part(p: &[char], kind: CellKind) -> bool {
    let digits = p.iter().filter(|c| c.is_ascii_digit()).count();
    if digits == 0 || digits > MAX_DIGITS || p.last() == Some(&'.') {
        return false;
    }
    let body = if p[0] == '-' { &p[1..] } else { p };
    if body.first().is_none_or(|c| !c.is_ascii_digit()) || (p[0] == '-' && kind != CellKind::SignedCount) {
        return false;
    }
    let int_len = body.iter().take_while(|c| c.is_ascii_digit()).count();
    if body[0] == '0' && int_len > 1 {
        return false;
    }
    body.contains(&'.') <= (kind == CellKind::Amount)
}

/// Cuts fewer tokens than cells into numbers every possible way.
pub(super) fn split(tokens: &[Token], kinds: &[CellKind], all_raw: &str) -> RowRead {
    let n = kinds.len();
    let (line, col) = (tokens[0].line, tokens[0].col);
    let chars: Vec<char> =
        tokens.iter().flat_map(|t| if t.kind == Kind::Number { t.text.chars().collect() } else { vec!['#'] }).collect();
    let mut token_end = Vec::with_capacity(chars.len());
    let mut fixed = Vec::with_capacity(chars.len());
    for t in tokens {
        let len = if t.kind == Kind::Number { t.text.chars().count() } else { 1 };
        let end = token_end.len() + len;
        token_end.extend(std::iter::repeat_n(end, len));
        fixed.extend(std::iter::repeat_n(t.kind != Kind::Number, len));
    }
    let l = chars.len();
    let unread = |why: String, candidates: Vec<Vec<String>>| RowRead {
        cells: (0..n)
            .map(|j| CellRead {
                unread: Some((why.clone(), candidates.get(j).cloned().unwrap_or_default())),
                raw: all_raw.to_string(),
                line,
                col,
                ..CellRead::default()
            })
            .collect(),
        ..RowRead::default()
    };
    if l > MAX_RUN {
        return unread(format!("这一行的数字连在一起（共 {l} 位），无法确定各格的分界"), Vec::new());
    }
    let ok = |p: usize, q: usize, j: usize| -> bool {
        if fixed[p] { q == token_end[p] } else { q <= token_end[p] && valid_part(&chars[p..q], kinds[j]) }
    };
    // fwd[j][p]: chars[..p] reads as j cells; bwd[j][q]: chars[q..] reads as cells j.. .
    let mut fwd = vec![vec![false; l + 1]; n + 1];
    fwd[0][0] = true;
    for j in 0..n {
        for p in 0..l {
            if fwd[j][p] {
                let last = token_end[p].min(p + MAX_DIGITS + 2);
                for (q, reachable) in fwd[j + 1].iter_mut().enumerate().take(last + 1).skip(p + 1) {
                    if ok(p, q, j) {
                        *reachable = true;
                    }
                }
            }
        }
    }
    let mut bwd = vec![vec![false; l + 1]; n + 1];
    bwd[n][l] = true;
    for j in (0..n).rev() {
        for p in 0..l {
            for q in p + 1..=token_end[p].min(p + MAX_DIGITS + 2) {
                if bwd[j + 1][q] && ok(p, q, j) {
                    bwd[j][p] = true;
                    break;
                }
            }
        }
    }
    if !fwd[n][l] {
        return unread(format!("这一行只读到 {} 项，表格应为 {n} 项，无法确定哪一格空白", tokens.len()), Vec::new());
    }
    let mut cells = Vec::with_capacity(n);
    for j in 0..n {
        let mut candidates: Vec<String> = Vec::new();
        for p in 0..l {
            if !fwd[j][p] {
                continue;
            }
            for q in p + 1..=token_end[p].min(p + MAX_DIGITS + 2) {
                if ok(p, q, j) && bwd[j + 1][q] {
                    let c: String = if fixed[p] { String::new() } else { chars[p..q].iter().collect() };
                    if !candidates.contains(&c) {
                        candidates.push(c);
                    }
                }
            }
        }
        let mut cell = CellRead { raw: all_raw.to_string(), line, col, ..CellRead::default() };
        match candidates.as_slice() {
            [one] if one.is_empty() => {}
            [one] => cell.value = parse(one, kinds[j]),
            _ => {
                candidates.sort_by_key(|c| (c.len(), c.clone()));
                let shown = candidates.iter().map(|c| if c.is_empty() { "空白".to_string() } else { c.clone() }).collect();
                cell.unread = Some(("数字连在一起，无法确定各格的分界（不按表内合计推算）".to_string(), shown));
            }
        }
        cells.push(cell);
    }
    RowRead { cells, ..RowRead::default() }
}
