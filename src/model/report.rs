//! The report as plain data. Its shape follows the chosen template
//! (table 二 rows and cells, 23 or 25 rows in table 三); constructors and the
//! file loader keep it that way.

use super::decimal::Decimal;
use super::template::{APPLICANT_COLUMNS, OVERVIEW_TOPICS, PROBLEM_TOPICS, REVIEW_CELLS, TemplateId};

/// A count cell: blank (`None`) is not the same as 0 (format-notes H6).
pub type Count = Option<i64>;
/// A cell of table 二: counts are stored as whole decimals, amounts keep their fraction.
pub type Amount = Option<Decimal>;
/// One row of table 三: the seven columns 自然人 … 总计.
pub type ApplicationRowCells = [Count; APPLICANT_COLUMNS.len()];

/// A titled block of free text; paragraphs are separated by line breaks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Section {
    pub title: String,
    pub body: String,
}

impl Section {
    pub fn titled(title: &str) -> Section {
        Section { title: title.to_string(), body: String::new() }
    }
}

/// Where to ask questions (the preamble's last sentence).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Contact {
    /// 负责科室
    pub department: String,
    pub phone: String,
    pub address: String,
    /// 邮编
    pub postcode: String,
    pub email: String,
}

/// The optional 落款 after part 六. Both empty means none.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Signature {
    pub unit: String,
    /// As printed, e.g. “2024年1月16日”.
    pub date: String,
}

impl Signature {
    pub fn is_empty(&self) -> bool {
        self.unit.trim().is_empty() && self.date.trim().is_empty()
    }
}

/// Part 一: an optional lead paragraph and the five sub-parts （一）…（五）.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overview {
    pub lead: String,
    pub sections: [Section; 5],
}

impl Overview {
    /// Its length as a reader counts it: every character of the lead, the
    /// sub-titles and the bodies but spaces and line breaks (S20, and the count
    /// the 总体情况 tab shows).
    pub fn chars(&self) -> usize {
        let count = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count();
        count(&self.lead) + self.sections.iter().map(|s| count(&s.title) + count(&s.body)).sum::<usize>()
    }
}

impl Default for Overview {
    fn default() -> Overview {
        Overview { lead: String::new(), sections: OVERVIEW_TOPICS.map(Section::titled) }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub template: TemplateId,
    pub year: i32,
    /// 编制单位
    pub agency: String,
    pub contact: Contact,
    pub signature: Signature,
    /// 前言: the opening paragraph (see `preamble::standard_preamble`).
    pub preamble: String,
    /// Part 一.
    pub overview: Overview,
    /// Part 二: one entry per row of the template's table 二, each with that block's columns.
    pub disclosure: Vec<Vec<Amount>>,
    /// 2019 only: the unit printed after 采购总金额 (the format fixes none; reports use 元 or 万元).
    pub procurement_unit: String,
    /// Part 三: rows in official order.
    pub applications: Vec<ApplicationRowCells>,
    /// Part 四: the 15 cells in official column order.
    pub reviews: [Count; REVIEW_CELLS],
    /// Part 五: （一）主要问题 and （二）改进情况.
    pub problems: [Section; 2],
    /// Part 六: free text, one item per paragraph.
    pub other_matters: String,
    /// 信息处理费 collected this year, in 元 (part 六 must state it; 0 if none).
    pub processing_fee: Amount,
    /// Last year's report file (从上年报告新建): S1, S2 and S10 check against it.
    pub previous: Option<std::path::PathBuf>,
    /// Cells an importer could not read (未能读取); their values are blank.
    pub unread: Vec<super::unread::UnreadCell>,
    /// Top-level keys of the file this tool does not know; written back unchanged.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl Report {
    /// An empty report of the given format: every cell blank, default sub-titles.
    pub fn new(template: TemplateId, year: i32, agency: &str) -> Report {
        let tpl = template.get();
        Report {
            template,
            year,
            agency: agency.to_string(),
            contact: Contact::default(),
            signature: Signature::default(),
            preamble: String::new(),
            overview: Overview::default(),
            disclosure: tpl.disclosure_shape().into_iter().map(|n| vec![None; n]).collect(),
            procurement_unit: if template == TemplateId::V2019 { "元".to_string() } else { String::new() },
            applications: vec![[None; 7]; tpl.applications.len()],
            reviews: [None; REVIEW_CELLS],
            problems: PROBLEM_TOPICS.map(Section::titled),
            other_matters: String::new(),
            processing_fee: None,
            previous: None,
            unread: Vec::new(),
            extra: serde_json::Map::new(),
        }
    }

    /// The title as printed: agency on the first line, then “YYYY年政府信息公开工作年度报告”.
    pub fn title_lines(&self) -> [String; 2] {
        [self.agency.trim().to_string(), format!("{}年政府信息公开工作年度报告", self.year)]
    }

    /// The title on one line (PDF metadata, window title).
    pub fn title(&self) -> String {
        let [a, b] = self.title_lines();
        format!("{a}{b}")
    }

    /// Every free-text field with its location, in reading order.
    pub fn texts(&self) -> Vec<(TextField, &str)> {
        let mut out = vec![(TextField::Preamble, self.preamble.as_str()), (TextField::OverviewLead, self.overview.lead.as_str())];
        for (i, s) in self.overview.sections.iter().enumerate() {
            out.push((TextField::OverviewTitle(i), s.title.as_str()));
            out.push((TextField::OverviewBody(i), s.body.as_str()));
        }
        for (i, s) in self.problems.iter().enumerate() {
            out.push((TextField::ProblemTitle(i), s.title.as_str()));
            out.push((TextField::ProblemBody(i), s.body.as_str()));
        }
        out.push((TextField::OtherMatters, self.other_matters.as_str()));
        out
    }
}

/// A free-text field of the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TextField {
    Preamble,
    OverviewLead,
    OverviewTitle(usize),
    OverviewBody(usize),
    ProblemTitle(usize),
    ProblemBody(usize),
    OtherMatters,
}

impl TextField {
    /// Which part of the report (0 = 基本信息/前言, 1–6 = 一…六) holds it.
    pub fn part(self) -> usize {
        match self {
            TextField::Preamble => 0,
            TextField::OverviewLead | TextField::OverviewTitle(_) | TextField::OverviewBody(_) => 1,
            TextField::ProblemTitle(_) | TextField::ProblemBody(_) => 5,
            TextField::OtherMatters => 6,
        }
    }

    /// A Chinese name for messages: “总体情况（二）依申请公开”. A sub-title is
    /// given as exported: a direction mark typed in it would turn the message around.
    pub fn label(self, report: &Report) -> String {
        let shown = |title: &str| super::text::export_text(title.trim());
        let numeral = |i: usize| super::numerals::bracketed(i + 1);
        match self {
            TextField::Preamble => "前言".to_string(),
            TextField::OverviewLead => "总体情况开头段".to_string(),
            TextField::OverviewTitle(i) => format!("总体情况{}的标题", numeral(i)),
            TextField::OverviewBody(i) => format!("总体情况{}{}", numeral(i), shown(&report.overview.sections[i].title)),
            TextField::ProblemTitle(i) => format!("第五部分{}的标题", numeral(i)),
            TextField::ProblemBody(i) => format!("第五部分{}{}", numeral(i), shown(&report.problems[i].title)),
            TextField::OtherMatters => "第六部分其他需要报告的事项".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_report_has_the_template_shape() {
        let r = Report::new(TemplateId::V2021, 2024, "某县某局");
        assert_eq!(r.applications.len(), 25);
        assert_eq!(r.disclosure.iter().map(Vec::len).collect::<Vec<_>>(), vec![3, 3, 1, 1, 1, 1]);
        assert!(r.applications.iter().flatten().all(Option::is_none));
        assert_eq!(r.overview.sections[3].title, "政府信息公开平台建设");
        let r = Report::new(TemplateId::V2019, 2020, "某县某局");
        assert_eq!(r.applications.len(), 23);
        assert_eq!(r.disclosure.len(), 8);
        assert_eq!(r.title(), "某县某局2020年政府信息公开工作年度报告");
    }
}
