//! Columns a table's `<col>` or `<colgroup>` may leave unseen: a browser
//! hides the cells of a column with `visibility: collapse` (「<col
//! style="visibility:collapse">」 removes the whole column), so a column
//! whose `col` or `colgroup` is not plainly shown (collapsed, hidden, not
//! displayed, or undecided) has its cells unsure, never read as shown.

use std::collections::HashSet;
use std::ops::Range;

use ego_tree::{NodeId, NodeRef};
use scraper::Node;

use super::grid::{self, non_negative};
use super::visibility::{Seen, View};

/// The most columns one `col` or `colgroup` spans (HTML's cap).
const MAX_SPAN: usize = 1_000;

fn named<'a>(node: &NodeRef<'a, Node>, name: &str) -> bool {
    node.value().as_element().is_some_and(|e| e.name() == name)
}

fn span(node: &NodeRef<'_, Node>) -> usize {
    non_negative(node.value().as_element().and_then(|e| e.attr("span"))).unwrap_or(1).clamp(1, MAX_SPAN)
}

/// Whether the page plainly shows a `col` or `colgroup` (its display and visibility).
fn plain(view: &View, id: NodeId) -> bool {
    let s = view.of(id);
    s.there == Seen::Shown && s.text == Seen::Shown
}

/// The columns of `table` its `col`s and `colgroup`s do not plainly show.
fn unsure_columns(table: NodeRef<'_, Node>, view: &View) -> Vec<Range<usize>> {
    let (mut at, mut out) = (0usize, Vec::new());
    let mut add = |n: usize, unsure: bool, at: &mut usize| {
        if unsure {
            out.push(*at..at.saturating_add(n));
        }
        *at = at.saturating_add(n);
    };
    for group in table.children() {
        if named(&group, "col") {
            add(span(&group), !plain(view, group.id()), &mut at);
            continue;
        }
        if !named(&group, "colgroup") {
            continue;
        }
        let group_unsure = !plain(view, group.id());
        let cols: Vec<_> = group.children().filter(|c| named(c, "col")).collect();
        if cols.is_empty() {
            add(span(&group), group_unsure, &mut at);
        }
        for col in cols {
            add(span(&col), group_unsure || !plain(view, col.id()), &mut at);
        }
    }
    out
}

/// The cells of `table` (not of tables inside it) in a column the page may not show.
pub fn unsure_cells(table: NodeRef<'_, Node>, view: &View) -> HashSet<NodeId> {
    let columns = unsure_columns(table, view);
    if columns.is_empty() {
        return HashSet::new();
    }
    let meets = |from: usize, n: usize| columns.iter().any(|r| r.start < from.saturating_add(n) && from < r.end);
    grid::layout(table).into_iter().flat_map(|row| row.cells).filter(|p| meets(p.col, p.cols)).map(|p| p.cell).collect()
}

/// Whether a node is in one of `cells` (or in a table inside one).
pub fn in_cells(node: NodeRef<'_, Node>, cells: &HashSet<NodeId>) -> bool {
    !cells.is_empty() && node.ancestors().any(|a| cells.contains(&a.id()))
}

#[cfg(test)]
mod tests {
    use super::super::test_page::read_cell_in;

    /// A column its `col` or `colgroup` collapses, hides or leaves undecided:
    /// its cells are unsure (Chromium removes a collapsed column; no reading
    /// of its numbers is certain); a plain `col` leaves them read.
    #[test]
    fn cells_of_a_column_not_plainly_shown_are_unsure() {
        let unread = Err(vec!["10".to_string(), "空白".to_string()]);
        for (style, cols) in [
            ("", r#"<col><col style="visibility:collapse"><col>"#),
            ("", r#"<col><col style="visibility:hidden"><col>"#),
            ("", "<col><col hidden><col>"),
            (".c{visibility:collapse}", "<col><col class=c><col>"),
            ("col:nth-child(2){visibility:collapse}", "<col><col><col>"),
            ("@media (max-width:600px){.c{visibility:collapse}}", "<col><col class=c><col>"),
        ] {
            assert_eq!(read_cell_in(style, &format!("<colgroup>{cols}</colgroup>"), "10"), unread, "{style} {cols}");
        }
        for cols in [
            r#"<colgroup span=1></colgroup><colgroup span=1 style="visibility:collapse"></colgroup><colgroup span=1></colgroup>"#,
            r#"<col span=2 style="visibility:collapse"><col>"#,
            r#"<colgroup><col></colgroup><colgroup style="display:none"><col></colgroup>"#,
        ] {
            assert_eq!(read_cell_in("", cols, "10"), unread, "{cols}");
        }
        for cols in [
            "<colgroup><col><col><col></colgroup>",
            r#"<colgroup><col><col><col><col style="visibility:collapse"></colgroup>"#,
            r#"<colgroup><col style="width:30%"><col style="width:20%"></colgroup>"#,
        ] {
            assert_eq!(read_cell_in("", cols, "10"), Ok("10".to_string()), "{cols}");
        }
    }
}
