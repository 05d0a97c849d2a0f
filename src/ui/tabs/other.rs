//! 六、其他需要报告的事项, and the 信息处理费 collected.

use egui::{RichText, Ui};

use crate::model::Report;
use crate::model::check::Field;
use crate::model::report::TextField;
use crate::model::template::{CellKind, PART_HEADINGS};
use crate::ui::cells::{NumberCell, number_cell};
use crate::ui::widgets::{Target, View, findings_below, text_area};

pub fn ui(ui: &mut Ui, r: &mut Report, view: &mut View<'_>) {
    ui.heading(PART_HEADINGS[5]);
    ui.label(RichText::new("每行一个事项，如：（一）收取信息处理费情况……（二）人大代表建议和政协提案办理结果公开情况……").weak());
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        let label = ui.label(RichText::new("本年收取信息处理费（元）").strong());
        let spec = NumberCell {
            target: Target::Field(Field::ProcessingFee),
            kind: CellKind::Amount,
            read_only: false,
            name: "本年收取信息处理费（元）",
            width: 120.0,
        };
        let (response, _) = number_cell(ui, view, spec, &mut r.processing_fee);
        let _ = response.labelled_by(label.id);
        ui.label(RichText::new("未收取请填 0").weak());
    });
    if let Some(mark) = view.index.field(&Field::ProcessingFee) {
        findings_below(ui, mark);
    }
    ui.add_space(6.0);
    text_area(ui, view, Field::Text(TextField::OtherMatters), "其他需要报告的事项", &mut r.other_matters, 6);
}
