//! 四、政府信息公开行政复议、行政诉讼情况: three groups of five.

use egui::Ui;

use crate::model::Report;
use crate::model::check::CellRef;
use crate::model::template::{CellKind, LITIGATION_HEADER, PART_HEADINGS, REVIEW_GROUPS, REVIEW_OUTCOMES};
use crate::model::totals::is_review_total;
use crate::ui::widgets::{NumberCell, Target, View, column_header, count_cell};

const CELL_WIDTH: f32 = 84.0;

pub fn ui(ui: &mut Ui, r: &mut Report, view: &mut View<'_>) {
    ui.heading(PART_HEADINGS[3]);
    ui.add_space(6.0);
    egui::Grid::new("table-4").num_columns(6).spacing([8.0, 6.0]).show(ui, |ui| {
        ui.label("");
        for outcome in REVIEW_OUTCOMES {
            column_header(ui, outcome, CELL_WIDTH);
        }
        ui.end_row();
        for (g, group) in REVIEW_GROUPS.iter().enumerate() {
            let name = if g == 0 { group.to_string() } else { format!("{LITIGATION_HEADER}：{group}") };
            ui.label(&name);
            for (k, outcome) in REVIEW_OUTCOMES.iter().enumerate() {
                let j = g * REVIEW_OUTCOMES.len() + k;
                let read_only = view.auto_totals && is_review_total(j);
                let name = format!("表四 {name} {outcome}");
                let target = Target::Cell(CellRef::reviews(j));
                let spec = NumberCell { target, kind: CellKind::Count, read_only, name: &name, width: CELL_WIDTH };
                count_cell(ui, view, spec, &mut r.reviews[j]);
            }
            ui.end_row();
        }
    });
}
