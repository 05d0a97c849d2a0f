//! A ruled table's row is what lies between its horizontal rules, however many
//! lines of text it holds: a label wrapped over three lines, a number wrapped
//! inside a narrow cell (「123」 over 「45」, as Word, WPS and LibreOffice wrap
//! nianbao's own export), numbers centred beside the label's middle line. The
//! lines between the same two rules are made one line, each cell's text
//! joined top to bottom, so no line of the row is read as a row of its own
//! and no cell's part lands in another row or column.
//!
//! A number's lines are joined as one number only when it is certain the
//! number was wrapped: digits going on, and the upper line filling its cell
//! (no room for another digit beside it). Otherwise the lines stay apart with
//! a space between, and the row reader leaves the cell unread with the
//! readings it may have.

use super::clash::BLANK;
use super::grid;
use super::{Rule, Run};
use crate::import::stream::{UNSURE_CELL, unsure_cell};

/// The horizontal rules just above and below the point (`x`, `y`): the band
/// of a table row, when there are rules on both sides.
pub(super) fn band(rules: &[Rule], x: f32, y: f32) -> Option<(f32, f32)> {
    let across = rules.iter().filter(|r| !r.vertical && r.from <= x && r.to >= x).map(|r| r.at);
    let above = across.clone().filter(|&a| a > y).min_by(f32::total_cmp)?;
    let below = across.filter(|&a| a < y).max_by(f32::total_cmp)?;
    Some((below, above))
}

/// Whether a horizontal rule runs through the string's characters (above
/// its baseline and below their tops), not beside them.
fn on_rule(rules: &[Rule], r: &Run) -> bool {
    let x = (r.x + r.end.max(r.x)) / 2.0;
    rules.iter().any(|h| !h.vertical && h.from <= x && h.to >= x && super::strike::through_middle(r, h.at))
}

/// Joins the lines of each ruled table row into one line (see the module).
pub(super) fn join_ruled_rows(lines: &mut Vec<Vec<Run>>, rules: &[Rule], numeric: impl Fn(&str) -> bool) {
    let middle = |r: &Run| r.y + 0.35 * r.size;
    let centre = |r: &Run| (r.x + r.end.max(r.x)) / 2.0;
    // Each line's row: the band around its first number (else its last string), inside a ruled table.
    let keys: Vec<Option<(f32, f32, f32)>> = lines
        .iter()
        .map(|line| {
            let edges = grid::edges(rules, line[0].y, line[0].size);
            let (&left, &right) = (edges.first()?, edges.last()?);
            if edges.len() < 3 || !line.iter().all(|r| r.x >= left - 1.0 && inked_end(r) <= right + 1.0) {
                return None;
            }
            // A string on a rule is in neither row for sure: its line is left as it stands.
            if line.iter().any(|r| on_rule(rules, r)) {
                return None;
            }
            let at = line.iter().find(|r| numeric(&r.text)).or(line.last())?;
            let (below, above) = band(rules, centre(at), middle(at))?;
            Some((below, above, at.size))
        })
        .collect();
    // A row of a few lines (not a page between two far rules), or a taller
    // one whose numbers stand on one line: a note wrapped down a narrow cell
    // (「6（含 / 1件 / 部分 / 公开）」) makes its row tall, while rows whose
    // rules are missing each have a line of numbers.
    let at = |below: f32, above: f32| (below.round() as i64, above.round() as i64);
    let mut numbered: std::collections::HashMap<(i64, i64), usize> = std::collections::HashMap::new();
    for (line, key) in lines.iter().zip(&keys) {
        if let Some((below, above, _)) = *key
            && line.iter().filter(|r| numeric(&r.text)).count() >= 2
        {
            *numbered.entry(at(below, above)).or_default() += 1;
        }
    }
    let keys: Vec<Option<(f32, f32)>> = keys
        .iter()
        .map(|key| {
            let (below, above, size) = (*key)?;
            let one_line_of_numbers = numbered.get(&at(below, above)).is_none_or(|&n| n <= 1);
            (above - below <= 8.0 * size || one_line_of_numbers).then_some((below, above))
        })
        .collect();
    let same = |a: (f32, f32), b: (f32, f32)| (a.0 - b.0).abs() < 1.0 && (a.1 - b.1).abs() < 1.0;
    let mut out = Vec::with_capacity(lines.len());
    let mut done = vec![false; lines.len()];
    for i in 0..lines.len() {
        if done[i] {
            continue;
        }
        // The row's other lines, top to bottom down to its lower rule; a line
        // of another band among them (a group label beside the row, centred
        // over several rows) goes before it.
        let (mut row, mut beside) = (vec![i], Vec::new());
        if let Some(key) = keys[i] {
            for j in i + 1..lines.len() {
                match keys[j] {
                    _ if lines[j].iter().all(|r| middle(r) < key.0) => break,
                    Some(k) if same(k, key) => row.push(j),
                    _ => beside.push(j),
                }
            }
        }
        let members: Vec<Vec<Run>> = row.iter().map(|&k| lines[k].clone()).collect();
        let line = (members.len() >= 2 && members.iter().flatten().any(|r| numeric(&r.text)))
            .then(|| joined(&members, rules, &numeric))
            .flatten();
        match line {
            Some(line) => {
                // Only the lines before the row's last one are moved before it.
                let last = *row.last().unwrap_or(&i);
                for &k in beside.iter().filter(|&&k| k < last) {
                    out.push(lines[k].clone());
                    done[k] = true;
                }
                out.push(line);
                row.iter().for_each(|&k| done[k] = true);
            }
            None => {
                out.push(lines[i].clone());
                done[i] = true;
            }
        }
    }
    *lines = out;
}

/// The lines of one row as one line: a string for each cell, its lines joined.
/// `None` when a string does not sit inside one cell.
fn joined(lines: &[Vec<Run>], rules: &[Rule], numeric: &impl Fn(&str) -> bool) -> Option<Vec<Run>> {
    let first = lines.iter().flatten().find(|r| numeric(&r.text))?;
    let edges = grid::edges(rules, first.y, first.size);
    let mut cells: Vec<Vec<(usize, Run)>> = vec![Vec::new(); edges.len().checked_sub(1)?];
    for (k, line) in lines.iter().enumerate() {
        for r in line {
            let centre = (r.x + r.end.max(r.x)) / 2.0;
            let c = edges.iter().filter(|&&e| e < centre).count().checked_sub(1)?;
            if c >= cells.len() || edges.iter().any(|&e| e > r.x + 1.0 && e < inked_end(r) - 1.0) {
                return None;
            }
            cells[c].push((k, r.clone()));
        }
    }
    let mut out = Vec::new();
    for (c, cell) in cells.into_iter().enumerate() {
        let mut parts = cell.into_iter();
        let Some((mut line, mut whole)) = parts.next() else { continue };
        let width = edges[c + 1] - edges[c];
        for (k, mut r) in parts {
            let digits_go_on =
                whole.text.ends_with(|c: char| c.is_ascii_digit()) && r.text.starts_with(|c: char| c.is_ascii_digit());
            let ascii = whole.text.ends_with(|c: char| c.is_ascii_alphanumeric())
                && r.text.starts_with(|c: char| c.is_ascii_alphanumeric());
            if k != line
                && (whole.text.starts_with(UNSURE_CELL) || r.text.starts_with(UNSURE_CELL))
                && let Some(readings) = wrapped_readings(&whole.text, &r.text)
            {
                // An unsure piece (a torn number) over or under another: the
                // cell keeps each reading of either line and each joined.
                r.text = unsure_cell(&readings);
                whole.text.clear();
            } else if k == line {
                // On one line: apart where the strings were drawn apart, or
                // over each other (two numbers, one drawn over the other).
                if ascii && (r.x - whole.end > 0.2 * r.size || r.x < whole.end - 0.3 * r.size.max(whole.size)) {
                    whole.text.push(' ');
                }
            } else if digits_go_on {
                // A number wrapped: its upper line leaves no room for a digit beside it.
                let upper = whole.end - whole.x;
                if width - upper >= 1.5 * r.size.max(whole.size) || whole.text.contains(' ') {
                    whole.text.push(' ');
                }
            } else if ascii {
                whole.text.push(' ');
            }
            whole.text.push_str(&r.text);
            whole.x = whole.x.min(r.x);
            whole.end = whole.end.max(r.end);
            whole.size = whole.size.max(r.size);
            line = k;
        }
        whole.y = first.y;
        out.push(whole);
    }
    Some(out)
}

/// Where a string's ink ends: a closing full-width mark (「）」「。」) inks only
/// the left half of its em, and a browser lets that half hang past the cell's
/// edge rather than wrap it alone (「公开）」 in a narrow cell).
fn inked_end(r: &Run) -> f32 {
    let hangs = r.text.ends_with(|c: char| "）」』》〉】〕，。、；：！？".contains(c));
    if hangs { r.end - 0.5 * r.size } else { r.end }
}

/// The readings of a cell whose number may go on from the line `upper` to the
/// line `lower`, either already unsure or not ([`UNSURE_CELL`] and its
/// readings): every reading of each, and each upper one joined to each lower
/// one (「20」 over 「5」 may be 205). `None` when a reading is not digits (nor 「空白」, a line struck through).
pub(super) fn wrapped_readings(upper: &str, lower: &str) -> Option<Vec<String>> {
    let readings = |t: &str| -> Option<Vec<String>> {
        let words: Vec<String> = t.trim_start_matches(UNSURE_CELL).split_whitespace().map(str::to_string).collect();
        let digits = |w: &String| w == BLANK || w.chars().all(|c| c.is_ascii_digit());
        (!words.is_empty() && words.iter().all(digits)).then_some(words)
    };
    let (up, down) = (readings(upper)?, readings(lower)?);
    // A blank reading (a struck line) adds nothing to the other line's.
    let join = |u: &String, d: &String| match (u.as_str(), d.as_str()) {
        (BLANK, _) => d.clone(),
        (_, BLANK) => u.clone(),
        _ => format!("{u}{d}"),
    };
    // A leading zero is not how a number is printed (「0」 over 「5」 is not 05).
    let joined = up.iter().flat_map(|u| down.iter().map(move |d| join(u, d))).filter(|j| !j.starts_with('0'));
    let mut out: Vec<String> = Vec::new();
    for r in up.iter().cloned().chain(down.iter().cloned()).chain(joined) {
        if !out.contains(&r) {
            out.push(r);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::super::lines::{Carry, write_page};
    use super::*;
    use crate::import::stream::Source;

    /// A label cell 100–250 and three value cells of 30 points; rows between
    /// the horizontal rules at 300, 260 and 220.
    fn grid() -> Vec<Rule> {
        let mut rules: Vec<Rule> =
            [100.0, 250.0, 280.0, 310.0, 340.0].map(|at| Rule { vertical: true, at, from: 200.0, to: 320.0 }).to_vec();
        rules.extend([320.0, 300.0, 260.0, 220.0].map(|at| Rule { vertical: false, at, from: 100.0, to: 340.0 }));
        rules
    }

    #[test]
    fn a_rows_lines_between_its_rules_are_one_row_and_a_wrapped_number_one_number() {
        let rules = grid();
        let runs = vec![
            run(105.0, 305.0, "信息内容"),
            // A label of two lines; 12345 wrapped in the last, narrow cell; the
            // other numbers centred in their cells, between the label's lines.
            run(105.0, 285.0, "（二）部分公开（区分"),
            run(316.0, 285.0, "123"),
            run(262.0, 278.0, "3"),
            run(292.0, 278.0, "1"),
            run(105.0, 271.0, "处理的）"),
            run(319.0, 271.0, "45"),
            // Two numbers stacked in a cell with room for more digits: not one number.
            run(105.0, 238.0, "（三）不予公开"),
            run(262.0, 245.0, "3"),
            run(262.0, 232.0, "5"),
            run(322.0, 238.0, "7"),
            run(105.0, 100.0, "表下的文字"),
        ];
        let (mut out, mut carry) = (Source::default(), Carry::default());
        write_page(1, runs, &rules, &mut out, &mut carry);
        carry.finish(&mut out);
        let lines: Vec<&str> = out.text.lines().collect();
        assert_eq!(
            lines[..3],
            ["\t信息内容\t\t\t", "\t（二）部分公开（区分处理的）\t3\t1\t12345", "\t（三）不予公开\t3 5\t\t7"],
            "{}",
            out.text
        );
    }

    #[test]
    fn a_number_on_the_rule_between_two_rows_is_joined_to_neither() {
        let rules = grid();
        let runs = vec![
            run(105.0, 305.0, "信息内容"),
            run(105.0, 278.0, "（一）予以公开"),
            run(316.0, 278.0, "120"),
            // The next row's number drawn over the rule above it.
            run(316.0, 258.0, "127"),
            run(105.0, 238.0, "（二）部分公开"),
            run(105.0, 100.0, "表下的文字"),
        ];
        let (mut out, mut carry) = (Source::default(), Carry::default());
        write_page(1, runs, &rules, &mut out, &mut carry);
        assert!(!out.text.contains("120127") && !out.text.contains("120 127"), "{}", out.text);
    }

    #[test]
    fn numbers_drawn_over_each_other_in_a_row_of_two_lines_are_not_one_number() {
        // Another page's 「21」 and 「5」 drawn over this row's 「3」 and 「1」, a
        // little lower, in a row whose label takes two lines.
        let runs = vec![
            run(105.0, 305.0, "信息内容"),
            run(105.0, 288.0, "（二）部分公开"),
            run(105.0, 274.0, "（区分处理的）"),
            run(283.0, 278.0, "5"),
            run(283.0, 275.0, "1"),
            run(313.0, 278.0, "21"),
            run(316.0, 275.0, "3"),
            run(105.0, 100.0, "表下的文字"),
        ];
        let (mut out, mut carry) = (Source::default(), Carry::default());
        write_page(1, runs, &grid(), &mut out, &mut carry);
        // Unsure (with what they may be), never one number.
        let cells: Vec<&str> = out.text.split(['\t', '\n']).collect();
        assert!(cells.iter().all(|c| !["213", "321", "51", "15"].contains(&c.trim())), "{}", out.text);
        assert!(cells.iter().any(|c| c.contains("21") && c.contains('3')), "{}", out.text);
    }

    #[test]
    fn a_note_wrapped_down_a_narrow_cell_is_the_cells_note_however_tall_the_row() {
        // 「6（含1件部分公开）」 in the last, narrow cell: 「6」 on the top line, the
        // note's words one line each, 「1件」 on the label's line — a row nine
        // lines tall (taller than eight characters), as a browser prints it;
        // the note's closing bracket hangs half an em past the cell's edge.
        let mut rules: Vec<Rule> =
            [100.0, 250.0, 280.0, 310.0, 345.0].map(|at| Rule { vertical: true, at, from: 50.0, to: 320.0 }).to_vec();
        rules.extend([320.0, 300.0, 190.0, 50.0].map(|at| Rule { vertical: false, at, from: 100.0, to: 345.0 }));
        let runs = vec![
            run(105.0, 305.0, "信息内容"),
            run(312.0, 280.0, "6"),
            run(312.0, 266.0, "（含"),
            run(105.0, 252.0, "（二）部分公开（区分"),
            run(262.0, 252.0, "1"),
            run(292.0, 252.0, "3"),
            run(312.0, 252.0, "1件"),
            run(105.0, 238.0, "处理的）"),
            run(312.0, 224.0, "部分"),
            run(312.0, 210.0, "公开）"),
            // Below, a band of the same height whose rules between rows are
            // missing: two lines of numbers are two rows, not one.
            run(105.0, 170.0, "（三）不予公开"),
            run(262.0, 170.0, "2"),
            run(292.0, 170.0, "5"),
            run(105.0, 90.0, "（四）无法提供"),
            run(262.0, 90.0, "4"),
            run(292.0, 90.0, "8"),
            run(105.0, 20.0, "表下的文字"),
        ];
        let (mut out, mut carry) = (Source::default(), Carry::default());
        write_page(1, runs, &rules, &mut out, &mut carry);
        carry.finish(&mut out);
        let lines: Vec<&str> = out.text.lines().collect();
        assert_eq!(lines[1], "\t（二）部分公开（区分处理的）\t1\t3\t6（含1件部分公开）", "{}", out.text);
        assert!(!out.text.split(['\t', '\n']).any(|c| c == "1件"), "{}", out.text);
        assert!(lines.contains(&"\t（三）不予公开\t2\t5\t") && lines.contains(&"\t（四）无法提供\t4\t8\t"), "{}", out.text);
    }

    /// A string of 12-point characters at (`x`, `y`).
    fn run(x: f32, y: f32, text: &str) -> Run {
        let width: f32 = text.chars().map(|c| if c.is_ascii() { 6.0 } else { 12.0 }).sum();
        Run { x, y, end: x + width, size: 12.0, text: text.to_string() }
    }
}
