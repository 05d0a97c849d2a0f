//! Strings drawn one character at a time (WPS, LibreOffice's tracked
//! changes) become words again, one line's strings at a time.

use super::super::{Rule, Run, grid};
use crate::import::stream::is_unsure;

/// The line's strings, left to right, with the ones drawn a character at a
/// time joined as words (numbers close together stay apart: two cells).
pub(in crate::import::pdf) fn joined(line: Vec<Run>, rules: &[Rule]) -> Vec<Run> {
    let edges = grid::edges(rules, line[0].y, line[0].size);
    // Strings drawn one character at a time (WPS) become words again.
    let mut merged: Vec<Run> = Vec::with_capacity(line.len());
    for r in line {
        match merged.last_mut() {
            // Two numbers close together are two cells (shrunk to fit), not
            // one; a rule between two strings parts them whatever the gap.
            Some(prev)
                if r.x - prev.end.max(prev.x) < 0.6 * r.size.max(prev.size)
                    && !grid::rule_between(&edges, prev, &r)
                    && !prev.text.starts_with(is_unsure)
                    && !r.text.starts_with(is_unsure)
                    && !(prev.text.ends_with(|c: char| c.is_ascii_digit())
                        && r.text.starts_with(|c: char| c.is_ascii_digit())
                        && (r.x - prev.end.max(prev.x) > 0.12 * r.size.max(prev.size)
                            // Drawn over each other: two numbers, not one.
                            || r.x < prev.end - 0.3 * r.size.max(prev.size))) =>
            {
                prev.text.push_str(&r.text);
                prev.end = r.end.max(prev.end);
            }
            _ => merged.push(r),
        }
    }
    merged
}
