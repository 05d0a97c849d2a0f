//! A label written vertically, one character a line, beside a table's rows:
//! not text of the table's cells.

use super::super::{Rule, Run, grid, rows};
use super::is_numeric;
use std::collections::{HashMap, HashSet};

/// Drops a label written vertically, one character a line (「三、本年度办理结果」
/// beside the result rows of 表三): single characters stacked at one x — not
/// those in a ruled cell of a row of numbers, under or over a number: a note
/// wrapped down a narrow cell (「0（其 / 中2 / 件为 / 重复 / 申请）」), whose
/// words are the cell's.
pub(super) fn drop_vertical_labels(lines: &mut [Vec<Run>], rules: &[Rule]) {
    // The ruled cell a string stands in: its row's rules and its left edge.
    let cell = |r: &Run| {
        let (below, above) = rows::band(rules, (r.x + r.end.max(r.x)) / 2.0, r.y + 0.35 * r.size)?;
        let left = grid::edges(rules, r.y, r.size).into_iter().rfind(|&e| e <= r.x + 1.0)?;
        Some([below, above, left].map(|v| v.round() as i64))
    };
    let numbered: HashSet<[i64; 3]> = lines
        .iter()
        .flatten()
        .filter(|r| r.text.chars().any(|c| c.is_ascii_digit()) && is_numeric(&r.text))
        .filter_map(cell)
        .collect();
    let candidate = |r: &Run| r.text.chars().count() == 1 && !r.text.chars().all(|c| c.is_ascii_digit());
    let single: Vec<Vec<bool>> = lines
        .iter()
        .map(|line| line.iter().map(|r| candidate(r) && cell(r).is_none_or(|c| !numbered.contains(&c))).collect())
        .collect();
    let mut columns: HashMap<i32, usize> = HashMap::new();
    for (r, _) in lines.iter().flatten().zip(single.iter().flatten()).filter(|(_, s)| **s) {
        *columns.entry((r.x / 2.0).round() as i32).or_default() += 1;
    }
    for (line, single) in lines.iter_mut().zip(single) {
        let mut flags = single.into_iter();
        line.retain(|r| !(flags.next().unwrap_or(false) && columns.get(&((r.x / 2.0).round() as i32)).is_some_and(|n| *n >= 4)));
    }
}
