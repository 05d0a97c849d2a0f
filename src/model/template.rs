//! The two official formats as data: every heading, row and column label, verbatim.
//!
//! This is the only place where official labels are written. Layout, checker,
//! UI and exporters all read them from here.
//! Source: `../shared/format-notes.md` §1 (2021, 国办公开办函〔2021〕30号) and §2 (2019, 〔2019〕60号).

/// Which official format a report follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum TemplateId {
    #[default]
    V2021,
    V2019,
}

impl TemplateId {
    pub const ALL: [TemplateId; 2] = [TemplateId::V2021, TemplateId::V2019];

    /// The value of the `"template"` key in the report file.
    pub fn code(self) -> &'static str {
        match self {
            TemplateId::V2021 => "2021",
            TemplateId::V2019 => "2019",
        }
    }

    pub fn from_code(code: &str) -> Option<TemplateId> {
        TemplateId::ALL.into_iter().find(|t| t.code() == code)
    }

    /// The notice that issued the format.
    pub fn notice(self) -> &'static str {
        match self {
            TemplateId::V2021 => "国办公开办函〔2021〕30号",
            TemplateId::V2019 => "国办公开办函〔2019〕60号",
        }
    }

    /// A short Chinese name for menus and messages.
    pub fn name(self) -> &'static str {
        match self {
            TemplateId::V2021 => "2021年格式（现行）",
            TemplateId::V2019 => "2019年试行格式",
        }
    }

    pub fn get(self) -> &'static Template {
        match self {
            TemplateId::V2021 => &TEMPLATE_2021,
            TemplateId::V2019 => &TEMPLATE_2019,
        }
    }
}

/// The six part headings, the same in both formats.
pub const PART_HEADINGS: [&str; 6] = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
];

/// A part heading without its numeral: 4 → “存在的主要问题及改进情况”.
pub fn part_title(part: usize) -> &'static str {
    PART_HEADINGS[part].split_once('、').map_or(PART_HEADINGS[part], |(_, t)| t)
}

/// The five sub-topics of 总体情况 required by the 2021 notice (default titles).
pub const OVERVIEW_TOPICS: [&str; 5] = ["主动公开", "依申请公开", "政府信息管理", "政府信息公开平台建设", "监督保障"];

/// The two sub-parts of part 五 (default titles).
pub const PROBLEM_TOPICS: [&str; 2] = ["主要问题", "改进情况"];

/// What a number in table 二 means; rules and the converter look columns up by role.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnRole {
    /// 2021 本年制发件数
    Issued,
    /// 2021 本年废止件数
    Repealed,
    /// 2021 现行有效件数
    InForce,
    /// 2019 本年新制作数量
    Made,
    /// 2019 本年新公开数量
    Published,
    /// 2019 对外公开总数量
    PublishedTotal,
    /// 2019 上一年项目数量
    PreviousItems,
    /// 2019 本年增/减 (signed)
    Change,
    /// 处理决定数量 (2019) / 本年处理决定数量 (2021)
    Decisions,
    /// 2021 本年收费金额（单位：万元）
    FeeAmount,
    /// 2019 采购项目数量
    PurchaseCount,
    /// 2019 采购总金额 (amount; its unit is stored beside it)
    PurchaseAmount,
}

/// The kind of value a cell holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellKind {
    /// A non-negative integer.
    Count,
    /// An integer that may be negative (2019 本年增/减).
    SignedCount,
    /// A non-negative decimal amount.
    Amount,
}

impl ColumnRole {
    pub fn kind(self) -> CellKind {
        match self {
            ColumnRole::Change => CellKind::SignedCount,
            ColumnRole::FeeAmount | ColumnRole::PurchaseAmount => CellKind::Amount,
            _ => CellKind::Count,
        }
    }
}

#[derive(Debug)]
pub struct DisclosureColumn {
    pub label: &'static str,
    pub role: ColumnRole,
}

/// Which 信息内容 a row of table 二 reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DisclosureItem {
    Rules,
    NormativeDocuments,
    Licensing,
    OtherServices,
    Punishment,
    Coercion,
    Fees,
    Procurement,
}

#[derive(Debug)]
pub struct DisclosureRow {
    pub label: &'static str,
    pub item: DisclosureItem,
}

/// One captioned block of table 二 (“第二十条第（一）项” …).
#[derive(Debug)]
pub struct DisclosureBlock {
    pub caption: &'static str,
    pub columns: &'static [DisclosureColumn],
    pub rows: &'static [DisclosureRow],
}

/// The role a row of table 三 plays in the 勾稽 rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowRole {
    /// 一、本年新收
    New,
    /// 二、上年结转
    CarriedIn,
    /// one of （一）…（六） under 三、本年度办理结果
    Result,
    /// （七）总计
    ResultTotal,
    /// 四、结转下年度继续办理
    CarriedOut,
}

/// A row of table 三: the level-one label, the （一）… group and the 1. … item, as printed.
#[derive(Debug)]
pub struct ApplicationRow {
    pub role: RowRole,
    pub section: &'static str,
    pub group: Option<&'static str>,
    pub item: Option<&'static str>,
}

impl ApplicationRow {
    /// The most specific printed label (item, else group, else section).
    pub fn short_label(&self) -> &'static str {
        self.item.or(self.group).unwrap_or(self.section)
    }

    /// The full label used in messages: “（三）不予公开 1.属于国家秘密”.
    pub fn label(&self) -> String {
        match (self.group, self.item) {
            (Some(g), Some(i)) => format!("{g} {i}"),
            (Some(g), None) => g.to_string(),
            _ => self.section.to_string(),
        }
    }
}

/// A whole official format.
#[derive(Debug)]
pub struct Template {
    pub id: TemplateId,
    pub disclosure: &'static [DisclosureBlock],
    pub applications: &'static [ApplicationRow],
}

impl Template {
    /// Every row of table 二 in order, with its block.
    pub fn disclosure_rows(&self) -> impl Iterator<Item = (&'static DisclosureBlock, &'static DisclosureRow)> + '_ {
        self.disclosure.iter().flat_map(|b| b.rows.iter().map(move |r| (b, r)))
    }

    /// The number of cells in each row of table 二.
    pub fn disclosure_shape(&self) -> Vec<usize> {
        self.disclosure_rows().map(|(b, _)| b.columns.len()).collect()
    }

    /// The (row, column) of table 二 holding `role` for `item`, if this format has it.
    pub fn disclosure_cell(&self, item: DisclosureItem, role: ColumnRole) -> Option<(usize, usize)> {
        self.disclosure_rows()
            .enumerate()
            .find(|(_, (_, row))| row.item == item)
            .and_then(|(i, (block, _))| block.columns.iter().position(|c| c.role == role).map(|j| (i, j)))
    }

    /// The index of the first row of table 三 with this role.
    pub fn application_row(&self, role: RowRole) -> usize {
        self.applications.iter().position(|r| r.role == role).expect("every template has every role")
    }

    /// The rows counted into （七）总计.
    pub fn result_rows(&self) -> impl Iterator<Item = usize> + '_ {
        self.applications.iter().enumerate().filter(|(_, r)| r.role == RowRole::Result).map(|(i, _)| i)
    }
}

// ---------------------------------------------------------------------------
// Table 三, columns (same in both formats).

/// The seven numeric columns of table 三, in file order.
pub const APPLICANT_COLUMNS: [&str; 7] = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"];
/// Index of the 总计 column.
pub const APPLICANT_TOTAL: usize = 6;
/// Header over all seven columns.
pub const APPLICANT_HEADER: &str = "申请人情况";
/// Header over columns 1–5 (商业企业 … 其他).
pub const LEGAL_PERSON_HEADER: &str = "法人或其他组织";
/// The note in the merged top-left cell.
pub const APPLICATION_NOTE: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

// ---------------------------------------------------------------------------
// Table 四 (same in both formats).

pub const REVIEW_OUTCOMES: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
/// Index of 总计 within each group of five.
pub const REVIEW_TOTAL: usize = 4;
pub const REVIEW_GROUPS: [&str; 3] = ["行政复议", "未经复议直接起诉", "复议后起诉"];
/// Header over the two 诉讼 groups.
pub const LITIGATION_HEADER: &str = "行政诉讼";
pub const REVIEW_CELLS: usize = 15;

/// “行政复议「结果维持」” style label of one cell of table 四.
pub fn review_label(col: usize) -> String {
    format!("{}「{}」", REVIEW_GROUPS[col / 5], REVIEW_OUTCOMES[col % 5])
}

// ---------------------------------------------------------------------------
// Table 二.

use ColumnRole as C;
use DisclosureItem as I;

const fn col(label: &'static str, role: ColumnRole) -> DisclosureColumn {
    DisclosureColumn { label, role }
}
const fn row(label: &'static str, item: DisclosureItem) -> DisclosureRow {
    DisclosureRow { label, item }
}

pub const ITEM_HEADER: &str = "信息内容";

const DISCLOSURE_2021: [DisclosureBlock; 4] = [
    DisclosureBlock {
        caption: "第二十条第（一）项",
        columns: &[col("本年制发件数", C::Issued), col("本年废止件数", C::Repealed), col("现行有效件数", C::InForce)],
        rows: &[row("规章", I::Rules), row("行政规范性文件", I::NormativeDocuments)],
    },
    DisclosureBlock {
        caption: "第二十条第（五）项",
        columns: &[col("本年处理决定数量", C::Decisions)],
        rows: &[row("行政许可", I::Licensing)],
    },
    DisclosureBlock {
        caption: "第二十条第（六）项",
        columns: &[col("本年处理决定数量", C::Decisions)],
        rows: &[row("行政处罚", I::Punishment), row("行政强制", I::Coercion)],
    },
    DisclosureBlock {
        caption: "第二十条第（八）项",
        columns: &[col("本年收费金额（单位：万元）", C::FeeAmount)],
        rows: &[row("行政事业性收费", I::Fees)],
    },
];

const ITEMS_2019: [DisclosureColumn; 3] =
    [col("上一年项目数量", C::PreviousItems), col("本年增/减", C::Change), col("处理决定数量", C::Decisions)];

const DISCLOSURE_2019: [DisclosureBlock; 5] = [
    DisclosureBlock {
        caption: "第二十条第（一）项",
        columns: &[col("本年新制作数量", C::Made), col("本年新公开数量", C::Published), col("对外公开总数量", C::PublishedTotal)],
        rows: &[row("规章", I::Rules), row("规范性文件", I::NormativeDocuments)],
    },
    DisclosureBlock {
        caption: "第二十条第（五）项",
        columns: &ITEMS_2019,
        rows: &[row("行政许可", I::Licensing), row("其他对外管理服务事项", I::OtherServices)],
    },
    DisclosureBlock {
        caption: "第二十条第（六）项",
        columns: &ITEMS_2019,
        rows: &[row("行政处罚", I::Punishment), row("行政强制", I::Coercion)],
    },
    DisclosureBlock {
        caption: "第二十条第（八）项",
        columns: &[col("上一年项目数量", C::PreviousItems), col("本年增/减", C::Change)],
        rows: &[row("行政事业性收费", I::Fees)],
    },
    DisclosureBlock {
        caption: "第二十条第（九）项",
        columns: &[col("采购项目数量", C::PurchaseCount), col("采购总金额", C::PurchaseAmount)],
        rows: &[row("政府集中采购", I::Procurement)],
    },
];

// ---------------------------------------------------------------------------
// Table 三, rows.

const NEW: &str = "一、本年新收政府信息公开申请数量";
const CARRIED_IN: &str = "二、上年结转政府信息公开申请数量";
/// The vertical merged label of the result rows.
pub const RESULTS: &str = "三、本年度办理结果";
const CARRIED_OUT: &str = "四、结转下年度继续办理";

const fn section(role: RowRole, label: &'static str) -> ApplicationRow {
    ApplicationRow { role, section: label, group: None, item: None }
}
const fn group(label: &'static str) -> ApplicationRow {
    ApplicationRow { role: RowRole::Result, section: RESULTS, group: Some(label), item: None }
}
const fn item(group: &'static str, item: &'static str) -> ApplicationRow {
    ApplicationRow { role: RowRole::Result, section: RESULTS, group: Some(group), item: Some(item) }
}

const WITHHELD: &str = "（三）不予公开";
const UNAVAILABLE: &str = "（四）无法提供";
const NOT_HANDLED: &str = "（五）不予处理";
/// The （六） group; one row in 2019, three in 2021.
pub const OTHER_HANDLING: &str = "（六）其他处理";
/// 2021 （六）2.: applications dropped for unpaid fees — evidence that fee notices were sent.
pub const UNPAID_FEE_ITEM: &str = "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请";
const RESULT_TOTAL: ApplicationRow =
    ApplicationRow { role: RowRole::ResultTotal, section: RESULTS, group: Some("（七）总计"), item: None };

/// Builds a table 三 row list: rows 1–20 (一 … （五）5.) are identical in both
/// formats; the formats differ only in the （六） rows passed in.
macro_rules! application_rows {
    ($($other:expr),+) => {
        [
            section(RowRole::New, NEW),
            section(RowRole::CarriedIn, CARRIED_IN),
            group("（一）予以公开"),
            group("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            item(WITHHELD, "1.属于国家秘密"),
            item(WITHHELD, "2.其他法律行政法规禁止公开"),
            item(WITHHELD, "3.危及“三安全一稳定”"),
            item(WITHHELD, "4.保护第三方合法权益"),
            item(WITHHELD, "5.属于三类内部事务信息"),
            item(WITHHELD, "6.属于四类过程性信息"),
            item(WITHHELD, "7.属于行政执法案卷"),
            item(WITHHELD, "8.属于行政查询事项"),
            item(UNAVAILABLE, "1.本机关不掌握相关政府信息"),
            item(UNAVAILABLE, "2.没有现成信息需要另行制作"),
            item(UNAVAILABLE, "3.补正后申请内容仍不明确"),
            item(NOT_HANDLED, "1.信访举报投诉类申请"),
            item(NOT_HANDLED, "2.重复申请"),
            item(NOT_HANDLED, "3.要求提供公开出版物"),
            item(NOT_HANDLED, "4.无正当理由大量反复申请"),
            item(NOT_HANDLED, "5.要求行政机关确认或重新出具已获取信息"),
            $($other,)+
            RESULT_TOTAL,
            section(RowRole::CarriedOut, CARRIED_OUT),
        ]
    };
}

const APPLICATIONS_2021: [ApplicationRow; 25] = application_rows!(
    item(OTHER_HANDLING, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    item(OTHER_HANDLING, UNPAID_FEE_ITEM),
    item(OTHER_HANDLING, "3.其他")
);

const APPLICATIONS_2019: [ApplicationRow; 23] = application_rows!(group(OTHER_HANDLING));

static TEMPLATE_2021: Template =
    Template { id: TemplateId::V2021, disclosure: &DISCLOSURE_2021, applications: &APPLICATIONS_2021 };
static TEMPLATE_2019: Template =
    Template { id: TemplateId::V2019, disclosure: &DISCLOSURE_2019, applications: &APPLICATIONS_2019 };

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_counts_match_the_official_tables() {
        assert_eq!(TemplateId::V2021.get().applications.len(), 25);
        assert_eq!(TemplateId::V2019.get().applications.len(), 23);
        // “三、本年度办理结果” spans 22 rows in 2021 and 20 in 2019 (format-notes §1.5, §2.4).
        let spans = |t: TemplateId| t.get().applications.iter().filter(|r| r.section == RESULTS).count();
        assert_eq!(spans(TemplateId::V2021), 22);
        assert_eq!(spans(TemplateId::V2019), 20);
        assert_eq!(TemplateId::V2021.get().disclosure_shape(), vec![3, 3, 1, 1, 1, 1]);
        assert_eq!(TemplateId::V2019.get().disclosure_shape(), vec![3, 3, 3, 3, 3, 3, 2, 2]);
    }

    #[test]
    fn roles_are_where_the_rules_expect_them() {
        for t in TemplateId::ALL {
            let tpl = t.get();
            assert_eq!(tpl.application_row(RowRole::New), 0);
            assert_eq!(tpl.application_row(RowRole::CarriedIn), 1);
            assert_eq!(tpl.application_row(RowRole::CarriedOut), tpl.applications.len() - 1);
            assert_eq!(tpl.application_row(RowRole::ResultTotal), tpl.applications.len() - 2);
            assert_eq!(tpl.result_rows().count(), tpl.applications.len() - 4);
        }
    }

    #[test]
    fn labels_read_as_printed() {
        let rows = TemplateId::V2021.get().applications;
        assert_eq!(rows[4].label(), "（三）不予公开 1.属于国家秘密");
        assert_eq!(rows[2].label(), "（一）予以公开");
        assert_eq!(rows[0].label(), "一、本年新收政府信息公开申请数量");
        assert_eq!(review_label(7), "未经复议直接起诉「其他结果」");
        assert_eq!(TemplateId::from_code("2019"), Some(TemplateId::V2019));
        assert_eq!(TemplateId::from_code("2020"), None);
    }
}
