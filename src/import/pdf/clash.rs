//! Numbers that cannot be read as they are drawn in a ruled row: a number
//! across a cell's vertical rule (「127128」 over the rule between two cells),
//! and numbers drawn over each other in one cell (「127」 and 「128」 at one
//! place). Which cell holds which number is not certain, so the cells
//! concerned — the ones the number covers, and a blank cell beside numbers
//! drawn over each other — are unsure
//! ([`UNSURE_CELL`](crate::import::stream::UNSURE_CELL)) with the readings they
//! may have, never one number joined from two and a blank beside it.

use super::Run;
use crate::import::stream::{is_unsure, unsure_cell};

/// A blank cell's reading among an unsure cell's readings.
pub(super) const BLANK: &str = "空白";

fn digits(t: &str) -> bool {
    !t.is_empty() && t.chars().all(|c| c.is_ascii_digit())
}

/// The readings of an unsure cell's text, else the text itself.
fn readings(r: &Run) -> Vec<String> {
    match r.text.strip_prefix(is_unsure) {
        Some(rest) => rest.split(' ').filter(|s| !s.is_empty()).map(str::to_string).collect(),
        None => vec![r.text.clone()],
    }
}

fn unsure(mut readings: Vec<String>, like: &Run) -> Run {
    let mut seen: Vec<String> = Vec::new();
    readings.retain(|r| {
        !seen.contains(r) && {
            seen.push(r.clone());
            true
        }
    });
    Run { text: unsure_cell(&readings), ..like.clone() }
}

/// What cell `k` of the cells `0..=last` a number across their rules covers
/// may hold: the number's first digits (the first cell), its last ones (the
/// last cell), all of it, or nothing.
pub(super) fn across(r: &Run, k: usize, last: usize) -> Run {
    let mut out = Vec::new();
    if digits(&r.text) {
        let cuts = 1..r.text.len();
        if k == 0 {
            out.extend(cuts.map(|c| r.text[..c].to_string()));
        } else if k == last {
            out.extend(cuts.map(|c| r.text[c..].to_string()));
        }
    }
    out.extend([r.text.clone(), BLANK.to_string()]);
    unsure(out, r)
}

/// Whether two strings of a cell are drawn over each other (more than a
/// third of a character).
fn overlap(a: &Run, b: &Run) -> bool {
    b.x < a.end - 0.3 * a.size.max(b.size) && a.x < b.end - 0.3 * a.size.max(b.size)
}

/// A cell's strings as one, when unsure: one of them is, or they are drawn
/// over each other — then also what a blank cell beside it may hold (one of
/// the numbers drawn over each other may be its).
pub(super) fn cell(runs: &[Run]) -> Option<(Run, Option<Run>)> {
    let first = runs.first()?;
    let over = runs.iter().enumerate().any(|(i, a)| runs[i + 1..].iter().any(|b| overlap(a, b)));
    if !over && !runs.iter().any(|r| r.text.starts_with(is_unsure)) {
        return None;
    }
    let mut out: Vec<String> = runs.iter().flat_map(readings).collect();
    let beside = over.then(|| {
        let mut mine: Vec<String> = out.iter().filter(|r| digits(r)).cloned().collect();
        mine.push(BLANK.to_string());
        unsure(mine, first)
    });
    if over {
        out.push(runs.iter().map(|r| r.text.as_str()).collect());
    }
    Some((unsure(out, first), beside))
}
