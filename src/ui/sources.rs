//! The 汇总来源 side panel: the reports a 汇总 was made from, each with its own
//! 错误 (the sum is not to be trusted until they are fixed), and the agencies
//! for the writer of the text parts.

use egui::{RichText, Ui};

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
    egui::ScrollArea::vertical().show(ui, |ui| {
        for (i, s) in m.sources.iter().enumerate() {
            let title = format!("{}（{} 个错误，{} 个警告）", s.agency_or_name(), s.errors.len(), s.warnings);
            let text = if s.errors.is_empty() {
                RichText::new(title)
            } else {
                RichText::new(title).color(severity_color(Severity::Error))
            };
            egui::CollapsingHeader::new(text).id_salt(i).show(ui, |ui| {
                ui.label(RichText::new(format!("文件：{}", s.name)).weak());
                for f in &s.errors {
                    ui.label(RichText::new(f.to_string()).small());
                }
            });
        }
        ui.separator();
        ui.label(RichText::new("编写文字部分可参考的单位名单：").strong());
        let names: Vec<&str> = m.sources.iter().map(|s| s.agency_or_name()).collect();
        ui.label(names.join("、"));
    });
}
