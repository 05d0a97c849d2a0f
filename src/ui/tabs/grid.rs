//! A ruled table with frozen panes, for the fixed official forms: the header
//! rows stay at the top and the label columns at the left while the value
//! cells scroll both ways, as in a spreadsheet. Header and label cells span
//! rows and columns as in the printed table, and a spanning label stays in
//! view while the rows or columns it spans scroll past.
//!
//! Hand-placed rather than egui_extras' `TableBuilder` or `egui_table`:
//! neither spans rows, and both leave rows scrolled out of view undrawn
//! (no focus, no accessible name), while every cell here stays a live widget.
//!
//! ```text
//!  corner │ header      (scrolls sideways with the body)
//!  ───────┼──────────────
//!  labels │ body        (the only scroll area, solid scroll bars)
//! ```

use std::sync::Arc;

use egui::scroll_area::ScrollBarVisibility;
use egui::style::ScrollAnimation;
use egui::text::LayoutJob;
use egui::{Align, Galley, Layout, Rect, ScrollArea, Sense, TextStyle, Ui, UiBuilder, Vec2, pos2, vec2};

use crate::ui::widgets::{balanced_lines, visible_scroll_bars};

/// Space between a cell's rule and its content.
pub const PAD: Vec2 = Vec2::new(4.0, 3.0);

/// A text cell of the header or of the row labels. Rows count the header rows
/// first, columns the label columns first (the layout's table coordinates).
pub struct TextCell {
    pub row: usize,
    pub col: usize,
    pub rowspan: usize,
    pub colspan: usize,
    pub text: String,
    /// One character per line, top to bottom (「三、本年度办理结果」).
    pub vertical: bool,
    /// Left-aligned (row labels); otherwise centred.
    pub left: bool,
    /// Weaker colour (the 勾稽 note).
    pub weak: bool,
}

pub struct FrozenGrid {
    pub id_salt: &'static str,
    pub label_columns: Vec<f32>,
    pub value_columns: Vec<f32>,
    pub header_rows: usize,
    pub body_rows: usize,
    pub cells: Vec<TextCell>,
    /// Height of a value cell's widget; body rows are at least this plus padding.
    pub cell_height: f32,
}

/// Where a text cell is drawn.
#[derive(Clone, Copy, PartialEq)]
#[repr(u8)]
enum Pane {
    Corner,
    Header,
    Labels,
}

impl FrozenGrid {
    /// Draws the table in the space left in `ui`; `cell(ui, row, col)` draws the
    /// value cell of body row `row`, value column `col` in a `ui` its size
    /// (less padding), centred vertically.
    pub fn show(self, ui: &mut Ui, mut cell: impl FnMut(&mut Ui, usize, usize)) {
        let columns: Vec<f32> = self.label_columns.iter().chain(&self.value_columns).copied().collect();
        let (header_rows, labels) = (self.header_rows, self.label_columns.len());
        let col_x = offsets(&columns);
        let galleys: Vec<Arc<Galley>> =
            self.cells.iter().map(|c| layout_text(ui, c, col_x[c.col + c.colspan] - col_x[c.col] - 2.0 * PAD.x)).collect();
        let line = ui.text_style_height(&TextStyle::Body);
        let mut heights: Vec<f32> = (0..header_rows + self.body_rows)
            .map(|r| if r < header_rows { line } else { self.cell_height } + 2.0 * PAD.y)
            .collect();
        // Single rows first, then spans that still need room grow their last row.
        for (c, g) in self.cells.iter().zip(&galleys).filter(|(c, _)| c.rowspan == 1) {
            heights[c.row] = heights[c.row].max(g.size().y + 2.0 * PAD.y);
        }
        for (c, g) in self.cells.iter().zip(&galleys).filter(|(c, _)| c.rowspan > 1) {
            let have: f32 = heights[c.row..c.row + c.rowspan].iter().sum();
            heights[c.row + c.rowspan - 1] += (g.size().y + 2.0 * PAD.y - have).max(0.0);
        }
        let row_y = offsets(&heights);
        let (label_w, header_h) = (col_x[labels], row_y[header_rows]);
        let content = vec2(col_x[columns.len()] - label_w, row_y[heights.len()] - header_h);

        let avail = ui.available_rect_before_wrap();
        let origin = avail.min;
        // However small the window, one column and three rows with the scroll bars
        // (the page around scrolls when there is less room).
        let bars = 2.0 * ui.spacing().scroll.allocated_width();
        let least =
            vec2(self.value_columns.first().copied().unwrap_or(0.0), 3.0 * (self.cell_height + 2.0 * PAD.y)) + Vec2::splat(bars);
        let body_min = origin + vec2(label_w, header_h);
        let body_max = Rect::from_min_max(body_min, avail.max.max(body_min + least));
        let frozen = Rect::from_min_max(origin, body_max.max);

        let mut body_ui = ui.new_child(UiBuilder::new().id_salt("body").max_rect(body_max).layout(Layout::top_down(Align::Min)));
        body_ui.spacing_mut().scroll = visible_scroll_bars();
        let out = ScrollArea::both()
            .id_salt(self.id_salt)
            .auto_shrink([true, true])
            .animated(false)
            .scroll_bar_visibility(ScrollBarVisibility::VisibleWhenNeeded)
            .show(&mut body_ui, |ui| {
                // The wheel over the frozen header or labels scrolls the body.
                if let Some(p) = ui.ctx().pointer_hover_pos()
                    && frozen.contains(p)
                    && !body_max.contains(p)
                {
                    let delta = ui.input(|i| i.smooth_scroll_delta());
                    if delta != Vec2::ZERO {
                        ui.scroll_with_delta_animation(delta, ScrollAnimation::none());
                        ui.input_mut(|i| i.smooth_scroll_delta = Vec2::ZERO);
                    }
                }
                let (rect, _) = ui.allocate_exact_size(content, Sense::hover());
                let stroke = ui.visuals().widgets.noninteractive.bg_stroke;
                let painter = ui.painter();
                for y in &row_y[header_rows + 1..] {
                    let y = rect.top() + y - header_h;
                    painter.hline(rect.x_range(), y, stroke);
                }
                for x in &col_x[labels + 1..] {
                    painter.vline(rect.left() + x - label_w, rect.y_range(), stroke);
                }
                for r in 0..self.body_rows {
                    for c in 0..self.value_columns.len() {
                        let (x0, x1) = (col_x[labels + c] - label_w, col_x[labels + c + 1] - label_w);
                        let (y0, y1) = (row_y[header_rows + r] - header_h, row_y[header_rows + r + 1] - header_h);
                        let cell_rect = Rect::from_min_max(rect.min + vec2(x0, y0), rect.min + vec2(x1, y1));
                        let inner = Rect::from_center_size(cell_rect.center(), vec2(x1 - x0 - 2.0 * PAD.x, self.cell_height));
                        let builder = UiBuilder::new().max_rect(inner).layout(Layout::left_to_right(Align::Center));
                        ui.scope_builder(builder, |ui| cell(ui, r, c));
                    }
                }
                rect.min
            });
        // The viewport, no larger than the content (the scroll area may report the space it was given).
        let view = Rect::from_min_size(out.inner_rect.min, out.inner_rect.size().min(content));
        // The offset the body was drawn with this frame (the state already holds the next one).
        let offset = view.min - out.inner;
        let outer = body_ui.min_rect();

        let panes = [
            (Pane::Corner, Rect::from_min_max(origin, view.min)),
            (Pane::Header, Rect::from_min_max(pos2(view.min.x, origin.y), pos2(view.max.x, view.min.y))),
            (Pane::Labels, Rect::from_min_max(pos2(origin.x, view.min.y), pos2(view.min.x, view.max.y))),
        ];
        for (pane, clip) in panes {
            let mut pane_ui = ui.new_child(UiBuilder::new().id_salt(pane as u8).max_rect(clip));
            pane_ui.set_clip_rect(clip.intersect(ui.clip_rect()));
            pane_ui.painter().rect_filled(clip, 0.0, ui.visuals().faint_bg_color);
            for (c, g) in self.cells.iter().zip(&galleys) {
                let here = match (c.row < header_rows, c.col < labels) {
                    (true, true) => Pane::Corner,
                    (true, false) => Pane::Header,
                    (false, true) => Pane::Labels,
                    (false, false) => continue,
                };
                if here != pane {
                    continue;
                }
                // The cell in screen coordinates: header cells move sideways with
                // the body, label cells up and down.
                let shift = match pane {
                    Pane::Corner => origin.to_vec2(),
                    Pane::Header => vec2(view.min.x - label_w - offset.x, origin.y),
                    Pane::Labels => vec2(origin.x, view.min.y - header_h - offset.y),
                };
                let rect = Rect::from_min_max(
                    pos2(col_x[c.col], row_y[c.row]) + shift,
                    pos2(col_x[c.col + c.colspan], row_y[c.row + c.rowspan]) + shift,
                );
                pane_ui.painter().rect_stroke(rect, 0.0, ui.visuals().widgets.noninteractive.bg_stroke, egui::StrokeKind::Inside);
                let at = text_position(rect, clip, g.size(), c.left);
                let response = pane_ui.allocate_rect(Rect::from_min_size(at, g.size()), Sense::hover());
                let name = c.text.clone();
                response.widget_info(move || egui::WidgetInfo::labeled(egui::Role::Label, true, &name));
                pane_ui.painter().galley(at - g.rect.min.to_vec2(), g.clone(), ui.visuals().text_color());
            }
        }
        ui.advance_cursor_after_rect(Rect::from_min_max(origin, outer.max));
    }
}

/// Running sums: where each column (row) starts, and the total at the end.
fn offsets(sizes: &[f32]) -> Vec<f32> {
    std::iter::once(0.0).chain(sizes.iter().scan(0.0, |at, s| Some(std::mem::replace(at, *at + s) + s))).collect()
}

/// Where a text of `size` goes in its cell: centred (or at the left), and kept
/// inside the visible part of a spanning cell as long as the cell is in view.
fn text_position(cell: Rect, visible: Rect, size: Vec2, left: bool) -> egui::Pos2 {
    let inner = cell.shrink2(PAD);
    let seen = inner.intersect(visible);
    let seen = if seen.is_positive() { seen } else { inner };
    let axis = |lo: f32, hi: f32, seen_lo: f32, seen_hi: f32, len: f32, centre: bool| {
        let want = if centre { (seen_lo + seen_hi - len) / 2.0 } else { lo };
        want.min(hi - len).max(lo)
    };
    pos2(
        axis(inner.left(), inner.right(), seen.left(), seen.right(), size.x, !left),
        axis(inner.top(), inner.bottom(), seen.top(), seen.bottom(), size.y, true),
    )
}

fn layout_text(ui: &Ui, cell: &TextCell, width: f32) -> Arc<Galley> {
    let font = TextStyle::Body.resolve(ui.style());
    let color = if cell.weak { ui.visuals().weak_text_color() } else { ui.visuals().text_color() };
    let text = if cell.vertical {
        cell.text.chars().map(String::from).collect::<Vec<_>>().join("\n")
    } else if cell.left || cell.text.chars().count() > 8 {
        cell.text.clone()
    } else {
        balanced_lines(&cell.text, width, font.size)
    };
    let mut job = LayoutJob::simple(text, font, color, width.max(1.0));
    job.halign = if cell.left { Align::Min } else { Align::Center };
    ui.fonts_mut(|f| f.layout_job(job))
}
