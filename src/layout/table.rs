//! Ruled tables with merged cells: text wrapping inside cells, row heights,
//! and drawing any run of rows (a page's share of a table, with the header
//! rows repeated on continuation pages). Rows are never split.

use std::ops::Range;

use super::lines::{Align, Line, break_lines, vertical_lines};
use super::page::{Item, Mark, MarkKind, Page};
use super::style::table::{LEADING, MIN_NUMBER_SIZE, PAD_X, PAD_Y, RULE};
use super::text::{Missing, Style, shape, width};
use crate::fonts::FontSet;

/// A cell as the table builder describes it.
#[derive(Clone, Debug)]
pub struct Cell {
    pub row: usize,
    pub col: usize,
    pub rowspan: usize,
    pub colspan: usize,
    pub text: String,
    pub style: Style,
    pub align: Align,
    /// Set one character per line, top to bottom (「三、本年度办理结果」).
    pub vertical: bool,
    /// A number: one line, shrunk to fit the cell if it must be.
    pub number: bool,
    /// Background gray (0 black – 1 white).
    pub fill: Option<f32>,
}

impl Cell {
    pub fn new(row: usize, col: usize, text: impl Into<String>, style: Style) -> Cell {
        Cell {
            row,
            col,
            rowspan: 1,
            colspan: 1,
            text: text.into(),
            style,
            align: Align::Center,
            vertical: false,
            number: false,
            fill: None,
        }
    }
    pub fn span(mut self, rowspan: usize, colspan: usize) -> Cell {
        self.rowspan = rowspan;
        self.colspan = colspan;
        self
    }
    pub fn align(mut self, align: Align) -> Cell {
        self.align = align;
        self
    }
    pub fn vertical(mut self) -> Cell {
        self.vertical = true;
        self
    }
    pub fn number(mut self) -> Cell {
        self.number = true;
        self
    }
    pub fn fill(mut self, gray: f32) -> Cell {
        self.fill = Some(gray);
        self
    }
}

/// A table to be set.
pub struct Table {
    /// Column widths in points.
    pub columns: Vec<f32>,
    pub cells: Vec<Cell>,
    /// The first rows, repeated at the top of every continuation page.
    pub header_rows: usize,
    /// `keep_with_next[r]`: no page break between row r and r + 1.
    pub keep_with_next: Vec<bool>,
    /// The least height of a row.
    pub min_row_height: f32,
}

struct SetCell {
    cell: Cell,
    lines: Vec<Line>,
    size: f32,
    line_height: f32,
}

impl SetCell {
    fn text_height(&self) -> f32 {
        self.lines.len() as f32 * self.line_height
    }

    /// The height the cell's text needs, padding included.
    fn need(&self) -> f32 {
        self.text_height() + 2.0 * PAD_Y
    }
}

/// A table with its text wrapped and its row heights known.
pub struct SetTable {
    /// Which table of the report (0: 表二 …), for the marks.
    pub index: usize,
    cells: Vec<SetCell>,
    col_x: Vec<f32>,
    pub heights: Vec<f32>,
    pub header_rows: usize,
    pub keep_with_next: Vec<bool>,
}

impl SetTable {
    pub fn width(&self) -> f32 {
        *self.col_x.last().unwrap_or(&0.0)
    }

    pub fn rows(&self) -> usize {
        self.heights.len()
    }

    pub fn height(&self, rows: Range<usize>) -> f32 {
        self.heights[rows].iter().sum()
    }

    /// Whether a page may break before row `row`: not inside a group kept together,
    /// and not where a merged cell's label would fit neither piece (the vertical
    /// 「三、本年度办理结果」 needs nine characters' height on both sides).
    pub fn breakable(&self, row: usize) -> bool {
        if row == 0 || row >= self.rows() {
            return true;
        }
        !self.keep_with_next[row - 1]
            && self.cells.iter().filter(|c| c.cell.row < row && row < c.cell.row + c.cell.rowspan).all(|c| {
                let need = c.need() - 0.01;
                self.height(c.cell.row..row) >= need && self.height(row..c.cell.row + c.cell.rowspan) >= need
            })
    }

    /// The next row after `start` where the page may break.
    pub fn group_end(&self, start: usize) -> usize {
        (start + 1..=self.rows()).find(|&r| self.breakable(r)).unwrap_or(self.rows())
    }

    /// Draws rows `rows` (preceded by the header rows when `with_header`) with the
    /// table's top-left corner at (`x`, `y`); returns the height drawn.
    pub fn draw(&self, rows: Range<usize>, with_header: bool, x: f32, y: f32, page: &mut Page) -> f32 {
        let mut bands: Vec<(Range<usize>, bool)> = Vec::new();
        if with_header && self.header_rows > 0 {
            bands.push((0..self.header_rows, true));
        }
        bands.push((rows, false));
        let mut top = y;
        for (band, header) in bands {
            let mut row_y = Vec::with_capacity(band.len() + 1);
            let mut acc = top;
            for r in band.clone() {
                row_y.push(acc);
                let kind = MarkKind::Row { table: self.index, row: r, header };
                let at = page.items.len();
                page.marks.push(Mark { kind, items: at..at, frame: [x, acc, x + self.width(), acc + self.heights[r]] });
                acc += self.heights[r];
            }
            row_y.push(acc);
            for c in &self.cells {
                let (first, last) = (c.cell.row, c.cell.row + c.cell.rowspan);
                let (from, to) = (first.max(band.start), last.min(band.end));
                if from >= to {
                    continue;
                }
                let frame = [
                    x + self.col_x[c.cell.col],
                    row_y[from - band.start],
                    x + self.col_x[c.cell.col + c.cell.colspan],
                    row_y[to - band.start],
                ];
                self.draw_cell(c, frame, page);
            }
            top = acc;
        }
        top - y
    }

    /// One piece of a cell (a merged cell split across pages has several): its
    /// fill, its text if the text fits the piece, its four rules.
    fn draw_cell(&self, c: &SetCell, frame: [f32; 4], page: &mut Page) {
        let [x0, y0, x1, y1] = frame;
        if let Some(gray) = c.cell.fill {
            page.items.push(Item::Fill { x: x0, y: y0, w: x1 - x0, h: y1 - y0, gray });
        }
        let first = page.items.len();
        // Page breaks keep every piece tall enough (`breakable`); a row taller than
        // a page is the one case where a label may not fit, and then it is left out
        // rather than drawn across the rules.
        if c.need() <= y1 - y0 + 0.01 {
            let text_top = y0 + ((y1 - y0) - c.text_height()) / 2.0;
            let inner = x1 - x0 - 2.0 * PAD_X;
            for (i, line) in c.lines.iter().enumerate() {
                let baseline = text_top + super::style::baseline(c.line_height, c.size) + i as f32 * c.line_height;
                let align = if c.cell.vertical { Align::Center } else { c.cell.align };
                page.items.extend(line.runs(x0 + PAD_X, baseline, inner, align, c.size).into_iter().map(Item::Text));
            }
        }
        let kind = MarkKind::Cell { table: self.index, row: c.cell.row, rowspan: c.cell.rowspan };
        page.marks.push(Mark { kind, items: first..page.items.len(), frame });
        for (a, b, p, q) in [(x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)] {
            page.items.push(Item::Line { x1: a, y1: b, x2: p, y2: q, width: RULE });
        }
    }
}

/// Widens the columns whose numbers do not fit, into the slack up to `max_width`;
/// returns the new column widths.
fn fit_columns(columns: &[f32], cells: &[Cell], natural: &[f32], max_width: f32) -> Vec<f32> {
    let mut deficit = vec![0.0f32; columns.len()];
    for (cell, w) in cells.iter().zip(natural).filter(|(c, _)| c.number) {
        let last = cell.col + cell.colspan - 1;
        let have: f32 = columns[cell.col..=last].iter().sum();
        deficit[last] = deficit[last].max(w + 2.0 * PAD_X - have);
    }
    let total: f32 = deficit.iter().sum();
    let slack = max_width - columns.iter().sum::<f32>();
    if total <= 0.0 || slack <= 0.0 {
        return columns.to_vec();
    }
    let share = (slack / total).min(1.0);
    columns.iter().zip(&deficit).map(|(c, d)| c + d.max(0.0) * share).collect()
}

/// Wraps every cell's text and computes the row heights. Numbers that do not fit
/// first widen their columns (the table may grow to `max_width`), then every number
/// of the table steps down together to no less than `MIN_NUMBER_SIZE`; a number
/// still too wide wraps inside its cell.
pub fn set(table: Table, index: usize, max_width: f32, fonts: &FontSet, missing: &mut Missing, place: &str) -> SetTable {
    let rows = table.cells.iter().map(|c| c.row + c.rowspan).max().unwrap_or(0);
    let shaped: Vec<Vec<super::text::Glyph>> =
        table.cells.iter().map(|c| shape(fonts, &c.text, c.style, place, missing)).collect();
    let natural: Vec<f32> = shaped.iter().map(|g| width(g)).collect();
    let columns = fit_columns(&table.columns, &table.cells, &natural, max_width);
    let mut col_x = vec![0.0];
    for w in &columns {
        col_x.push(col_x.last().unwrap() + w);
    }
    let inner = |cell: &Cell| col_x[cell.col + cell.colspan] - col_x[cell.col] - 2.0 * PAD_X;
    // One scale for all the numbers of the table.
    let scale = table
        .cells
        .iter()
        .zip(&natural)
        .filter(|(c, w)| c.number && **w > 0.0)
        .map(|(c, w)| (inner(c) / w).min(1.0).max(MIN_NUMBER_SIZE / c.style.size))
        .fold(1.0f32, f32::min);
    let cells: Vec<SetCell> = table
        .cells
        .into_iter()
        .zip(shaped)
        .map(|(cell, mut glyphs)| {
            let mut size = cell.style.size;
            if cell.number && scale < 1.0 {
                size *= scale;
                glyphs = shape(fonts, &cell.text, Style { size, ..cell.style }, place, missing);
            }
            let lines = if cell.vertical { vertical_lines(glyphs) } else { break_lines(glyphs, inner(&cell), inner(&cell)) };
            let line_height = size * if cell.vertical { 1.1 } else { LEADING };
            SetCell { cell, lines, size, line_height }
        })
        .collect();

    let mut heights = vec![table.min_row_height; rows];
    for c in cells.iter().filter(|c| c.cell.rowspan == 1) {
        heights[c.cell.row] = heights[c.cell.row].max(c.need());
    }
    let mut spanning: Vec<&SetCell> = cells.iter().filter(|c| c.cell.rowspan > 1).collect();
    spanning.sort_by_key(|c| c.cell.rowspan);
    for c in spanning {
        let range = c.cell.row..c.cell.row + c.cell.rowspan;
        let have: f32 = heights[range.clone()].iter().sum();
        let deficit = c.need() - have;
        if deficit > 0.0 {
            let share = deficit / c.cell.rowspan as f32;
            heights[range].iter_mut().for_each(|h| *h += share);
        }
    }
    let mut keep_with_next = table.keep_with_next;
    keep_with_next.resize(rows, false);
    SetTable { index, cells, col_x, heights, header_rows: table.header_rows, keep_with_next }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::Role;

    fn style() -> Style {
        Style { role: Role::Table, size: 10.0 }
    }

    #[test]
    fn wrapped_text_makes_rows_taller_and_spans_share_the_height() {
        let cells = vec![
            Cell::new(0, 0, "一个很长很长很长很长的标签文字", style()),
            Cell::new(0, 1, "1", style()).number(),
            Cell::new(1, 0, "短", style()),
            Cell::new(1, 1, "2", style()).number(),
            Cell::new(0, 2, "三、本年度办理结果", style()).span(2, 1).vertical(),
        ];
        let t = Table { columns: vec![50.0, 30.0, 20.0], cells, header_rows: 0, keep_with_next: vec![], min_row_height: 16.0 };
        let set = set(t, 0, 0.0, FontSet::bundled(), &mut Missing::default(), "表");
        assert!(set.heights[0] > set.heights[1], "{:?}", set.heights);
        // The vertical cell needs 9 characters × 11 pt + padding over both rows.
        assert!(set.height(0..2) >= 9.0 * 11.0 + 2.0 * PAD_Y - 0.01, "{:?}", set.heights);
        let mut page = Page::default();
        let h = set.draw(0..2, false, 10.0, 20.0, &mut page);
        assert!((h - set.height(0..2)).abs() < 0.01);
        let texts: Vec<&str> = page.texts().map(|t| t.text.as_str()).collect();
        assert!(texts.contains(&"1") && texts.contains(&"三") && texts.contains(&"果"));
    }

    fn number_table(text: &str, max_width: f32) -> (SetTable, Page) {
        let cells = vec![Cell::new(0, 0, "标签", style()), Cell::new(0, 1, text, style()).number()];
        let t = Table { columns: vec![40.0, 30.0], cells, header_rows: 0, keep_with_next: vec![], min_row_height: 12.0 };
        let set = set(t, 0, max_width, FontSet::bundled(), &mut Missing::default(), "表");
        let mut page = Page::default();
        set.draw(0..1, false, 0.0, 0.0, &mut page);
        (set, page)
    }

    #[test]
    fn a_number_too_wide_takes_the_slack_then_shrinks_then_wraps() {
        // Room to grow: the column widens and the number keeps its size.
        let (t, page) = number_table("123456789", 200.0);
        assert!(t.width() > 70.0 && t.width() <= 200.0);
        let run = page.texts().find(|r| r.text.starts_with('1')).unwrap();
        assert_eq!((run.size, run.text.as_str()), (10.0, "123456789"));
        // No room: the size steps down to the least size, then the number wraps.
        let (t, page) = number_table("123456789012", 70.0);
        assert_eq!(t.width(), 70.0);
        let runs: Vec<_> = page.texts().filter(|r| r.text.chars().all(|c| c.is_ascii_digit())).collect();
        assert!(runs.len() > 1 && runs.iter().all(|r| r.size == MIN_NUMBER_SIZE), "{runs:?}");
        assert_eq!(runs.iter().map(|r| r.text.as_str()).collect::<String>(), "123456789012");
    }

    #[test]
    fn groups_follow_keep_with_next() {
        let cells = (0..4).map(|r| Cell::new(r, 0, "x", style())).collect();
        let t = Table {
            columns: vec![20.0],
            cells,
            header_rows: 1,
            keep_with_next: vec![true, false, true, false],
            min_row_height: 10.0,
        };
        let set = set(t, 0, 0.0, FontSet::bundled(), &mut Missing::default(), "表");
        assert_eq!(set.group_end(0), 2);
        assert_eq!(set.group_end(2), 4);
        let mut page = Page::default();
        set.draw(2..4, true, 0.0, 0.0, &mut page);
        assert_eq!(page.texts().count(), 3, "header row repeated, then rows 2 and 3");
    }
}
