//! A block of cells pasted from a spreadsheet (Excel, WPS 表格) into table 二,
//! 三 or 四: tab-separated columns, one line per row, as those programs copy.
//! All or nothing: one cell that is not a number of its column's kind refuses
//! the whole block, naming that cell.

use super::check::{CellRef, Table};
use super::decimal::Decimal;
use super::report::Report;
use super::template::{APPLICANT_COLUMNS, CellKind, REVIEW_OUTCOMES, review_label};
use super::text::{ascii_digits, is_hidden_mark};
use super::totals::{self, is_application_total, is_review_total};

/// What a paste did.
#[derive(Debug, PartialEq)]
pub struct Pasted {
    /// The report with the block filled in (and totals recomputed when automatic).
    pub report: Report,
    /// Cells written (computed totals under the block are not counted).
    pub filled: usize,
    /// Computed totals the block covered whose pasted value differs from the sum:
    /// 「表三 （七）总计 自然人：粘贴的是 12，各项相加为 11」.
    pub total_mismatches: Vec<String>,
}

/// Whether clipboard text is a block of several cells rather than one value.
pub fn is_block(text: &str) -> bool {
    let trimmed = text.trim_end_matches(['\r', '\n']);
    trimmed.contains(['\t', '\n', '\r'])
}

/// The cells of clipboard text: rows split at line breaks (`\r\n`, `\n`, or `\r`
/// alone as older programs write them), columns at tabs. The line break
/// spreadsheets add after the last row is dropped.
pub fn split_block(text: &str) -> Vec<Vec<String>> {
    let text = normalize_line_breaks(text);
    let text = text.strip_suffix('\n').unwrap_or(&text);
    text.split('\n').map(|line| line.split('\t').map(str::to_string).collect()).collect()
}

/// `\r\n` and a lone `\r` become `\n` (text pasted from Windows and Mac programs).
pub fn normalize_line_breaks(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// A pasted cell as a message quotes it: trimmed, and cut after 20 characters.
fn quoted(raw: &str) -> String {
    let raw = raw.trim();
    if raw.chars().count() > 20 { format!("{}…", raw.chars().take(20).collect::<String>()) } else { raw.to_string() }
}

/// A cell's name as the app shows it: 「表三 （一）予以公开 商业企业」.
pub fn cell_name(report: &Report, cell: CellRef) -> String {
    let tpl = report.template.get();
    match cell.table {
        Table::Applications => format!(
            "表三 {} {}",
            tpl.applications.get(cell.row).map(|r| r.label()).unwrap_or_default(),
            APPLICANT_COLUMNS.get(cell.col).copied().unwrap_or_default()
        ),
        Table::Disclosure => {
            let (block, row) = tpl.disclosure_rows().nth(cell.row).expect("a row of table 二");
            format!("表二 {} {}", row.label, block.columns.get(cell.col).map_or("", |c| c.label))
        }
        Table::Reviews => format!("表四 {}", review_label(cell.col)),
    }
}

/// The kind of value a cell takes, or None when the table has no such cell.
fn cell_kind(report: &Report, cell: CellRef) -> Option<CellKind> {
    match cell.table {
        Table::Applications => {
            (cell.row < report.applications.len() && cell.col < APPLICANT_COLUMNS.len()).then_some(CellKind::Count)
        }
        Table::Reviews => (cell.row == 0 && cell.col < report.reviews.len()).then_some(CellKind::Count),
        Table::Disclosure => {
            let (block, _) = report.template.get().disclosure_rows().nth(cell.row)?;
            block.columns.get(cell.col).map(|c| c.role.kind())
        }
    }
}

/// Where the block's cell (i, j) goes, from `start`, and what it takes; None off
/// the table. Table 四 is one official row of 15: a one-row block runs along it,
/// a taller block is laid over the 3 × 5 the app shows (行政复议, 未经复议直接起诉,
/// 复议后起诉 × the five outcomes).
fn place(report: &Report, start: CellRef, rows: usize, i: usize, j: usize) -> Option<(CellRef, CellKind)> {
    let cell = match start.table {
        Table::Reviews if rows > 1 => {
            let outcomes = REVIEW_OUTCOMES.len();
            let col = start.col % outcomes + j;
            (col < outcomes).then(|| CellRef::reviews((start.col / outcomes + i) * outcomes + col))?
        }
        Table::Reviews if i > 0 => return None,
        _ => CellRef { table: start.table, row: start.row + i, col: start.col + j },
    };
    Some((cell, cell_kind(report, cell)?))
}

/// Whether the cell is computed by 自动合计.
fn is_total(report: &Report, cell: CellRef) -> bool {
    match cell.table {
        Table::Applications => is_application_total(report, cell.row, cell.col),
        Table::Reviews => is_review_total(cell.col),
        Table::Disclosure => false,
    }
}

/// One pasted cell as a value: blank, or a number written as spreadsheets and
/// people write it (full-width digits, thousands separators 「1,234」, spaces).
/// Err says in Chinese why it is not a value of this kind.
pub fn parse_cell(raw: &str, kind: CellKind) -> Result<Option<Decimal>, String> {
    let text: String = ascii_digits(raw).chars().filter(|c| !c.is_whitespace() && !is_hidden_mark(*c)).collect();
    if text.is_empty() {
        return Ok(None);
    }
    let text = text.replace('，', ",");
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.strip_prefix('+').unwrap_or(&text)),
    };
    let (int, frac) = digits.split_once('.').map_or((digits, None), |(i, f)| (i, Some(f)));
    let grouped = int.contains(',');
    if grouped {
        // 1,234 or 12,345,678: groups of three after the first.
        let mut groups = int.split(',');
        let first = groups.next().unwrap_or_default();
        let ok = (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3);
        if !ok {
            return Err("千位分隔符的位置不对".into());
        }
    }
    let int: String = int.chars().filter(|c| *c != ',').collect();
    if int.is_empty()
        || !int.chars().all(|c| c.is_ascii_digit())
        || frac.is_some_and(|f| f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()))
    {
        return Err("不是数字".into());
    }
    let clean = format!("{sign}{int}{}", frac.map(|f| format!(".{f}")).unwrap_or_default());
    let value: Decimal = clean.parse().map_err(|_| "数字太大或小数位太多".to_string())?;
    match kind {
        CellKind::Count | CellKind::SignedCount if !value.is_integer() => Err("应为整数".into()),
        CellKind::Count | CellKind::Amount if sign == "-" => Err("不能是负数".into()),
        _ => Ok(Some(value)),
    }
}

fn set(report: &mut Report, cell: CellRef, value: Option<Decimal>) {
    match cell.table {
        Table::Applications => report.applications[cell.row][cell.col] = value.and_then(Decimal::to_int),
        Table::Reviews => report.reviews[cell.col] = value.and_then(Decimal::to_int),
        Table::Disclosure => report.disclosure[cell.row][cell.col] = value,
    }
}

fn get(report: &Report, cell: CellRef) -> Option<Decimal> {
    match cell.table {
        Table::Applications => report.applications[cell.row][cell.col].map(Decimal::from_int),
        Table::Reviews => report.reviews[cell.col].map(Decimal::from_int),
        Table::Disclosure => report.disclosure[cell.row][cell.col],
    }
}

/// Fills the block `text` into `report` from the cell `start` rightwards and down.
/// With `auto_totals`, computed totals under the block keep their computed value
/// and a differing pasted total is reported. Err (in Chinese, naming the first bad
/// cell by its position in the block and its name in the table) leaves nothing changed.
pub fn paste(report: &Report, start: CellRef, text: &str, auto_totals: bool) -> Result<Pasted, String> {
    let block = split_block(text);
    let mut out = report.clone();
    let mut filled = 0;
    let mut pasted_totals = Vec::new();
    let (rows, cols) = (block.len(), block.iter().map(Vec::len).max().unwrap_or(0));
    for (i, row) in block.iter().enumerate() {
        for (j, raw) in row.iter().enumerate() {
            let at = |k: usize| format!("粘贴内容第{}行第{}列", i + 1, k + 1);
            let Some((cell, kind)) = place(report, start, rows, i, j) else {
                if raw.trim().is_empty() {
                    continue; // a trailing empty cell beyond the table's edge
                }
                return Err(format!(
                    "粘贴内容有 {rows} 行 {cols} 列，从「{}」开始放不下：{}「{}」落在表格之外，没有粘贴任何内容。",
                    cell_name(report, start),
                    at(j),
                    quoted(raw)
                ));
            };
            let value = parse_cell(raw, kind).map_err(|why| {
                format!("{}「{}」{why}（对应「{}」），没有粘贴任何内容。", at(j), quoted(raw), cell_name(report, cell))
            })?;
            if auto_totals && is_total(report, cell) {
                pasted_totals.push((cell, value));
                continue;
            }
            set(&mut out, cell, value);
            filled += 1;
        }
    }
    let mut total_mismatches = Vec::new();
    if auto_totals {
        totals::fill_totals(&mut out);
        for (cell, value) in pasted_totals {
            let computed = get(&out, cell);
            if value.is_some() && value != computed {
                let show = |v: Option<Decimal>| v.map_or("空白".to_string(), |d| d.to_string());
                total_mismatches.push(format!(
                    "{}：粘贴的是 {}，各项相加为 {}",
                    cell_name(&out, cell),
                    show(value),
                    show(computed)
                ));
            }
        }
    }
    Ok(Pasted { report: out, filled, total_mismatches })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::template::TemplateId;

    fn empty() -> Report {
        Report::new(TemplateId::V2021, 2024, "某局")
    }

    #[test]
    fn a_block_from_a_spreadsheet_fills_rightwards_and_down() {
        let r = empty();
        let p = paste(&r, CellRef::applications(0, 0), "3\t１\t\t1,234\r\n0\t2\t0\t5\r\n", false).unwrap();
        assert_eq!(p.report.applications[0][..4], [Some(3), Some(1), None, Some(1234)]);
        assert_eq!(p.report.applications[1][..4], [Some(0), Some(2), Some(0), Some(5)]);
        assert_eq!(p.filled, 8);
    }

    #[test]
    fn one_bad_cell_refuses_the_whole_block_and_names_it() {
        let r = empty();
        let e = paste(&r, CellRef::applications(0, 0), "3\t4\n5\t无\n", false).unwrap_err();
        assert!(e.contains("粘贴内容第2行第2列「无」不是数字"), "{e}");
        assert!(e.contains("表三 二、上年结转政府信息公开申请数量 商业企业"), "{e}");
        for bad in ["1.5", "-2", "12,34", "1,2345"] {
            assert!(paste(&r, CellRef::applications(0, 0), &format!("1\t{bad}\n"), false).is_err(), "{bad}");
        }
        let e = paste(&r, CellRef::applications(0, 5), "1\t2\t3\n", false).unwrap_err();
        assert!(e.contains("粘贴内容有 1 行 3 列，从「表三 一、本年新收政府信息公开申请数量 其他」开始放不下"), "{e}");
        let huge = "年".repeat(1000);
        let e = paste(&r, CellRef::applications(0, 0), &huge, false).unwrap_err();
        assert!(e.chars().count() < 200, "the message quotes a bad cell briefly: {e}");
    }

    #[test]
    fn computed_totals_stay_computed_and_a_different_pasted_total_is_reported() {
        let r = empty();
        // 自然人 … 其他, then a 总计 of 9 where the parts add up to 6.
        let p = paste(&r, CellRef::applications(0, 0), "1\t1\t1\t1\t1\t1\t9\n", true).unwrap();
        assert_eq!(p.report.applications[0][6], Some(6), "the total stays computed");
        assert_eq!(p.total_mismatches, vec!["表三 一、本年新收政府信息公开申请数量 总计：粘贴的是 9，各项相加为 6".to_string()]);
        let p = paste(&r, CellRef::applications(0, 0), "1\t1\t1\t1\t1\t1\t6\n", true).unwrap();
        assert!(p.total_mismatches.is_empty());
        // Without 自动合计 the pasted total is taken as it is.
        let p = paste(&r, CellRef::applications(0, 0), "1\t1\t1\t1\t1\t1\t9\n", false).unwrap();
        assert_eq!(p.report.applications[0][6], Some(9));
    }

    #[test]
    fn tables_two_and_four_take_their_kinds() {
        let r = empty();
        let p = paste(&r, CellRef::reviews(0), "1\t2\t0\t0\t3\t4\n", true).unwrap();
        assert_eq!(p.report.reviews[..4], [Some(1), Some(2), Some(0), Some(0)]);
        assert_eq!(p.report.reviews[5], Some(4));
        assert!(p.total_mismatches.is_empty(), "3 is the sum of 1, 2, 0, 0");
        // 表二: 规章 has three columns (制发, 废止, 现行有效).
        let p = paste(&r, CellRef::disclosure(0, 0), "2\t0\t15\n", true).unwrap();
        assert_eq!(p.report.disclosure[0], vec![Some(Decimal::from_int(2)), Some(Decimal::ZERO), Some(Decimal::from_int(15))]);
        assert!(paste(&r, CellRef::disclosure(0, 0), "2\t0\t15\t7\n", true).is_err(), "a fourth column 规章 does not have");
    }

    #[test]
    fn lone_carriage_returns_and_invisible_marks_are_what_they_are() {
        let r = empty();
        let p = paste(&r, CellRef::applications(0, 0), "31\r32\r33", false).unwrap();
        assert_eq!([0, 1, 2].map(|i| p.report.applications[i][0]), [Some(31), Some(32), Some(33)], "three rows, not 313233");
        let p = paste(&r, CellRef::applications(0, 0), "\u{200F}17\t1\u{200B}8\t\u{FEFF}19", false).unwrap();
        assert_eq!(p.report.applications[0][..3], [Some(17), Some(18), Some(19)]);
    }

    #[test]
    fn table_four_takes_its_official_row_or_the_three_rows_the_app_shows() {
        let r = empty();
        let grid = "1\t0\t0\t0\t1\n0\t2\t0\t0\t2\n0\t0\t3\t0\t3\n";
        let p = paste(&r, CellRef::reviews(0), grid, true).unwrap();
        assert_eq!(p.report.reviews[5..10], [Some(0), Some(2), Some(0), Some(0), Some(2)]);
        assert_eq!(p.report.reviews[12], Some(3));
        let row = "1\t0\t0\t0\t1\t0\t2\t0\t0\t2\t0\t0\t3\t0\t3";
        assert_eq!(paste(&r, CellRef::reviews(0), row, true).unwrap().report, p.report, "the same 15 numbers in one row");
        assert!(paste(&r, CellRef::reviews(3), "1\t2\t3\n4\t5\t6\n", true).is_err(), "past 总计 of its group");
    }

    #[test]
    fn single_values_are_not_blocks() {
        assert!(!is_block("12"));
        assert!(!is_block("12\r\n"));
        assert!(is_block("1\t2"));
        assert!(is_block("1\n2"));
    }
}
