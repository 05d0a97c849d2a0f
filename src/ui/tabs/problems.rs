//! 五、存在的主要问题及改进情况.

use egui::Ui;

use super::overview::sections;
use crate::model::Report;
use crate::model::report::TextField;
use crate::model::template::PART_HEADINGS;
use crate::ui::widgets::View;

pub fn ui(ui: &mut Ui, r: &mut Report, view: &mut View<'_>) {
    ui.heading(PART_HEADINGS[4]);
    ui.label(egui::RichText::new("写明本年存在的主要问题，以及对上年报告所列问题的改进情况。").weak());
    sections(ui, view, &mut r.problems, TextField::ProblemTitle, TextField::ProblemBody);
}
