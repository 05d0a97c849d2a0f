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
    let n = nodes.iter().map(|x| x.cols.end).max().unwrap_or(0);
    let mut pos: Vec<Option<usize>> = (0..n).map(Some).collect();
    let found = occurrences(doc, nodes, from, to);
    let first_line = |k: usize| found.iter().filter(|o| nodes[k].label == nodes[o.2].label).map(|o| o.1).min();
    let mut lines: Vec<u32> = found.iter().map(|o| o.1).collect();
    lines.dedup();
    let mut seen = vec![false; nodes.len()];
    for line in lines {
        // The labels of this line, left to right, each given to one node.
        let mut on_line: Vec<usize> = Vec::new();
        for &(_, _, k0) in found.iter().filter(|o| o.1 == line) {
            let candidates = (0..nodes.len()).filter(|&k| {
                nodes[k].label == nodes[k0].label
                    && !seen[k]
                    // A label is printed below its group's label, not beside it.
                    && ancestors(nodes, k).all(|a| first_line(a).is_none_or(|fl| fl < line))
            });
            if let Some(k) = candidates.min_by_key(|&k| nodes[k].cols.clone().filter_map(|c| pos[c]).min()) {
                seen[k] = true;
                on_line.push(k);
            }
        }
        if on_line.len() < 2 {
            continue;
        }
        arrange(nodes, &on_line, &mut pos);
    }
    pos
}

fn ancestors(nodes: &[Node], k: usize) -> impl Iterator<Item = usize> + '_ {
    std::iter::successors(nodes[k].parent, |&p| nodes[p].parent)
}

/// Moves the columns of the nodes of one line (`order`: left to right in the
/// source) to where the line shows them; uncertain when they are not one block.
fn arrange(nodes: &[Node], order: &[usize], pos: &mut [Option<usize>]) {
    let uncertain = |pos: &mut [Option<usize>]| {
        for &k in order {
            for c in nodes[k].cols.clone() {
                pos[c] = None;
            }
        }
    };
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
    // other label starts with them.
    for (k, n) in nodes.iter().enumerate() {
        let chars: Vec<char> = n.label.chars().collect();
        let head: String = chars.iter().take(2).collect();
        let unique = nodes.iter().filter(|m| m.label != n.label).all(|m| !m.label.starts_with(&head));
        if chars.len() < 4 || !unique || found.iter().any(|o| nodes[o.2].label == n.label) {
            continue;
        }
        let s = &doc.s;
        for i in from..to.min(s.len()).saturating_sub(1) {
            let alone = |j: usize| s.get(j).is_none_or(|c| c.gap >= Gap::Line);
            if alone(i) && s[i].c == chars[0] && s[i + 1].c == chars[1] && s[i + 1].gap == Gap::None && alone(i + 2) {
                found.push((i, i + 2, k));
            }
        }
    }
    let inside = |a: &(usize, usize, usize)| found.iter().any(|b| b != a && b.0 <= a.0 && a.1 <= b.1 && b.1 - b.0 > a.1 - a.0);
    let prose = |line: u32| doc.s[from..to.min(doc.s.len())].iter().any(|c| c.line == line && c.c == '。');
    let mut out: Vec<(usize, u32, usize)> =
        found.iter().filter(|o| !inside(o)).map(|o| (o.0, doc.s[o.0].line, o.2)).filter(|o| !prose(o.1)).collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(text: &str, nodes: &[Node]) -> Vec<Option<usize>> {
        let d = Doc::new(text);
        columns(&d, nodes, 0, d.len())
    }

    #[test]
    fn headers_in_another_order_place_columns_by_label() {
        let t3 = applicants();
        let official = "申请人情况\n自然人\t法人或其他组织\t总计\n商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\n";
        assert_eq!(map(official, &t3), (0..7).map(Some).collect::<Vec<_>>());
        let swapped = "自然人\t法人或其他组织\t总计\n科研机构\t商业企业\t社会公益组织\t法律服务机构\t其他\n";
        assert_eq!(map(swapped, &t3), [0, 2, 1, 3, 4, 5, 6].map(Some));
        let total_first = "总计\t法人或其他组织\t自然人\n商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\n";
        assert_eq!(map(total_first, &t3), [6, 1, 2, 3, 4, 5, 0].map(Some));
        // Cells one per line (a crawler's text): nothing says another order.
        assert_eq!(map(&official.replace('\t', "\n"), &t3), (0..7).map(Some).collect::<Vec<_>>());
        // Two labels swapped that are not side by side in one block: uncertain.
        let apart = "自然人\t法人或其他组织\t总计\n其他\t商业企业\n";
        assert_eq!(map(apart, &t3), [Some(0), None, Some(2), Some(3), Some(4), None, Some(6)]);
    }

    #[test]
    fn labels_wrapped_in_their_cells_still_tell_the_order() {
        // A PDF's lines: each label broken in two, the halves of a row on one line.
        let pdf = "法人或其他组织\n自然\t社会\t法律\n科研\t商业\t总计\n人\t公益\t服务\t其他\n机构\t企业\n组织\t机构\n";
        let got = map(pdf, &applicants());
        assert!(got[1].is_none() && got[2].is_none(), "{got:?}");
        let straight = pdf.replace("科研\t商业", "商业\t科研");
        assert_eq!(map(&straight, &applicants()), (0..7).map(Some).collect::<Vec<_>>());
    }

    #[test]
    fn table_four_outcomes_and_blocks() {
        let t4 = reviews();
        let outcomes = "结果维持\t结果纠正\t其他结果\t尚未审结\t总计";
        let official = format!("行政复议\t行政诉讼\n{outcomes}\t未经复议直接起诉\t复议后起诉\n{outcomes}\t{outcomes}\n");
        assert_eq!(map(&official, &t4), (0..15).map(Some).collect::<Vec<_>>());
        let first = "结果纠正\t结果维持\t其他结果\t尚未审结\t总计";
        let swapped = format!("行政复议\t行政诉讼\n{first}\t未经复议直接起诉\t复议后起诉\n{outcomes}\t{outcomes}\n");
        let mut want: Vec<Option<usize>> = (0..15).map(Some).collect();
        want.swap(0, 1);
        assert_eq!(map(&swapped, &t4), want);
        let blocks = format!("行政诉讼\t行政复议\n未经复议直接起诉\t复议后起诉\t{outcomes}\n{outcomes}\t{outcomes}\n");
        let want: Vec<Option<usize>> = (0..15).map(|j| Some((j + 10) % 15)).collect();
        assert_eq!(map(&blocks, &t4), want);
    }
}
