//! A row with fewer cells read than the table has columns: blank cells the
//! source did not write (which ones is not known), and in copied text also
//! digits of several cells run together (a crawler's text): every reading is
//! considered, and a cell is taken only when all of them agree.

use super::tokens::{Kind, MAX_DIGITS, MAX_RUN, Token, odd_readings};
use super::{CellRead, RowRead, parse};
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
                    Kind::Other => Some(odd_readings(&t.raw)).filter(|r| !r.is_empty()).unwrap_or_else(|| vec![t.raw.clone()]),
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

/// What a token placed whole in one cell reads as: its readings (「」 for
/// blank) and whether the cell is odd (unread even with one reading).
fn whole_readings(t: &Token) -> (Vec<String>, bool) {
    match &t.kind {
        Kind::Number => (vec![t.text.clone()], false),
        Kind::Dash | Kind::Empty | Kind::Blank => (vec![String::new()], false),
        Kind::Other => {
            let readings = odd_readings(&t.raw);
            let first = t.raw.split(|c: char| !c.is_ascii_digit()).find(|r| !r.is_empty()).map(str::to_string);
            (if readings.is_empty() { first.into_iter().collect() } else { readings }, true)
        }
        Kind::Unsure(_) => (
            t.text
                .split(' ')
                .filter(|r| !r.is_empty())
                .map(|r| if r == "空白" { String::new() } else { r.to_string() })
                .collect(),
            true,
        ),
    }
}

/// Fewer tokens than cells, some of them not whole cells of the source
/// (spaces or lines apart, or digits run together). Every reading is
/// considered: each such number whole or cut into several (no leading zeros),
/// and a blank cell anywhere (a blank cell leaves nothing in copied text). A
/// cell is taken only when every reading gives it the same value: a cut is
/// certain only when the digits force it (「000023」 for seven cells: a number
/// never starts with 0), never because it is the one cut that fills the
/// columns (「2 2 13」 may be 2, 2, 1, 3 or 2, 2, blank, 13).
pub(super) fn split(tokens: &[Token], kinds: &[CellKind], all_raw: &str) -> RowRead {
    let n = kinds.len();
    let (line, col) = (tokens[0].line, tokens[0].col);
    // Each token's characters; a token that is one cell whatever the reading
    // (not a number, or a number alone in a cell of the source) is one
    // character standing for the whole token.
    let mut chars: Vec<char> = Vec::new();
    let mut token_end = Vec::new();
    let mut atom: Vec<Option<usize>> = Vec::new();
    for (k, t) in tokens.iter().enumerate() {
        let whole = t.kind != Kind::Number || t.whole;
        let text: Vec<char> = if whole { vec!['#'] } else { t.text.chars().collect() };
        let end = chars.len() + text.len();
        token_end.extend(std::iter::repeat_n(end, text.len()));
        atom.extend(std::iter::repeat_n(whole.then_some(k), text.len()));
        chars.extend(text);
    }
    let l = chars.len();
    let unread = |why: String| RowRead {
        cells: (0..n)
            .map(|_| CellRead {
                unread: Some((why.clone(), Vec::new())),
                raw: all_raw.to_string(),
                line,
                col,
                ..CellRead::default()
            })
            .collect(),
        ..RowRead::default()
    };
    if l > MAX_RUN {
        return unread(format!("这一行的数字连在一起（共 {l} 位），无法确定各格的分界"));
    }
    // The readings of cell j taking chars[p..q] (q == p: a blank cell not written).
    let readings = |p: usize, q: usize, j: usize| -> Option<(Vec<String>, bool)> {
        if q == p {
            return Some((vec![String::new()], false));
        }
        match atom[p] {
            Some(k) => (q == token_end[p]).then(|| whole_readings(&tokens[k])),
            None => {
                (q <= token_end[p] && valid_part(&chars[p..q], kinds[j])).then(|| (vec![chars[p..q].iter().collect()], false))
            }
        }
    };
    let ends = |p: usize| p..=token_end.get(p).copied().unwrap_or(p).min(p + MAX_DIGITS + 2);
    // fwd[j][p]: chars[..p] reads as cells ..j; bwd[j][q]: chars[q..] reads as cells j.. .
    let mut fwd = vec![vec![false; l + 1]; n + 1];
    fwd[0][0] = true;
    for j in 0..n {
        for p in 0..=l {
            if fwd[j][p] {
                for q in ends(p) {
                    if readings(p, q, j).is_some() {
                        fwd[j + 1][q] = true;
                    }
                }
            }
        }
    }
    let mut bwd = vec![vec![false; l + 1]; n + 1];
    bwd[n][l] = true;
    for j in (0..n).rev() {
        for p in 0..=l {
            bwd[j][p] = ends(p).any(|q| bwd[j + 1][q] && readings(p, q, j).is_some());
        }
    }
    if !fwd[n][l] {
        return unread(format!("这一行读到的数字多于表格的 {n} 项，无法确定各项属于哪一列"));
    }
    let cut = tokens
        .iter()
        .any(|t| t.kind == Kind::Number && !t.whole && !valid_part(&t.text.chars().collect::<Vec<_>>(), CellKind::Amount));
    let why = if cut {
        "数字连在一起，无法确定各格的分界和哪一格空白（不按表内合计推算）".to_string()
    } else {
        format!(
            "这一行只读到 {} 项，表格应为 {n} 项：无法确定哪一格空白，也无法确定是否有数字连在一起（不按表内合计推算）",
            tokens.len()
        )
    };
    let mut cells = Vec::with_capacity(n);
    for j in 0..n {
        let mut candidates: Vec<String> = Vec::new();
        let mut odd = false;
        for p in (0..=l).filter(|&p| fwd[j][p]) {
            for q in ends(p).filter(|&q| bwd[j + 1][q]) {
                if let Some((shown, o)) = readings(p, q, j) {
                    odd |= o;
                    for c in shown {
                        if !candidates.contains(&c) {
                            candidates.push(c);
                        }
                    }
                }
            }
        }
        let mut cell = CellRead { raw: all_raw.to_string(), line, col, ..CellRead::default() };
        match candidates.as_slice() {
            [one] if !odd && one.is_empty() => {}
            [one] if !odd && parse(one, kinds[j]).is_some() => cell.value = parse(one, kinds[j]),
            _ => {
                candidates.sort_by_key(|c| (c.len(), c.clone()));
                let shown = candidates.iter().map(|c| if c.is_empty() { "空白".to_string() } else { c.clone() }).collect();
                cell.unread = Some((why.clone(), shown));
            }
        }
        cells.push(cell);
    }
    RowRead { cells, ..RowRead::default() }
}
