//! 汇总: a county's report built from all its departments' and townships'
//! reports. Every cell is the sum of the same cell across the files (blank +
//! blank = blank, blank + n = n; amounts exact), each summed cell remembers
//! where its number came from, and every source is checked on its own.

use std::collections::HashMap;

use super::check::{CellRef, Finding, Severity, Table, check};
use super::decimal::Decimal;
use super::report::{Count, Report};
use super::template::{APPLICANT_TOTAL, ColumnRole, RowRole, TemplateId};
use super::unread::Unread;

/// A report to add in, and what to call it (its file name).
pub struct Source {
    pub name: String,
    pub report: Report,
}

/// What the sum is made of, per source.
pub struct SourceSummary {
    pub name: String,
    pub agency: String,
    pub errors: Vec<Finding>,
    pub warnings: usize,
    /// Cells an importer could not read (未能读取).
    pub unread: usize,
    /// Table 三: 一、本年新收 总计, （七）总计, 四、结转下年度 总计; table 四: 行政复议 总计, 诉讼 总计.
    pub new: Figure,
    pub handled: Figure,
    pub carried_out: Figure,
    pub reviews: Figure,
    pub lawsuits: Figure,
    /// 信息处理费 in 元; `None` when the source states none (left blank, or an
    /// import could not read it), so the sum's fee is not known.
    pub fee: Option<Decimal>,
}

/// One of a source's figures in the summary: read (a number or blank), or not
/// known because a cell it is taken from is unread (未能读取) — never shown as blank.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Figure {
    Read(Count),
    Unread,
}

impl Figure {
    /// The sum of `cells` (each with its value in `r`; blank when all are blank),
    /// unread when any of them is.
    fn of(r: &Report, cells: &[(CellRef, Count)]) -> Figure {
        if cells.iter().any(|(c, _)| r.unread_at(*c).is_some()) {
            return Figure::Unread;
        }
        Figure::Read(cells.iter().map(|(_, v)| *v).fold(None, sum_counts))
    }
}

/// Where each summed cell's number comes from: (source index, value as printed).
#[derive(Default)]
pub struct Provenance {
    cells: HashMap<CellRef, Vec<(usize, String)>>,
}

impl Provenance {
    pub fn of(&self, cell: &CellRef) -> &[(usize, String)] {
        self.cells.get(cell).map_or(&[], Vec::as_slice)
    }

    fn add(&mut self, cell: CellRef, source: usize, value: String) {
        self.cells.entry(cell).or_default().push((source, value));
    }
}

pub struct Merged {
    pub report: Report,
    pub sources: Vec<SourceSummary>,
    pub provenance: Provenance,
}

impl Merged {
    /// “某局 3；某镇 2”: the sources of one summed cell.
    pub fn describe(&self, cell: &CellRef) -> String {
        self.provenance
            .of(cell)
            .iter()
            .map(|(i, v)| format!("{} {v}", self.sources[*i].agency_or_name()))
            .collect::<Vec<_>>()
            .join("；")
    }

    /// How many sources have cells an importer could not read.
    pub fn sources_with_unread(&self) -> usize {
        self.sources.iter().filter(|s| s.unread > 0).count()
    }

    /// The sources without a 信息处理费, by agency or file name: the sum has none.
    pub fn sources_without_fee(&self) -> Vec<&str> {
        self.sources.iter().filter(|s| s.fee.is_none()).map(SourceSummary::agency_or_name).collect()
    }

    /// Whether any source has a 错误 (the sum is not to be trusted yet).
    pub fn has_errors(&self) -> bool {
        self.sources.iter().any(|s| !s.errors.is_empty())
    }
}

impl SourceSummary {
    pub fn agency_or_name(&self) -> &str {
        if self.agency.trim().is_empty() { &self.name } else { &self.agency }
    }
}

/// Why files cannot be summed.
#[derive(Debug, PartialEq, Eq)]
pub enum MergeError {
    NoSources,
    /// One line per file that does not fit the others, in Chinese.
    Mismatch(Vec<String>),
}

impl std::fmt::Display for MergeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MergeError::NoSources => write!(f, "没有要汇总的年报"),
            MergeError::Mismatch(lines) => write!(f, "以下年报不能一起汇总：\n{}", lines.join("\n")),
        }
    }
}

fn sum_counts(a: Count, b: Count) -> Count {
    match (a, b) {
        (None, x) | (x, None) => x,
        (Some(x), Some(y)) => Some(x.saturating_add(y)),
    }
}

fn sum_amounts(a: Option<Decimal>, b: Option<Decimal>) -> Option<Decimal> {
    match (a, b) {
        (None, x) | (x, None) => x,
        (Some(x), Some(y)) => x.checked_add(y).or(Some(x)),
    }
}

/// An agency name as compared between sources: as printed, without any space.
fn same_agency_key(agency: &str) -> String {
    crate::model::text::export_text(agency).chars().filter(|c| !c.is_whitespace()).collect()
}

/// Refuses sources of another year or format than most of them, or 2019 files
/// whose 采购总金额 units differ.
fn refuse_mismatches(sources: &[Source]) -> Result<(TemplateId, i32), MergeError> {
    let first = sources.first().ok_or(MergeError::NoSources)?;
    let mut counts: HashMap<(TemplateId, i32), usize> = HashMap::new();
    for s in sources {
        *counts.entry((s.report.template, s.report.year)).or_default() += 1;
    }
    let (template, year) = counts
        .iter()
        .max_by_key(|((t, y), n)| (**n, *y, *t == TemplateId::V2021))
        .map(|(k, _)| *k)
        .unwrap_or((first.report.template, first.report.year));
    let mut problems = Vec::new();
    for (i, s) in sources.iter().enumerate() {
        let r = &s.report;
        // Two files of one agency and year (or one file given twice): counted twice.
        // As printed: spaces and invisible marks do not make another agency.
        let agency = same_agency_key(&r.agency);
        if !agency.is_empty()
            && let Some(earlier) =
                sources[..i].iter().find(|e| e.report.year == r.year && same_agency_key(&e.report.agency) == agency)
        {
            problems.push(format!(
                "「{}」和「{}」都是{agency}{}年度的年报：同一单位只能汇总一份（同一个文件也不能给两次）",
                earlier.name, s.name, r.year
            ));
            continue;
        }
        if r.year != year {
            problems.push(format!("「{}」（{}）是{}年度的，其他年报是{year}年度", s.name, r.agency, r.year));
        } else if r.template != template {
            problems.push(format!(
                "「{}」（{}）用的是{}，其他年报用的是{}",
                s.name,
                r.agency,
                r.template.name(),
                template.name()
            ));
        }
    }
    if template == TemplateId::V2019 {
        let has_amount = |r: &Report| {
            r.template.get().disclosure_rows().zip(&r.disclosure).any(|((b, _), cells)| {
                b.columns.iter().zip(cells).any(|(c, v)| c.role == ColumnRole::PurchaseAmount && v.is_some())
            })
        };
        let units: Vec<&Source> = sources.iter().filter(|s| has_amount(&s.report)).collect();
        if let Some(reference) = units.first() {
            for s in &units[1..] {
                let (unit, reference_unit) = (s.report.procurement_unit.trim(), reference.report.procurement_unit.trim());
                if unit != reference_unit {
                    // An imported report whose source states no unit has none.
                    let stated = |name: &str, agency: &str, unit: &str| {
                        if unit.is_empty() {
                            format!("「{name}」（{agency}）没有写明采购总金额的单位")
                        } else {
                            format!("「{name}」（{agency}）的采购总金额单位是「{unit}」")
                        }
                    };
                    problems.push(format!(
                        "{}，{}：请统一单位后再汇总",
                        stated(&s.name, &s.report.agency, unit),
                        stated(&reference.name, &reference.report.agency, reference_unit)
                    ));
                }
            }
        }
    }
    if problems.is_empty() { Ok((template, year)) } else { Err(MergeError::Mismatch(problems)) }
}

/// Sums the sources into one report of the same year and format.
pub fn merge(sources: &[Source]) -> Result<Merged, MergeError> {
    let (template, year) = refuse_mismatches(sources)?;
    let tpl = template.get();
    let mut report = Report::new(template, year, "");
    report.procurement_unit =
        sources.iter().map(|s| s.report.procurement_unit.clone()).find(|u| !u.trim().is_empty()).unwrap_or_default();
    let mut provenance = Provenance::default();
    let mut summaries = Vec::with_capacity(sources.len());
    for (k, s) in sources.iter().enumerate() {
        let r = &s.report;
        for (i, row) in r.disclosure.iter().enumerate() {
            for (j, v) in row.iter().enumerate() {
                report.disclosure[i][j] = sum_amounts(report.disclosure[i][j], *v);
                if let Some(v) = v {
                    provenance.add(CellRef::disclosure(i, j), k, v.to_string());
                }
            }
        }
        for (i, row) in r.applications.iter().enumerate() {
            for (j, v) in row.iter().enumerate() {
                report.applications[i][j] = sum_counts(report.applications[i][j], *v);
                if let Some(v) = v {
                    provenance.add(CellRef::applications(i, j), k, v.to_string());
                }
            }
        }
        for (j, v) in r.reviews.iter().enumerate() {
            report.reviews[j] = sum_counts(report.reviews[j], *v);
            if let Some(v) = v {
                provenance.add(CellRef::reviews(j), k, v.to_string());
            }
        }
        // A fee is no cell: a source without one (blank, or not read by an
        // import) leaves the sum unknown, never the others' sum.
        report.processing_fee = match (k, report.processing_fee, r.processing_fee) {
            (0, _, fee) => fee,
            (_, Some(sum), Some(fee)) => sum.checked_add(fee).or(Some(sum)),
            _ => None,
        };

        let findings = check(r, None);
        let total = |role: RowRole| {
            let row = tpl.application_row(role);
            Figure::of(r, &[(CellRef::applications(row, APPLICANT_TOTAL), r.applications[row][APPLICANT_TOTAL])])
        };
        let review = |j: usize| (CellRef::reviews(j), r.reviews[j]);
        summaries.push(SourceSummary {
            name: s.name.clone(),
            agency: r.agency.clone(),
            warnings: findings.iter().filter(|f| f.severity == Severity::Warning).count(),
            unread: r.unread.len(),
            errors: findings.into_iter().filter(|f| f.severity == Severity::Error).collect(),
            new: total(RowRole::New),
            handled: total(RowRole::ResultTotal),
            carried_out: total(RowRole::CarriedOut),
            reviews: Figure::of(r, &[review(4)]),
            lawsuits: Figure::of(r, &[review(9), review(14)]),
            fee: r.processing_fee,
        });
    }
    mark_unread_sums(&mut report, sources);
    Ok(Merged { report, sources: summaries, provenance })
}

/// A summed cell to which any source adds an unread cell is unread itself: its
/// sum is not known. The reason names the sources; with one such source, the
/// candidates are the others' sum plus each of its readings.
fn mark_unread_sums(report: &mut Report, sources: &[Source]) {
    let mut cells: Vec<CellRef> = Vec::new();
    for s in sources {
        for u in &s.report.unread {
            if report.has_cell(u.cell) && !cells.contains(&u.cell) {
                cells.push(u.cell);
            }
        }
    }
    for cell in cells {
        let from: Vec<(&Source, &Unread)> = sources.iter().filter_map(|s| s.report.unread_at(cell).map(|u| (s, u))).collect();
        let named = |s: &Source| if s.report.agency.trim().is_empty() { s.name.clone() } else { s.report.agency.clone() };
        let names: Vec<String> = from.iter().map(|(s, _)| format!("「{}」", named(s))).collect();
        let known = sources.iter().filter(|s| s.report.unread_at(cell).is_none()).try_fold(Decimal::ZERO, |sum, s| {
            match cell_value(&s.report, cell) {
                Some(v) => sum.checked_add(v),
                None => Some(sum),
            }
        });
        let candidates = match (&from[..], known) {
            ([(_, u)], Some(known)) => u
                .candidates
                .iter()
                .filter_map(|c| c.parse::<Decimal>().ok().and_then(|c| c.checked_add(known)))
                .map(|v| v.to_string())
                .collect(),
            _ => Vec::new(),
        };
        let unread = Unread {
            reason: format!("汇总来源{}中该格未能读取，汇总数不确定", names.join("、")),
            candidates,
            source: from
                .iter()
                .map(|(s, u)| format!("{}：{}", named(s), super::unread::describe(u)))
                .collect::<Vec<_>>()
                .join("；"),
            text: String::new(),
        };
        report.mark_unread(cell, unread);
    }
}

/// A cell's value as a decimal, whichever table it is in.
fn cell_value(r: &Report, cell: CellRef) -> Option<Decimal> {
    match cell.table {
        Table::Disclosure => r.disclosure.get(cell.row).and_then(|row| row.get(cell.col)).copied().flatten(),
        Table::Applications => {
            r.applications.get(cell.row).and_then(|row| row.get(cell.col)).copied().flatten().map(Decimal::from_int)
        }
        Table::Reviews => r.reviews.get(cell.col).copied().flatten().map(Decimal::from_int),
    }
}

#[cfg(test)]
mod tests;
