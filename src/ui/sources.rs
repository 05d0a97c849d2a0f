//! The 汇总来源 side panel: the reports a 汇总 was made from, one row each with
//! its 错误 and 警告 (the sum is not to be trusted until the errors are fixed);
//! the errors of the row chosen; and the agencies for the writer of the text parts.

use egui::{Align, Id, Layout, RichText, Sense, Ui};
use egui_extras::{Column, TableBuilder};

use super::findings::severity_color;
use crate::model::Severity;
use crate::model::merge::Merged;

pub fn ui(ui: &mut Ui, m: &Merged) {
    ui.heading("汇总来源");
    let bad = m.sources.iter().filter(|s| !s.errors.is_empty()).count();
    if bad > 0 {
        ui.label(
            RichText::new(format!("{bad} 个单位的年报有错误：请这些单位改正后重新汇总。")).color(severity_color(Severity::Error)),
        );
    } else {
        ui.label(format!("{} 个单位的年报都没有错误。", m.sources.len()));
    }
    ui.label(RichText::new("鼠标停在表格的数字上，可以看到它由哪些单位的数字相加而来。").weak());
    ui.separator();
    // The row chosen: at first the first report with errors.
    let chosen_id = Id::unique("nianbao-merge-source");
    let first_bad = m.sources.iter().position(|s| !s.errors.is_empty()).unwrap_or(0);
    let mut chosen = ui.data(|d| d.get_temp::<usize>(chosen_id)).unwrap_or(first_bad).min(m.sources.len().saturating_sub(1));
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let count = ui.spacing().interact_size.x.min(48.0);
    let list_height = ui.available_height() * 0.45;
    TableBuilder::new(ui)
        .id_salt("merge-sources")
        .striped(true)
        .sense(Sense::click())
        .cell_layout(Layout::left_to_right(Align::Center))
        .max_scroll_height(list_height)
        .column(Column::remainder().clip(true))
        .column(Column::exact(count))
        .column(Column::exact(count))
        .header(row_height, |mut header| {
            for title in ["单位", "错误", "警告"] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(row_height, m.sources.len(), |mut row| {
                let i = row.index();
                let s = &m.sources[i];
                row.set_selected(i == chosen);
                let errors = RichText::new(s.errors.len().to_string());
                let errors = if s.errors.is_empty() { errors } else { errors.color(severity_color(Severity::Error)) };
                row.col(|ui| {
                    ui.add(egui::Label::new(s.agency_or_name()).truncate().selectable(false)).on_hover_text(&s.name);
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(errors).selectable(false));
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(s.warnings.to_string()).selectable(false));
                });
                if row.response().clicked() {
                    chosen = i;
                }
            });
        });
    ui.data_mut(|d| d.insert_temp(chosen_id, chosen));
    ui.separator();
    egui::ScrollArea::vertical().id_salt("merge-source-errors").show(ui, |ui| {
        if let Some(s) = m.sources.get(chosen) {
            ui.label(RichText::new(s.agency_or_name()).strong());
            ui.label(RichText::new(format!("文件：{}", s.name)).weak());
            if s.errors.is_empty() {
                ui.label("没有错误。");
            }
            for f in &s.errors {
                ui.label(RichText::new(f.to_string()).small());
            }
        }
        ui.separator();
        ui.label(RichText::new("编写文字部分可参考的单位名单：").strong());
        let names: Vec<&str> = m.sources.iter().map(|s| s.agency_or_name()).collect();
        ui.label(names.join("、"));
    });
}
