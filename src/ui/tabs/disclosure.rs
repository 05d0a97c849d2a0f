//! 二、主动公开政府信息情况: table 二 block by block, as the official format has it.

use egui::{RichText, TextEdit, Ui};

use crate::model::Report;
use crate::model::check::{CellRef, Field};
use crate::model::template::{ColumnRole, ITEM_HEADER, PART_HEADINGS, TemplateId};
use crate::ui::cells::{Move, NumberCell, number_cell, settle_unread};
use crate::ui::widgets::{Target, View, column_header};

/// Widths where there is room; narrower in a small window (the headings wrap).
const CELL_WIDTH: f32 = 150.0;
const LABEL_WIDTH: f32 = 180.0;

pub fn ui(ui: &mut Ui, r: &mut Report, view: &mut View<'_>) {
    ui.heading(PART_HEADINGS[1]);
    ui.label(RichText::new("空白表示未填写，没有发生的请填 0。").weak());
    ui.add_space(6.0);
    let tpl = r.template.get();
    let shape = tpl.disclosure_shape();
    let mut row = 0;
    let mut next: Option<Target> = None;
    let label_width = LABEL_WIDTH.min((ui.available_width() * 0.3).max(120.0));
    let cell_width = ((ui.available_width() - label_width - 40.0) / 3.0).clamp(90.0, CELL_WIDTH).floor();
    // One grid per block: each block has its own columns, as in the official table.
    for (b, block) in tpl.disclosure.iter().enumerate() {
        ui.add_space(6.0);
        ui.label(RichText::new(block.caption).strong());
        egui::Grid::new(("table-2", b)).num_columns(1 + block.columns.len()).spacing([8.0, 6.0]).show(ui, |ui| {
            ui.add_sized([label_width, 20.0], egui::Label::new(RichText::new(ITEM_HEADER).weak()));
            for col in block.columns {
                column_header(ui, col.label, cell_width);
            }
            ui.end_row();
            for item in block.rows {
                ui.add_sized([label_width, 20.0], egui::Label::new(item.label).wrap());
                for (j, col) in block.columns.iter().enumerate() {
                    let cell = CellRef::disclosure(row, j);
                    let name = format!("表二 {} {}", item.label, col.label);
                    let spec = NumberCell {
                        target: Target::Cell(cell),
                        kind: col.role.kind(),
                        read_only: false,
                        name: &name,
                        width: cell_width,
                    };
                    let (response, go) = number_cell(ui, view, spec, &mut r.disclosure[row][j]);
                    settle_unread(ui, &response, cell, r.disclosure[row][j], &mut r.unread);
                    // 现行有效件数 starts from last year's: offered as a hint, not filled in.
                    if col.role == ColumnRole::InForce
                        && let Some(hint) = view.previous.and_then(|p| crate::model::carry::in_force_hint(p, item.item))
                    {
                        response.on_hover_text(format!("上年现行有效件数：{hint}（本年 = 上年 + 本年制发 − 本年废止）"));
                    }
                    next = next.or(go.and_then(|m| neighbour(&shape, cell, m)));
                }
                ui.end_row();
                row += 1;
            }
        });
    }
    if r.template == TemplateId::V2019 {
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let label = ui.label("采购总金额的单位");
            let target = Target::Field(Field::ProcurementUnit);
            ui.add(
                TextEdit::singleline(&mut r.procurement_unit)
                    .id(target.id())
                    .char_limit(crate::ui::widgets::LINE_CHARS)
                    .desired_width(60.0)
                    .hint_text("元"),
            )
            .labelled_by(label.id);
            let has_amount = tpl.disclosure_rows().zip(&r.disclosure).any(|((b, _), cells)| {
                b.columns.iter().zip(cells).any(|(c, v)| c.role == ColumnRole::PurchaseAmount && v.is_some())
            });
            if has_amount {
                ui.label(RichText::new("（印在金额后面，如 2792220.8元）").weak());
            }
        });
    }
    if next.is_some() {
        *view.focus = next;
    }
}

/// The cell above or below in table 二 (same column where that row has it).
fn neighbour(shape: &[usize], cell: CellRef, m: Move) -> Option<Target> {
    let row = match m {
        Move::Up => cell.row.checked_sub(1)?,
        Move::Down => cell.row + 1,
    };
    let width = *shape.get(row)?;
    Some(Target::Cell(CellRef::disclosure(row, cell.col.min(width - 1))))
}
