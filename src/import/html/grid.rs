//! Where a table's cells fall as a browser lays them out: a cell spanning
//! rows (`rowspan`) takes its column in the rows below, and a row that still
//! writes all its cells is pushed past the table's last column. Such a row's
//! numbers stand under other headings than their order says: its cells are
//! unread, never read in their written order.

use std::collections::HashSet;

use ego_tree::{NodeId, NodeRef};
use scraper::Node;

/// The most columns or rows a span is taken to cover (browsers cap them too).
const MAX_SPAN: usize = 1_000;

fn element(node: &NodeRef<'_, Node>) -> Option<&'static str> {
    match node.value() {
        Node::Element(e) => match e.name() {
            "table" => Some("table"),
            "tr" => Some("tr"),
            "td" | "th" => Some("cell"),
            _ => None,
        },
        _ => None,
    }
}

fn span(node: &NodeRef<'_, Node>, name: &str) -> usize {
    let v = node.value().as_element().and_then(|e| e.attr(name)).and_then(|v| v.trim().parse::<usize>().ok());
    v.unwrap_or(1).clamp(1, MAX_SPAN)
}

/// The rows of `table` (not of tables inside it) pushed past its last column
/// (as far as a row reaches with no cell from above) by cells spanning down.
pub fn overflowing_rows(table: NodeRef<'_, Node>) -> HashSet<NodeId> {
    let rows: Vec<NodeRef<'_, Node>> = table
        .descendants()
        .filter(|n| element(n) == Some("tr"))
        .filter(|n| n.ancestors().find(|a| element(a) == Some("table")).map(|a| a.id()) == Some(table.id()))
        .collect();
    // Per column, how many rows below a cell above still covers.
    let mut carry: Vec<usize> = Vec::new();
    // Per row: its end, whether a cell above pushed it, and where its cells with text begin.
    let mut ends: Vec<(NodeId, usize, bool)> = Vec::new();
    let mut written: Vec<Vec<usize>> = Vec::new();
    for row in &rows {
        let (mut col, mut pushed, mut starts) = (0usize, false, Vec::new());
        for cell in row.children().filter(|c| element(c) == Some("cell")) {
            while carry.get(col).is_some_and(|&c| c > 0) {
                col += 1;
                pushed = true;
            }
            let (cols, down) = (span(&cell, "colspan"), span(&cell, "rowspan"));
            if cell.descendants().any(|t| t.value().as_text().is_some_and(|t| !t.trim().is_empty())) {
                starts.push(col);
            }
            if carry.len() < col + cols {
                carry.resize(col + cols, 0);
            }
            for c in &mut carry[col..col + cols] {
                *c = down;
            }
            col += cols;
        }
        ends.push((row.id(), col, pushed));
        written.push(starts);
        for c in &mut carry {
            *c = c.saturating_sub(1);
        }
    }
    // The table's width: as far as its rows reach by their own cells alone.
    let Some(width) = ends.iter().filter(|(_, _, pushed)| !pushed).map(|(_, end, _)| *end).max() else { return HashSet::new() };
    // A row whose text is pushed past the last column (not a stray empty cell there).
    ends.into_iter()
        .zip(written)
        .filter(|((_, _, pushed), starts)| *pushed && starts.iter().any(|&c| c >= width))
        .map(|((id, _, _), _)| id)
        .collect()
}

/// Whether a node is in one of `rows` (its nearest row).
pub fn in_rows(node: NodeRef<'_, Node>, rows: &HashSet<NodeId>) -> bool {
    !rows.is_empty() && node.ancestors().find(|a| element(a) == Some("tr")).is_some_and(|r| rows.contains(&r.id()))
}

#[cfg(test)]
mod tests {
    use scraper::{Html, Selector};

    /// The rows (1-based) a page's first table pushes past its last column.
    fn pushed(table: &str) -> Vec<usize> {
        let doc = Html::parse_document(table);
        let t = doc.select(&Selector::parse("table").unwrap()).next().unwrap();
        let rows = super::overflowing_rows(*t);
        let all: Vec<_> = doc.select(&Selector::parse("tr").unwrap()).collect();
        (1..=all.len()).filter(|i| rows.contains(&all[i - 1].id())).collect()
    }

    /// A cell spanning down into a row that still writes all its cells pushes
    /// that row's text past the last column; a stray empty cell does not count.
    #[test]
    fn rows_pushed_past_the_last_column_by_a_span_above() {
        let head = "<tr><td>项</td><td>甲</td><td>乙</td><td>合计</td></tr>";
        assert_eq!(
            pushed(&format!(
                "<table>{head}<tr><td>一</td><td>1</td><td>2</td><td rowspan=2>3</td></tr><tr><td>二</td><td>1</td><td>3</td><td>4</td></tr></table>"
            )),
            vec![3]
        );
        assert_eq!(
            pushed(&format!(
                "<table>{head}<tr><td rowspan=3>一</td><td>1</td><td>2</td><td>3</td></tr><tr><td>1</td><td>3</td><td>4</td></tr><tr><td>1</td><td>3</td><td>4</td><td></td></tr></table>"
            )),
            Vec::<usize>::new()
        );
        assert_eq!(
            pushed(&format!(
                "<table>{head}<tr><td rowspan=2>一</td><td>1</td><td>2</td><td>3</td></tr><tr><td>二</td><td>1</td><td>3</td><td>4</td></tr></table>"
            )),
            vec![3]
        );
    }
}
