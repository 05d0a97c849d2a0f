//! 三、收到和处理政府信息公开申请情况: the 7 applicant columns × 25 (or 23) rows.

use egui::{RichText, Ui};

use crate::model::Report;
use crate::model::check::CellRef;
use crate::model::template::{APPLICANT_COLUMNS, APPLICATION_NOTE, CellKind, PART_HEADINGS};
use crate::model::totals::is_application_total;
use crate::ui::widgets::{Move, NumberCell, Target, View, column_header, count_cell, row_label};

const CELL_WIDTH: f32 = 84.0;
const LABEL_WIDTH: f32 = 340.0;

pub fn ui(ui: &mut Ui, r: &mut Report, view: &mut View<'_>) {
    ui.heading(PART_HEADINGS[2]);
    ui.label(RichText::new(APPLICATION_NOTE).weak());
    ui.add_space(6.0);
    let tpl = r.template.get();
    let rows = r.applications.len();
    let mut next: Option<Target> = None;
    egui::Grid::new("table-3").num_columns(8).striped(true).spacing([6.0, 4.0]).show(ui, |ui| {
        ui.label("");
        for name in APPLICANT_COLUMNS {
            column_header(ui, name, CELL_WIDTH);
        }
        ui.end_row();
        for (i, row) in tpl.applications.iter().enumerate() {
            let label = match (row.group, row.item) {
                (Some(_), Some(item)) => format!("　　{item}"),
                (Some(group), None) => format!("　{group}"),
                _ => row.section.to_string(),
            };
            // The first item of a group carries the group's name above it.
            if row.group.is_some() && i > 0 && tpl.applications[i - 1].group.is_none() {
                ui.label(RichText::new(row.section).strong());
                ui.end_row();
            }
            if row.item.is_some() && (i == 0 || tpl.applications[i - 1].group != row.group) {
                ui.label(format!("　{}", row.group.unwrap_or_default()));
                ui.end_row();
            }
            row_label(ui, label, LABEL_WIDTH);
            for (j, col) in APPLICANT_COLUMNS.iter().enumerate() {
                let cell = CellRef::applications(i, j);
                let read_only = view.auto_totals && is_application_total(r, i, j);
                let name = format!("表三 {} {col}", row.label());
                let spec =
                    NumberCell { target: Target::Cell(cell), kind: CellKind::Count, read_only, name: &name, width: CELL_WIDTH };
                let (_, go) = count_cell(ui, view, spec, &mut r.applications[i][j]);
                next = next.or(go.and_then(|m| neighbour(rows, cell, m)));
            }
            ui.end_row();
        }
    });
    if next.is_some() {
        *view.focus = next;
    }
}

fn neighbour(rows: usize, cell: CellRef, m: Move) -> Option<Target> {
    let row = match m {
        Move::Up => cell.row.checked_sub(1)?,
        Move::Down => Some(cell.row + 1).filter(|r| *r < rows)?,
    };
    Some(Target::Cell(CellRef::applications(row, cell.col)))
}
