//! A ruled table's header cell whose words wrap inside it (「商业」 over
//! 「企业」 in a narrow column, as a browser prints a web page's table):
//! its lines are one string again, so the label reads whole and beside its
//! neighbours, not as the head of one line and the tail of another.

use super::super::rows::band;
use super::super::{Rule, Run, grid};

/// The cell a string stands in: the vertical rules left and right of its
/// centre and the horizontal rules above and below it (`None` outside a
/// ruled cell).
fn cell(rules: &[Rule], r: &Run) -> Option<[f32; 4]> {
    let centre = (r.x + r.end.max(r.x)) / 2.0;
    let edges = grid::edges(rules, r.y, r.size);
    let left = edges.iter().copied().rfind(|&e| e <= r.x + 1.0)?;
    let right = edges.iter().copied().find(|&e| e >= r.end - 1.0)?;
    // A string reaching over a rule is in no one cell.
    if edges.iter().any(|&e| e > r.x + 1.0 && e < r.end - 1.0) {
        return None;
    }
    let (below, above) = band(rules, centre, r.y + 0.35 * r.size)?;
    Some([left, right, below, above])
}

/// Joins, within each block of consecutive lines without numbers inside a
/// ruled table (a header), the strings that stand in one cell: the later
/// ones go onto the first, top to bottom. A line left empty is dropped.
pub(in crate::import::pdf) fn join_wrapped_cells(lines: &mut Vec<Vec<Run>>, rules: &[Rule], numeric: impl Fn(&str) -> bool) {
    let same = |a: &[f32; 4], b: &[f32; 4]| a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1.0);
    let header = |line: &[Run]| !line.iter().any(|r| numeric(&r.text)) && line.iter().all(|r| cell(rules, r).is_some());
    let mut i = 0;
    while i < lines.len() {
        if !header(&lines[i]) {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < lines.len() && header(&lines[end]) {
            end += 1;
        }
        for a in i..end {
            // The line shrinks as its later strings are joined to earlier ones.
            let mut ra = 0;
            while ra < lines[a].len() {
                let Some(key) = cell(rules, &lines[a][ra]) else {
                    ra += 1;
                    continue;
                };
                // Reading order: the cell's other strings on this line (a
                // justified line drawn apart), then those of the lines below.
                for b in a..end {
                    let mut k = if b == a { ra + 1 } else { 0 };
                    while k < lines[b].len() {
                        if cell(rules, &lines[b][k]).is_some_and(|c| same(&c, &key)) {
                            let r = lines[b].remove(k);
                            let whole = &mut lines[a][ra];
                            let words = |a: Option<char>, b: Option<char>| {
                                a.zip(b).is_some_and(|(a, b)| a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric())
                            };
                            if words(whole.text.chars().next_back(), r.text.chars().next()) {
                                whole.text.push(' ');
                            }
                            whole.text.push_str(&r.text);
                            whole.x = whole.x.min(r.x);
                            whole.end = whole.end.max(r.end);
                        } else {
                            k += 1;
                        }
                    }
                }
                ra += 1;
            }
        }
        let kept: Vec<Vec<Run>> = lines.drain(i..end).filter(|l| !l.is_empty()).collect();
        let n = kept.len();
        lines.splice(i..i, kept);
        i += n;
    }
}
