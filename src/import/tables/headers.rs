//! Column headers of tables 二, 三 and 四: which column of the source holds
//! which column of the template.
//!
//! A header is a tree of labels (「法人或其他组织」 over 商业企业 … 其他), each
//! over a range of the template's columns. Each line of the source's header
//! shows some of those labels left to right, which is their order in the
//! source. Lines are read top to bottom, and the labels of a line out of the
//! template's order move their columns to where the source has them. When a
//! line's labels cannot be laid out with certainty (their columns are not one
//! block), their columns are uncertain. No label found: the template's order.

use std::ops::Range;

use crate::import::cells::CellRead;
use crate::import::labels::Doc;
use crate::import::stream::Gap;
use crate::model::template::{
    APPLICANT_COLUMNS, LEGAL_PERSON_HEADER, LITIGATION_HEADER, REVIEW_CELLS, REVIEW_GROUPS, REVIEW_OUTCOMES,
};

/// One label of a header and the template's columns under it.
#[derive(Clone, Debug)]
pub struct Node {
    pub label: &'static str,
    pub cols: Range<usize>,
    pub parent: Option<usize>,
}

/// Table 三: 自然人, 法人或其他组织 (商业企业 … 其他), 总计.
pub fn applicants() -> Vec<Node> {
    let mut nodes: Vec<Node> =
        APPLICANT_COLUMNS.iter().enumerate().map(|(j, l)| Node { label: l, cols: j..j + 1, parent: None }).collect();
    let group = nodes.len();
    nodes.push(Node { label: LEGAL_PERSON_HEADER, cols: 1..APPLICANT_COLUMNS.len() - 1, parent: None });
    for n in &mut nodes[1..APPLICANT_COLUMNS.len() - 1] {
        n.parent = Some(group);
    }
    nodes
}

/// A 「小计」 column some templates add to table 三 (the sum of 法人或其他组织,
/// not in the official table).
pub const SUBTOTAL: &str = "小计";

/// Table 三 with a 「小计」 column: laid out as column [`subtotal_col`], just
/// before 总计. Printed below 法人或其他组织 (`below_group`) it is one of the
/// group's columns; printed beside it (on the group's line) it is a column of
/// its own. Either way the header tells where the source has it.
pub fn applicants_with_subtotal(below_group: bool) -> Vec<Node> {
    let mut nodes = applicants();
    let (sub, group) = (subtotal_col(), nodes.len() - 1);
    for n in &mut nodes {
        if n.cols.start > sub || (n.cols.start == sub && n.parent.is_none()) {
            n.cols = n.cols.start + 1..n.cols.end + 1;
        }
    }
    if below_group {
        nodes[group].cols.end += 1;
    }
    nodes.push(Node { label: SUBTOTAL, cols: sub..sub + 1, parent: below_group.then_some(group) });
    nodes
}

/// The column of 「小计」 in [`applicants_with_subtotal`]'s layout.
pub fn subtotal_col() -> usize {
    APPLICANT_COLUMNS.len() - 1
}

/// Table 四: 行政复议 (five outcomes), 行政诉讼 (未经复议直接起诉, 复议后起诉, five each).
pub fn reviews() -> Vec<Node> {
    let k = REVIEW_OUTCOMES.len();
    let mut nodes: Vec<Node> = (0..REVIEW_CELLS)
        .map(|j| Node { label: REVIEW_OUTCOMES[j % k], cols: j..j + 1, parent: Some(REVIEW_CELLS + j / k) })
        .collect();
    for (g, label) in REVIEW_GROUPS.iter().enumerate() {
        let parent = (g > 0).then_some(REVIEW_CELLS + REVIEW_GROUPS.len());
        nodes.push(Node { label, cols: g * k..(g + 1) * k, parent });
    }
    nodes.push(Node { label: LITIGATION_HEADER, cols: k..REVIEW_CELLS, parent: None });
    nodes
}

/// The row's cells in the template's order: each from its column of the
/// source, an uncertain one unread with the row's numbers as its readings.
pub fn reorder(cells: Vec<CellRead>, pos: &[Option<usize>]) -> Vec<CellRead> {
    if cells.len() != pos.len() || pos.iter().enumerate().all(|(j, p)| *p == Some(j)) {
        return cells;
    }
    let mut numbers: Vec<String> = Vec::new();
    for c in &cells {
        let v = c.value.map_or_else(|| c.unread.as_ref().map(|u| u.1.clone()).unwrap_or_default(), |v| vec![v.to_string()]);
        for v in v {
            if !numbers.contains(&v) {
                numbers.push(v);
            }
        }
    }
    let raw = cells.iter().map(|c| c.raw.as_str()).filter(|r| !r.is_empty()).collect::<Vec<_>>().join(" ");
    pos.iter()
        .map(|p| match p {
            Some(s) => cells[*s].clone(),
            None => CellRead {
                unread: Some((UNCERTAIN.to_string(), numbers.clone())),
                raw: raw.clone(),
                line: cells[0].line,
                col: cells[0].col,
                ..CellRead::default()
            },
        })
        .collect()
}

/// Why a cell is unread when its column cannot be told from the header.
pub const UNCERTAIN: &str = "表头各列的顺序与官方格式不同，无法确定这一格属于哪一列";

/// A row of columns without groups (table 二's blocks).
pub fn flat(labels: &[&'static str]) -> Vec<Node> {
    labels.iter().enumerate().map(|(j, l)| Node { label: l, cols: j..j + 1, parent: None }).collect()
}

/// Where the source has each template column: `Some(slot)`, or `None` when
/// the header shows the columns in an order that cannot be mapped with
/// certainty. The identity when no header line says otherwise.
pub fn columns(doc: &Doc, nodes: &[Node], from: usize, to: usize) -> Vec<Option<usize>> {
    let found = occurrences(doc, nodes, from, to);
    mapping(nodes, &found)
}

/// The columns a header found in `s[from..to]` tells, or `None` when fewer
/// than `least` distinct labels stand there (no header, or a stray word).
pub fn header_in(doc: &Doc, nodes: &[Node], from: usize, to: usize, least: usize) -> Option<Vec<Option<usize>>> {
    let found = occurrences(doc, nodes, from, to);
    let mut labels: Vec<&str> = found.iter().map(|o| nodes[o.2].label).collect();
    labels.sort_unstable();
    labels.dedup();
    (labels.len() >= least).then(|| mapping(nodes, &found))
}

fn mapping(nodes: &[Node], found: &[(usize, u32, usize)]) -> Vec<Option<usize>> {
    let n = nodes.iter().map(|x| x.cols.end).max().unwrap_or(0);
    let mut pos: Vec<Option<usize>> = (0..n).map(Some).collect();
    let first_line = |k: usize| found.iter().filter(|o| nodes[k].label == nodes[o.2].label).map(|o| o.1).min();
    let mut lines: Vec<u32> = found.iter().map(|o| o.1).collect();
    lines.dedup();
    let mut seen = vec![false; nodes.len()];
    // Lines that print again labels already placed: (line, nodes left to right).
    let mut again: Vec<Vec<usize>> = Vec::new();
    for line in lines {
        // The labels of this line, left to right, each given to one node.
        let mut on_line: Vec<usize> = Vec::new();
        let mut repeated: Vec<usize> = Vec::new();
        for &(_, _, k0) in found.iter().filter(|o| o.1 == line) {
            let same = |k: &usize| nodes[*k].label == nodes[k0].label;
            let candidates = (0..nodes.len()).filter(|&k| {
                same(&k)
                    && !seen[k]
                    // A label is printed below its group's label, not beside it.
                    && ancestors(nodes, k).all(|a| first_line(a).is_none_or(|fl| fl < line))
            });
            if let Some(k) = candidates.min_by_key(|&k| nodes[k].cols.clone().filter_map(|c| pos[c]).min()) {
                seen[k] = true;
                on_line.push(k);
            } else if let [k] = (0..nodes.len()).filter(same).collect::<Vec<_>>()[..]
                && seen[k]
            {
                repeated.push(k);
            }
        }
        again.push(repeated);
        if on_line.len() < 2 {
            continue;
        }
        arrange(nodes, &on_line, &mut pos);
    }
    // A label printed twice in orders that disagree: which one is true is not known.
    for line in again.iter().filter(|r| r.len() >= 2) {
        let slots: Vec<Option<usize>> = line.iter().map(|&k| nodes[k].cols.clone().filter_map(|c| pos[c]).min()).collect();
        if slots.windows(2).any(|w| w[0].zip(w[1]).is_none_or(|(a, b)| a >= b)) {
            unsure(nodes, line, &mut pos);
        }
    }
    // A header whose labels are not all recognised: one unknown label takes
    // the one column left; two or more may stand in any order.
    // Labels printed under several groups (table 四's outcomes, wrapped in
    // narrow cells in PDFs) are left to the lines above: not found says little.
    let known = |k: usize| found.iter().any(|o| nodes[o.2].label == nodes[k].label);
    let shared = |k: usize| nodes.iter().filter(|m| m.label == nodes[k].label).count() > 1;
    let mut sets: Vec<Option<usize>> = nodes.iter().map(|x| x.parent).collect();
    sets.sort_unstable();
    sets.dedup();
    for parent in sets {
        let set: Vec<usize> = (0..nodes.len()).filter(|&k| nodes[k].parent == parent).collect();
        if set.iter().any(|&k| shared(k)) {
            continue;
        }
        let unknown: Vec<usize> = set.iter().copied().filter(|&k| !known(k)).collect();
        let shown = parent.map_or(unknown.len() < set.len(), |p| known(p) || unknown.len() < set.len());
        if shown && unknown.len() >= 2 {
            unsure(nodes, &unknown, &mut pos);
        }
    }
    pos
}

fn unsure(nodes: &[Node], ks: &[usize], pos: &mut [Option<usize>]) {
    for &k in ks {
        for c in nodes[k].cols.clone() {
            pos[c] = None;
        }
    }
}

fn ancestors(nodes: &[Node], k: usize) -> impl Iterator<Item = usize> + '_ {
    std::iter::successors(nodes[k].parent, |&p| nodes[p].parent)
}

/// Moves the columns of the nodes of one line (`order`: left to right in the
/// source) to where the line shows them; uncertain when they are not one block.
fn arrange(nodes: &[Node], order: &[usize], pos: &mut [Option<usize>]) {
    let uncertain = |pos: &mut [Option<usize>]| unsure(nodes, order, pos);
    // Each node's columns where the source has them so far: one block.
    let mut spans = Vec::with_capacity(order.len());
    for &k in order {
        let slots: Option<Vec<usize>> = nodes[k].cols.clone().map(|c| pos[c]).collect();
        let Some(slots) = slots else { return uncertain(pos) };
        let (lo, hi) = (*slots.iter().min().unwrap_or(&0), *slots.iter().max().unwrap_or(&0));
        if hi + 1 - lo != slots.len() {
            return uncertain(pos);
        }
        spans.push((lo, hi + 1));
    }
    if spans.windows(2).all(|w| w[0].1 <= w[1].0) {
        return; // Already in this order.
    }
    let mut sorted = spans.clone();
    sorted.sort();
    if sorted.windows(2).any(|w| w[0].1 != w[1].0) {
        return uncertain(pos);
    }
    let mut at = sorted[0].0;
    let before = pos.to_vec();
    for (&k, &(lo, hi)) in order.iter().zip(&spans) {
        for c in nodes[k].cols.clone() {
            pos[c] = before[c].map(|s| s - lo + at);
        }
        at += hi - lo;
    }
}

/// Every label found in `s[from..to]` on a line without a sentence's full stop:
/// (start, line, a node with that label), by position; a label inside a longer
/// one (「其他」 in 「法人或其他组织」) is not one.
fn occurrences(doc: &Doc, nodes: &[Node], from: usize, to: usize) -> Vec<(usize, u32, usize)> {
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    let mut labels: Vec<(usize, &str)> = nodes.iter().enumerate().map(|(k, n)| (k, n.label)).collect();
    labels.sort_by_key(|(k, l)| (*l, *k));
    labels.dedup_by_key(|(_, l)| *l);
    for (k, label) in labels {
        let key: &str = label.split_once('（').map_or(label, |(a, _)| a);
        let mut at = from;
        while let Some(f) = doc.find(key, at, to) {
            found.push((f.start, f.end, k));
            at = f.end.max(at + 1);
        }
    }
    // A label wrapped in its cell (a PDF's narrow column: 「科研」 over 「机构」):
    // its first two characters standing as a cell of their own, when no
    // other label starts with them; the heads of neighbouring cells may run
    // together (「社会法律」) when the page leaves no space between them.
    let head = |n: &Node| n.label.chars().take(2).collect::<String>();
    let heads: Vec<(String, usize)> = nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| {
            n.label.chars().count() >= 4
                && nodes.iter().filter(|m| m.label != n.label).all(|m| !m.label.starts_with(&head(n)))
                && !found.iter().any(|o| nodes[o.2].label == n.label)
        })
        .map(|(k, n)| (head(n), k))
        .collect();
    let s = &doc.s;
    let mut i = from;
    while i < to.min(s.len()) {
        let mut end = i + 1;
        while end < to.min(s.len()) && s[end].gap == Gap::None {
            end += 1;
        }
        let token: Vec<char> = s[i..end].iter().map(|c| c.c).collect();
        let pieces: Vec<String> = token.chunks(2).map(|p| p.iter().collect()).collect();
        let piece = |p: &String| heads.iter().find(|h| h.0 == *p).map(|h| h.1);
        let any_head = pieces.iter().any(|p| piece(p).is_some());
        let known =
            |p: &String| piece(p).is_some() || nodes.iter().any(|n| n.label == p || abbreviations(n.label).contains(&p.as_str()));
        if token.len().is_multiple_of(2) && any_head && pieces.iter().all(known) {
            for (j, p) in pieces.iter().enumerate() {
                if let Some(k) = piece(p) {
                    found.push((i + 2 * j, i + 2 * j + 2, k));
                }
            }
        }
        i = end;
    }
    // A label shortened (「企业」 for 商业企业), standing as a cell of its own.
    let alone = |j: usize| doc.s.get(j).is_none_or(|c| c.gap >= Gap::Space);
    for (k, n) in nodes.iter().enumerate() {
        for short in abbreviations(n.label) {
            let mut at = from;
            while let Some(f) = doc.find(short, at, to) {
                if alone(f.start) && alone(f.end) {
                    found.push((f.start, f.end, k));
                }
                at = f.end.max(at + 1);
            }
        }
    }
    found.sort_unstable();
    found.dedup();
    let inside = |a: &(usize, usize, usize)| found.iter().any(|b| b != a && b.0 <= a.0 && a.1 <= b.1 && b.1 - b.0 > a.1 - a.0);
    let prose = |line: u32| doc.s[from..to.min(doc.s.len())].iter().any(|c| c.line == line && c.c == '。');
    let mut out: Vec<(usize, u32, usize)> =
        found.iter().filter(|o| !inside(o)).map(|o| (o.0, doc.s[o.0].line, o.2)).filter(|o| !prose(o.1)).collect();
    out.sort();
    out
}

/// Shorter names reports print in a header for a template label.
fn abbreviations(label: &str) -> &'static [&'static str] {
    match label {
        "商业企业" => &["企业"],
        "科研机构" => &["科研", "科研单位"],
        "社会公益组织" => &["公益组织", "公益"],
        "法律服务机构" => &["律所", "法律服务", "律师事务所"],
        "本年制发件数" => &["制发", "本年制发", "制发件数"],
        "本年废止件数" => &["废止", "本年废止", "废止件数"],
        "现行有效件数" => &["现行有效"],
        _ => &[],
    }
}

#[cfg(test)]
mod tests;
