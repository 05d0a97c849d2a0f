//! Where a table's cells fall as a browser lays them out: a cell spanning
//! rows (`rowspan`) takes its column in the rows below, and a row that still
//! writes all its cells is pushed past the table's last column. Such a row's
//! numbers stand under other headings than their order says: its cells are
//! unread, never read in their written order.

use std::collections::HashSet;

use ego_tree::{NodeId, NodeRef};
use scraper::Node;

/// The most columns a cell spans and the most rows, as the HTML table
/// algorithm caps them.
const MAX_COLSPAN: usize = 1_000;
const MAX_ROWSPAN: usize = 65_534;

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

/// An attribute as HTML's rules for parsing non-negative integers read it
/// (「2px」 is 2, 「-1」 or 「x」 nothing).
pub fn non_negative(value: Option<&str>) -> Option<usize> {
    let v = value?.trim_start_matches(['\t', '\n', '\x0C', '\r', ' ']);
    let v = v.strip_prefix('+').unwrap_or(v);
    let digits = v.bytes().take_while(u8::is_ascii_digit);
    let mut n: Option<usize> = None;
    for d in digits {
        n = Some(n.unwrap_or(0).saturating_mul(10).saturating_add(usize::from(d - b'0')));
    }
    n
}

/// A cell's `colspan` (0 or unreadable is 1) and `rowspan` (unreadable is
/// 1; 0 is to the end of its row group, written here as `None`).
fn spans(node: &NodeRef<'_, Node>) -> (usize, Option<usize>) {
    let attr = |name: &str| node.value().as_element().and_then(|e| e.attr(name));
    let cols = non_negative(attr("colspan")).unwrap_or(1).clamp(1, MAX_COLSPAN);
    let rows = match non_negative(attr("rowspan")).unwrap_or(1) {
        0 => None,
        n => Some(n.min(MAX_ROWSPAN)),
    };
    (cols, rows)
}

/// One cell as laid out: its first column and how many it spans.
pub struct Placed {
    pub cell: NodeId,
    pub col: usize,
    pub cols: usize,
}

/// One row as laid out: where its own cells end, whether a cell from above
/// took a column before one of them, and its cells.
pub struct Row {
    pub id: NodeId,
    pub end: usize,
    pub pushed: bool,
    pub cells: Vec<Placed>,
}

/// The rows of `table` (not of tables inside it), their cells placed as the
/// HTML table algorithm places them: a cell spanning down takes its columns
/// in the rows below, never past its row group (`thead`, `tbody`, `tfoot`);
/// `rowspan=0` spans to the group's end.
pub fn layout(table: NodeRef<'_, Node>) -> Vec<Row> {
    let rows: Vec<NodeRef<'_, Node>> = table
        .descendants()
        .filter(|n| element(n) == Some("tr"))
        .filter(|n| n.ancestors().find(|a| element(a) == Some("table")).map(|a| a.id()) == Some(table.id()))
        .collect();
    // Each row's group: its parent (the parser puts rows in a `tbody`).
    let group = |r: &NodeRef<'_, Node>| r.parent().map(|p| p.id());
    // Per column, how many rows below a cell above still covers.
    let mut carry: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        if i > 0 && group(&rows[i - 1]) != group(row) {
            carry.clear();
        }
        let left_in_group = rows[i..].iter().take_while(|r| group(r) == group(row)).count();
        let (mut col, mut pushed, mut cells) = (0usize, false, Vec::new());
        for cell in row.children().filter(|c| element(c) == Some("cell")) {
            while carry.get(col).is_some_and(|&c| c > 0) {
                col += 1;
                pushed = true;
            }
            let (cols, down) = spans(&cell);
            let down = down.unwrap_or(left_in_group).min(left_in_group);
            if carry.len() < col + cols {
                carry.resize(col + cols, 0);
            }
            for c in &mut carry[col..col + cols] {
                *c = down;
            }
            cells.push(Placed { cell: cell.id(), col, cols });
            col += cols;
        }
        out.push(Row { id: row.id(), end: col, pushed, cells });
        for c in &mut carry {
            *c = c.saturating_sub(1);
        }
    }
    out
}

/// The rows of `table` pushed past its last column (as far as a row reaches
/// with no cell from above) by cells spanning down.
pub fn overflowing_rows(table: NodeRef<'_, Node>) -> HashSet<NodeId> {
    let rows = layout(table);
    // The table's width: as far as its rows reach by their own cells alone.
    let Some(width) = rows.iter().filter(|r| !r.pushed).map(|r| r.end).max() else { return HashSet::new() };
    let tree = table.tree();
    let has_text = |id: NodeId| {
        tree.get(id).is_some_and(|c| c.descendants().any(|t| t.value().as_text().is_some_and(|t| !t.trim().is_empty())))
    };
    // A row whose text is pushed past the last column (not a stray empty cell there).
    rows.iter().filter(|r| r.pushed && r.cells.iter().any(|p| p.col >= width && has_text(p.cell))).map(|r| r.id).collect()
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

    /// `rowspan=0` spans to the end of its row group (HTML's table algorithm),
    /// pushing every row below in the group; no span reaches past its group;
    /// spans are read as HTML reads them (「2px」 is 2, colspan 0 is 1).
    #[test]
    fn spans_as_the_html_table_algorithm_reads_them() {
        let head = "<tr><td>项</td><td>甲</td><td>乙</td></tr>";
        let row = |a: &str| format!("<tr><td>{a}</td><td>1</td><td>2</td></tr>");
        let (two, three) = (row("二"), row("三"));
        let zero = "<tr><td>一</td><td>1</td><td rowspan=0>2</td></tr>";
        assert_eq!(pushed(&format!("<table>{head}{zero}{two}{three}</table>")), vec![3, 4]);
        // The span ends with its group: the next tbody's rows are where written.
        assert_eq!(
            pushed(&format!("<table><tbody>{head}{zero}</tbody><tbody>{two}{three}</tbody></table>")),
            Vec::<usize>::new()
        );
        assert_eq!(
            pushed(&format!(
                "<table><thead>{head}</thead><tbody><tr><td>一</td><td>1</td><td rowspan=9>2</td></tr>{two}</tbody><tfoot>{three}</tfoot></table>"
            )),
            vec![3]
        );
        let spanned = "<tr><td>一</td><td>1</td><td rowspan=\"2px\">2</td></tr>";
        assert_eq!(pushed(&format!("<table>{head}{spanned}{two}{three}</table>")), vec![3]);
        let zero_cols = "<tr><td colspan=0>一</td><td>1</td><td rowspan=2>2</td></tr>";
        assert_eq!(pushed(&format!("<table>{head}{zero_cols}{two}</table>")), vec![3]);
        assert_eq!(super::non_negative(Some(" +12x")), Some(12));
        assert_eq!((super::non_negative(Some("-1")), super::non_negative(Some("x"))), (None, None));
        assert_eq!(super::non_negative(Some("99999999999999999999999")), Some(usize::MAX));
    }
}
