//! 校验结果: every finding; clicking one opens its tab and focuses its field
//! (selecting the words a finding quotes).

use egui::{RichText, Ui};

use super::Tab;
use crate::model::check::{Location, Severity};
use crate::ui::findings::{FindingIndex, severity_color};
use crate::ui::widgets::{Target, select_when_focused};

/// Returns the place the user clicked.
pub fn ui(ui: &mut Ui, index: &FindingIndex) -> Option<(Tab, Target)> {
    ui.heading("校验结果");
    let (e, w, h) = (index.count(Severity::Error), index.count(Severity::Warning), index.count(Severity::Hint));
    if index.findings.is_empty() {
        ui.label(RichText::new("没有发现问题。").color(egui::Color32::from_rgb(0x2E, 0x7D, 0x32)));
        return None;
    }
    ui.label(format!("{e} 个错误，{w} 个警告，{h} 个提示。错误必须改正；警告请逐条核实。点击一条可跳到相应位置。"));
    ui.add_space(6.0);
    let mut clicked = None;
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        for f in &index.findings {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(f.severity.label()).color(severity_color(f.severity)).strong());
                ui.label(RichText::new(f.rule).weak().monospace());
                let response = ui
                    .add(egui::Label::new(&f.message).sense(egui::Sense::click()))
                    .on_hover_cursor(egui::CursorIcon::PointingHand);
                if response.clicked() {
                    let target = match f.location.field() {
                        Some(field) => Some(Target::Field(field)),
                        None => f.location.cells().first().map(|c| Target::Cell(*c)),
                    };
                    if let Some(t) = target {
                        // A finding that quotes a text selects the words it quotes.
                        let quote = match &f.location {
                            Location::Quote(_, range) => Some(range.clone()),
                            _ => None,
                        };
                        select_when_focused(ui.ctx(), t, quote);
                        clicked = Some((Tab::of(&f.location), t));
                    }
                }
            });
        }
    });
    clicked
}
