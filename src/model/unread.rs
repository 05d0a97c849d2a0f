//! Cells an importer could not read with certainty (未能读取).
//!
//! An unread cell is neither blank nor a number: its value in the report stays
//! `None`, and an entry here says why it could not be read, which readings the
//! source allows, and where in the source it is. The file keeps the entries
//! (`"unread"`, version 2); the checker treats the cell as unknown
//! ([`review_findings`]): rules that need it say 无法核对 instead of reporting
//! an error, and H6 does not ask for a 0 in it.

use super::check::{CellRef, Finding, Location, Severity, Table};
use super::report::Report;
use super::template::{APPLICANT_COLUMNS, APPLICANT_TOTAL, REVIEW_OUTCOMES, RowRole, review_label};

/// The rule name of the 「导入待核对」 finding each unread cell gets.
pub const RULE: &str = "导入";

/// The most candidate readings an unread cell keeps (the file format's limit).
pub const MAX_CANDIDATES: usize = 50;

/// What an unread cell prints (in the PDF, the Word file, the web page): it is
/// not blank. An import reading it back knows the cell was unread.
pub const UNREAD_MARK: &str = "未读";

/// One cell the importer could not read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Unread {
    /// Why, in Chinese: 「数字连在一起，无法确定各格的分界」.
    pub reason: String,
    /// The readings the source allows, as printed (may be empty).
    pub candidates: Vec<String>,
    /// Where in the source: 「第 3 页第 12 行」, 「第 2 个表格第 5 行第 3 列」.
    pub source: String,
    /// The text found there, as it was.
    pub text: String,
}

/// An unread cell and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnreadCell {
    pub cell: CellRef,
    pub unread: Unread,
}

impl Report {
    /// The unread entry of a cell, if it has one.
    pub fn unread_at(&self, cell: CellRef) -> Option<&Unread> {
        self.unread.iter().find(|u| u.cell == cell).map(|u| &u.unread)
    }

    /// Marks a cell unread (its value becomes blank); replaces an earlier entry.
    /// More readings than [`MAX_CANDIDATES`]: the first ones (the most
    /// plausible, as their maker orders them) are kept and the reason says so.
    pub fn mark_unread(&mut self, cell: CellRef, mut unread: Unread) {
        let all = unread.candidates.len();
        if all > MAX_CANDIDATES {
            unread.candidates.truncate(MAX_CANDIDATES);
            unread.reason.push_str(&format!("（可能的读数共 {all} 个，这里只列出 {MAX_CANDIDATES} 个）"));
        }
        self.clear_unread(cell);
        set_count(self, cell, None);
        self.unread.push(UnreadCell { cell, unread });
    }

    /// The user confirmed or typed the cell: it is read now.
    pub fn clear_unread(&mut self, cell: CellRef) -> bool {
        let before = self.unread.len();
        self.unread.retain(|u| u.cell != cell);
        before != self.unread.len()
    }

    /// Whether `cell` exists in this report's template.
    pub fn has_cell(&self, cell: CellRef) -> bool {
        match cell.table {
            Table::Disclosure => self.disclosure.get(cell.row).is_some_and(|r| cell.col < r.len()),
            Table::Applications => cell.row < self.applications.len() && cell.col < APPLICANT_COLUMNS.len(),
            Table::Reviews => cell.row == 0 && cell.col < self.reviews.len(),
        }
    }
}

/// Sets a cell to `value` (None: blank), whichever table it is in.
fn set_count(r: &mut Report, cell: CellRef, value: Option<i64>) {
    match cell.table {
        Table::Disclosure => {
            if let Some(c) = r.disclosure.get_mut(cell.row).and_then(|row| row.get_mut(cell.col)) {
                *c = value.map(super::Decimal::from_int);
            }
        }
        Table::Applications => {
            if let Some(c) = r.applications.get_mut(cell.row).and_then(|row| row.get_mut(cell.col)) {
                *c = value;
            }
        }
        Table::Reviews => {
            if let Some(c) = r.reviews.get_mut(cell.col) {
                *c = value;
            }
        }
    }
}

/// The cell as messages name it: 表三「（三）不予公开 1.属于国家秘密」行「自然人」列.
pub fn cell_name(r: &Report, cell: CellRef) -> String {
    let tpl = r.template.get();
    match cell.table {
        Table::Disclosure => match tpl.disclosure_rows().nth(cell.row) {
            Some((block, row)) => {
                let col = block.columns.get(cell.col).map_or("", |c| c.label);
                format!("表二「{}」行「{col}」列", row.label)
            }
            None => format!("表二第{}行第{}列", cell.row + 1, cell.col + 1),
        },
        Table::Applications => match (tpl.applications.get(cell.row), APPLICANT_COLUMNS.get(cell.col)) {
            (Some(row), Some(col)) => format!("表三「{}」行「{col}」列", row.label()),
            _ => format!("表三第{}行第{}列", cell.row + 1, cell.col + 1),
        },
        Table::Reviews if cell.col < 15 => format!("表四{}", review_label(cell.col)),
        Table::Reviews => format!("表四第{}格", cell.col + 1),
    }
}

/// 「原文「230 000023」；可能是 23、230；位置：第 57 行」
pub fn describe(u: &Unread) -> String {
    let mut out = u.reason.clone();
    if !u.text.is_empty() {
        out.push_str(&format!("；原文「{}」", u.text));
    }
    if !u.candidates.is_empty() {
        out.push_str(&format!("；可能是 {}", u.candidates.join("、")));
    }
    if !u.source.is_empty() {
        out.push_str(&format!("；位置：{}", u.source));
    }
    out
}

/// The cells a finding's rule reads. For the sums H2–H4 the finding points at
/// the total only; the rule also reads every part.
fn cells_read(r: &Report, f: &Finding) -> Vec<CellRef> {
    let Location::Cells(cells) = &f.location else { return Vec::new() };
    let tpl = r.template.get();
    let mut out = cells.clone();
    for c in cells {
        match (f.rule, c.table) {
            ("H2", Table::Applications) => {
                out.extend(tpl.result_rows().map(|row| CellRef::applications(row, c.col)));
            }
            ("H3", Table::Applications) => out.extend((0..APPLICANT_COLUMNS.len()).map(|col| CellRef::applications(c.row, col))),
            ("H4", Table::Reviews) => {
                let group = c.col / REVIEW_OUTCOMES.len() * REVIEW_OUTCOMES.len();
                out.extend((group..group + REVIEW_OUTCOMES.len()).map(CellRef::reviews));
            }
            ("H1", Table::Applications) => {
                let rows = [RowRole::New, RowRole::CarriedIn, RowRole::ResultTotal, RowRole::CarriedOut];
                out.extend(rows.map(|role| CellRef::applications(tpl.application_row(role), c.col)));
            }
            _ => {}
        }
    }
    out
}

/// Runs the checker's rules on a report with unread cells: they read as 0 (so
/// that H6 does not ask for one), and every finding whose rule reads an unread
/// cell becomes one 提示 「无法核对」 naming the cell and why. Each unread cell
/// is also a 警告 「导入待核对」. The single place the checker knows of them.
pub(crate) fn review_findings(r: &Report, rules: impl Fn(&Report) -> Vec<Finding>) -> Vec<Finding> {
    if r.unread.is_empty() {
        return rules(r);
    }
    let mut filled = r.clone();
    for u in &r.unread {
        set_count(&mut filled, u.cell, Some(0));
    }
    let mut out = Vec::new();
    for u in &r.unread {
        out.push(Finding {
            severity: Severity::Warning,
            rule: RULE,
            location: Location::cell(u.cell),
            message: format!("导入待核对：{}未能读取（{}），请对照原文填写", cell_name(r, u.cell), describe(&u.unread)),
        });
    }
    // The sums H1–H4 cannot be checked when they read an unread cell, whether
    // or not they would hold with it as 0.
    let mut unknown: Vec<(&'static str, CellRef)> = Vec::new();
    for (rule, at, cells) in sums(r) {
        let names = unique(cells.iter().filter(|c| r.unread_at(**c).is_some()).map(|c| cell_name(r, *c)));
        if !names.is_empty() {
            unknown.push((rule, at));
            out.push(Finding {
                severity: Severity::Hint,
                rule,
                location: Location::cell(at),
                message: format!("无法核对：{}未能读取，{rule} 的核对要用到它", names.join("、")),
            });
        }
    }
    for f in rules(&filled) {
        let read = cells_read(r, &f);
        match read.iter().find(|c| r.unread_at(**c).is_some()) {
            Some(&cell) => {
                let at = match &f.location {
                    Location::Cells(cells) => cells.first().copied().unwrap_or(cell),
                    Location::Field(_) | Location::Quote(..) => cell,
                };
                if unknown.iter().any(|(rule, _)| *rule == f.rule) && matches!(f.rule, "H1" | "H2" | "H3" | "H4") {
                    continue;
                }
                if unknown.contains(&(f.rule, at)) {
                    continue;
                }
                unknown.push((f.rule, at));
                let names = unique(read.iter().filter(|c| r.unread_at(**c).is_some()).map(|c| cell_name(r, *c)));
                out.push(Finding {
                    severity: Severity::Hint,
                    rule: f.rule,
                    location: f.location.clone(),
                    message: format!("无法核对：{}未能读取，{} 的核对要用到它", names.join("、"), f.rule),
                });
            }
            None => out.push(f),
        }
    }
    out.sort_by_key(|f| f.severity);
    out
}

fn unique(names: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in names {
        if !out.contains(&n) {
            out.push(n);
        }
    }
    out
}

/// Every sum of H1–H4: the rule, the cell it points at, the cells it reads.
fn sums(r: &Report) -> Vec<(&'static str, CellRef, Vec<CellRef>)> {
    let tpl = r.template.get();
    let mut out = Vec::new();
    let total_row = tpl.application_row(RowRole::ResultTotal);
    for col in 0..APPLICANT_COLUMNS.len() {
        let rows =
            [RowRole::New, RowRole::CarriedIn, RowRole::ResultTotal, RowRole::CarriedOut].map(|role| tpl.application_row(role));
        out.push(("H1", CellRef::applications(rows[0], col), rows.iter().map(|&row| CellRef::applications(row, col)).collect()));
        let mut h2: Vec<CellRef> = tpl.result_rows().map(|row| CellRef::applications(row, col)).collect();
        h2.push(CellRef::applications(total_row, col));
        out.push(("H2", CellRef::applications(total_row, col), h2));
    }
    for row in 0..r.applications.len() {
        let cells = (0..APPLICANT_COLUMNS.len()).map(|col| CellRef::applications(row, col)).collect();
        out.push(("H3", CellRef::applications(row, APPLICANT_TOTAL), cells));
    }
    let n = REVIEW_OUTCOMES.len();
    for group in 0..r.reviews.len() / n {
        out.push(("H4", CellRef::reviews(group * n + n - 1), (group * n..group * n + n).map(CellRef::reviews).collect()));
    }
    out
}

/// Whether the cell is a total the app computes (the unread mark on it says the
/// source was unclear, whatever the parts add up to).
pub fn is_total(cell: CellRef) -> bool {
    match cell.table {
        Table::Applications => cell.col == APPLICANT_TOTAL,
        Table::Reviews => cell.col % REVIEW_OUTCOMES.len() == REVIEW_OUTCOMES.len() - 1,
        Table::Disclosure => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TemplateId;

    fn consistent() -> Report {
        let mut r = Report::new(TemplateId::V2021, 2024, "某县某局");
        for row in &mut r.applications {
            *row = [Some(0); 7];
        }
        r.applications[0] = [Some(3), Some(0), Some(0), Some(0), Some(0), Some(0), Some(3)];
        r.applications[2] = [Some(3), Some(0), Some(0), Some(0), Some(0), Some(0), Some(3)];
        r.applications[23] = [Some(3), Some(0), Some(0), Some(0), Some(0), Some(0), Some(3)];
        r.reviews = [Some(0); 15];
        for row in &mut r.disclosure {
            row.fill(Some(crate::model::Decimal::from_int(0)));
        }
        r
    }

    #[test]
    fn an_unread_cell_makes_its_rules_unknown_not_wrong() {
        let mut r = consistent();
        r.mark_unread(
            CellRef::applications(0, 0),
            Unread {
                reason: "数字连在一起".into(),
                candidates: vec!["3".into(), "30".into()],
                source: "第 5 行".into(),
                text: "30".into(),
            },
        );
        assert_eq!(r.applications[0][0], None);
        let findings = crate::model::check(&r, None);
        let errors: Vec<_> = findings.iter().filter(|f| f.severity == Severity::Error).collect();
        assert!(errors.is_empty(), "{errors:?}");
        assert!(findings.iter().all(|f| f.rule != "H6"), "no request to fill 0: {findings:?}");
        assert!(findings.iter().all(|f| f.severity != Severity::Error));
        let unknown: Vec<_> = findings.iter().filter(|f| f.message.starts_with("无法核对")).collect();
        assert!(unknown.iter().any(|f| f.rule == "H1" && f.message.contains("「自然人」列")), "{unknown:?}");
        assert!(unknown.iter().any(|f| f.rule == "H3"), "{unknown:?}");
        let review: Vec<_> = findings.iter().filter(|f| f.rule == "导入").collect();
        assert_eq!(review.len(), 1);
        assert!(review[0].message.contains("可能是 3、30") && review[0].message.contains("第 5 行"), "{}", review[0].message);
        assert!(r.clear_unread(CellRef::applications(0, 0)));
        assert!(crate::model::check(&r, None).iter().any(|f| f.rule == "H6"));
    }

    #[test]
    fn an_unread_cell_keeps_at_most_the_files_number_of_readings() {
        let mut r = consistent();
        let candidates: Vec<String> = (0..120).map(|k| k.to_string()).collect();
        r.mark_unread(CellRef::reviews(3), Unread { reason: "数字连在一起".into(), candidates, ..Unread::default() });
        let u = r.unread_at(CellRef::reviews(3)).unwrap();
        assert_eq!(u.candidates.len(), MAX_CANDIDATES);
        assert_eq!(u.candidates[0], "0");
        assert!(u.reason.contains("共 120 个"), "{}", u.reason);
        let saved = crate::model::file::to_json(&r);
        assert!(crate::model::file::from_json(&saved).is_ok());
    }

    #[test]
    fn rules_that_do_not_read_the_cell_still_report() {
        let mut r = consistent();
        r.reviews[0] = Some(1); // H4: 行政复议 总计 0 ≠ 1
        r.mark_unread(CellRef::applications(5, 2), Unread::default());
        let findings = crate::model::check(&r, None);
        assert!(findings.iter().any(|f| f.rule == "H4" && f.severity == Severity::Error));
    }
}
