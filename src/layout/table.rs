//! Ruled tables with merged cells: text wrapping inside cells, row heights,
//! and drawing any run of rows (a page's share of a table, with the header
//! rows repeated on continuation pages). Rows are never split.

use std::ops::Range;

use super::page::{Item, Page};
use super::style::table::{LEADING, MIN_NUMBER_SIZE, PAD_X, PAD_Y, RULE};
use super::text::{Align, Line, Missing, Style, break_lines, shape, vertical_lines, width};
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
}

/// A table with its text wrapped and its row heights known.
pub struct SetTable {
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

    /// The rows that must stay on one page with row `start` (up to the next allowed break).
    pub fn group_end(&self, start: usize) -> usize {
        let mut end = start + 1;
        while end < self.rows() && self.keep_with_next[end - 1] {
            end += 1;
        }
        end
    }

    /// Draws rows `rows` (preceded by the header rows when `with_header`) with the
    /// table's top-left corner at (`x`, `y`); returns the height drawn.
    pub fn draw(&self, rows: Range<usize>, with_header: bool, x: f32, y: f32, page: &mut Page) -> f32 {
        let mut bands: Vec<Range<usize>> = Vec::new();
        if with_header && self.header_rows > 0 {
            bands.push(0..self.header_rows);
        }
        bands.push(rows);
        let mut top = y;
        for band in bands {
            // y of each row in this band
            let mut row_y = Vec::with_capacity(band.len() + 1);
            let mut acc = top;
            for r in band.clone() {
                row_y.push(acc);
                acc += self.heights[r];
            }
            row_y.push(acc);
            for c in &self.cells {
                let (first, last) = (c.cell.row, c.cell.row + c.cell.rowspan);
                let (from, to) = (first.max(band.start), last.min(band.end));
                if from >= to {
                    continue;
                }
                let y0 = row_y[from - band.start];
                let y1 = row_y[to - band.start];
                let x0 = x + self.col_x[c.cell.col];
                let x1 = x + self.col_x[c.cell.col + c.cell.colspan];
                self.draw_cell(c, from == first, x0, y0, x1, y1, page);
            }
            top = acc;
        }
        top - y
    }

    /// `starts`: this piece holds the cell's first row (a merged cell split across pages has several pieces).
    #[allow(clippy::too_many_arguments)]
    fn draw_cell(&self, c: &SetCell, starts: bool, x0: f32, y0: f32, x1: f32, y1: f32, page: &mut Page) {
        if let Some(gray) = c.cell.fill {
            page.items.push(Item::Fill { x: x0, y: y0, w: x1 - x0, h: y1 - y0, gray });
        }
        // Every piece of a split merged cell repeats its label where the label fits.
        if starts || c.text_height() <= y1 - y0 + 0.01 {
            let text_top = y0 + ((y1 - y0) - c.text_height()) / 2.0;
            let inner = x1 - x0 - 2.0 * PAD_X;
            for (i, line) in c.lines.iter().enumerate() {
                let baseline = text_top + super::style::baseline(c.line_height, c.size) + i as f32 * c.line_height;
                let align = if c.cell.vertical { Align::Center } else { c.cell.align };
                page.items.extend(line.runs(x0 + PAD_X, baseline, inner, align, c.size).into_iter().map(Item::Text));
            }
        }
        for (a, b, p, q) in [(x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)] {
            page.items.push(Item::Line { x1: a, y1: b, x2: p, y2: q, width: RULE });
        }
    }
}

/// Wraps every cell's text and computes the row heights.
pub fn set(table: Table, fonts: &FontSet, missing: &mut Missing, place: &str) -> SetTable {
    let rows = table.cells.iter().map(|c| c.row + c.rowspan).max().unwrap_or(0);
    let mut col_x = vec![0.0];
    for w in &table.columns {
        col_x.push(col_x.last().unwrap() + w);
    }
    let cells: Vec<SetCell> = table
        .cells
        .into_iter()
        .map(|cell| {
            let inner = col_x[cell.col + cell.colspan] - col_x[cell.col] - 2.0 * PAD_X;
            let mut size = cell.style.size;
            let mut glyphs = shape(fonts, &cell.text, cell.style, place, missing);
            if cell.number {
                let natural = width(&glyphs);
                if natural > inner {
                    size = (size * inner / natural).max(MIN_NUMBER_SIZE);
                    glyphs = shape(fonts, &cell.text, Style { size, ..cell.style }, place, missing);
                }
            }
            let lines = if cell.vertical {
                vertical_lines(glyphs)
            } else if cell.number {
                break_lines(glyphs, f32::INFINITY, f32::INFINITY)
            } else {
                break_lines(glyphs, inner, inner)
            };
            let line_height = size * if cell.vertical { 1.1 } else { LEADING };
            SetCell { cell, lines, size, line_height }
        })
        .collect();

    let mut heights = vec![table.min_row_height; rows];
    let need = |c: &SetCell| c.text_height() + 2.0 * PAD_Y;
    for c in cells.iter().filter(|c| c.cell.rowspan == 1) {
        heights[c.cell.row] = heights[c.cell.row].max(need(c));
    }
    let mut spanning: Vec<&SetCell> = cells.iter().filter(|c| c.cell.rowspan > 1).collect();
    spanning.sort_by_key(|c| c.cell.rowspan);
    for c in spanning {
        let range = c.cell.row..c.cell.row + c.cell.rowspan;
        let have: f32 = heights[range.clone()].iter().sum();
        let deficit = need(c) - have;
        if deficit > 0.0 {
            let share = deficit / c.cell.rowspan as f32;
            heights[range].iter_mut().for_each(|h| *h += share);
        }
    }
    let mut keep_with_next = table.keep_with_next;
    keep_with_next.resize(rows, false);
    SetTable { cells, col_x, heights, header_rows: table.header_rows, keep_with_next }
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
        let set = set(t, FontSet::bundled(), &mut Missing::default(), "表");
        assert!(set.heights[0] > set.heights[1], "{:?}", set.heights);
        // The vertical cell needs 9 characters × 11 pt + padding over both rows.
        assert!(set.height(0..2) >= 9.0 * 11.0 + 2.0 * PAD_Y - 0.01, "{:?}", set.heights);
        let mut page = Page::default();
        let h = set.draw(0..2, false, 10.0, 20.0, &mut page);
        assert!((h - set.height(0..2)).abs() < 0.01);
        let texts: Vec<&str> = page.texts().map(|t| t.text.as_str()).collect();
        assert!(texts.contains(&"1") && texts.contains(&"三") && texts.contains(&"果"));
    }

    #[test]
    fn a_number_too_wide_shrinks_to_fit() {
        let cells = vec![Cell::new(0, 0, "123456789", style()).number()];
        let t = Table { columns: vec![30.0], cells, header_rows: 0, keep_with_next: vec![], min_row_height: 12.0 };
        let set = set(t, FontSet::bundled(), &mut Missing::default(), "表");
        let mut page = Page::default();
        set.draw(0..1, false, 0.0, 0.0, &mut page);
        let run = page.texts().next().unwrap();
        assert!(run.size < 10.0);
        assert_eq!(run.text, "123456789");
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
        let set = set(t, FontSet::bundled(), &mut Missing::default(), "表");
        assert_eq!(set.group_end(0), 2);
        assert_eq!(set.group_end(2), 4);
        let mut page = Page::default();
        set.draw(2..4, true, 0.0, 0.0, &mut page);
        assert_eq!(page.texts().count(), 3, "header row repeated, then rows 2 and 3");
    }
}
