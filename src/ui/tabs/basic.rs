//! 基本信息: agency, year, format, contact details, 落款, and the preamble.

use egui::{RichText, Ui};

use crate::model::check::Field;
use crate::model::file::YEARS;
use crate::model::report::TextField;
use crate::model::{Report, TemplateId};
use crate::ui::cells::year_field;
use crate::ui::widgets::{Target, View, findings_below, text_area, text_line, text_line_with, text_lines};

/// What the tab asks the app to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Convert this 2019-format report to the 2021 format (shows what was dropped).
    ConvertTo2021,
    /// 生成前言: replace the preamble by the standard one (asks first over hand-written text).
    GeneratePreamble,
}

pub fn ui(ui: &mut Ui, r: &mut Report, view: &mut View<'_>) -> Option<Action> {
    let mut action = None;
    ui.heading("基本信息");
    ui.add_space(4.0);
    egui::Grid::new("basic-grid").num_columns(2).spacing([12.0, 8.0]).show(ui, |ui| {
        text_line(ui, view, Field::Agency, &mut r.agency, "如：某某县市场监督管理局");

        let year_label = ui.label("年度");
        ui.horizontal(|ui| {
            let year = year_field(ui, Target::Year.id(), &mut r.year, *YEARS.start() as i32..=*YEARS.end() as i32)
                .labelled_by(year_label.id);
            view.take_focus(Target::Year, &year);
            ui.label(RichText::new(format!("统计期限：{0}年1月1日至{0}年12月31日", r.year)).weak());
        });
        ui.end_row();

        let format_label = ui.label(Field::Template.name().unwrap_or_default());
        ui.horizontal(|ui| {
            ui.label(format!("{}（{}）", r.template.name(), r.template.notice())).labelled_by(format_label.id);
            if r.template == TemplateId::V2019 && ui.button("转换为2021年格式…").clicked() {
                action = Some(Action::ConvertTo2021);
            }
        });
        ui.end_row();

        let c = &mut r.contact;
        text_line(ui, view, Field::Department, &mut c.department, "如：办公室");
        text_line(ui, view, Field::Phone, &mut c.phone, "");
        text_line(ui, view, Field::Address, &mut c.address, "");
        text_line(ui, view, Field::Postcode, &mut c.postcode, "");
        text_line(ui, view, Field::Email, &mut c.email, "");
        text_lines(ui, view, Field::SignatureUnit, &mut r.signature.unit, "不需要落款可留空；联合署名每行一个单位");
        text_line_with(ui, view, Field::SignatureDate, &mut r.signature.date, "如：2025年1月20日", |ui, text| {
            super::date::calendar_button(ui, text);
        });
    });
    if let Some(mark) = view.index.field(&Field::Template) {
        findings_below(ui, mark);
    }
    ui.add_space(12.0);
    ui.horizontal(|ui| {
        if ui
            .button("生成前言")
            .on_hover_text("按基本信息生成标准前言（编制依据、报告组成、统计期限、联系方式），替换下面的前言")
            .clicked()
        {
            action = Some(Action::GeneratePreamble);
        }
    });
    text_area(ui, view, Field::Text(TextField::Preamble), "前言", &mut r.preamble, 4);
    action
}
