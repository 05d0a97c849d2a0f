//! 四、政府信息公开行政复议、行政诉讼情况: three groups of five.

use egui::Ui;

use crate::model::Report;
use crate::model::check::CellRef;
use crate::model::decimal::Decimal;
use crate::model::template::{CellKind, LITIGATION_HEADER, PART_HEADINGS, REVIEW_GROUPS, REVIEW_OUTCOMES};
use crate::model::totals::is_review_total;
use crate::ui::cells::{NumberCell, count_cell, settle_unread};
use crate::ui::widgets::{Target, View, column_header};

/// Width of a cell where there is room; narrower in a small window.
const CELL_WIDTH: f32 = 84.0;

pub fn ui(ui: &mut Ui, r: &mut Report, view: &mut View<'_>) {
    ui.heading(PART_HEADINGS[3]);
    ui.add_space(6.0);
    let names: Vec<String> = REVIEW_GROUPS
        .iter()
        .enumerate()
        .map(|(g, group)| if g == 0 { group.to_string() } else { format!("{LITIGATION_HEADER}：{group}") })
        .collect();
    let font = egui::TextStyle::Body.resolve(ui.style());
    let label_width = names
        .iter()
        .map(|n| ui.fonts_mut(|f| f.layout_no_wrap(n.clone(), font.clone(), egui::Color32::PLACEHOLDER)).size().x)
        .fold(0.0, f32::max);
    let room = ui.available_width() - label_width - 8.0 * 6.0;
    let cell_width = (room / REVIEW_OUTCOMES.len() as f32).clamp(4.0 * font.size, CELL_WIDTH).floor();
    egui::Grid::new("table-4").num_columns(6).spacing([8.0, 6.0]).show(ui, |ui| {
        ui.label("");
        for outcome in REVIEW_OUTCOMES {
            column_header(ui, outcome, cell_width);
        }
        ui.end_row();
        for (g, name) in names.iter().enumerate() {
            ui.label(name);
            for (k, outcome) in REVIEW_OUTCOMES.iter().enumerate() {
                let j = g * REVIEW_OUTCOMES.len() + k;
                let read_only = view.auto_totals && is_review_total(j);
                let name = format!("表四 {name} {outcome}");
                let target = Target::Cell(CellRef::reviews(j));
                let spec = NumberCell { target, kind: CellKind::Count, read_only, name: &name, width: cell_width };
                let (response, _) = count_cell(ui, view, spec, &mut r.reviews[j]);
                settle_unread(ui, &response, CellRef::reviews(j), r.reviews[j].map(Decimal::from_int), &mut r.unread);
            }
            ui.end_row();
        }
    });
}
