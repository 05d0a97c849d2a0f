//! The three official tables (二, 三, 四) as merged-cell grids, built from the
//! template's labels and the report's numbers (format-notes §1.4–§1.6, §2.3–§2.5).

use super::lines::Align;
use super::style::BODY_WIDTH;
use super::table::{Cell, Table};
use super::text::Style;
use crate::fonts::Role;
use crate::model::report::{Amount, Count, Report};
use crate::model::template::{
    APPLICANT_COLUMNS, APPLICANT_HEADER, APPLICATION_NOTE, ColumnRole, ITEM_HEADER, LEGAL_PERSON_HEADER, LITIGATION_HEADER,
    RESULTS, REVIEW_GROUPS, REVIEW_OUTCOMES, RowRole,
};

use super::style::table::{CAPTION_GRAY, MIN_NUMBER_SIZE, PAD_X, SIZE};
use crate::model::check::{CellRef, PLAUSIBLE_COUNT_LIMIT};

/// Every label and number of the tables: one face, one size.
const TEXT: Style = Style { role: Role::Table, size: SIZE };

/// A 表三 number column holds the widest plausible count (seven digits, the
/// bundled faces' digits being half a 字 wide) at the least number size; wider
/// numbers widen it (`table::set`).
fn count_column_width() -> f32 {
    let digits = (PLAUSIBLE_COUNT_LIMIT - 1).ilog10() + 1;
    digits as f32 * 0.5 * MIN_NUMBER_SIZE + 2.0 * PAD_X
}

fn count_text(c: Count) -> String {
    c.map(|n| n.to_string()).unwrap_or_default()
}

fn amount_text(a: Amount) -> String {
    a.map(|d| d.to_string()).unwrap_or_default()
}

pub use crate::model::unread::UNREAD_MARK;

/// A cell's text, or the unread mark.
fn shown(report: &Report, cell: CellRef, text: String) -> String {
    if report.unread_at(cell).is_some() { UNREAD_MARK.to_string() } else { text }
}

/// Table 二: captioned blocks of four grid columns; blocks with fewer value columns
/// let the last one span the rest.
pub fn disclosure(report: &Report) -> Table {
    let tpl = report.template.get();
    let first = BODY_WIDTH * 0.36;
    let rest = (BODY_WIDTH - first) / 3.0;
    let mut cells = Vec::new();
    let mut keep = Vec::new();
    let mut row = 0;
    let mut data_row = 0;
    for block in tpl.disclosure {
        cells.push(Cell::new(row, 0, block.caption, TEXT).span(1, 4).fill(CAPTION_GRAY));
        keep.push(true);
        row += 1;
        let spans = value_spans(block.columns.len());
        cells.push(Cell::new(row, 0, ITEM_HEADER, TEXT));
        for (j, col) in block.columns.iter().enumerate() {
            cells.push(Cell::new(row, spans[j].0, col.label, TEXT).span(1, spans[j].1));
        }
        keep.push(true);
        row += 1;
        for (i, r) in block.rows.iter().enumerate() {
            cells.push(Cell::new(row, 0, r.label, TEXT));
            for (j, col) in block.columns.iter().enumerate() {
                let mut text = amount_text(report.disclosure[data_row][j]);
                if col.role == ColumnRole::PurchaseAmount && !text.is_empty() {
                    text.push_str(&report.procurement_unit);
                }
                let text = shown(report, CellRef::disclosure(data_row, j), text);
                cells.push(Cell::new(row, spans[j].0, text, TEXT).span(1, spans[j].1).number());
            }
            // A block stays on one page.
            keep.push(i + 1 < block.rows.len());
            row += 1;
            data_row += 1;
        }
    }
    Table { columns: vec![first, rest, rest, rest], cells, header_rows: 0, keep_with_next: keep, min_row_height: 22.0 }
}

/// (first grid column, span) of each value column when `n` of them share three grid columns.
fn value_spans(n: usize) -> Vec<(usize, usize)> {
    (0..n).map(|j| if j + 1 == n { (1 + j, 3 - j) } else { (1 + j, 1) }).collect()
}

/// Table 三: three label columns (the vertical 「三、本年度办理结果」, the （一）… groups,
/// the 1. … items) and the seven applicant columns.
pub fn applications(report: &Report) -> Table {
    let tpl = report.template.get();
    let number_width = count_column_width();
    // The group column holds its longest label, 「（三）不予公开」, on one line.
    let (c0, c1) = (22.0, 7.0 * SIZE + 2.0 * PAD_X + 1.0);
    let c2 = BODY_WIDTH - c0 - c1 - APPLICANT_COLUMNS.len() as f32 * number_width;
    let mut columns = vec![c0, c1, c2];
    columns.extend([number_width; APPLICANT_COLUMNS.len()]);

    let l = TEXT;
    let mut cells = vec![
        Cell::new(0, 0, APPLICATION_NOTE, l).span(3, 3),
        Cell::new(0, 3, APPLICANT_HEADER, l).span(1, 7),
        Cell::new(1, 3, APPLICANT_COLUMNS[0], l).span(2, 1),
        Cell::new(1, 4, LEGAL_PERSON_HEADER, l).span(1, 5),
        Cell::new(1, 9, APPLICANT_COLUMNS[6], l).span(2, 1),
    ];
    for (j, name) in APPLICANT_COLUMNS[1..6].iter().enumerate() {
        cells.push(Cell::new(2, 4 + j, *name, l));
    }
    let header = 3;
    let results = tpl.applications.iter().filter(|r| r.section == RESULTS).count();
    let mut keep = vec![true; header];
    for (i, row) in tpl.applications.iter().enumerate() {
        let r = header + i;
        let first_of_group = i == 0 || tpl.applications[i - 1].group != row.group;
        match (row.group, row.item) {
            (None, _) => cells.push(Cell::new(r, 0, row.section, l).span(1, 3).align(Align::Left)),
            (Some(group), None) => cells.push(Cell::new(r, 1, group, l).span(1, 2).align(Align::Left)),
            (Some(group), Some(item)) => {
                if first_of_group {
                    let n = tpl.applications.iter().filter(|x| x.group == Some(group)).count();
                    cells.push(Cell::new(r, 1, group, l).span(n, 1));
                }
                cells.push(Cell::new(r, 2, item, l).align(Align::Left));
            }
        }
        if row.section == RESULTS && (i == 0 || tpl.applications[i - 1].section != RESULTS) {
            cells.push(Cell::new(r, 0, RESULTS, l).span(results, 1).vertical());
        }
        for (j, v) in report.applications[i].iter().enumerate() {
            let text = shown(report, CellRef::applications(i, j), count_text(*v));
            cells.push(Cell::new(r, 3 + j, text, TEXT).number());
        }
        // 一 stays with 二; the carry-forward row 四 stays with （七）总计.
        keep.push(matches!(row.role, RowRole::New) || tpl.applications.get(i + 1).is_some_and(|n| n.role == RowRole::CarriedOut));
    }
    Table { columns, cells, header_rows: header, keep_with_next: keep, min_row_height: 17.0 }
}

/// Table 四: 行政复议 (5 columns) and 行政诉讼 (two groups of 5) over one row of numbers.
pub fn reviews(report: &Report) -> Table {
    let l = TEXT;
    let w = BODY_WIDTH / 15.0;
    let mut cells = vec![Cell::new(0, 0, REVIEW_GROUPS[0], l).span(1, 5), Cell::new(0, 5, LITIGATION_HEADER, l).span(1, 10)];
    for (j, outcome) in REVIEW_OUTCOMES.iter().enumerate() {
        cells.push(Cell::new(1, j, *outcome, l).span(2, 1));
    }
    for (g, group) in REVIEW_GROUPS[1..].iter().enumerate() {
        cells.push(Cell::new(1, 5 + 5 * g, *group, l).span(1, 5));
        for (j, outcome) in REVIEW_OUTCOMES.iter().enumerate() {
            cells.push(Cell::new(2, 5 + 5 * g + j, *outcome, l));
        }
    }
    for (j, v) in report.reviews.iter().enumerate() {
        cells.push(Cell::new(3, j, shown(report, CellRef::reviews(j), count_text(*v)), TEXT).number());
    }
    Table { columns: vec![w; 15], cells, header_rows: 3, keep_with_next: vec![true, true, true, false], min_row_height: 24.0 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::template::TemplateId;

    fn texts(t: &Table) -> Vec<&str> {
        t.cells.iter().map(|c| c.text.as_str()).collect()
    }

    #[test]
    fn every_official_label_is_in_the_tables() {
        for id in TemplateId::ALL {
            let r = Report::new(id, 2024, "某局");
            let tpl = id.get();
            let (t2, t3, t4) = (disclosure(&r), applications(&r), reviews(&r));
            let (t2, t3, t4) = (texts(&t2), texts(&t3), texts(&t4));
            for (block, row) in tpl.disclosure_rows() {
                assert!(t2.contains(&block.caption) && t2.contains(&row.label));
                assert!(block.columns.iter().all(|c| t2.contains(&c.label)));
            }
            for row in tpl.applications {
                assert!(t3.contains(&row.short_label()), "{}", row.short_label());
            }
            assert!(t3.contains(&APPLICATION_NOTE) && t3.contains(&RESULTS));
            assert!(APPLICANT_COLUMNS.iter().all(|c| t3.contains(c)));
            assert!(REVIEW_GROUPS.iter().chain(REVIEW_OUTCOMES.iter()).all(|c| t4.contains(c)));
        }
    }

    #[test]
    fn merged_cells_follow_the_official_structure() {
        let r = Report::new(TemplateId::V2021, 2024, "某局");
        let t3 = applications(&r);
        let find = |text: &str| t3.cells.iter().find(|c| c.text == text).unwrap();
        assert_eq!((find(APPLICATION_NOTE).rowspan, find(APPLICATION_NOTE).colspan), (3, 3));
        assert_eq!(find(RESULTS).rowspan, 22, "2021: 22 result rows");
        assert!(find(RESULTS).vertical);
        assert_eq!(find("（三）不予公开").rowspan, 8);
        assert_eq!(find("（六）其他处理").rowspan, 3);
        assert_eq!(find(LEGAL_PERSON_HEADER).colspan, 5);
        assert_eq!(find("一、本年新收政府信息公开申请数量").colspan, 3);
        let r = Report::new(TemplateId::V2019, 2020, "某局");
        let t3 = applications(&r);
        let results = t3.cells.iter().find(|c| c.text == RESULTS).unwrap();
        assert_eq!(results.rowspan, 20, "2019: 20 result rows");
        let other = t3.cells.iter().find(|c| c.text == "（六）其他处理").unwrap();
        assert_eq!((other.rowspan, other.colspan), (1, 2));
        // 2021 table 二: single-value blocks merge the three value columns.
        let t2 = disclosure(&Report::new(TemplateId::V2021, 2024, "某局"));
        let lic = t2.cells.iter().filter(|c| c.text == "本年处理决定数量").collect::<Vec<_>>();
        assert!(lic.iter().all(|c| c.colspan == 3));
        let t4 = reviews(&Report::new(TemplateId::V2021, 2024, "某局"));
        let find4 = |text: &str| t4.cells.iter().find(|c| c.text == text).unwrap();
        assert_eq!(find4(LITIGATION_HEADER).colspan, 10);
        assert_eq!(find4("未经复议直接起诉").colspan, 5);
    }

    #[test]
    fn an_unread_cell_prints_its_mark() {
        let mut r = Report::new(TemplateId::V2021, 2024, "某局");
        r.mark_unread(CellRef::applications(3, 1), crate::model::unread::Unread::default());
        r.mark_unread(CellRef::reviews(2), crate::model::unread::Unread::default());
        assert_eq!(texts(&applications(&r)).iter().filter(|t| **t == UNREAD_MARK).count(), 1);
        assert_eq!(texts(&reviews(&r)).iter().filter(|t| **t == UNREAD_MARK).count(), 1);
    }

    #[test]
    fn blank_prints_blank_and_zero_prints_zero() {
        let mut r = Report::new(TemplateId::V2021, 2024, "某局");
        r.applications[0][0] = Some(0);
        r.disclosure[5][0] = Some("7730.28".parse().unwrap());
        let t3 = applications(&r);
        let cell = |row: usize, col: usize| t3.cells.iter().find(|c| c.row == row && c.col == col).unwrap().text.clone();
        assert_eq!(cell(3, 3), "0");
        assert_eq!(cell(3, 4), "");
        assert!(texts(&disclosure(&r)).contains(&"7730.28"));
    }
}
