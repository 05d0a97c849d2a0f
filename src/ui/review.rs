//! Where each item of the 导入核对 panel points: the cell or field the user must
//! look at, so a click takes them there with the keyboard focus.
//!
//! The importer's review notes (`import::Review`) name their subject in words;
//! they are sorted here by the names the model itself uses for cells
//! (`unread::cell_name`), fields (`Field::name`) and parts (`PART_HEADINGS`).

use crate::import::Review;
use crate::model::Report;
use crate::model::check::{CellRef, Field, Table};
use crate::model::report::TextField;
use crate::model::template::PART_HEADINGS;
use crate::model::unread::cell_name;
use crate::ui::tabs::Tab;
use crate::ui::widgets::Target;

/// The tab that shows a target.
pub fn tab_of(target: Target) -> Tab {
    match target {
        Target::Cell(c) => Tab::of(&crate::model::check::Location::cell(c)),
        Target::Field(f) => Tab::of(&crate::model::check::Location::Field(f)),
        Target::Year => Tab::Basic,
    }
}

/// What a review note is about, if it names a cell, a field or a part.
pub fn target_of(report: &Report, cells: &[CellRef], note: &Review) -> Option<Target> {
    let text = &note.message;
    // A note on one cell starts with the cell's name (「表三「…」行「…」列：…」).
    if let Some(c) = cells.iter().find(|c| text.starts_with(&format!("{}：", cell_name(report, **c)))) {
        return Some(Target::Cell(*c));
    }
    // A note on a row names the row as its cells' names begin (「表三「（二）部分公开」」).
    let row = |c: &CellRef| {
        let name = cell_name(report, *c);
        name.find('」').map(|end| name[..end + '」'.len_utf8()].to_string())
    };
    if let Some(c) = cells.iter().find(|c| row(c).is_some_and(|r| text.contains(&r))) {
        return Some(Target::Cell(*c));
    }
    // A field named in the note (编制单位, 信息处理费, 落款单位 …).
    let fields = [
        Field::Agency,
        Field::ProcessingFee,
        Field::SignatureUnit,
        Field::SignatureDate,
        Field::Department,
        Field::Phone,
        Field::Address,
        Field::Postcode,
        Field::Email,
    ];
    if let Some(f) = fields.iter().find(|f| f.name().is_some_and(|n| text.contains(n))) {
        return Some(Target::Field(*f));
    }
    if text.contains("年度") {
        return Some(Target::Year);
    }
    if text.contains("落款") {
        return Some(Target::Field(Field::SignatureUnit));
    }
    if text.contains("前言") {
        return Some(Target::Field(Field::Text(TextField::Preamble)));
    }
    // A part (「没有找到「一、总体情况」」, or the place 「第六部分」).
    const PLACES: [&str; 6] = ["第一部分", "第二部分", "第三部分", "第四部分", "第五部分", "第六部分"];
    let part = (0..6).find(|&k| text.contains(PART_HEADINGS[k]) || note.place == PLACES[k]);
    match part {
        Some(0) => Some(Target::Field(Field::Text(TextField::OverviewLead))),
        Some(1) => Some(Target::Cell(CellRef::disclosure(0, 0))),
        Some(2) => Some(Target::Cell(CellRef::applications(0, 0))),
        Some(3) => Some(Target::Cell(CellRef::reviews(0))),
        Some(4) => Some(Target::Field(Field::Text(TextField::ProblemBody(0)))),
        Some(5) => Some(Target::Field(Field::Text(TextField::OtherMatters))),
        _ => table_named(text),
    }
}

/// The first cell of the table a note names (「表三有「小计」列…」).
fn table_named(text: &str) -> Option<Target> {
    [("表二", Table::Disclosure), ("表三", Table::Applications), ("表四", Table::Reviews)].iter().find_map(|(name, t)| {
        text.contains(name).then(|| {
            Target::Cell(match t {
                Table::Disclosure => CellRef::disclosure(0, 0),
                Table::Applications => CellRef::applications(0, 0),
                Table::Reviews => CellRef::reviews(0),
            })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(place: &str, message: &str) -> Review {
        Review { place: place.into(), message: message.into() }
    }

    #[test]
    fn every_kind_of_note_the_importer_writes_points_somewhere() {
        let r = Report::new(crate::model::TemplateId::V2021, 2024, "某局");
        let cell = CellRef::applications(1, 2);
        let cells = [CellRef::disclosure(0, 0), cell];
        let named = format!("{}：按空白读入（原文「/」）", cell_name(&r, cell));
        let cases = [
            (note("第 1 个表格第 3 行", &named), Target::Cell(cell)),
            (note("标题", "没有找到报告年度，暂填 2000 年，请在「基本信息」中改正"), Target::Year),
            (note("标题", "没有找到编制单位（标题第一行），请在「基本信息」中填写"), Target::Field(Field::Agency)),
            (note("第一部分", "没有找到「一、总体情况」"), Target::Field(Field::Text(TextField::OverviewLead))),
            (note("第五部分", "没有找到「五、存在的主要问题及改进情况」"), Target::Field(Field::Text(TextField::ProblemBody(0)))),
            (note("第六部分", "没有找到「六、其他需要报告的事项」"), Target::Field(Field::Text(TextField::OtherMatters))),
            (
                note("第六部分", "没有读到信息处理费金额（如「收取信息处理费 0 元」），请在「六、其他事项」中填写"),
                Target::Field(Field::ProcessingFee),
            ),
            (
                note("第 3 页第 2 行", "表三有「小计」列（官方格式没有），已略去，请核对各列是否对应"),
                Target::Cell(CellRef::applications(0, 0)),
            ),
        ];
        for (n, want) in cases {
            assert_eq!(target_of(&r, &cells, &n), Some(want), "{}", n.message);
        }
    }
}
