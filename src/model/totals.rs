//! Totals computed from their parts: the 总计 column and （七）总计 row of
//! table 三, and the three 总计 cells of table 四. Blank counts as 0; a total of
//! nothing but blanks is blank.

use super::report::{Count, Report};
use super::template::{APPLICANT_TOTAL, REVIEW_GROUPS, REVIEW_OUTCOMES, REVIEW_TOTAL, RowRole};

/// The sum of the cells, blank as 0; `None` when every cell is blank.
pub fn sum(cells: impl IntoIterator<Item = Count>) -> Count {
    cells.into_iter().flatten().reduce(i64::saturating_add)
}

/// Table 三, one row: 自然人 + … + 其他.
pub fn applicant_sum(row: &[Count; 7]) -> Count {
    sum(row[..APPLICANT_TOTAL].iter().copied())
}

/// Table 三, one column: （一） + … + （六） (every result row).
pub fn results_sum(report: &Report, col: usize) -> Count {
    sum(report.template.get().result_rows().map(|r| report.applications[r][col]))
}

/// Table 四, one group (0 行政复议, 1 未经复议直接起诉, 2 复议后起诉): 维持 + 纠正 + 其他 + 尚未审结.
pub fn review_sum(reviews: &[Count], group: usize) -> Count {
    let start = group * REVIEW_OUTCOMES.len();
    sum(reviews[start..start + REVIEW_TOTAL].iter().copied())
}

/// The cell index of a group's 总计 in table 四.
pub fn review_total_index(group: usize) -> usize {
    group * REVIEW_OUTCOMES.len() + REVIEW_TOTAL
}

/// Sets every total cell from its parts (the UI's 「自动合计」).
pub fn fill_totals(report: &mut Report) {
    let total_row = report.template.get().application_row(RowRole::ResultTotal);
    for (i, row) in report.applications.iter_mut().enumerate() {
        if i != total_row {
            row[APPLICANT_TOTAL] = applicant_sum(row);
        }
    }
    for col in 0..=APPLICANT_TOTAL {
        report.applications[total_row][col] = results_sum(report, col);
    }
    for group in 0..REVIEW_GROUPS.len() {
        report.reviews[review_total_index(group)] = review_sum(&report.reviews, group);
    }
}

/// Whether every total already equals the sum of its parts (what 「自动合计」 would make it).
/// A report with unread cells (from an import) is not: a computed total would
/// hide what the source printed.
pub fn consistent(report: &Report) -> bool {
    if !report.unread.is_empty() {
        return false;
    }
    let mut recomputed = report.clone();
    fill_totals(&mut recomputed);
    recomputed == *report
}

/// Whether a cell of table 三 is a computed total.
pub fn is_application_total(report: &Report, row: usize, col: usize) -> bool {
    col == APPLICANT_TOTAL || report.template.get().applications[row].role == RowRole::ResultTotal
}

/// Whether a cell of table 四 is a computed total.
pub fn is_review_total(col: usize) -> bool {
    col % REVIEW_OUTCOMES.len() == REVIEW_TOTAL
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::template::TemplateId;

    #[test]
    fn blank_is_zero_but_all_blank_stays_blank() {
        assert_eq!(sum([None, Some(2), None, Some(3)]), Some(5));
        assert_eq!(sum([None, None]), None);
        assert_eq!(sum([Some(0), None]), Some(0));
    }

    #[test]
    fn fill_totals_makes_every_total_consistent() {
        for t in TemplateId::ALL {
            let mut r = Report::new(t, 2024, "测试局");
            r.applications[0][0] = Some(5);
            r.applications[0][1] = Some(2);
            r.applications[2][0] = Some(4); // （一）予以公开
            r.applications[2][1] = Some(1);
            r.applications[4][3] = Some(1); // （三）1.
            let last = r.applications.len() - 1;
            r.applications[last][0] = Some(1);
            r.reviews[0] = Some(2);
            r.reviews[3] = Some(1);
            r.reviews[11] = Some(0);
            fill_totals(&mut r);
            let total_row = t.get().application_row(RowRole::ResultTotal);
            assert_eq!(r.applications[0][6], Some(7));
            assert_eq!(r.applications[total_row][0], Some(4));
            assert_eq!(r.applications[total_row][6], Some(6));
            assert_eq!(r.applications[1][6], None, "an all-blank row keeps a blank total");
            assert_eq!(r.reviews[4], Some(3));
            assert_eq!(r.reviews[9], None);
            assert_eq!(r.reviews[14], Some(0));
            assert!(is_application_total(&r, total_row, 0));
            assert!(is_application_total(&r, 3, 6));
            assert!(!is_application_total(&r, 3, 5));
            assert!(is_review_total(9) && !is_review_total(8));
        }
    }
}
