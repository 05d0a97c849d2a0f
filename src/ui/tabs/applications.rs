//! 三、收到和处理政府信息公开申请情况: the 7 applicant columns × 25 (or 23) rows,
//! laid out as the printed table (the same merged cells as the PDF) with the
//! header rows and row labels frozen while the numbers scroll.

use egui::{TextStyle, Ui};

use super::grid::{FrozenGrid, PAD, TextCell};
use crate::layout::lines::Align;
use crate::layout::tables;
use crate::model::Report;
use crate::model::check::CellRef;
use crate::model::decimal::Decimal;
use crate::model::template::{APPLICANT_COLUMNS, APPLICATION_NOTE, CellKind, PART_HEADINGS};
use crate::model::totals::is_application_total;
use crate::ui::cells::{Move, NumberCell, count_cell, settle_unread};
use crate::ui::widgets::{Target, View};

/// Header rows of the printed table.
const HEADER_ROWS: usize = 3;

pub fn ui(ui: &mut Ui, r: &mut Report, view: &mut View<'_>) {
    ui.heading(PART_HEADINGS[2]);
    ui.add_space(4.0);
    let tpl = r.template.get();
    let rows = r.applications.len();
    // The labels and merged cells come from the printed table; its numbers are drawn as cells here.
    let cells = tables::applications(r)
        .cells
        .into_iter()
        .filter(|c| !c.number)
        .map(|c| TextCell {
            weak: c.text == APPLICATION_NOTE,
            row: c.row,
            col: c.col,
            rowspan: c.rowspan,
            colspan: c.colspan,
            left: c.align == Align::Left,
            vertical: c.vertical,
            text: c.text,
        })
        .collect();
    let font = TextStyle::Body.resolve(ui.style()).size;
    let value_width = (5.0 * font).round() + 2.0 * PAD.x;
    let grid = FrozenGrid {
        id_salt: "table-3",
        label_columns: label_columns(ui.available_width(), font),
        value_columns: vec![value_width; APPLICANT_COLUMNS.len()],
        header_rows: HEADER_ROWS,
        body_rows: rows,
        cells,
        cell_height: ui.spacing().interact_size.y.max(ui.text_style_height(&TextStyle::Body) + 4.0),
    };
    let mut moved: Option<(CellRef, Move)> = None;
    grid.show(ui, |ui, i, j| {
        let cell = CellRef::applications(i, j);
        let read_only = view.auto_totals && is_application_total(r, i, j);
        let name = format!("表三 {} {}", tpl.applications[i].label(), APPLICANT_COLUMNS[j]);
        let spec =
            NumberCell { target: Target::Cell(cell), kind: CellKind::Count, read_only, name: &name, width: ui.available_width() };
        let (response, go) = count_cell(ui, view, spec, &mut r.applications[i][j]);
        settle_unread(ui, &response, cell, r.applications[i][j].map(Decimal::from_int), &mut r.unread);
        // Tab moves the focus along the row: bring the cell out from under the frozen panes.
        if response.gained_focus() {
            response.scroll_to_me(None);
        }
        moved = moved.or(go.map(|m| (cell, m)));
    });
    if let Some((cell, m)) = moved
        && let Some(next) = neighbour(r, view.auto_totals, cell, m)
    {
        *view.focus = Some(next);
    }
}

/// Widths of the three label columns (the vertical 「三、本年度办理结果」, the
/// （一）… groups, the 1. … items): as wide as reads well, narrower (the labels
/// wrap) when the window is, so that numbers stay in view beside them.
fn label_columns(available: f32, font: f32) -> Vec<f32> {
    let pad = 2.0 * PAD.x;
    let first = font + pad + 2.0;
    let (group, item) = (7.0 * font + pad, 16.0 * font + pad);
    // At least: 一、本年新收政府信息公开申请数量 on one line across the three columns.
    let least = 16.0 * font + pad - first;
    let room = (available * 0.42 - first).clamp(least, group + item);
    // The group names (（三）不予公开) keep one line as long as they can; the items wrap.
    let group = group.min(room * 0.5);
    vec![first, group.round(), (room - group).round()]
}

/// The cell above or below that can take the focus: computed totals (自动合计)
/// are passed over, so Enter goes from （六） past （七）总计 to 四、结转下年度.
fn neighbour(r: &Report, auto_totals: bool, cell: CellRef, m: Move) -> Option<Target> {
    let mut row = cell.row;
    loop {
        row = match m {
            Move::Up => row.checked_sub(1)?,
            Move::Down => Some(row + 1).filter(|i| *i < r.applications.len())?,
        };
        if !(auto_totals && is_application_total(r, row, cell.col)) {
            return Some(Target::Cell(CellRef::applications(row, cell.col)));
        }
    }
}
