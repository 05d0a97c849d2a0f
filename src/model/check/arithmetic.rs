//! Hard rules H1–H5: the 勾稽 relation, the totals, and value domains.
//! Blank cells count as 0 in every sum.

use super::{CellRef, Field, Findings, Location, show, show_terms};
use crate::model::report::{Count, Report};
use crate::model::template::{
    APPLICANT_COLUMNS, APPLICANT_TOTAL, CellKind, REVIEW_GROUPS, REVIEW_OUTCOMES, RowRole, review_label,
};
use crate::model::totals::{applicant_sum, results_sum, review_sum, review_total_index};

pub(super) fn check(r: &Report, out: &mut Findings) {
    balance(r, out);
    result_totals(r, out);
    row_totals(r, out);
    review_totals(r, out);
    domains(r, out);
}

fn value(c: Count) -> i64 {
    c.unwrap_or(0)
}

/// H1: 一 + 二 = （七）总计 + 四, for every column.
fn balance(r: &Report, out: &mut Findings) {
    let tpl = r.template.get();
    let rows =
        [RowRole::New, RowRole::CarriedIn, RowRole::ResultTotal, RowRole::CarriedOut].map(|role| tpl.application_row(role));
    let [new, carried_in, total, carried_out] = rows;
    let column = |col: usize| rows.map(|row| CellRef::applications(row, col)).to_vec();
    let mut differences = [0i64; APPLICANT_COLUMNS.len()];
    for (col, name) in APPLICANT_COLUMNS.iter().enumerate() {
        let cell = |row: usize| r.applications[row][col];
        let left = value(cell(new)).saturating_add(value(cell(carried_in)));
        let right = value(cell(total)).saturating_add(value(cell(carried_out)));
        differences[col] = left.saturating_sub(right);
        if left != right {
            out.error(
                "H1",
                Location::Cells(column(col)),
                format!(
                    "表三「{name}」列：第一项 {} + 第二项 {} = {left}，但第三项总计 {} + 第四项 {} = {right}，相差 {}。\
                     勾稽关系要求第一项加第二项之和等于第三项加第四项之和",
                    show(cell(new)),
                    show(cell(carried_in)),
                    show(cell(total)),
                    show(cell(carried_out)),
                    (left - right).abs()
                ),
            );
        }
    }
    // S16: two applicant columns off by +k and −k while 总计 balances: the same k
    // applications were put under one applicant type when received and another when answered.
    let unbalanced: Vec<usize> = (0..APPLICANT_TOTAL).filter(|&c| differences[c] != 0).collect();
    if let [a, b] = unbalanced[..]
        && differences[APPLICANT_TOTAL] == 0
        && differences[a] == -differences[b]
    {
        let (received, answered) = if differences[a] > 0 { (a, b) } else { (b, a) };
        let k = differences[received];
        out.hint(
            "S16",
            Location::Cells([column(received), column(answered)].concat()),
            format!(
                "表三「{}」列多出 {k} 件、「{}」列少了 {k} 件，而「总计」列是平衡的：多半是同样的 {k} 件申请在新收（或上年结转）时记在\
                 「{}」名下，在办理结果（或结转下年度）中记在「{}」名下。请按同一申请人类型填写，上面两条勾稽错误会一起消除",
                APPLICANT_COLUMNS[received],
                APPLICANT_COLUMNS[answered],
                APPLICANT_COLUMNS[received],
                APPLICANT_COLUMNS[answered]
            ),
        );
    }
}

/// Reports a total that disagrees with its parts, or is blank while they are not.
fn total_mismatch(out: &mut Findings, rule: &'static str, at: CellRef, what: String, total: Count, parts: Count, terms: String) {
    match (total, parts) {
        (None, Some(sum)) => out.error(rule, Location::cell(at), format!("{what}：总计为空白，但 {terms} = {sum}，请填写总计")),
        (Some(t), _) if t != value(parts) => {
            let sum = value(parts);
            out.error(rule, Location::cell(at), format!("{what}：总计填 {t}，但 {terms} = {sum}，相差 {}", (t - sum).abs()))
        }
        _ => {}
    }
}

/// H2: （七）总计 = （一）+（二）+ every row of （三）…（六）, for every column.
fn result_totals(r: &Report, out: &mut Findings) {
    let tpl = r.template.get();
    let total_row = tpl.application_row(RowRole::ResultTotal);
    for (col, name) in APPLICANT_COLUMNS.iter().enumerate() {
        // Show one term per group （一）…（六）, summing the group's sub-rows.
        let mut groups: Vec<(&str, Count)> = Vec::new();
        for row in tpl.result_rows() {
            let group = tpl.applications[row].group.unwrap_or_default();
            let v = r.applications[row][col];
            match groups.last_mut() {
                Some((g, sum)) if *g == group => *sum = crate::model::totals::sum([*sum, v]),
                _ => groups.push((group, v)),
            }
        }
        let terms = show_terms(groups.iter().map(|(g, v)| (short_group(g), *v)));
        total_mismatch(
            out,
            "H2",
            CellRef::applications(total_row, col),
            format!("表三「（七）总计」行「{name}」列"),
            r.applications[total_row][col],
            results_sum(r, col),
            terms,
        );
    }
}

/// “（二）部分公开（区分处理的…）” → “（二）部分公开”, to keep sums readable.
pub(super) fn short_group(label: &str) -> &str {
    label.find("（区分").map_or(label, |i| &label[..i])
}

/// H3: 总计 column = 自然人 + … + 其他, for every row.
fn row_totals(r: &Report, out: &mut Findings) {
    let tpl = r.template.get();
    for (row, cells) in r.applications.iter().enumerate() {
        let terms = show_terms(APPLICANT_COLUMNS[..APPLICANT_TOTAL].iter().copied().zip(cells.iter().copied()));
        total_mismatch(
            out,
            "H3",
            CellRef::applications(row, APPLICANT_TOTAL),
            format!("表三「{}」行", tpl.applications[row].label()),
            cells[APPLICANT_TOTAL],
            applicant_sum(cells),
            terms,
        );
    }
}

/// H4: each group of table 四: 总计 = 维持 + 纠正 + 其他 + 尚未审结.
fn review_totals(r: &Report, out: &mut Findings) {
    for (group, name) in REVIEW_GROUPS.iter().enumerate() {
        let start = group * REVIEW_OUTCOMES.len();
        let terms = show_terms(REVIEW_OUTCOMES.iter().copied().zip(r.reviews[start..].iter().copied()).take(4));
        let at = review_total_index(group);
        total_mismatch(
            out,
            "H4",
            CellRef::reviews(at),
            format!("表四「{name}」"),
            r.reviews[at],
            review_sum(&r.reviews, group),
            terms,
        );
    }
}

/// H5: counts and amounts are not negative (only 2019 本年增/减 may be).
/// Non-integers never get this far: the loader and the UI refuse them.
fn domains(r: &Report, out: &mut Findings) {
    let tpl = r.template.get();
    for (i, ((block, row), cells)) in tpl.disclosure_rows().zip(&r.disclosure).enumerate() {
        for (j, (col, cell)) in block.columns.iter().zip(cells).enumerate() {
            if let Some(v) = cell
                && v.is_negative()
                && col.role.kind() != CellKind::SignedCount
            {
                out.error(
                    "H5",
                    Location::cell(CellRef::disclosure(i, j)),
                    format!("表二「{}」行「{}」列填了负数 {v}，只有2019年格式的「本年增/减」可以为负", row.label, col.label),
                );
            }
        }
    }
    for (i, cells) in r.applications.iter().enumerate() {
        for (j, cell) in cells.iter().enumerate() {
            if let Some(v) = cell.filter(|v| *v < 0) {
                out.error(
                    "H5",
                    Location::cell(CellRef::applications(i, j)),
                    format!(
                        "表三「{}」行「{}」列填了负数 {v}，申请件数不能为负",
                        tpl.applications[i].label(),
                        APPLICANT_COLUMNS[j]
                    ),
                );
            }
        }
    }
    for (j, cell) in r.reviews.iter().enumerate() {
        if let Some(v) = cell.filter(|v| *v < 0) {
            out.error("H5", Location::cell(CellRef::reviews(j)), format!("表四{}填了负数 {v}，案件数不能为负", review_label(j)));
        }
    }
    if let Some(fee) = r.processing_fee.filter(|f| f.is_negative()) {
        out.error("H5", Location::Field(Field::ProcessingFee), format!("信息处理费填了负数 {fee} 元"));
    }
}

#[cfg(test)]
mod tests {
    use crate::model::check::{CellRef, Location, check};
    use crate::model::decimal::Decimal;
    use crate::model::report::Report;
    use crate::model::template::TemplateId;
    use crate::model::totals::fill_totals;

    fn rules(r: &Report) -> Vec<&'static str> {
        check(r, None).iter().filter(|f| f.rule.starts_with('H') && f.rule != "H6").map(|f| f.rule).collect()
    }

    /// A consistent report: 10 new + 2 carried = 9 handled + 3 carried out.
    fn consistent(t: TemplateId) -> Report {
        let mut r = Report::new(t, 2024, "测试局");
        for row in r.applications.iter_mut() {
            *row = [Some(0); 7];
        }
        let n = r.applications.len();
        r.applications[0][0] = Some(10); // 一、新收 自然人
        r.applications[1][0] = Some(2); // 二、上年结转
        r.applications[2][0] = Some(5); // （一）予以公开
        r.applications[12][0] = Some(4); // （四）1.
        r.applications[n - 1][0] = Some(3); // 四、结转下年度
        r.reviews = [Some(0); 15];
        r.reviews[0] = Some(1);
        fill_totals(&mut r);
        r
    }

    #[test]
    fn consistent_reports_pass_in_both_formats() {
        for t in TemplateId::ALL {
            assert_eq!(rules(&consistent(t)), Vec::<&str>::new(), "{t:?}");
        }
    }

    #[test]
    fn h1_balance_broken() {
        for t in TemplateId::ALL {
            let mut r = consistent(t);
            let n = r.applications.len();
            r.applications[n - 1][0] = Some(4); // carried out 4: 12 ≠ 9 + 4
            r.applications[n - 1][6] = Some(4);
            let found = check(&r, None);
            let h1: Vec<_> = found.iter().filter(|f| f.rule == "H1").collect();
            assert_eq!(h1.len(), 2, "自然人 and 总计 columns");
            assert_eq!(
                h1[0].to_string(),
                "错误 H1 表三「自然人」列：第一项 10 + 第二项 2 = 12，但第三项总计 9 + 第四项 4 = 13，相差 1。\
                 勾稽关系要求第一项加第二项之和等于第三项加第四项之和"
            );
            let Location::Cells(cells) = &h1[0].location else { panic!() };
            assert_eq!(cells[0], CellRef::applications(0, 0), "the first typed cell of the column is focused");
            assert!(cells.contains(&CellRef::applications(n - 2, 0)));
        }
    }

    #[test]
    fn s16_links_two_columns_that_swapped_applications() {
        // The real case: one application counted as 其他 when received and as 自然人 when answered.
        let mut r = consistent(TemplateId::V2021);
        r.applications[0][0] = Some(9);
        r.applications[0][5] = Some(1);
        let found = check(&r, None);
        assert_eq!(found.iter().filter(|f| f.rule == "H1").count(), 2, "the two errors stay");
        let s16: Vec<_> = found.iter().filter(|f| f.rule == "S16").collect();
        assert_eq!(s16.len(), 1);
        assert_eq!(s16[0].severity, crate::model::Severity::Hint);
        assert_eq!(
            s16[0].message,
            "表三「其他」列多出 1 件、「自然人」列少了 1 件，而「总计」列是平衡的：多半是同样的 1 件申请在新收（或上年结转）时记在\
             「其他」名下，在办理结果（或结转下年度）中记在「自然人」名下。请按同一申请人类型填写，上面两条勾稽错误会一起消除"
        );
        let Location::Cells(cells) = &s16[0].location else { panic!() };
        assert_eq!((cells[0], cells.len()), (CellRef::applications(0, 5), 8));
        // Off by different amounts, or with the 总计 column off too: no link.
        r.applications[0][5] = Some(2);
        r.applications[0][6] = Some(11);
        assert!(check(&r, None).iter().all(|f| f.rule != "S16"));
        assert!(check(&consistent(TemplateId::V2021), None).iter().all(|f| f.rule != "S16"));
    }

    #[test]
    fn h1_counts_blank_as_zero() {
        let mut r = consistent(TemplateId::V2021);
        r.applications[1] = [None; 7]; // carried in blank: 10 ≠ 9 + 3
        let h1 = check(&r, None).into_iter().find(|f| f.rule == "H1").unwrap();
        assert!(h1.message.contains("第二项 空白 = 10"), "{}", h1.message);
    }

    #[test]
    fn h2_result_total_wrong_or_blank() {
        for t in TemplateId::ALL {
            let mut r = consistent(t);
            let total_row = r.applications.len() - 2;
            r.applications[total_row][0] = Some(8);
            let found = check(&r, None);
            let h2 = found.iter().find(|f| f.rule == "H2").unwrap();
            assert!(
                h2.message.starts_with("表三「（七）总计」行「自然人」列：总计填 8，但 （一）予以公开 5 + （二）部分公开 0 + "),
                "{}",
                h2.message
            );
            assert!(h2.message.ends_with("= 9，相差 1"), "{}", h2.message);
            r.applications[total_row][0] = None;
            let h2 = check(&r, None).into_iter().find(|f| f.rule == "H2").unwrap();
            assert!(h2.message.contains("总计为空白，但") && h2.message.ends_with("= 9，请填写总计"), "{}", h2.message);
        }
    }

    #[test]
    fn h2_all_blank_is_not_an_error() {
        let r = Report::new(TemplateId::V2021, 2024, "测试局");
        assert_eq!(rules(&r), Vec::<&str>::new(), "blank is incomplete (H6), not wrong");
    }

    #[test]
    fn h3_row_total() {
        let mut r = consistent(TemplateId::V2019);
        r.applications[0][1] = Some(1); // 商业企业 1 but 总计 still 10
        let found = check(&r, None);
        let h3 = found.iter().find(|f| f.rule == "H3").unwrap();
        assert_eq!(
            h3.message,
            "表三「一、本年新收政府信息公开申请数量」行：总计填 10，但 自然人 10 + 商业企业 1 + 科研机构 0 + 社会公益组织 0 + 法律服务机构 0 + 其他 0 = 11，相差 1"
        );
        assert_eq!(h3.location, Location::cell(CellRef::applications(0, 6)));
    }

    #[test]
    fn h4_review_groups() {
        let mut r = consistent(TemplateId::V2021);
        r.reviews[5] = Some(2);
        r.reviews[6] = Some(1);
        r.reviews[9] = Some(0); // 未经复议直接起诉: 总计 0 but parts 3
        let found = check(&r, None);
        let h4: Vec<_> = found.iter().filter(|f| f.rule == "H4").collect();
        assert_eq!(h4.len(), 1);
        assert_eq!(
            h4[0].message,
            "表四「未经复议直接起诉」：总计填 0，但 结果维持 2 + 结果纠正 1 + 其他结果 0 + 尚未审结 0 = 3，相差 3"
        );
        r.reviews[9] = Some(3);
        assert!(rules(&r).is_empty());
    }

    #[test]
    fn h5_negative_values() {
        let mut r = consistent(TemplateId::V2021);
        r.applications[3][2] = Some(-1);
        r.applications[3][6] = Some(-1);
        r.reviews[0] = Some(-1);
        r.processing_fee = Some(Decimal::from_int(-5));
        r.disclosure[5][0] = Some("-1.5".parse().unwrap());
        let found = check(&r, None);
        let h5: Vec<_> = found.iter().filter(|f| f.rule == "H5").map(|f| f.message.as_str()).collect();
        assert!(h5.contains(
            &"表三「（二）部分公开（区分处理的，只计这一情形，不计其他情形）」行「科研机构」列填了负数 -1，申请件数不能为负"
        ));
        assert!(h5.contains(&"表四行政复议「结果维持」填了负数 -1，案件数不能为负"));
        assert!(h5.contains(&"信息处理费填了负数 -5 元"));
        assert!(h5.iter().any(|m| m.starts_with("表二「行政事业性收费」行")));
    }

    #[test]
    fn h5_allows_signed_change_in_2019() {
        let mut r = consistent(TemplateId::V2019);
        r.disclosure[2][1] = Some(Decimal::from_int(-8)); // 行政许可 本年增/减
        assert!(!rules(&r).contains(&"H5"));
        r.disclosure[2][0] = Some(Decimal::from_int(-8)); // 上一年项目数量
        assert!(rules(&r).contains(&"H5"));
    }
}
