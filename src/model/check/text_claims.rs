//! S5: what the words around a count in the text of 总体情况 say it counts,
//! and the values the tables allow for it (see `text_numbers` and README.md).

use super::CellRef;
use super::arithmetic::short_group;
use crate::model::report::{Count, Report};
use crate::model::template::{APPLICANT_TOTAL, ColumnRole, DisclosureItem, REVIEW_GROUPS, RowRole};
use crate::model::totals::{applicant_sum, review_total_index, sum};

/// What the words before (or after) a count say it is: the values the tables
/// allow and how to name them.
pub(super) struct Claim {
    pub allowed: Vec<i64>,
    pub table: String,
}

/// `earlier` is the sentence before the count's clause: a document named there
/// is the one a clause of its own counts (「对本局行政规范性文件开展清理，废止2件」).
pub(super) fn claim(r: &Report, words: &str, about_applications: bool, earlier: &str) -> Option<Claim> {
    if names_another_year(words, r.year) && !words.contains('转') {
        return None;
    }
    results(r, words).or_else(|| reviews(r, words)).or_else(|| documents(r, words, earlier)).or_else(|| {
        let generic = about_applications && !words.contains("其中") && !is_part(words) && !names_another_kind(words);
        generic.then(|| applications(r, words)).flatten()
    })
}

/// 「2023年收到24件」: a year other than the report's (not 结转至2025年, 2023年结转).
fn names_another_year(words: &str, year: i32) -> bool {
    let c: Vec<char> = words.chars().collect();
    (4..c.len()).any(|i| {
        let digits: String = c[i - 4..i].iter().collect();
        c[i] == '年'
            && digits.chars().all(|d| d.is_ascii_digit())
            && (i == 4 || !c[i - 5].is_ascii_digit())
            && digits.parse() != Ok(year)
    })
}

/// Words that make a 收到/受理/办理 count about something other than 政府信息公开申请.
const NOT_APPLICATIONS: &str =
    "建议 提案 来信 信访 留言 咨询 投诉 举报 热线 诉求 复议 诉讼 依职权 许可 政务服务 审批 登记 备案 办件 工单";

fn names_another_kind(words: &str) -> bool {
    NOT_APPLICATIONS.split(' ').any(|w| words.contains(w))
}

/// Whether a sentence counts 政府信息公开申请: it names them (政府信息公开申请,
/// 依申请公开), or says 申请 in the 依申请公开 sub-part without naming another
/// kind (行政许可申请, 政务服务事项申请…).
pub(super) fn about_disclosure_applications(sentence: &str, in_applications_part: bool) -> bool {
    const NAMED: [&str; 4] = ["信息公开申请", "依申请公开", "公开申请", "申请公开"];
    NAMED.iter().any(|w| sentence.contains(w))
        || (in_applications_part && sentence.contains("申请") && !names_another_kind(sentence))
}

/// Words that make a count one part of the applications: a channel
/// (通过网络平台收到18件), a period (上半年、12月份、每月), or a subset
/// (另有3件延期答复, 被纠错0件).
const CHANNELS: &str = "通过 方式 当面 现场 信函 邮寄 网络 网上 在线 平台 邮件 邮箱 传真 电话 窗口";
const PERIODS: &str = "上半年 下半年 季度 月份 月均 每月 当月 平均 日均 每周 每季 同期";
const SUBSETS: &str = "另有 另外 延期 逾期 超期 按期 按时 如期 限内 尚有 正在 尚未 纠错 纠正 补正 转办 转来 当场";

pub(super) fn is_part(words: &str) -> bool {
    [CHANNELS, PERIODS, SUBSETS].iter().flat_map(|list| list.split(' ')).any(|w| words.contains(w)) || names_a_month(words)
}

/// 「12月收到8件」, 「三月份」: a month, not a date (12月31日), an end (12月底)
/// or a range (1月至12月).
fn names_a_month(words: &str) -> bool {
    let c: Vec<char> = words.chars().collect();
    let numeral = |ch: char| ch.is_ascii_digit() || "一二三四五六七八九十".contains(ch);
    (1..c.len()).any(|i| {
        let range = |ch: Option<&char>| ch.is_some_and(|ch| "至到-~～—－".contains(*ch));
        let mut s = i;
        while s > 0 && numeral(c[s - 1]) {
            s -= 1;
        }
        c[i] == '月'
            && s < i
            && !range(s.checked_sub(1).map(|p| &c[p]))
            && !c.get(i + 1).is_some_and(|ch| numeral(*ch) || "底末初".contains(*ch) || range(Some(ch)))
    })
}

/// 结转 to the next year: 结转下年度, 结转至下一年度, 结转至2025年, 转入下年度.
fn carries_out(words: &str, year: i32) -> bool {
    let next = (year + 1).to_string();
    ["结转", "转入", "转至", "转到"].iter().any(|w| {
        words.match_indices(w).any(|(at, _)| {
            let rest = words[at + w.len()..].trim_start_matches(['至', '到', '入']);
            ["下", "次年", "明年", next.as_str()].iter().any(|n| rest.starts_with(n))
        })
    })
}

/// Table 三's 总计 column of a row (the sum of its parts if the total is blank).
fn row_total(r: &Report, row: usize) -> Count {
    r.applications[row][APPLICANT_TOTAL].or_else(|| applicant_sum(&r.applications[row]))
}

/// Whether a cell of table 三's row could not be read by an import: its total is
/// then unknown, and no count is compared with it (model/unread.rs).
fn unread_row(r: &Report, row: usize) -> bool {
    (0..=APPLICANT_TOTAL).any(|col| r.unread_at(CellRef::applications(row, col)).is_some())
}

/// 「（一）予以公开」… named in the words: the sum of their rows.
fn results(r: &Report, words: &str) -> Option<Claim> {
    const GROUPS: [&str; 6] = ["予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理"];
    let tpl = r.template.get();
    let mut terms: Vec<(&str, Count)> = Vec::new();
    for name in GROUPS.iter().filter(|g| words.contains(*g)) {
        let rows: Vec<usize> =
            tpl.result_rows().filter(|&i| tpl.applications[i].group.is_some_and(|g| g.contains(name))).collect();
        if rows.iter().any(|&i| unread_row(r, i)) {
            return None;
        }
        let label = tpl.applications[rows[0]].group.unwrap_or_default();
        terms.push((short_group(label), sum(rows.iter().map(|&i| row_total(r, i)))));
    }
    let total = sum(terms.iter().map(|(_, v)| *v))?;
    let table = match terms[..] {
        [(label, _)] => format!("表三「{label}」总计为 {total}"),
        _ => {
            let named: Vec<String> = terms.iter().map(|(label, v)| format!("「{label}」{}", super::show(*v))).collect();
            format!("表三{} 合计 {total}", named.join(" + "))
        }
    };
    Some(Claim { allowed: vec![total], table })
}

/// 行政复议 / 行政诉讼 named in the words: table 四's 总计 of those groups.
fn reviews(r: &Report, words: &str) -> Option<Claim> {
    const OUTCOMES: [&str; 8] = ["维持", "纠正", "审结", "败诉", "胜诉", "撤销", "驳回", "结果"];
    let mut groups = Vec::new();
    if words.contains("行政复议") {
        groups.push(0);
    }
    if words.contains("直接起诉") {
        groups.push(1);
    } else if words.contains("复议后起诉") {
        groups.push(2);
    } else if words.contains("诉讼") {
        groups.extend([1, 2]);
    }
    if groups.is_empty() || OUTCOMES.iter().any(|w| words.contains(w)) {
        return None;
    }
    if groups.iter().any(|&g| r.unread_at(CellRef::reviews(review_total_index(g))).is_some()) {
        return None;
    }
    let cells: Vec<(usize, Count)> = groups.iter().map(|&g| (g, r.reviews[review_total_index(g)])).collect();
    let total = sum(cells.iter().map(|(_, c)| *c))?;
    let named: Vec<String> = cells.iter().map(|(g, c)| format!("「{}」总计 {}", REVIEW_GROUPS[*g], super::show(*c))).collect();
    let table =
        if named.len() == 1 { format!("表四{}", named[0]) } else { format!("表四{}，合计 {total}", named.join("、")) };
    Some(Claim { allowed: vec![total], table })
}

/// 现行有效 / 制发 / 废止 行政规范性文件 or 规章: that cell of table 二 (2021 format).
fn documents(r: &Report, words: &str, earlier: &str) -> Option<Claim> {
    // Inherited only by a count right after its verb (「废止2件」, not 「制定工作方案5件」).
    let bare =
        || ["现行有效", "制发", "印发", "出台", "制定", "废止"].iter().any(|w| words.trim_end_matches(['共', '了']).ends_with(w));
    let item = match document_named(words) {
        Some(item) => item?,
        None if bare() => document_named(earlier).flatten()?,
        None => return None,
    };
    let role = if words.contains("现行有效") {
        ColumnRole::InForce
    } else if ["制发", "印发", "出台", "制定"].iter().any(|w| words.contains(w)) {
        ColumnRole::Issued
    } else if words.contains("废止") {
        ColumnRole::Repealed
    } else {
        return None;
    };
    let tpl = r.template.get();
    let (row, col) = tpl.disclosure_cell(item, role)?;
    if r.unread_at(CellRef::disclosure(row, col)).is_some() {
        return None;
    }
    let value = r.disclosure[row][col]?;
    let (block, row_label) = tpl.disclosure_rows().nth(row).map(|(b, l)| (b, l.label))?;
    let n = value.to_int()?;
    Some(Claim { allowed: vec![n], table: format!("表二「{row_label}」行「{}」为 {value}", block.columns[col].label) })
}

/// The document the words name last: 行政规范性文件 or 规章 (not 规章制度), or
/// `Some(None)` for other 文件 (「清理各类文件50件」); `None` when they name none.
fn document_named(words: &str) -> Option<Option<DisclosureItem>> {
    let last = |w: &str| words.rfind(w);
    let normative = last("规范性文件");
    let rules = words.match_indices("规章").filter(|(at, _)| !words[at + 6..].starts_with("制度")).map(|(at, _)| at).last();
    let other = words.match_indices("文件").map(|(at, _)| at).filter(|at| Some(at.saturating_sub(9)) != normative).last();
    [(normative, Some(DisclosureItem::NormativeDocuments)), (rules, Some(DisclosureItem::Rules)), (other, None)]
        .into_iter()
        .filter_map(|(at, item)| Some((at?, item)))
        .max_by_key(|(at, _)| *at)
        .map(|(_, item)| item)
}

/// 收到/受理/办理/办结/结转 N 件 in a sentence about 申请: rows 一, 二, （七）, 四.
fn applications(r: &Report, words: &str) -> Option<Claim> {
    let tpl = r.template.get();
    let row = |role| tpl.application_row(role);
    let label = |role| tpl.applications[row(role)].label();
    let roles = [RowRole::New, RowRole::CarriedIn, RowRole::ResultTotal, RowRole::CarriedOut];
    if roles.iter().any(|&role| unread_row(r, row(role))) {
        return None;
    }
    let value = |role| row_total(r, row(role));
    let [new, carried_in, total, carried_out] =
        [RowRole::New, RowRole::CarriedIn, RowRole::ResultTotal, RowRole::CarriedOut].map(value);
    let has = |list: &[&str]| list.iter().any(|w| words.contains(w));
    let single =
        |role, v: Count| v.map(|v| Claim { allowed: vec![v], table: format!("表三「{}」总计为 {v}", label(role)) });
    if carries_out(words, r.year) {
        return single(RowRole::CarriedOut, carried_out);
    }
    if has(&["上年结转", "结转上年", "上年度结转", "上一年度结转", "结转上一年", &format!("{}年结转", r.year - 1)])
    {
        return single(RowRole::CarriedIn, carried_in);
    }
    if has(&["新收"]) {
        return single(RowRole::New, new);
    }
    if has(&["办结", "答复", "办理完毕", "完成办理"]) {
        return single(RowRole::ResultTotal, total);
    }
    let handled = words.contains("办理");
    if !(handled || has(&["收到", "受理", "接收", "接到"])) {
        return None;
    }
    let received = sum([new, carried_in])?;
    let mut allowed = vec![new.unwrap_or(0), received];
    let mut table = format!(
        "表三「{}」总计为 {}、「{}」总计为 {}（合计 {received}）",
        label(RowRole::New),
        super::show(new),
        label(RowRole::CarriedIn),
        super::show(carried_in)
    );
    if handled && let Some(t) = total {
        allowed.push(t);
        table.push_str(&format!("，「（七）总计」为 {t}"));
    }
    Some(Claim { allowed, table })
}
