//! 一、总体情况: the optional lead paragraph and the five sub-parts.

use egui::{RichText, TextEdit, Ui};

use crate::model::Report;
use crate::model::check::{Field, OVERVIEW_LIMIT};
use crate::model::numerals::bracketed;
use crate::model::report::{Section, TextField};
use crate::model::template::PART_HEADINGS;
use crate::ui::findings::severity_color;
use crate::ui::widgets::{Target, View, text_area};

pub fn ui(ui: &mut Ui, r: &mut Report, view: &mut View<'_>) {
    ui.heading(PART_HEADINGS[0]);
    let total = r.overview.chars();
    let note = format!("总体情况共 {total} 字");
    if total > OVERVIEW_LIMIT {
        ui.label(
            RichText::new(format!("{note}（部分省份要求不超过{OVERVIEW_LIMIT}字，可在「编辑 → 总体情况字数上限」中设定）"))
                .color(severity_color(crate::model::Severity::Hint)),
        );
    } else {
        ui.label(RichText::new(note).weak());
    }
    ui.add_space(6.0);
    text_area(ui, view, Field::Text(TextField::OverviewLead), "开头段（可不填）", &mut r.overview.lead, 2);
    sections(ui, view, &mut r.overview.sections, TextField::OverviewTitle, TextField::OverviewBody);
}

/// Titled sub-parts （一）（二）…: an editable title and a body each.
pub fn sections(
    ui: &mut Ui,
    view: &mut View<'_>,
    sections: &mut [Section],
    title_field: fn(usize) -> TextField,
    body_field: fn(usize) -> TextField,
) {
    for (i, s) in sections.iter_mut().enumerate() {
        ui.add_space(10.0);
        let numeral = bracketed(i + 1);
        ui.horizontal(|ui| {
            let label = ui.label(RichText::new(format!("{numeral}标题")).strong());
            let target = Target::Field(Field::Text(title_field(i)));
            ui.add(
                TextEdit::singleline(&mut s.title)
                    .id(target.id())
                    .char_limit(crate::ui::widgets::LINE_CHARS)
                    .desired_width(320.0),
            )
            .labelled_by(label.id);
        });
        let label = format!("{numeral}{}", s.title.trim());
        text_area(ui, view, Field::Text(body_field(i)), &label, &mut s.body, 4);
    }
}
