//! A Word table written as rows of cells (the common convention: a row a
//! line, a tab before each cell). Cells merged down are skipped, as in a web
//! page; a cell merged across columns holding several numbers is written for
//! each column, so each is unread. A cell whose column or value Word leaves
//! uncertain is written unsure with its readings, never as a number in a
//! shifted column: a cell merged across by the legacy `w:hMerge` with numbers
//! in the merge, a row with more cells than the table has columns (cells
//! pushed right by `w:gridBefore`, cells beyond the grid), a number with
//! tracked changes in it or in its row or cell (rows and cells inserted or
//! deleted: read as accepted and as rejected), and a cell holding content
//! Word imports on opening (`w:altChunk`).

use roxmltree::Node;

use super::{MAX_TABLE_DEPTH, W, Writer, runs};
use crate::import::marks;
use crate::import::stream::{UNSURE_COLUMN, UNSURE_REVISED, unsure_readings_cell, unsure_shown_cell};

pub(super) fn table(tbl: Node<'_, '_>, w: &mut Writer, depth: usize) {
    w.tables += 1;
    let number = w.tables;
    let all: Vec<Node<'_, '_>> = tbl.children().filter(|n| n.has_tag_name((W, "tr"))).collect();
    let rows: Vec<Node<'_, '_>> = all.iter().copied().filter(|n| !marked(*n, "trPr", "del")).collect();
    let columns = table_columns(tbl, &rows);
    let mut index = 0;
    let mut k = 0;
    while let Some(tr) = all.get(k) {
        k += 1;
        index += 1;
        let place = format!("Word 第 {number} 个表格第 {index} 行");
        // Rows or cells inserted or deleted by tracked changes: read both ways.
        if let Some((accepted, rejected)) = revised_row(*tr, all.get(k).copied()) {
            k += usize::from(accepted.is_some() && rejected.is_some() && accepted != rejected);
            write_revised_row(accepted, rejected, w);
            w.end_line(place);
            continue;
        }
        // Cells pushed past the table's columns stand under other headings.
        let overfull = row_columns(*tr) > columns;
        let cells: Vec<Node<'_, '_>> = tr.children().filter(|n| n.has_tag_name((W, "tc")) && !merged_down(*n)).collect();
        let merges = across(&cells);
        let clipped = clipped_row(*tr);
        for (i, tc) in cells.iter().enumerate() {
            // The cell's paragraphs, written when the cell ends or a table inside it begins.
            let mut cell = String::new();
            let mut rejected = String::new();
            let mut nested = false;
            for block in cell_blocks(*tc) {
                if block.has_tag_name((W, "p")) {
                    let text = runs::paragraph(block, &w.styles, true);
                    let before =
                        if runs::revised(block) { runs::paragraph_rejected(block, &w.styles, true) } else { text.clone() };
                    push_paragraph(&mut cell, &text);
                    push_paragraph(&mut rejected, &before);
                } else if block.has_tag_name((W, "tbl")) && depth + 1 < MAX_TABLE_DEPTH {
                    if !nested {
                        w.text.push('\t');
                    }
                    w.text.push_str(&std::mem::take(&mut cell));
                    rejected.clear();
                    nested = true;
                    w.end_line(place.clone());
                    table(block, w, depth + 1);
                }
            }
            if nested {
                w.text.push_str(&cell);
                continue;
            }
            // What Word shows there is another part's, not read: unsure, never a blank.
            if imports_chunk(*tc) {
                marks::unsure(&mut cell, "?");
            }
            // A row too low to show its text: what it holds is not certain to be seen.
            if clipped && marks::has_digit(&cell) {
                w.text.push('\t');
                w.text.push_str(&unsure_shown_cell(&cell, ""));
                continue;
            }
            let group = &merges[i];
            let merge: Vec<String> =
                if group.len() > 1 { group.iter().map(|j| cell_text(cells[*j], w)).collect() } else { Vec::new() };
            if let Some(text) = unsure_column(&cell, &merge, overfull) {
                w.text.push('\t');
                w.text.push_str(&text);
                continue;
            }
            if group.len() > 1 {
                // Words merged across (a label): one cell, written by its first part.
                if group[0] == i {
                    let words: Vec<&str> = merge.iter().map(String::as_str).filter(|t| !t.is_empty()).collect();
                    w.text.push('\t');
                    w.text.push_str(&words.join(" "));
                }
                continue;
            }
            let squeeze = |t: &str| t.split_whitespace().collect::<String>();
            if squeeze(&cell) != squeeze(&rejected)
                && (marks::has_digit(&cell) || marks::has_digit(&rejected))
                && !cell.contains(marks::UNSURE.0)
            {
                w.text.push('\t');
                w.text.push_str(&unsure_readings_cell(UNSURE_REVISED, &cell, &[&rejected]));
                continue;
            }
            // A cell across several columns holding several numbers: which
            // column each belongs to is a guess. Each column gets the whole
            // cell, so the row reader leaves every one unread with the numbers.
            let cell = marks::unsure_as_cell(&cell);
            let copies = if several_numbers(&cell) { grid_span(*tc) } else { 1 };
            for _ in 0..copies {
                w.text.push('\t');
                w.text.push_str(&cell);
            }
        }
        w.end_line(place);
    }
}

fn push_paragraph(cell: &mut String, text: &str) {
    if !text.trim().is_empty() {
        if !cell.is_empty() {
            cell.push(' ');
        }
        cell.push_str(&text.replace('\n', " "));
    }
}

/// Paragraphs and tables directly in the cell or in content controls
/// (`w:sdt`) there, none in a placeholder or alternative content not read.
fn cell_blocks<'a, 'input>(tc: Node<'a, 'input>) -> impl Iterator<Item = Node<'a, 'input>> {
    tc.descendants().filter(move |n| {
        (n.has_tag_name((W, "p")) || n.has_tag_name((W, "tbl")))
            && !n.ancestors().take_while(|a| *a != tc).any(runs::unseen)
            && n.ancestors().skip(1).find(|a| a.has_tag_name((W, "tc")) || a.has_tag_name((W, "p")) || a.has_tag_name((W, "tbl")))
                == Some(tc)
    })
}

/// The text of a cell's own paragraphs (tables inside it left out), marks of
/// undecided showing taken as shown.
fn cell_text(tc: Node<'_, '_>, w: &Writer) -> String {
    cell_text_as(tc, w, false)
}

/// [`cell_text`] with tracked changes accepted, or rejected.
fn cell_text_as(tc: Node<'_, '_>, w: &Writer, rejected: bool) -> String {
    let mut cell = String::new();
    for p in cell_blocks(tc).filter(|b| b.has_tag_name((W, "p"))) {
        let text = if rejected { runs::paragraph_rejected(p, &w.styles, true) } else { runs::paragraph(p, &w.styles, true) };
        push_paragraph(&mut cell, &text);
    }
    cell.replace(marks::UNSURE.0, "").replace(marks::UNSURE.1, "")
}

/// A cell whose column is not certain, as written (see [`UNSURE_COLUMN`]):
/// one with a number in a row pushed past the table's columns, or any cell
/// of a legacy horizontal merge holding a number (Word shows the merge as one
/// cell; the continuing cells' text in it or not). Readings: the numbers of
/// the merge (the cell's own first), then 「空白」. Words (a label) stay as
/// they are, so the row is still found by them. `None`: the column is certain.
fn unsure_column(cell: &str, merge: &[String], overfull: bool) -> Option<String> {
    let own = cell.replace(marks::UNSURE.0, "").replace(marks::UNSURE.1, "");
    let numbers: Vec<&str> = merge.iter().map(String::as_str).filter(|t| marks::has_digit(t)).collect();
    let uncertain = (merge.len() > 1 && !numbers.is_empty()) || (overfull && marks::has_digit(&own));
    if !uncertain {
        return None;
    }
    if !marks::has_digit(&own) && !own.trim().is_empty() {
        return Some(own);
    }
    let mut readings: Vec<&str> = if marks::has_digit(&own) { vec![own.as_str()] } else { Vec::new() };
    readings.extend(numbers);
    readings.push("");
    Some(unsure_readings_cell(UNSURE_COLUMN, readings[0], &readings[1..]))
}

/// For each cell of a row, the cells (by index) of the legacy horizontal
/// merge it is in (`w:hMerge`: `restart` begins one, a continuing cell joins
/// the cell before it), itself alone when it is in none.
fn across(cells: &[Node<'_, '_>]) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, tc) in cells.iter().enumerate() {
        match groups.last_mut() {
            Some(g) if h_merge(*tc) == Some(false) => g.push(i),
            _ => groups.push(vec![i]),
        }
    }
    let mut of = vec![Vec::new(); cells.len()];
    for g in groups {
        for i in &g {
            of[*i] = g.clone();
        }
    }
    of
}

/// A cell's legacy horizontal merge: `Some(true)` begins one, `Some(false)` continues it.
fn h_merge(tc: Node<'_, '_>) -> Option<bool> {
    let pr = tc.children().find(|n| n.has_tag_name((W, "tcPr")))?;
    let m = pr.children().find(|n| n.has_tag_name((W, "hMerge")))?;
    Some(m.attribute((W, "val")) == Some("restart"))
}

/// The grid columns a row takes: those skipped before and after it
/// (`w:gridBefore`, `w:gridAfter`) and each cell's span.
fn row_columns(tr: Node<'_, '_>) -> usize {
    let skipped = |what: &str| {
        tr.children()
            .find(|n| n.has_tag_name((W, "trPr")))
            .and_then(|pr| pr.children().find(|n| n.has_tag_name((W, what))))
            .and_then(|g| g.attribute((W, "val")))
            .and_then(|v| v.parse::<usize>().ok())
            .map_or(0, |n| n.min(64))
    };
    let cells: usize = tr.children().filter(|n| n.has_tag_name((W, "tc")) && !marked(*n, "tcPr", "cellDel")).map(grid_span).sum();
    skipped("gridBefore") + cells + skipped("gridAfter")
}

/// The columns of a table: those of its grid (`w:tblGrid`), or, when most
/// rows take more (a grid written carelessly), what most rows take (the
/// fewer of two counts as common).
fn table_columns(tbl: Node<'_, '_>, rows: &[Node<'_, '_>]) -> usize {
    let grid = tbl
        .children()
        .find(|n| n.has_tag_name((W, "tblGrid")))
        .map_or(0, |g| g.children().filter(|c| c.has_tag_name((W, "gridCol"))).count());
    let mut counts: Vec<usize> = rows.iter().map(|r| row_columns(*r)).collect();
    counts.sort_unstable();
    let most = counts.chunk_by(|a, b| a == b).max_by_key(|c| (c.len(), std::cmp::Reverse(c[0]))).map_or(0, |c| c[0]);
    grid.max(most)
}

/// How many grid columns a cell spans (`w:gridSpan`; at most 64).
pub(super) fn grid_span(tc: Node<'_, '_>) -> usize {
    let Some(pr) = tc.children().find(|n| n.has_tag_name((W, "tcPr"))) else { return 1 };
    pr.children()
        .find(|n| n.has_tag_name((W, "gridSpan")))
        .and_then(|g| g.attribute((W, "val")))
        .and_then(|v| v.parse::<usize>().ok())
        .map_or(1, |n| n.clamp(1, 64))
}

/// Text of two or more numbers (or 「/」「—」 dashes, one number at least), space apart.
fn several_numbers(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let number = |w: &str| w.chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c) || ",.，+-".contains(c));
    let dash = |w: &str| w.chars().all(|c| "/／—–-－\\无".contains(c));
    words.len() >= 2
        && words.iter().all(|w| number(w) || dash(w))
        && words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)))
}

/// Below this exact row height (in twips, 6 pt) Word clips a line of table
/// text away: a row so set shows nothing certain.
const MIN_SHOWN_ROW: u32 = 120;

/// Whether the row has an exact height (`w:trHeight w:hRule="exact"`) too
/// small for a line of its text ([`MIN_SHOWN_ROW`]).
fn clipped_row(tr: Node<'_, '_>) -> bool {
    let height =
        tr.children().find(|n| n.has_tag_name((W, "trPr"))).and_then(|p| p.children().find(|n| n.has_tag_name((W, "trHeight"))));
    height.is_some_and(|h| {
        h.attribute((W, "hRule")) == Some("exact")
            && h.attribute((W, "val")).and_then(|v| v.parse::<u32>().ok()).is_some_and(|v| v < MIN_SHOWN_ROW)
    })
}

/// A row with tracked changes of its rows or cells, as (accepted, rejected):
/// an inserted row (`w:trPr/w:ins`) is not there rejected, a deleted one
/// (`w:trPr/w:del`) not accepted, and a deleted row right before an inserted
/// row of as many cells is that row as it was (a row replaced); a row with
/// cells inserted or deleted (`w:cellIns`, `w:cellDel`) is itself both ways.
/// `None`: no such change.
#[allow(clippy::type_complexity)]
fn revised_row<'a, 'i>(tr: Node<'a, 'i>, next: Option<Node<'a, 'i>>) -> Option<(Option<Node<'a, 'i>>, Option<Node<'a, 'i>>)> {
    let count = |r: Node<'_, '_>| r.children().filter(|c| c.has_tag_name((W, "tc"))).count();
    if marked(tr, "trPr", "del") {
        let replaced = next.filter(|n| marked(*n, "trPr", "ins") && count(*n) == count(tr));
        return Some((replaced, Some(tr)));
    }
    if marked(tr, "trPr", "ins") {
        return Some((Some(tr), None));
    }
    let cells = tr.children().filter(|c| c.has_tag_name((W, "tc")));
    cells.clone().any(|c| marked(c, "tcPr", "cellIns") || marked(c, "tcPr", "cellDel")).then_some((Some(tr), Some(tr)))
}

/// A row with tracked changes of rows or cells ([`revised_row`]): each cell
/// as accepted and as rejected, side by side; a number differing between
/// the two unsure with both readings (「空白」 for a cell not there), a label
/// the one there. Such a row is read plainly: no merges or tables inside.
fn write_revised_row(accepted: Option<Node<'_, '_>>, rejected: Option<Node<'_, '_>>, w: &mut Writer) {
    let texts = |tr: Option<Node<'_, '_>>, reject: bool| -> Vec<String> {
        let gone = if reject { "cellIns" } else { "cellDel" };
        let cells = tr.into_iter().flat_map(|r| r.children()).filter(|c| c.has_tag_name((W, "tc")));
        cells.filter(|c| !merged_down(*c) && !marked(*c, "tcPr", gone)).map(|c| cell_text_as(c, w, reject)).collect()
    };
    let (now, before) = (texts(accepted, false), texts(rejected, true));
    let squeeze = |t: &str| t.split_whitespace().collect::<String>();
    for j in 0..now.len().max(before.len()) {
        let a = now.get(j).map_or("", String::as_str);
        let r = before.get(j).map_or("", String::as_str);
        w.text.push('\t');
        if squeeze(a) == squeeze(r) || !(marks::has_digit(a) || marks::has_digit(r)) {
            w.text.push_str(if a.trim().is_empty() { r } else { a });
        } else if a.trim().is_empty() {
            w.text.push_str(&unsure_readings_cell(UNSURE_REVISED, r, &[a]));
        } else {
            w.text.push_str(&unsure_readings_cell(UNSURE_REVISED, a, &[r]));
        }
    }
}

/// A row or cell so marked in its properties (any of them, Word writing
/// `w:trPr` more than once): inserted or deleted by tracked changes
/// (`w:trPr/w:ins`, `w:trPr/w:del`, `w:tcPr/w:cellIns`, `w:tcPr/w:cellDel`).
fn marked(n: Node<'_, '_>, properties: &str, mark: &str) -> bool {
    n.children().filter(|c| c.has_tag_name((W, properties))).any(|pr| pr.children().any(|c| c.has_tag_name((W, mark))))
}

/// Whether a cell holds content Word imports from another part on opening
/// (`w:altChunk`: a piece of HTML, RTF or another document), unread here.
fn imports_chunk(tc: Node<'_, '_>) -> bool {
    tc.descendants().any(|n| {
        n.has_tag_name((W, "altChunk"))
            && !n.ancestors().take_while(|a| *a != tc).any(runs::unseen)
            && n.ancestors().find(|a| a.has_tag_name((W, "tc"))) == Some(tc)
    })
}

/// A cell continuing a vertical merge (its text is in the cell above).
fn merged_down(tc: Node<'_, '_>) -> bool {
    let Some(pr) = tc.children().find(|n| n.has_tag_name((W, "tcPr"))) else { return false };
    pr.children()
        .find(|n| n.has_tag_name((W, "vMerge")))
        .is_some_and(|v| v.attribute((W, "val")).is_none_or(|val| val == "continue"))
}
