//! A ruled table row broken over a page (Word and LibreOffice let a row
//! break): the cells' lines that did not fit are drawn at the top of the next
//! page, in a row of the same columns with nothing in its label cells. That
//! row is no row of its own: its value cells are joined to the cells of the
//! row the page before ended with, column by column — a cell filled on one
//! page only takes what it holds there, a cell filled on both is unsure with
//! each part and the parts joined as readings ([`UNSURE_CELL`]). Read as rows
//! of their own, the two parts made one row of too many cells, every one
//! unread with no readings.

use super::grid::{self, Piece};
use super::rows::wrapped_readings;
use super::{Rule, Run};
use crate::import::stream::{Source, UNSURE_CELL, unsure_cell};

/// Value column edges of two pages closer than this (points) are one column.
const SAME_EDGE: f32 = 1.5;

/// The last line of a page when it is a ruled row with value cells.
#[derive(Debug)]
pub(super) struct Tail {
    /// Where the line starts in the text, and how many places were written before it.
    start: usize,
    places: usize,
    /// The edges of its value cells, left to right (one more than the cells).
    edges: Vec<f32>,
}

/// The page's last line `line` (written from `start` on, after `places`
/// places) as a row the next page may go on with, if it is a ruled row ending
/// in value cells.
pub(super) fn tail(line: &[Run], pieces: &[Piece], rules: &[Rule], start: usize, places: usize) -> Option<Tail> {
    let cells = pieces.iter().rev().take_while(|p| matches!(p, Piece::Cell(_))).count();
    let first = line.first()?;
    let edges = grid::edges(rules, first.y, first.size);
    if cells == 0 || edges.len() < 3 || cells + 1 > edges.len() {
        return None;
    }
    Some(Tail { start, places, edges: edges[edges.len() - cells - 1..].to_vec() })
}

/// Joins the page's first line to the row the page before ended with when it
/// is that row going on (see the module): the row is written again with the
/// cells joined, and the line is taken out of `lines` and `filled`.
pub(super) fn join(
    tail: Option<Tail>,
    lines: &mut Vec<Vec<Run>>,
    filled: &mut Vec<Vec<Piece>>,
    rules: &[Rule],
    out: &mut Source,
    numeric: impl Fn(&str) -> bool,
) {
    let (Some(tail), Some(line), Some(pieces)) = (tail, lines.first(), filled.first()) else { return };
    let m = tail.edges.len() - 1;
    let edges = grid::edges(rules, line[0].y, line[0].size);
    // Every piece a cell; the cells left of the value columns blank; the value columns the same.
    let continues = pieces.len() > m
        && edges.len() == pieces.len() + 1
        && pieces.iter().all(|p| matches!(p, Piece::Cell(_)))
        && pieces[..pieces.len() - m].iter().all(|p| matches!(p, Piece::Cell(None)))
        && pieces.iter().any(|p| matches!(p, Piece::Cell(Some(r)) if numeric(&r.text)))
        && edges[edges.len() - m - 1..].iter().zip(&tail.edges).all(|(a, b)| (a - b).abs() < SAME_EDGE);
    if !continues || tail.places + 1 != out.places.len() || !out.text.ends_with('\n') {
        return;
    }
    let written = out.text[tail.start..out.text.len() - 1].to_string();
    let mut fields: Vec<&str> = written.rsplitn(m + 1, '\t').collect();
    if fields.len() != m + 1 {
        return;
    }
    let label = fields.pop().unwrap_or_default();
    fields.reverse();
    let below = pieces[pieces.len() - m..].iter().map(|p| match p {
        Piece::Cell(Some(r)) => r.text.replace(['\n', '\r', '\t'], " "),
        _ => String::new(),
    });
    let mut row = label.to_string();
    for (above, below) in fields.iter().zip(below) {
        row.push('\t');
        row.push_str(&cell(above, &below));
    }
    out.text.truncate(tail.start);
    out.text.push_str(&row);
    out.text.push('\n');
    lines.remove(0);
    filled.remove(0);
}

/// One cell from its part above the page break and its part below.
fn cell(above: &str, below: &str) -> String {
    match (above.is_empty(), below.is_empty()) {
        (_, true) => above.to_string(),
        (true, false) => below.to_string(),
        (false, false) => {
            let readings = wrapped_readings(above, below).unwrap_or_else(|| {
                [above, below]
                    .iter()
                    .flat_map(|t| t.trim_start_matches(UNSURE_CELL).split_whitespace())
                    .map(str::to_string)
                    .collect()
            });
            unsure_cell(&readings)
        }
    }
}
