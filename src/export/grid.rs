//! The merged-cell tables (built once, in layout::tables) walked row by row, as
//! HTML (rowspan/colspan) and Word (gridSpan, vMerge) both need them.

use crate::layout::table::{Cell, Table};

/// What stands at a grid position of a row.
pub enum Slot<'a> {
    /// The cell starts here (HTML: a `<td>` with its spans; Word: vMerge restart).
    Start(&'a Cell),
    /// A cell from a row above continues here (Word: vMerge continue; HTML: nothing).
    Continue(&'a Cell),
}

/// The slots of every row, left to right; columns covered by a wider cell are skipped.
pub fn rows(table: &Table) -> Vec<Vec<Slot<'_>>> {
    let n = table.cells.iter().map(|c| c.row + c.rowspan).max().unwrap_or(0);
    (0..n)
        .map(|r| {
            let mut slots: Vec<(usize, Slot<'_>)> = table
                .cells
                .iter()
                .filter(|c| c.row <= r && r < c.row + c.rowspan)
                .map(|c| (c.col, if c.row == r { Slot::Start(c) } else { Slot::Continue(c) }))
                .collect();
            slots.sort_by_key(|(col, _)| *col);
            slots.into_iter().map(|(_, s)| s).collect()
        })
        .collect()
}
