//! H6 (blank cells: per table, column, row), S7 (required parts left empty) and
//! S14 (invisible characters).

use super::{CellRef, Field, Findings, Location, Table, compact};
use crate::model::report::{Report, TextField};
use crate::model::template::{
    APPLICANT_COLUMNS, APPLICANT_TOTAL, REVIEW_CELLS, REVIEW_OUTCOMES, RowRole, part_title, review_label,
};
use crate::model::text::{char_name, is_dropped, summarized};
use crate::model::totals::{applicant_sum, is_review_total, results_sum, review_sum};

pub(super) fn check(r: &Report, out: &mut Findings) {
    blank_cells(r, out);
    empty_parts(r, out);
    control_characters(r, out);
}

/// S14: characters nobody sees (control characters, zero-width spaces, direction
/// marks, soft hyphens … pasted from other programs) are left out of every export
/// (`text::is_dropped`, the very rule the exports follow); say so rather than drop
/// them silently, naming each kind visibly.
fn control_characters(r: &Report, out: &mut Findings) {
    let texts = [
        (Field::Agency, r.agency.as_str()),
        (Field::SignatureUnit, r.signature.unit.as_str()),
        (Field::SignatureDate, r.signature.date.as_str()),
        (Field::ProcurementUnit, r.procurement_unit.as_str()),
    ]
    .into_iter()
    .map(|(f, t)| (f, f.name().unwrap_or_default().to_string(), t))
    .chain(r.texts().into_iter().map(|(f, t)| (Field::Text(f), f.label(r), t)));
    for (field, name, text) in texts {
        let found: Vec<char> = text.chars().filter(|&c| is_dropped(c)).collect();
        if found.is_empty() {
            continue;
        }
        let mut kinds: Vec<char> = Vec::new();
        for &c in &found {
            if !kinds.contains(&c) {
                kinds.push(c);
            }
        }
        out.warning(
            "S14",
            Location::Field(field),
            format!(
                "{name}含有 {} 个看不见的字符：{}，多半是从别的程序粘贴带来的，导出时会被略去",
                found.len(),
                summarized(kinds.into_iter().map(char_name), "种")
            ),
        );
    }
}

const FILL_ZERO: &str = "没有发生的请填 0（空白和 0 含义不同）";

fn blank_cells(r: &Report, out: &mut Findings) {
    let tpl = r.template.get();
    let table2 = tpl
        .disclosure_rows()
        .zip(&r.disclosure)
        .map(|((block, row), cells)| {
            (row.label, block.columns.iter().map(|c| c.label).zip(cells.iter().map(Option::is_none)).collect())
        })
        .collect();
    per_row(out, Table::Disclosure, "表二", table2);
    // A blank total whose parts are filled is already an error (H2/H3/H4); not repeated here.
    let table3 = tpl
        .applications
        .iter()
        .zip(&r.applications)
        .enumerate()
        .map(|(i, (row, cells))| {
            let blank = (0..cells.len()).map(|j| cells[j].is_none() && !reported_total(r, i, j));
            (row.short_label(), APPLICANT_COLUMNS.into_iter().zip(blank).collect())
        })
        .collect();
    per_row(out, Table::Applications, "表三", table3);

    // Table 四: a single row.
    let reported = |j: usize| is_review_total(j) && review_sum(&r.reviews, j / REVIEW_OUTCOMES.len()).is_some();
    let blank: Vec<usize> = (0..REVIEW_CELLS).filter(|&j| r.reviews[j].is_none() && !reported(j)).collect();
    if blank.len() == REVIEW_CELLS {
        out.warning("H6", Location::cell(CellRef::reviews(0)), format!("表四全部空白。{FILL_ZERO}"));
    } else if !blank.is_empty() {
        let names: Vec<String> = blank.iter().map(|&j| review_label(j)).collect();
        out.warning(
            "H6",
            Location::Cells(blank.iter().map(|&j| CellRef::reviews(j)).collect()),
            format!("表四有空白单元格：{}。{FILL_ZERO}", names.join("、")),
        );
    }
}

/// Whether a cell of table 三 is a total whose parts are not all blank.
fn reported_total(r: &Report, row: usize, col: usize) -> bool {
    let parts = if r.template.get().applications[row].role == RowRole::ResultTotal {
        results_sum(r, col)
    } else if col == APPLICANT_TOTAL {
        applicant_sum(&r.applications[row])
    } else {
        return false;
    };
    parts.is_some()
}

/// A row label and, per column, its label and whether the cell is blank.
type BlankRow<'a> = (&'a str, Vec<(&'a str, bool)>);

/// Blanks in as few findings as say them: a wholly blank table is one; columns
/// blank from top to bottom (表三, whose rows share their columns) are one; rows
/// blank from end to end are one; every other row with blanks is one, naming them.
fn per_row(out: &mut Findings, table: Table, name: &str, rows: Vec<BlankRow<'_>>) {
    if rows.iter().all(|(_, cells)| cells.iter().all(|(_, blank)| *blank)) {
        out.warning("H6", Location::cell(CellRef { table, row: 0, col: 0 }), format!("{name}全部空白。{FILL_ZERO}"));
        return;
    }
    let shared_columns = rows.windows(2).all(|w| w[0].1.iter().map(|c| c.0).eq(w[1].1.iter().map(|c| c.0)));
    let width = rows.first().map_or(0, |(_, cells)| cells.len());
    let blank_columns: Vec<usize> = (0..width).filter(|&j| shared_columns && rows.iter().all(|(_, cells)| cells[j].1)).collect();
    if !blank_columns.is_empty() {
        let names: Vec<&str> = blank_columns.iter().map(|&j| rows[0].1[j].0).collect();
        let what = match names[..] {
            [one] => format!("「{one}」列全部空白"),
            _ => format!(" {} {}列全部空白", names.join("、"), crate::model::numerals::chinese(names.len())),
        };
        let at = blank_columns.iter().flat_map(|&col| (0..rows.len()).map(move |row| CellRef { table, row, col })).collect();
        out.warning("H6", Location::Cells(at), format!("{name}{what}。{FILL_ZERO}"));
    }
    // A column filled in one or two rows only (「一、本年新收」 and 「二、上年结转」, the
    // rest left blank) is one finding too.
    let filled_in = |j: usize| (0..rows.len()).filter(|&i| !rows[i].1[j].1).collect::<Vec<usize>>();
    let mostly_blank: Vec<usize> = (0..width)
        .filter(|&j| shared_columns && rows.len() >= 5 && !blank_columns.contains(&j) && filled_in(j).len() <= 2)
        .collect();
    for &col in &mostly_blank {
        let filled = filled_in(col);
        let at = (0..rows.len()).filter(|row| !filled.contains(row)).map(|row| CellRef { table, row, col }).collect();
        let except = summarized(filled.iter().map(|&i| format!("「{}」", rows[i].0)), "行");
        out.warning("H6", Location::Cells(at), format!("{name}「{}」列除{except}外全部空白。{FILL_ZERO}", rows[0].1[col].0));
    }
    let whole: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].1.iter().all(|(_, blank)| *blank)).collect();
    for (row, (label, cells)) in rows.iter().enumerate() {
        if whole.first() == Some(&row) {
            let at = whole.iter().flat_map(|&row| (0..rows[row].1.len()).map(move |col| CellRef { table, row, col })).collect();
            let what = match whole[..] {
                [_] => format!("「{label}」行整行空白"),
                _ => format!(
                    "有 {} 行整行空白：{}",
                    whole.len(),
                    summarized(whole.iter().map(|&i| format!("「{}」", rows[i].0)), "行")
                ),
            };
            out.warning("H6", Location::Cells(at), format!("{name}{what}。{FILL_ZERO}"));
        }
        let blank: Vec<usize> =
            (0..cells.len()).filter(|&j| cells[j].1 && !blank_columns.contains(&j) && !mostly_blank.contains(&j)).collect();
        if blank.is_empty() || whole.contains(&row) {
            continue;
        }
        let names = blank.iter().map(|&j| cells[j].0).collect::<Vec<_>>().join("、");
        let at = blank.iter().map(|&col| CellRef { table, row, col }).collect();
        out.warning("H6", Location::Cells(at), format!("{name}「{label}」行有空白单元格：{names}。{FILL_ZERO}"));
    }
}

fn empty_parts(r: &Report, out: &mut Findings) {
    let empty = |s: &str| compact(s).is_empty();
    if empty(&r.agency) {
        out.warning("S7", Location::Field(Field::Agency), "未填写编制单位（标题第一行）".to_string());
    }
    if empty(&r.preamble) {
        out.warning(
            "S7",
            Location::Field(Field::Text(TextField::Preamble)),
            "前言为空：应说明编制依据、报告组成、统计期限和联系方式，可在「基本信息」中点「生成前言」".to_string(),
        );
    }
    let topics: Vec<&str> = r.overview.sections.iter().map(|s| s.title.as_str()).collect();
    for (i, s) in r.overview.sections.iter().enumerate() {
        if empty(&s.body) {
            out.warning(
                "S7",
                Location::Field(Field::Text(TextField::OverviewBody(i))),
                format!("{}没有内容。总体情况应分别说明{}等方面的情况", TextField::OverviewBody(i).label(r), topics.join("、")),
            );
        }
    }
    if r.problems.iter().all(|s| empty(&s.body)) {
        out.warning(
            "S7",
            Location::Field(Field::Text(TextField::ProblemBody(0))),
            format!("第五部分「{}」为空：应写明本年存在的主要问题和改进情况", part_title(4)),
        );
    } else {
        for (i, s) in r.problems.iter().enumerate() {
            if empty(&s.body) {
                out.warning(
                    "S7",
                    Location::Field(Field::Text(TextField::ProblemBody(i))),
                    format!("{}没有内容", TextField::ProblemBody(i).label(r)),
                );
            }
        }
    }
    if empty(&r.other_matters) {
        out.warning(
            "S7",
            Location::Field(Field::Text(TextField::OtherMatters)),
            "第六部分「其他需要报告的事项」为空：至少应说明信息处理费收取情况；确无其他事项的写“无。”".to_string(),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::model::check::{CellRef, Finding, Location, check};
    use crate::model::report::Report;
    use crate::model::template::TemplateId;

    fn by_rule<'a>(found: &'a [Finding], rule: &str) -> Vec<&'a Finding> {
        found.iter().filter(|f| f.rule == rule).collect()
    }

    fn zeros(t: TemplateId) -> Report {
        let mut r = Report::new(t, 2024, "测试局");
        r.applications.iter_mut().for_each(|row| *row = [Some(0); 7]);
        r.reviews = [Some(0); 15];
        r.disclosure.iter_mut().flatten().for_each(|c| *c = Some(Default::default()));
        r
    }

    #[test]
    fn h6_one_warning_per_row_listing_its_blank_columns() {
        for t in TemplateId::ALL {
            let mut r = zeros(t);
            assert!(by_rule(&check(&r, None), "H6").is_empty(), "0 is not blank");
            r.applications[4][1] = None;
            r.applications[4][2] = None;
            r.applications[5] = [None; 7];
            r.reviews[3] = None;
            let found = check(&r, None);
            let h6 = by_rule(&found, "H6");
            assert_eq!(h6.len(), 3);
            assert_eq!(
                h6[0].message,
                "表三「1.属于国家秘密」行有空白单元格：商业企业、科研机构。没有发生的请填 0（空白和 0 含义不同）"
            );
            assert_eq!(h6[0].location, Location::Cells(vec![CellRef::applications(4, 1), CellRef::applications(4, 2)]));
            assert!(h6[1].message.starts_with("表三「2.其他法律行政法规禁止公开」行整行空白"));
            assert!(h6[2].message.starts_with("表四有空白单元格：行政复议「尚未审结」"));
            assert!(h6.iter().all(|f| f.severity == crate::model::check::Severity::Warning));
        }
    }

    #[test]
    fn h6_a_column_blank_from_top_to_bottom_is_one_warning() {
        // 沭阳县发改局 2023: every 法人或其他组织 column left blank, 自然人 and 总计 filled.
        let mut r = zeros(TemplateId::V2021);
        r.applications.iter_mut().for_each(|row| row[1..6].fill(None));
        r.applications[4][0] = None;
        let found = check(&r, None);
        let h6 = by_rule(&found, "H6");
        assert_eq!(h6.len(), 2, "{h6:?}");
        assert_eq!(
            h6[0].message,
            "表三 商业企业、科研机构、社会公益组织、法律服务机构、其他 五列全部空白。没有发生的请填 0（空白和 0 含义不同）"
        );
        let Location::Cells(cells) = &h6[0].location else { panic!() };
        assert_eq!((cells[0], cells.len()), (CellRef::applications(0, 1), 5 * 25));
        assert_eq!(h6[1].message, "表三「1.属于国家秘密」行有空白单元格：自然人。没有发生的请填 0（空白和 0 含义不同）");

        r.applications.iter_mut().for_each(|row| row[1] = Some(0));
        r.applications[4][0] = Some(0);
        r.applications[7] = [None; 7];
        r.applications[8] = [None; 7];
        let found = check(&r, None);
        let h6: Vec<_> = by_rule(&found, "H6").iter().map(|f| f.message.clone()).collect();
        assert_eq!(
            h6,
            [
                "表三 科研机构、社会公益组织、法律服务机构、其他 四列全部空白。没有发生的请填 0（空白和 0 含义不同）",
                "表三有 2 行整行空白：「4.保护第三方合法权益」、「5.属于三类内部事务信息」。没有发生的请填 0（空白和 0 含义不同）",
            ]
        );
    }

    #[test]
    fn h6_a_column_blank_but_for_its_first_rows_is_one_warning() {
        let mut r = zeros(TemplateId::V2021);
        r.applications[2..].iter_mut().for_each(|row| row[2] = None);
        let found = check(&r, None);
        let h6 = by_rule(&found, "H6");
        assert_eq!(h6.len(), 1, "{h6:?}");
        assert_eq!(
            h6[0].message,
            "表三「科研机构」列除「一、本年新收政府信息公开申请数量」、「二、上年结转政府信息公开申请数量」外全部空白。\
             没有发生的请填 0（空白和 0 含义不同）"
        );
        let Location::Cells(cells) = &h6[0].location else { panic!() };
        assert_eq!((cells[0], cells.len()), (CellRef::applications(2, 2), 23));
        // Blank in three rows of 25: each row says it.
        let mut r = zeros(TemplateId::V2021);
        r.applications[4..7].iter_mut().for_each(|row| row[2] = None);
        assert_eq!(by_rule(&check(&r, None), "H6").len(), 3);
    }

    #[test]
    fn h6_leaves_blank_totals_to_the_total_rules() {
        let mut r = zeros(TemplateId::V2021);
        r.applications[0][6] = None;
        r.reviews[4] = None;
        let found = check(&r, None);
        assert!(by_rule(&found, "H6").is_empty());
        assert_eq!(by_rule(&found, "H3").len(), 1);
        assert_eq!(by_rule(&found, "H4").len(), 1);
    }

    #[test]
    fn h6_a_wholly_blank_table_is_one_warning() {
        let r = Report::new(TemplateId::V2021, 2024, "测试局");
        let found = check(&r, None);
        let h6: Vec<_> = by_rule(&found, "H6").iter().map(|f| f.message.clone()).collect();
        assert_eq!(h6.len(), 3);
        assert!(h6[0].starts_with("表二全部空白"));
        assert!(h6[1].starts_with("表三全部空白"));
        assert!(h6[2].starts_with("表四全部空白"));
    }

    #[test]
    fn h6_covers_table_two() {
        let mut r = zeros(TemplateId::V2019);
        r.disclosure[7][1] = None;
        let found = check(&r, None);
        let h6 = by_rule(&found, "H6");
        assert_eq!(h6.len(), 1);
        assert!(h6[0].message.starts_with("表二「政府集中采购」行有空白单元格：采购总金额"));
    }

    #[test]
    fn s14_names_every_character_export_drops_and_only_those() {
        let mut r = zeros(TemplateId::V2021);
        r.overview.sections[2].body = "正文\u{7}第二\u{200B}段\u{200B}\n换行\t制表\u{AD}".into();
        let found = check(&r, None);
        let s14 = by_rule(&found, "S14");
        assert_eq!(s14.len(), 1);
        assert_eq!(
            s14[0].message,
            "总体情况（三）政府信息管理含有 4 个看不见的字符：「U+0007 控制字符」、「U+200B 零宽空格」、「U+00AD 软连字符」，\
             多半是从别的程序粘贴带来的，导出时会被略去"
        );
        r.overview.sections[2].body = "正文\n换行\r\n制表\t😀𠀀\u{E000}\u{301}".into();
        assert!(by_rule(&check(&r, None), "S14").is_empty(), "line breaks, tabs and visible characters are exported");

        // The 落款 and the title are exported too; a direction mark in a sub-title is
        // not repeated raw in the message.
        r.signature.unit = "某局\u{202E}".into();
        r.overview.sections[0].title = "主动\u{202E}公开".into();
        r.overview.sections[0].body = "\u{FEFF}".into();
        let found = check(&r, None);
        let s14 = by_rule(&found, "S14");
        assert_eq!(s14.len(), 3, "{s14:?}");
        assert!(s14.iter().all(|f| !f.message.contains('\u{202E}') && !f.message.contains('\u{FEFF}')));
        assert!(s14[0].message.starts_with("落款单位含有 1 个看不见的字符：「U+202E 方向覆盖控制符」"));
        assert!(s14[2].message.starts_with("总体情况（一）主动公开含有 1 个看不见的字符：「U+FEFF 字节顺序标记」"));
    }

    #[test]
    fn s7_empty_parts() {
        let mut r = zeros(TemplateId::V2021);
        r.agency.clear();
        let found = check(&r, None);
        let s7 = by_rule(&found, "S7");
        // agency, preamble, five overview sub-parts, part 五, part 六
        assert_eq!(s7.len(), 9);
        assert!(s7.iter().any(|f| f.message.starts_with("总体情况（四）政府信息公开平台建设没有内容")));

        r.agency = "测试局".into();
        r.preamble = "本报告……".into();
        for s in r.overview.sections.iter_mut() {
            s.body = "内容".into();
        }
        r.problems[0].body = "问题".into();
        r.other_matters = "无。".into();
        let found = check(&r, None);
        let s7 = by_rule(&found, "S7");
        assert_eq!(s7.len(), 1);
        assert_eq!(s7[0].message, "第五部分（二）改进情况没有内容");
        r.problems[1].body = "改进".into();
        assert!(by_rule(&check(&r, None), "S7").is_empty());
    }
}
