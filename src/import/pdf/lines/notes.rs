//! A number inside a note wrapped down a narrow cell is not the cell's number.
//!
//! 「6（含1件部分公开）」 wrapped one word a line (「6」 / 「（含」 / 「1件」 /
//! 「部分」 / 「公开）」) puts the note's 「1件」 on whatever line the row's
//! label and other numbers stand on. When the row's lines are joined
//! (`pdf/rows.rs`) the note is the cell's note; when they are not (a table
//! without rules, a band holding two lines of numbers, a string on a rule) the
//! number after an unclosed bracket in its column is inside a note: the cell
//! is unread, offering the number before the bracket and this one.

use super::super::{Rule, Run, grid};
use super::is_numeric;
use crate::import::stream::{is_unsure, unsure_cell};

/// Marks each number inside a bracketed note of its column unread (see the module).
pub(super) fn unread_numbers_in_notes(lines: &mut Vec<Vec<Run>>, rules: &[Rule]) {
    for i in 0..lines.len() {
        let mut k = 0;
        while k < lines[i].len() {
            settle(lines, i, k, rules);
            k += 1;
        }
    }
    lines.retain(|l| !l.is_empty());
}

/// Settles the string `k` of line `i` when its first number is inside a note.
fn settle(lines: &mut [Vec<Run>], i: usize, k: usize, rules: &[Rule]) {
    let r = &lines[i][k];
    if r.text.starts_with(is_unsure) || !narrow(r) {
        return;
    }
    let Some(d) = r.text.find(|c: char| c.is_ascii_digit()) else { return };
    let stack = column_above(lines, i, k, rules);
    // A label is not a value: only a string right of the line's first, or under a number.
    let under_number = stack.iter().any(|&(j, m)| lines[j][m].text.starts_with(|c: char| c.is_ascii_digit()));
    if k == 0 && !under_number {
        return;
    }
    let digits = leading_digits(&r.text[d..]);
    // 「（1）」「(2)」: a numbering, its bracket closed right after the number.
    if r.text[d + digits.len()..].starts_with(['）', ')']) && depth(&r.text[..d]) == 1 && stack.is_empty() {
        return;
    }
    let above: String = stack.iter().map(|&(j, m)| lines[j][m].text.as_str()).collect();
    if depth(&format!("{above}{}", &r.text[..d])) == 0 {
        return;
    }
    // The number before the bracket: the last string of the stack starting with one, before it opened.
    let mut before: Option<(usize, usize)> = None;
    let mut open = 0;
    for &(j, m) in &stack {
        if open == 0 && lines[j][m].text.starts_with(|c: char| c.is_ascii_digit()) {
            before = Some((j, m));
        }
        open += depth(&lines[j][m].text);
    }
    // A whole note of its own with no number before it (「（注：含1件不予受理）」,
    // the part of a note a page break carried over): words, not a value.
    if before.is_none() && depth(&r.text[..d]) > 0 {
        return;
    }
    let mut readings: Vec<String> = before.map(|(j, m)| leading_digits(&lines[j][m].text).to_string()).into_iter().collect();
    if !readings.contains(&digits.to_string()) {
        readings.push(digits.to_string());
    }
    let unsure = unsure_cell(&readings);
    // The row's line: of the two, the one with more other numbers (the note's line by a tie).
    let others = |j: usize, m: usize| lines[j].iter().enumerate().filter(|&(n, o)| n != m && is_numeric(&o.text)).count();
    match before {
        Some((j, m)) if others(j, m) > others(i, k) => {
            lines[j][m].text = unsure;
            strip_number(&mut lines[i], k);
        }
        Some((j, m)) => {
            lines[i][k].text = unsure;
            strip_number(&mut lines[j], m);
        }
        None => lines[i][k].text = unsure,
    }
}

/// The strings over line `i`'s string `k` in its column (its cell, in a ruled
/// table), top to bottom: one narrow string on a line (lines with nothing in
/// the column passed over), each at most a line and a half above the next, no
/// rule between them.
fn column_above(lines: &[Vec<Run>], i: usize, k: usize, rules: &[Rule]) -> Vec<(usize, usize)> {
    let r = &lines[i][k];
    let cell = |o: &Run| {
        let edges = grid::edges(rules, o.y, o.size);
        let centre = (o.x + o.end.max(o.x)) / 2.0;
        edges.iter().filter(|&&e| e < centre).count()
    };
    let mut out = Vec::new();
    let mut below = r;
    for j in (0..i).rev() {
        let over: Vec<usize> = (0..lines[j].len()).filter(|&m| lines[j][m].x < r.end && r.x < lines[j][m].end).collect();
        // A line with nothing in the column between (the label's, centred a
        // half line higher) is passed over; the next string must still be near.
        let near = |o: &Run| o.y - below.y <= 1.6 * o.size.max(below.size);
        if over.is_empty() && lines[j].first().is_some_and(near) {
            continue;
        }
        let [m] = over[..] else { break };
        let o = &lines[j][m];
        let x = (r.x + r.end) / 2.0;
        let ruled =
            rules.iter().any(|h| !h.vertical && h.from <= x && h.to >= x && h.at > below.y + below.size * 0.35 && h.at < o.y);
        let apart = !near(o) || ruled || cell(o) != cell(r);
        if apart || !narrow(o) || o.text.starts_with(is_unsure) {
            break;
        }
        out.push((j, m));
        below = o;
    }
    out.reverse();
    out
}

/// A string a narrow cell holds on a line (a few characters): a note wraps
/// down such a cell; a paragraph's line is no cell's.
fn narrow(r: &Run) -> bool {
    r.end - r.x <= 5.0 * r.size
}

/// Brackets opened and not closed in `t` (never below none).
fn depth(t: &str) -> usize {
    t.chars().fold(0, |d: usize, c| match c {
        '（' | '(' => d + 1,
        '）' | ')' => d.saturating_sub(1),
        _ => d,
    })
}

fn leading_digits(t: &str) -> &str {
    &t[..t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len())]
}

/// Takes the number off the front of the line's string `m` (the reading now
/// in the unsure cell); the string goes when nothing is left of it.
fn strip_number(line: &mut Vec<Run>, m: usize) {
    let rest = line[m].text.trim_start_matches(|c: char| c.is_ascii_digit()).to_string();
    if rest.trim().is_empty() {
        line.remove(m);
    } else {
        line[m].text = rest;
    }
}

#[cfg(test)]
#[path = "notes_tests.rs"]
mod tests;
