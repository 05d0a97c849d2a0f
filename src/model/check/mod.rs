//! The checker: one function from a report (and optionally last year's) to a
//! list of findings. Rule ids follow `../shared/format-notes.md` §3; README.md
//! lists every rule and the judgement calls.

mod arithmetic;
mod citations;
mod completeness;
mod fees;
mod plausibility;
pub use plausibility::PLAUSIBLE_COUNT_LIMIT;
mod previous;
mod proofreading;
mod reading;
mod similarity;
mod submission;
pub use submission::OVERVIEW_LIMIT;
mod text_claims;
mod text_numbers;
mod years;

use std::fmt;

use super::report::{Count, Report, TextField};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// 错误: the report is wrong (arithmetic, impossible values).
    Error,
    /// 警告: very likely a mistake, or something the official format requires.
    Warning,
    /// 提示: worth a look.
    Hint,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Hint => "提示",
        }
    }
}

/// The three tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Table {
    /// 表二
    Disclosure,
    /// 表三
    Applications,
    /// 表四
    Reviews,
}

impl Table {
    pub fn part(self) -> usize {
        match self {
            Table::Disclosure => 2,
            Table::Applications => 3,
            Table::Reviews => 4,
        }
    }
}

/// One cell of a table; table 四 has a single row 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CellRef {
    pub table: Table,
    pub row: usize,
    pub col: usize,
}

impl CellRef {
    pub fn applications(row: usize, col: usize) -> CellRef {
        CellRef { table: Table::Applications, row, col }
    }
    pub fn disclosure(row: usize, col: usize) -> CellRef {
        CellRef { table: Table::Disclosure, row, col }
    }
    pub fn reviews(col: usize) -> CellRef {
        CellRef { table: Table::Reviews, row: 0, col }
    }
}

/// A field of 基本信息 or a text part.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Agency,
    Template,
    Department,
    Phone,
    Address,
    Postcode,
    Email,
    SignatureUnit,
    SignatureDate,
    ProcessingFee,
    ProcurementUnit,
    Text(TextField),
}

impl Field {
    /// The field's name, as 基本信息 shows it and messages say it (None for the
    /// text parts: `TextField::label` names them, with their sub-titles).
    pub fn name(self) -> Option<&'static str> {
        Some(match self {
            Field::Agency => "编制单位",
            Field::Template => "报告格式",
            Field::Department => "负责科室",
            Field::Phone => "联系电话",
            Field::Address => "地址",
            Field::Postcode => "邮编",
            Field::Email => "电子邮箱",
            Field::SignatureUnit => "落款单位",
            Field::SignatureDate => "落款日期",
            Field::ProcessingFee => "信息处理费",
            Field::ProcurementUnit => "采购总金额单位",
            Field::Text(_) => return None,
        })
    }

    pub fn part(self) -> usize {
        match self {
            Field::Text(t) => t.part(),
            Field::ProcessingFee => 6,
            Field::ProcurementUnit => 2,
            _ => 0,
        }
    }
}

/// Where a finding points: a field, the cells involved (the first is the one to
/// focus), or the words of a text field it quotes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    Field(Field),
    Cells(Vec<CellRef>),
    /// Characters `start..end` (char indices into the text as stored) of a text
    /// field: the sentence or words the message quotes, selected when it is clicked.
    Quote(TextField, std::ops::Range<usize>),
}

impl Location {
    /// The part of the report (0 = 基本信息, 1–6 = 一…六) the finding belongs to.
    pub fn part(&self) -> usize {
        match self {
            Location::Field(f) => f.part(),
            Location::Cells(cells) => cells.first().map_or(0, |c| c.table.part()),
            Location::Quote(t, _) => t.part(),
        }
    }

    /// The cells a finding is about (none for a field or a quote).
    pub fn cells(&self) -> &[CellRef] {
        match self {
            Location::Cells(cells) => cells,
            _ => &[],
        }
    }

    /// The field a finding is shown at (a quote belongs to its text field).
    pub fn field(&self) -> Option<Field> {
        match self {
            Location::Field(f) => Some(*f),
            Location::Quote(t, _) => Some(Field::Text(*t)),
            Location::Cells(_) => None,
        }
    }

    pub fn cell(c: CellRef) -> Location {
        Location::Cells(vec![c])
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    /// H1–H6, S1–S20 (README.md).
    pub rule: &'static str,
    pub location: Location,
    /// Chinese, with the numbers involved.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.severity.label(), self.rule, self.message)
    }
}

/// Collects findings for one rule family.
pub(crate) struct Findings(Vec<Finding>);

impl Findings {
    fn push(&mut self, severity: Severity, rule: &'static str, location: Location, message: String) {
        self.0.push(Finding { severity, rule, location, message });
    }
    pub(crate) fn error(&mut self, rule: &'static str, location: Location, message: String) {
        self.push(Severity::Error, rule, location, message);
    }
    pub(crate) fn warning(&mut self, rule: &'static str, location: Location, message: String) {
        self.push(Severity::Warning, rule, location, message);
    }
    pub(crate) fn hint(&mut self, rule: &'static str, location: Location, message: String) {
        self.push(Severity::Hint, rule, location, message);
    }
}

/// What the user asks of the checker beyond the official format.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Some provinces cap 总体情况 at this many characters (S20; off when None).
    pub overview_limit: Option<usize>,
}

/// Checks a report; `previous` is last year's report when the user has it.
/// Findings come ordered by severity, then in report order.
pub fn check(report: &Report, previous: Option<&Report>) -> Vec<Finding> {
    check_with(report, previous, &Options::default())
}

/// [`check`] with the user's options.
pub fn check_with(report: &Report, previous: Option<&Report>, options: &Options) -> Vec<Finding> {
    // Cells an importer could not read are unknown, not blank (model/unread.rs).
    super::unread::review_findings(report, |report| check_read(report, previous, options))
}

fn check_read(report: &Report, previous: Option<&Report>, options: &Options) -> Vec<Finding> {
    let mut out = Findings(Vec::new());
    arithmetic::check(report, &mut out);
    completeness::check(report, &mut out);
    plausibility::check(report, &mut out);
    fees::check(report, &mut out);
    years::check(report, &mut out);
    text_numbers::check(report, &mut out);
    citations::check(report, &mut out);
    proofreading::check(report, &mut out);
    submission::check(report, options, &mut out);
    if let Some(prev) = previous {
        previous::check(report, prev, &mut out);
    }
    let mut findings = out.0;
    findings.sort_by_key(|f| f.severity);
    findings
}

/// How many findings of each severity: (错误, 警告, 提示).
pub fn counts(findings: &[Finding]) -> (usize, usize, usize) {
    let n = |s| findings.iter().filter(|f| f.severity == s).count();
    (n(Severity::Error), n(Severity::Warning), n(Severity::Hint))
}

/// “校验：2 个错误，3 个警告，1 个提示” (or “校验通过”).
pub fn summary(findings: &[Finding]) -> String {
    match counts(findings) {
        (0, 0, 0) => "校验通过：没有发现问题".to_string(),
        (e, w, h) => format!("校验结果：{e} 个错误，{w} 个警告，{h} 个提示"),
    }
}

/// A count as shown in messages: the number, or 空白.
pub(crate) fn show(c: Count) -> String {
    c.map_or_else(|| "空白".to_string(), |n| n.to_string())
}

/// “a 1 + b 空白 + c 3” from labelled counts.
pub(crate) fn show_terms<'a>(terms: impl IntoIterator<Item = (&'a str, Count)>) -> String {
    terms.into_iter().map(|(label, c)| format!("{label} {}", show(c))).collect::<Vec<_>>().join(" + ")
}

/// Text with whitespace removed, for “is it empty / how long is it” questions.
pub(crate) fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[cfg(test)]
mod tests {
    /// Rule names as the code writes them: `"H1"`, `"S14"` …
    fn names_in(source: &str) -> Vec<String> {
        let mut out = Vec::new();
        for part in source.split('"').skip(1).step_by(2) {
            let mut chars = part.chars();
            if matches!(chars.next(), Some('H' | 'S')) && !part[1..].is_empty() && part[1..].chars().all(|c| c.is_ascii_digit()) {
                out.push(part.to_string());
            }
        }
        out
    }

    #[test]
    fn every_rule_has_one_name_and_one_row_in_the_readme() {
        let readme = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"));
        let rows: Vec<&str> = readme
            .lines()
            .filter_map(|l| l.strip_prefix("| "))
            .filter_map(|l| l.split(' ').next())
            .filter(|id| id.len() > 1 && matches!(id.as_bytes()[0], b'H' | b'S') && id[1..].chars().all(|c| c.is_ascii_digit()))
            .collect();
        let mut seen = std::collections::BTreeSet::new();
        for id in &rows {
            assert!(seen.insert(*id), "{id} has two rows in README's table of rules");
        }
        let sources = [
            include_str!("arithmetic.rs"),
            include_str!("citations.rs"),
            include_str!("completeness.rs"),
            include_str!("fees.rs"),
            include_str!("plausibility.rs"),
            include_str!("previous.rs"),
            include_str!("proofreading.rs"),
            include_str!("submission.rs"),
            include_str!("text_numbers.rs"),
            include_str!("years.rs"),
        ];
        // Each family file names its own rules; a name in two files is two rules.
        let mut owner = std::collections::BTreeMap::new();
        for (i, source) in sources.iter().enumerate() {
            let code = source.split("#[cfg(test)]").next().unwrap_or(source);
            for name in names_in(code) {
                let first = *owner.entry(name.clone()).or_insert(i);
                assert_eq!(first, i, "{name} is named in two rule files");
                assert!(seen.contains(name.as_str()), "{name} has no row in README's table of rules");
            }
        }
        assert!(owner.len() >= 15, "the rule names were found: {owner:?}");
    }
}
