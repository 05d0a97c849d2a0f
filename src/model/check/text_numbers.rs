//! S5: counts stated in the text of 一、总体情况 that contradict the tables.
//!
//! A number is read only as “N件” (or “N宗”), and only with the words just
//! before it in its clause (or, when those say nothing, just after it: 「1件结转
//! 下年度继续办理」). What the words mean (README.md documents it):
//! - 收到/受理/接收/接到 N 件 (申请): 本年新收 + 上年结转, or 本年新收 alone;
//!   办理 N 件 may also be the （七）总计; 新收 is 本年新收; 办结/答复 is （七）总计;
//!   结转下年度 is 四, 上年结转 is 二 — all in the 总计 column, and only in a
//!   sentence about 申请 (not 建议、提案、信访、咨询…), and not after 其中 (a part);
//! - 予以公开, 部分公开, 不予公开, 无法提供, 不予处理, 其他处理: the total of that group,
//!   several named together (「予以公开及部分公开」) their sum;
//! - 行政复议 / 行政诉讼 (直接起诉, 复议后起诉): table 四's 总计 of that group, both
//!   named together their sum; not a count of one outcome (维持、纠正、审结…);
//! - 现行有效 / 制发 / 废止 with 行政规范性文件 or 规章: that cell of table 二;
//! - a clause about change (同比、较上年、增长…) or 备案 states no table count.
//!
//! The finding quotes the clause and is worded as a question: a text often
//! counts one office (区政府办) while the table counts a whole area.

use super::arithmetic::short_group;
use super::reading::{CLAUSE_ENDS, Reading, shorten, split};
use super::{Findings, Location};
use crate::model::decimal::Decimal;
use crate::model::report::{Count, Report, TextField};
use crate::model::template::{APPLICANT_TOTAL, ColumnRole, DisclosureItem, REVIEW_GROUPS, RowRole};
use crate::model::text::amounts_in_yuan;
use crate::model::totals::{applicant_sum, review_total_index, sum};

pub(super) fn check(r: &Report, out: &mut Findings) {
    let fields = std::iter::once(TextField::OverviewLead).chain((0..r.overview.sections.len()).map(TextField::OverviewBody));
    for field in fields {
        let text = match field {
            TextField::OverviewBody(i) => &r.overview.sections[i].body,
            _ => &r.overview.lead,
        };
        let reading = Reading::new(text);
        for sentence in reading.sentences() {
            let about_applications = reading.text(sentence.clone()).contains("申请");
            for clause in split(&reading.chars, sentence, |c| CLAUSE_ENDS.contains(&c)) {
                let words = reading.text(clause.clone());
                if CHANGE_WORDS.iter().any(|w| words.contains(w)) {
                    continue;
                }
                let mut contradictions = counts_in(&reading, clause.clone())
                    .into_iter()
                    .filter_map(|(label, n, after)| {
                        let claim = claim(r, &label, about_applications).or_else(|| claim(r, &after, about_applications))?;
                        (!claim.allowed.contains(&n)).then_some(claim.table)
                    })
                    .collect::<Vec<_>>();
                contradictions.extend(fee_stated(r, &words));
                if !contradictions.is_empty() {
                    let clause = reading.trimmed(clause);
                    let words = reading.text(clause.clone());
                    out.warning(
                        "S5",
                        Location::Quote(field, reading.span(clause)),
                        format!(
                            "{}写「{}」，而{}。是正文只统计了一部分（如本机关、某一类），还是正文或表格有误？请核对",
                            field.label(r),
                            shorten(&words, 60),
                            contradictions.join("；")
                        ),
                    );
                }
            }
        }
    }
}

/// Clauses with these words compare or count something else.
const CHANGE_WORDS: [&str; 12] =
    ["同比", "环比", "较上年", "比上年", "较去年", "比去年", "增长", "下降", "减少", "增加", "上升", "备案"];

/// Every “N件” of the clause: the words from the previous count (or the clause's
/// start) to it, N, and the words after it up to the next count.
fn counts_in(reading: &Reading, clause: std::ops::Range<usize>) -> Vec<(String, i64, String)> {
    let chars = &reading.chars;
    let mut found: Vec<(usize, usize, i64)> = Vec::new();
    let mut i = clause.start;
    while i < clause.end {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < clause.end && chars[i].is_ascii_digit() {
            i += 1;
        }
        let before = start.checked_sub(1).map(|b| chars[b]);
        let unit = chars.get(i).is_some_and(|c| matches!(c, '件' | '宗')) && chars.get(i + 1) != Some(&'次');
        if unit && !matches!(before, Some('第' | '.')) && i - start <= 9 {
            let n = reading.text(start..i).parse().unwrap_or(-1);
            found.push((start, i + 1, n));
        }
    }
    let mut out = Vec::new();
    for (k, &(start, end, n)) in found.iter().enumerate() {
        let from = if k == 0 { clause.start } else { found[k - 1].1 };
        let to = found.get(k + 1).map_or(clause.end, |next| next.0);
        out.push((reading.text(from..start), n, reading.text(end..to)));
    }
    out
}

/// What the words before (or after) a count say it is: the values the tables
/// allow and how to name them.
struct Claim {
    allowed: Vec<i64>,
    table: String,
}

fn claim(r: &Report, words: &str, about_applications: bool) -> Option<Claim> {
    results(r, words).or_else(|| reviews(r, words)).or_else(|| documents(r, words)).or_else(|| {
        let generic = about_applications && !words.contains("其中") && !NOT_APPLICATIONS.iter().any(|w| words.contains(w));
        generic.then(|| applications(r, words)).flatten()
    })
}

/// Words that make a 收到/办理 count about something other than 政府信息公开申请.
const NOT_APPLICATIONS: [&str; 13] =
    ["建议", "提案", "来信", "信访", "留言", "咨询", "投诉", "举报", "热线", "诉求", "复议", "诉讼", "依职权"];

/// Table 三's 总计 column of a row (the sum of its parts if the total is blank).
fn row_total(r: &Report, row: usize) -> Count {
    r.applications[row][APPLICANT_TOTAL].or_else(|| applicant_sum(&r.applications[row]))
}

/// 「（一）予以公开」… named in the words: the sum of their rows.
fn results(r: &Report, words: &str) -> Option<Claim> {
    const GROUPS: [&str; 6] = ["予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理"];
    let tpl = r.template.get();
    let mut terms: Vec<(&str, Count)> = Vec::new();
    for name in GROUPS.iter().filter(|g| words.contains(*g)) {
        let rows: Vec<usize> =
            tpl.result_rows().filter(|&i| tpl.applications[i].group.is_some_and(|g| g.contains(name))).collect();
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
    let cells: Vec<(usize, Count)> = groups.iter().map(|&g| (g, r.reviews[review_total_index(g)])).collect();
    let total = sum(cells.iter().map(|(_, c)| *c))?;
    let named: Vec<String> = cells.iter().map(|(g, c)| format!("「{}」总计 {}", REVIEW_GROUPS[*g], super::show(*c))).collect();
    let table =
        if named.len() == 1 { format!("表四{}", named[0]) } else { format!("表四{}，合计 {total}", named.join("、")) };
    Some(Claim { allowed: vec![total], table })
}

/// 现行有效 / 制发 / 废止 行政规范性文件 or 规章: that cell of table 二 (2021 format).
fn documents(r: &Report, words: &str) -> Option<Claim> {
    let item = if words.contains("规范性文件") {
        DisclosureItem::NormativeDocuments
    } else if words.contains("规章") && !words.contains("规章制度") {
        DisclosureItem::Rules
    } else {
        return None;
    };
    let role = if words.contains("现行有效") {
        ColumnRole::InForce
    } else if ["制发", "印发", "出台"].iter().any(|w| words.contains(w)) {
        ColumnRole::Issued
    } else if words.contains("废止") {
        ColumnRole::Repealed
    } else {
        return None;
    };
    let tpl = r.template.get();
    let (row, col) = tpl.disclosure_cell(item, role)?;
    let value = r.disclosure[row][col]?;
    let (block, row_label) = tpl.disclosure_rows().nth(row).map(|(b, l)| (b, l.label))?;
    let n = value.to_int()?;
    Some(Claim { allowed: vec![n], table: format!("表二「{row_label}」行「{}」为 {value}", block.columns[col].label) })
}

/// 收到/受理/办理/办结/结转 N 件 in a sentence about 申请: rows 一, 二, （七）, 四.
fn applications(r: &Report, words: &str) -> Option<Claim> {
    let tpl = r.template.get();
    let row = |role| tpl.application_row(role);
    let label = |role| tpl.applications[row(role)].label();
    let value = |role| row_total(r, row(role));
    let [new, carried_in, total, carried_out] =
        [RowRole::New, RowRole::CarriedIn, RowRole::ResultTotal, RowRole::CarriedOut].map(value);
    let has = |list: &[&str]| list.iter().any(|w| words.contains(w));
    let single =
        |role, v: Count| v.map(|v| Claim { allowed: vec![v], table: format!("表三「{}」总计为 {v}", label(role)) });
    if has(&["结转下年", "结转至下年", "结转到下年", "转入下年", "结转下一年", "转下年度"]) {
        return single(RowRole::CarriedOut, carried_out);
    }
    if has(&["上年结转", "结转上年", "上年度结转", "上一年度结转", "结转上一年"]) {
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

/// 信息处理费 stated in 元 in a clause of part 一, against the amount filled in.
fn fee_stated(r: &Report, words: &str) -> Option<String> {
    let fee = r.processing_fee?;
    if !words.contains("信息处理费") {
        return None;
    }
    let stated: Vec<Decimal> = amounts_in_yuan(words);
    (!stated.is_empty() && !stated.contains(&fee)).then(|| format!("填写的本年信息处理费为 {fee} 元"))
}

#[cfg(test)]
mod tests {
    use crate::model::check::{Finding, Location, check};
    use crate::model::decimal::Decimal;
    use crate::model::report::{Report, TextField};
    use crate::model::template::TemplateId;
    use crate::model::totals::fill_totals;

    /// 洪泽区 2024 (hongze-2024.pdf): its tables, with （六） in the first of the three rows.
    fn hongze() -> Report {
        let mut r = Report::new(TemplateId::V2021, 2024, "淮安市洪泽区人民政府");
        r.applications.iter_mut().for_each(|row| *row = [Some(0); 7]);
        for (row, n) in [(0, 95), (2, 50), (3, 9), (6, 1), (9, 1), (10, 1), (12, 31), (13, 1), (15, 1)] {
            r.applications[row][0] = Some(n);
        }
        r.reviews = [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3].map(Some);
        for (row, cells) in
            [(0, vec![0, 0, 0]), (1, vec![3, 0, 8]), (2, vec![9487]), (3, vec![2776]), (4, vec![84]), (5, vec![7545])]
        {
            r.disclosure[row] = cells.into_iter().map(|n| Some(Decimal::from_int(n))).collect();
        }
        fill_totals(&mut r);
        r
    }

    fn s5(r: &Report) -> Vec<Finding> {
        check(r, None).into_iter().filter(|f| f.rule == "S5").collect()
    }

    #[test]
    fn hongze_counts_one_office_while_its_table_counts_the_district() {
        let mut r = hongze();
        let text = "根据《条例》和上级部门关于依申请办理的规范要求，强化组织领导。2024 年，区政府办代表区政府受理政府\
                    信息公开申请 17 件，均已在法定期限内予以答复。";
        r.overview.sections[1].body = text.into();
        let found = s5(&r);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].severity, crate::model::Severity::Warning);
        assert_eq!(
            found[0].message,
            "总体情况（二）依申请公开写「区政府办代表区政府受理政府信息公开申请17件」，而表三「一、本年新收政府信息公开申请数量」\
             总计为 95、「二、上年结转政府信息公开申请数量」总计为 0（合计 95）。是正文只统计了一部分（如本机关、某一类），\
             还是正文或表格有误？请核对"
        );
        // Clicking it selects the clause as typed, spaces and all.
        let Location::Quote(TextField::OverviewBody(1), span) = &found[0].location else { panic!("{:?}", found[0].location) };
        let quoted: String = text.chars().skip(span.start).take(span.len()).collect();
        assert_eq!(quoted, "区政府办代表区政府受理政府信息公开申请 17 件");
        r.overview.sections[1].body = text.replace("17", "95");
        assert!(s5(&r).is_empty());
    }

    #[test]
    fn received_may_include_last_years_applications() {
        // 平潭 2022: 74 new and 1 carried over; 「收到…75件」 and a breakdown by applicant.
        let mut r = Report::new(TemplateId::V2021, 2022, "平潭综合实验区");
        r.applications.iter_mut().for_each(|row| *row = [Some(0); 7]);
        r.applications[0][0] = Some(71);
        r.applications[0][1] = Some(3);
        r.applications[1][0] = Some(1);
        r.applications[2][0] = Some(21);
        r.applications[12][0] = Some(54);
        r.reviews = [0, 1, 1, 0, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0].map(Some);
        fill_totals(&mut r);
        r.overview.sections[1].body =
            "2022年，全区收到政府信息公开申请75件，涉及自然人72件、商业企业3件，均在法定期限内予以答复，办结率100%。\
             2022年，全区政府信息公开工作方面共有行政诉讼案件1件、行政复议案件2件，均已结案。"
                .into();
        assert!(s5(&r).is_empty(), "{:?}", s5(&r));
        // 平潭公安局 2022: 「收到」 is the new applications alone, the carried one said apart.
        r.overview.sections[1].body =
            "2022年，我局收到政府信息公开申请74件。结转上年度政府信息公开申请1件，因申请人无正当理由逾期不补正，\
             不再处理。本年度全区共收到75件申请，及时依法依规办结75件，0件结转下年度继续办理。"
                .into();
        assert!(s5(&r).is_empty(), "{:?}", s5(&r));
    }

    #[test]
    fn reviews_documents_and_results_against_their_cells() {
        let mut r = hongze();
        // The real cases: 134 and 57 against a table 四 of 2 and 4; 393 against 8.
        r.overview.lead =
            "全年办理行政复议案件134件，行政诉讼案件57件。集中公开现行有效行政规范性文件393件，本年度制发的规范性文件3件。"
                .into();
        let found = s5(&r);
        let messages: Vec<&str> = found.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(found.len(), 3, "{messages:?}");
        assert!(messages[0].contains("「全年办理行政复议案件134件」，而表四「行政复议」总计 2。"), "{}", messages[0]);
        assert!(messages[1].contains("「行政诉讼案件57件」，而表四「未经复议直接起诉」总计 1、「复议后起诉」总计 3，合计 4。"));
        assert!(
            messages[2].contains("「集中公开现行有效行政规范性文件393件」，而表二「行政规范性文件」行「现行有效件数」为 8。")
        );
        r.overview.lead =
            "行政复议2件，行政诉讼4件，其中未经复议直接起诉1件、复议后起诉3件。现行有效行政规范性文件8件。予以公开及部分公开59件，无法提供32件。"
                .into();
        assert!(s5(&r).is_empty(), "{:?}", s5(&r));
        // 上海 2019: 「无法提供265件」 counted only its first row.
        r.overview.lead = "无法提供265件。予以公开及部分公开258件。".into();
        assert!(s5(&r)[1].message.contains("而表三「（一）予以公开」50 + 「（二）部分公开」9 合计 59。"), "{:?}", s5(&r));
        assert!(s5(&r)[0].message.contains("而表三「（四）无法提供」总计为 32。"), "{:?}", s5(&r));
    }

    #[test]
    fn other_numbers_are_not_the_tables() {
        let mut r = hongze();
        r.overview.lead =
            "收到人大代表建议12件。申请量同比增长30件。本年备案规范性文件20件。行政复议结果维持1件。第3件申请已答复。\
             共收到申请95件，其中区政府办受理17件。2024年主动公开信息2428条，办结率100%。"
                .into();
        assert!(s5(&r).is_empty(), "{:?}", s5(&r));
    }

    #[test]
    fn a_fee_in_the_overview_against_the_amount_filled_in() {
        let mut r = hongze();
        r.processing_fee = Some(Decimal::ZERO);
        r.overview.sections[4].body = "全年收取政府信息公开信息处理费 3940 元。".into();
        assert!(
            s5(&r)[0]
                .message
                .ends_with("而填写的本年信息处理费为 0 元。是正文只统计了一部分（如本机关、某一类），还是正文或表格有误？请核对")
        );
        r.processing_fee = Some(Decimal::from_int(3940));
        assert!(s5(&r).is_empty());
    }
}
