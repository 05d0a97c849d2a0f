//! A table row's numbers placed by the table's own ruling: the vertical rules
//! crossing the row are its cells' edges, so each number belongs to the cell
//! its centre lies in, and a cell with nothing in it is a blank cell — whatever
//! the other rows hold. A row whose numbers do not each sit inside one cell
//! right of its label is not placed here (the caller falls back to weaker
//! evidence, and the row's cells are read as unsure when that fails too).

use super::clash;
use super::{Rule, Run};

/// What a line is written as: text as it stands, or a table cell of its own.
#[derive(Clone, Debug)]
pub(super) enum Piece {
    Text(Run),
    /// A cell: its content, or nothing (a blank cell).
    Cell(Option<Run>),
}

/// The x of the vertical rules crossing a line whose characters of `size`
/// stand on the baseline `y`, left to right, rules closer than a point as one.
pub(super) fn edges(rules: &[Rule], y: f32, size: f32) -> Vec<f32> {
    let middle = y + 0.35 * size;
    let mut xs: Vec<f32> = rules.iter().filter(|r| r.vertical && r.from <= middle && r.to >= middle).map(|r| r.at).collect();
    xs.sort_by(f32::total_cmp);
    xs.dedup_by(|a, b| (*a - *b).abs() < 1.0);
    xs
}

/// Whether a rule lies between the end of `a` and the start of `b` (two
/// strings in different cells, however close).
pub(super) fn rule_between(edges: &[f32], a: &Run, b: &Run) -> bool {
    let (from, to) = (a.end.max(a.x) - 0.5, b.x + 0.5);
    edges.iter().any(|&e| e >= from && e <= to)
}

/// The row's pieces by the edges: the label's strings as text, then one cell
/// for every column right of the label. `above` is the label of a row whose
/// numbers stand alone on their line (centred beside a label of three lines).
/// `None` when the edges do not settle it.
pub(super) fn place(line: &[Run], above: Option<&Run>, edges: &[f32], numeric: impl Fn(&str) -> bool) -> Option<Vec<Piece>> {
    if edges.len() < 2 {
        return None;
    }
    let first = line.iter().position(|r| numeric(&r.text))?;
    // Which cell a string's centre lies in (None outside the table).
    let column = |r: &Run| {
        let centre = (r.x + r.end.max(r.x)) / 2.0;
        (centre > edges[0] && centre < edges[edges.len() - 1]).then(|| edges.iter().filter(|&&e| e < centre).count() - 1)
    };
    // The label: the strings before the first number; the cells right of its last one hold values.
    let label_end = line[..first].iter().filter_map(column).max().or_else(|| {
        // Only a label left of the numbers (a header above table 四 is not one).
        above.and_then(column).filter(|&c| column(&line[first]).is_some_and(|n| c < n))
    });
    let values = label_end.map_or(0, |c| c + 1);
    let mut cells: Vec<Vec<Run>> = vec![Vec::new(); edges.len() - 1 - values.min(edges.len() - 1)];
    // The cell a point lies in (None outside the table).
    let at = |x: f32| (x > edges[0] && x < edges[edges.len() - 1]).then(|| edges.iter().filter(|&&e| e < x).count() - 1);
    for r in &line[first..] {
        let c = column(r)?;
        if c < values {
            return None;
        }
        if edges.iter().any(|&e| e > r.x + 1.0 && e < r.end - 1.0) {
            // A number across a rule: unsure in each value cell it covers; other text is not settled here.
            let (Some(from), Some(to)) = (at(r.x + 1.0), at(r.end - 1.0)) else { return None };
            if !numeric(&r.text) || from < values {
                return None;
            }
            (from..=to).for_each(|k| cells[k - values].push(clash::across(r, k - from, to - from)));
            continue;
        }
        cells[c - values].push(r.clone());
    }
    let mut out: Vec<Piece> = line[..first].iter().cloned().map(Piece::Text).collect();
    // Numbers drawn over each other: their cell unsure, and a blank cell beside it too.
    let mut over: Vec<(usize, Run)> = Vec::new();
    for (k, cell) in cells.iter_mut().enumerate() {
        if let Some((run, beside)) = clash::cell(cell) {
            over.extend(beside.map(|b| (k, b)));
            *cell = vec![run];
        }
    }
    for (k, beside) in over {
        for j in [k.wrapping_sub(1), k + 1] {
            if cells.get(j).is_some_and(Vec::is_empty) {
                cells[j] = vec![beside.clone()];
            }
        }
    }
    for cell in cells {
        let mut runs = cell.into_iter();
        let joined = runs.next().map(|mut whole| {
            for r in runs {
                if r.x - whole.end > 0.2 * r.size {
                    whole.text.push(' ');
                }
                whole.text.push_str(&r.text);
                whole.end = whole.end.max(r.end);
            }
            whole
        });
        out.push(Piece::Cell(joined));
    }
    Some(out)
}

/// A row with only its label and nothing in its value cells: the label, then a
/// blank cell for each column right of it. Only on the row's last line, and
/// only when every line of the row (between the horizontal rules above and
/// below its value cells) holds nothing right of the label. `None` otherwise.
pub(super) fn blank_row(lines: &[Vec<Run>], k: usize, rules: &[Rule]) -> Option<Vec<Piece>> {
    let line = &lines[k];
    let (y, size) = (line.first()?.y, line[0].size);
    let edges = edges(rules, y, size);
    let last = edges.len().checked_sub(1)?;
    let column = |r: &Run| {
        let centre = (r.x + r.end.max(r.x)) / 2.0;
        (centre > edges[0] && centre < edges[last]).then(|| edges.iter().filter(|&&e| e < centre).count() - 1)
    };
    let values = line.iter().map(column).collect::<Option<Vec<_>>>()?.into_iter().max()? + 1;
    if values >= last {
        return None;
    }
    let (left, right) = (edges[values] + 1.0, edges[last] - 1.0);
    let middle = |l: &[Run]| l[0].y + 0.35 * l[0].size;
    let across = rules.iter().filter(|r| !r.vertical && r.from <= left && r.to >= right).map(|r| r.at);
    let above = across.clone().filter(|&a| a > middle(line)).min_by(f32::total_cmp)?;
    let below = across.filter(|&a| a < middle(line)).max_by(f32::total_cmp)?;
    for (j, other) in lines.iter().enumerate() {
        let m = middle(other);
        if j == k || m <= below || m >= above {
            continue;
        }
        // Another line of the row: a label's line above this one, else not settled.
        if m < middle(line) || !other.iter().all(|r| r.end <= edges[values] + 1.0) {
            return None;
        }
    }
    let mut out: Vec<Piece> = line.iter().cloned().map(Piece::Text).collect();
    out.extend((values..last).map(|_| Piece::Cell(None)));
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(x: f32, text: &str) -> Run {
        let w = text.chars().map(|c| if c.is_ascii() { 5.0 } else { 10.0 }).sum::<f32>();
        Run { x, y: 100.0, end: x + w, size: 10.0, text: text.to_string() }
    }

    fn numeric(t: &str) -> bool {
        t.chars().all(|c| c.is_ascii_digit())
    }

    fn shown(pieces: &[Piece]) -> Vec<String> {
        pieces
            .iter()
            .map(|p| match p {
                Piece::Text(r) => format!("text {}", r.text),
                Piece::Cell(c) => c.as_ref().map_or("blank".into(), |r| r.text.clone()),
            })
            .collect()
    }

    #[test]
    fn a_number_goes_to_the_cell_it_stands_in_and_empty_cells_are_blank() {
        // A label cell 0–100, then four cells of 30 points; the second and the last blank.
        let rules: Vec<Rule> = [0.0, 100.0, 130.0, 160.0, 190.0, 220.0]
            .iter()
            .map(|&x| Rule { vertical: true, at: x, from: 90.0, to: 120.0 })
            .collect();
        let e = edges(&rules, 100.0, 10.0);
        assert_eq!(e.len(), 6);
        let line = [run(5.0, "规章"), run(110.0, "99"), run(165.0, "7")];
        let pieces = place(&line, None, &e, numeric).unwrap();
        assert_eq!(shown(&pieces), ["text 规章", "99", "blank", "7", "blank"]);
        // A row without a label: every cell crossing it counts.
        let pieces = place(&[run(140.0, "3")], None, &e, numeric).unwrap();
        assert_eq!(shown(&pieces), ["blank", "blank", "3", "blank", "blank"]);
        // Its label on the line above: the label's cell is not a value.
        let pieces = place(&[run(140.0, "3")], Some(&run(5.0, "规章")), &e, numeric).unwrap();
        assert_eq!(shown(&pieces), ["blank", "3", "blank", "blank"]);
        let pieces = place(&[run(110.0, "3")], Some(&run(195.0, "总计")), &e, numeric).unwrap();
        assert_eq!(shown(&pieces), ["blank", "3", "blank", "blank", "blank"]);
        // A number across a rule: each cell it covers unsure; outside the table: not settled here.
        let pieces = place(&[run(5.0, "规章"), run(120.0, "1234")], None, &e, numeric).unwrap();
        let unsure = |r: &str| format!("{}{r}", crate::import::stream::UNSURE_CELL);
        assert_eq!(
            shown(&pieces),
            ["text 规章".into(), unsure("1 12 123 1234 空白"), unsure("234 34 4 1234 空白"), "blank".into(), "blank".into()]
        );
        // Numbers drawn over each other: their cell unsure, a blank cell beside it too.
        let pieces =
            place(&[run(5.0, "规章"), run(110.0, "99"), run(140.0, "127"), run(141.0, "128")], None, &e, numeric).unwrap();
        assert_eq!(
            shown(&pieces),
            ["text 规章".into(), "99".into(), unsure("127 128 127128"), unsure("127 128 空白"), "blank".into()]
        );
        assert!(place(&[run(5.0, "规章"), run(230.0, "1")], None, &e, numeric).is_none());
        // A row of blank cells: alone between its horizontal rules, or not settled.
        let mut ruled = rules.clone();
        ruled.extend([88.0, 125.0].map(|at| Rule { vertical: false, at, from: 0.0, to: 220.0 }));
        let at = |y: f32, r: Run| Run { y, ..r };
        let rows = [vec![at(130.0, run(5.0, "表头"))], vec![run(5.0, "规章")], vec![at(80.0, run(110.0, "1"))]];
        let pieces = blank_row(&rows, 1, &ruled).unwrap();
        assert_eq!(shown(&pieces), ["text 规章", "blank", "blank", "blank", "blank"]);
        // A label of two lines: the blank cells after its last line.
        let rows = [vec![at(106.0, run(5.0, "行政"))], vec![at(95.0, run(5.0, "规章"))]];
        assert!(blank_row(&rows, 0, &ruled).is_none());
        assert_eq!(blank_row(&rows, 1, &ruled).map(|p| p.len()), Some(5));
        // Something in a value cell on another line of the row, or no horizontal rules: not settled.
        let rows = [vec![run(5.0, "规章")], vec![at(95.0, run(110.0, "1"))]];
        assert!(blank_row(&rows, 0, &ruled).is_none());
        assert!(blank_row(&[vec![run(5.0, "规章")]], 0, &rules).is_none());
        // Rules that do not reach the line are not its edges.
        assert!(edges(&rules, 200.0, 10.0).is_empty());
    }
}
