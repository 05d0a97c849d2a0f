//! A PDF page's strings → lines of text by the common convention: strings on
//! one baseline make a line, left to right, a gap wider than a character a new
//! cell; and what real PDFs do to the official tables undone where it can be
//! told for sure (wrapped labels, vertical labels, group labels, blank cells,
//! page numbers).

use super::grid::{self, Piece};
use super::{Rule, Run};
use super::{continued, rows, straddle};
use crate::import::stream::{Source, is_unsure};

fn is_numeric(t: &str) -> bool {
    // A cell already read as unsure (a torn number) holds a number.
    if t.starts_with(is_unsure) {
        return true;
    }
    let t = t.trim();
    let t = t.strip_suffix("万元").or_else(|| t.strip_suffix('元')).unwrap_or(t);
    !t.is_empty()
        && t.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '/' | '-' | '—' | '%' | ' '))
        && t.chars().any(|c| c.is_ascii_digit() || c == '/' || c == '—')
}

/// What goes on from one page to the next.
#[derive(Default)]
pub(super) struct Carry {
    /// The fullest rows of numbers of the pages before: a table going on over
    /// a page keeps its columns.
    rows: Vec<Vec<Run>>,
    /// The line break after a page's last line, held while the paragraph may
    /// go on at the top of the next page (with its place).
    held: Option<String>,
    /// The text's left and right edges over the pages so far (a page with a
    /// few lines does not show them).
    edges: Option<(f32, f32)>,
    /// The page's last line, a ruled row the next page may go on with.
    tail: Option<continued::Tail>,
}

impl Carry {
    /// Writes the line break still held (the end of the document).
    pub(super) fn finish(&mut self, out: &mut Source) {
        if let Some(place) = self.held.take() {
            out.text.push('\n');
            out.places.push(place);
        }
    }
}

/// Lines of one page, top to bottom, written with their places.
#[cfg(test)]
pub(super) fn write_page(number: u32, runs: Vec<Run>, rules: &[Rule], out: &mut Source, carry: &mut Carry) {
    write_struck_page(number, runs, rules, &[], out, carry);
}

/// [`write_page`] with the lines struck through (`pdf/strike.rs`), not rules.
pub(super) fn write_struck_page(
    number: u32,
    mut runs: Vec<Run>,
    rules: &[Rule],
    strikes: &[Rule],
    out: &mut Source,
    carry: &mut Carry,
) {
    if runs.is_empty() {
        return;
    }
    let (top, bottom) = runs.iter().fold((f32::MIN, f32::MAX), |(t, b), r| (t.max(r.y), b.min(r.y)));
    // Full-width digits (「２０」, typed with a Chinese input method) are digits.
    for r in &mut runs {
        r.text =
            r.text.chars().map(|c| if ('０'..='９').contains(&c) { crate::import::stream::normalize(c) } else { c }).collect();
    }
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
        *line = words::joined(std::mem::take(line), rules);
        super::strike::mark(line, strikes);
    }
    vertical::drop_vertical_labels(&mut lines, rules);
    lines.retain(|l| !l.is_empty());
    spread::join_spread_lines(&mut lines, rules);
    // Page numbers 「- 3 -」 at the top or bottom.
    let span = (top - bottom).max(1.0);
    lines.retain(|l| {
        let text: String = l.iter().map(|r| r.text.as_str()).collect();
        let bare = text.trim_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '—' | '－' | '第' | '页'));
        let edge = l[0].y <= bottom + span * 0.03 || l[0].y >= top - span * 0.03;
        // One number of a few digits: a table's row of numbers (「— 2 2 0 —」) is not a page number.
        let numbers = l.iter().filter(|r| r.text.chars().any(|c| c.is_ascii_digit())).count();
        // A number inside a ruled table's cell (a row's number above its baseline
        // at the top of the page) is the table's, not a page number.
        let edges = grid::edges(rules, l[0].y, l[0].size);
        let ruled = edges.len() >= 3 && l.iter().all(|r| r.x >= edges[0] - 1.0 && r.end <= edges[edges.len() - 1] + 1.0);
        !(edge && !ruled && numbers == 1 && bare.len() <= 4 && !bare.is_empty() && bare.chars().all(|c| c.is_ascii_digit()))
    });
    // A header cell's wrapped words: one string (「商业」 over 「企业」).
    wrapped::join_wrapped_cells(&mut lines, rules, is_numeric);
    // A ruled table's row of several lines: one line, each cell's text joined.
    rows::join_ruled_rows(&mut lines, rules, is_numeric);
    // A number inside a note wrapped down its cell, its row's lines not joined: unread.
    notes::unread_numbers_in_notes(&mut lines, rules);
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
            c.next() == Some('（') && c.next().is_some_and(crate::import::labels::is_numeral) && c.next() == Some('）')
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
    // A table's line: cells apart, inside a ruled table, or numbers only. A
    // sentence with a number in it (「电话：0571-8888 6000」) is not one.
    let in_table = |line: &[Run]| {
        let edges = grid::edges(rules, line[0].y, line[0].size);
        cells(line) > 1
            || line.iter().all(|r| is_numeric(&r.text))
            || edges.len() >= 2 && line.iter().all(|r| r.x >= edges[0] - 1.0 && r.end <= edges[edges.len() - 1] + 1.0)
    };
    // The text's left and right edges, over this page and the ones before.
    carry.edges = edges::of_text(&lines, |l| !in_table(l), carry.edges);
    let (left, right) = carry.edges.unwrap_or((f32::MAX, f32::MIN));
    let filled = fill_blank_columns(&lines, &carry.rows);
    // A row of a ruled table: each number in the cell it stands in.
    let mut filled: Vec<Vec<Piece>> = filled
        .into_iter()
        .enumerate()
        .map(|(k, fallback)| {
            let line = &lines[k];
            if !line.iter().any(|r| is_numeric(&r.text))
                && let Some(row) = grid::blank_row(&lines, k, rules)
            {
                return row;
            }
            let ruled = line.iter().find(|r| is_numeric(&r.text)).and_then(|n| {
                let above = (k > 0 && is_numeric(&line[0].text) && !lines[k - 1].iter().any(|r| is_numeric(&r.text)))
                    .then(|| lines[k - 1].last())
                    .flatten();
                grid::place(line, above, &grid::edges(rules, n.y, n.size), is_numeric)
            });
            ruled.unwrap_or_else(|| {
                let first = line.iter().position(|r| is_numeric(&r.text)).unwrap_or(line.len());
                fallback
                    .into_iter()
                    .enumerate()
                    .map(|(j, r)| match r {
                        Some(r) if j < first || !is_numeric(&r.text) || !in_table(line) => Piece::Text(r),
                        r => Piece::Cell(r),
                    })
                    .collect()
            })
        })
        .collect();
    // Numbers drawn between two rows: in neither row for sure.
    straddle::settle(&mut lines, &mut filled, is_numeric);
    // A row broken over the page: its cells' lines at the top of this one.
    continued::join(carry.tail.take(), &mut lines, &mut filled, rules, out, is_numeric);
    let numbers = |l: &[Run]| l.iter().filter(|r| is_numeric(&r.text)).cloned().collect::<Vec<_>>();
    let fullest = lines.iter().map(|l| numbers(l).len()).max().unwrap_or(0);
    if fullest >= 2 {
        carry.rows = lines.iter().map(|l| numbers(l)).filter(|n| n.len() == fullest).collect();
    }
    // A paragraph's line running on from the page before: no indent, plain text.
    let plain_at_left = |next: &[Run]| !in_table(next) && next[0].x <= left + 0.5 * next[0].size;
    if let Some(place) = carry.held.take()
        && !lines.first().is_some_and(|l| plain_at_left(l))
    {
        out.text.push('\n');
        out.places.push(place);
    }
    for (k, line) in lines.iter().enumerate() {
        let start = (out.text.len(), out.places.len());
        let mut prev_end: Option<f32> = None;
        let mut prev_run: Option<&Run> = None;
        let mut prev_char: Option<char> = None;
        let table_line = in_table(line);
        for piece in &filled[k] {
            let r = match piece {
                Piece::Cell(None) => {
                    out.text.push('\t');
                    continue;
                }
                // A cell of its own, however close to the one before.
                Piece::Cell(Some(r)) => {
                    out.text.push('\t');
                    out.text.push_str(&r.text.replace(['\n', '\r', '\t'], " "));
                    (prev_end, prev_run) = (Some(r.end.max(r.x)), Some(r));
                    continue;
                }
                Piece::Text(r) => r,
            };
            if let Some(end) = prev_end {
                let gap = r.x - end;
                let alphanumeric = r.text.starts_with(|c: char| c.is_ascii_alphanumeric());
                // Two numbers apart (the strings were not merged): a space, as in
                // 「0571-8888 6000」.
                let digits = alphanumeric && prev_char.is_some_and(|c| c.is_ascii_alphanumeric());
                // Far apart, or a rule between them: two cells.
                if gap > r.size * 0.9 || prev_run.is_some_and(|p| grid::rule_between(&grid::edges(rules, r.y, r.size), p, r)) {
                    out.text.push('\t');
                } else if (gap > r.size * 0.2 && alphanumeric) || (digits && gap > r.size * 0.12) {
                    out.text.push(' ');
                }
            } else if table_line {
                out.text.push('\t');
            }
            out.text.push_str(&r.text.replace(['\n', '\r', '\t'], " "));
            (prev_end, prev_run) = (Some(r.end.max(r.x)), Some(r));
            prev_char = r.text.chars().next_back();
        }
        let em = line[0].size;
        // A paragraph's line: from the left edge (or its indent) to the right
        // edge. A line set to the right (a signature's date) goes on nowhere.
        let full = !table_line && line[line.len() - 1].end >= right - 1.5 * em && line[0].x <= left + 3.0 * em;
        let place = format!("第 {number} 页第 {} 行", k + 1);
        match lines.get(k + 1) {
            Some(next) if full && plain_at_left(next) => {}
            // The page's last line: the paragraph may go on over the page.
            None if full => carry.held = Some(place),
            _ => {
                out.text.push('\n');
                out.places.push(place);
                if k + 1 == lines.len() {
                    carry.tail = continued::tail(line, &filled[k], rules, start.0, start.1);
                }
            }
        }
    }
}

/// Blank cells print nothing: a row of numbers with fewer than the rows
/// around it gets an empty cell wherever a column of theirs has no number of its.
/// Only for tables without rules (a ruled table's cells come from its rules);
/// a row this cannot settle keeps its numbers as separate cells, and the row
/// reader leaves them unread rather than guess where the blanks were.
pub(super) fn fill_blank_columns(lines: &[Vec<Run>], carried: &[Vec<Run>]) -> Vec<Vec<Option<Run>>> {
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
            // The same table: its numbers all right of this row's label.
            let label_end = line[..first].iter().map(|r| r.end).fold(f32::MIN, f32::max);
            let fits = |reference: &[Run]| {
                reference.iter().all(|r| r.x >= label_end)
                    && mine.iter().all(|m| reference.iter().filter(|r| same_column(r, m)).count() == 1)
                    // A number reaching over two columns' numbers is in neither for sure.
                    && mine.iter().all(|m| reference.iter().filter(|r| r.x < m.end && m.x < r.end).count() <= 1)
            };
            // The fullest row nearby: its own blank cells must not hide a column.
            let reference = (1..30)
                .flat_map(|d| [i.checked_sub(d), Some(i + d)])
                .flatten()
                .filter_map(|k| lines.get(k))
                .map(|l| numbers(l))
                .chain(carried.iter().cloned())
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
        Some('（' | '(') => c.next().is_some_and(crate::import::labels::is_numeral),
        Some(d) if d.is_ascii_digit() || crate::import::labels::is_numeral(d) => matches!(c.next(), Some('.' | '．' | '、')),
        // A caption of table 二 is a row of its own.
        Some('第') => t.starts_with("第二十条"),
        _ => false,
    }
}

mod edges;
mod notes;
mod spread;
#[cfg(test)]
mod tests;
mod vertical;
mod words;
mod wrapped;
