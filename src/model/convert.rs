//! Converting a 2019-format report to the 2021 format: what maps is carried,
//! what has no place in 2021 is listed so the user can see what was dropped.

use super::report::Report;
use super::template::{ColumnRole, OTHER_HANDLING, TemplateId};

pub struct Conversion {
    pub report: Report,
    /// Non-blank values the 2021 format has no place for.
    pub dropped: Vec<String>,
    /// Values that moved and need a look.
    pub notes: Vec<String>,
}

/// The 2019 column whose value a 2021 column takes over.
fn source_role(target: ColumnRole) -> Option<ColumnRole> {
    match target {
        ColumnRole::Issued => Some(ColumnRole::Made),
        ColumnRole::Decisions => Some(ColumnRole::Decisions),
        _ => None,
    }
}

/// Converts to the 2021 format. A 2021 report comes back unchanged.
pub fn to_2021(old: &Report) -> Conversion {
    if old.template == TemplateId::V2021 {
        return Conversion { report: old.clone(), dropped: vec![], notes: vec![] };
    }
    let (from, to) = (TemplateId::V2019.get(), TemplateId::V2021.get());
    let mut report = Report::new(TemplateId::V2021, old.year, &old.agency);
    report.contact = old.contact.clone();
    report.signature = old.signature.clone();
    report.preamble = old.preamble.clone();
    report.overview = old.overview.clone();
    report.reviews = old.reviews;
    report.problems = old.problems.clone();
    report.other_matters = old.other_matters.clone();
    report.processing_fee = old.processing_fee;
    report.previous = old.previous.clone();
    report.extra = old.extra.clone();
    let mut dropped = Vec::new();
    let mut notes = Vec::new();

    // Table 二: by 信息内容 and column meaning.
    let mut used = vec![vec![false; 3]; old.disclosure.len()];
    for (ti, (tblock, trow)) in to.disclosure_rows().enumerate() {
        for (tj, tcol) in tblock.columns.iter().enumerate() {
            let Some(role) = source_role(tcol.role) else { continue };
            for (fi, (fblock, frow)) in from.disclosure_rows().enumerate() {
                if frow.item != trow.item {
                    continue;
                }
                if let Some(fj) = fblock.columns.iter().position(|c| c.role == role) {
                    report.disclosure[ti][tj] = old.disclosure[fi][fj];
                    used[fi][fj] = true;
                }
            }
        }
    }
    for (fi, (fblock, frow)) in from.disclosure_rows().enumerate() {
        for (fj, fcol) in fblock.columns.iter().enumerate() {
            if let (false, Some(v)) = (used[fi][fj], old.disclosure[fi][fj]) {
                let unit = if fcol.role == ColumnRole::PurchaseAmount { old.procurement_unit.as_str() } else { "" };
                dropped.push(format!("表二 {}「{}」{} {v}{unit}", fblock.caption, frow.label, fcol.label));
            }
        }
    }

    // Table 三: rows by label; the single 2019 （六）其他处理 goes to 2021 （六）3.其他.
    let other_target = to.applications.iter().rposition(|r| r.group == Some(OTHER_HANDLING)).expect("2021 has （六）");
    for (fi, frow) in from.applications.iter().enumerate() {
        if frow.group == Some(OTHER_HANDLING) {
            let sub_rows = to.applications.iter().enumerate().filter(|(_, r)| r.group == Some(OTHER_HANDLING));
            for (ti, _) in sub_rows {
                for col in 0..7 {
                    // A 0 in 2019 means 0 in every 2021 sub-row; a positive count is
                    // put under 3.其他 and the other sub-rows are left for the user.
                    let v = old.applications[fi][col];
                    report.applications[ti][col] = if ti == other_target || v == Some(0) { v } else { None };
                }
            }
            if old.applications[fi].iter().any(|v| v.is_some_and(|n| n != 0)) {
                notes.push(format!(
                    "表三「{OTHER_HANDLING}」的数字已计入2021年格式的「{}」；如其中有申请人逾期不补正或逾期未缴费的情形，请移到相应行",
                    to.applications[other_target].short_label()
                ));
            }
            continue;
        }
        let target = to.applications.iter().position(|t| (t.section, t.group, t.item) == (frow.section, frow.group, frow.item));
        report.applications[target.expect("every other 2019 row exists in 2021")] = old.applications[fi];
    }
    Conversion { report, dropped, notes }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::decimal::Decimal;

    fn sample_2019() -> Report {
        let mut r = Report::new(TemplateId::V2019, 2022, "某县某局");
        r.overview.sections[0].body = "主动公开正文".into();
        for (i, row) in r.disclosure.iter_mut().enumerate() {
            for (j, cell) in row.iter_mut().enumerate() {
                *cell = Some(Decimal::from_int((i * 10 + j) as i64 + 1));
            }
        }
        for (i, row) in r.applications.iter_mut().enumerate() {
            *row = [Some(i as i64); 7];
        }
        r.reviews[2] = Some(9);
        r
    }

    #[test]
    fn maps_what_maps_and_lists_what_is_dropped() {
        let old = sample_2019();
        let c = to_2021(&old);
        let r = &c.report;
        assert_eq!(r.template, TemplateId::V2021);
        assert_eq!(r.applications.len(), 25);
        // 规章: 本年新制作数量 → 本年制发件数; 废止/现行有效 have no 2019 source.
        assert_eq!(r.disclosure[0], vec![Some(Decimal::from_int(1)), None, None]);
        // 规范性文件 → 行政规范性文件
        assert_eq!(r.disclosure[1][0], Some(Decimal::from_int(11)));
        // 行政许可 处理决定数量 → 本年处理决定数量; 行政处罚, 行政强制 likewise.
        assert_eq!(r.disclosure[2], vec![Some(Decimal::from_int(23))]);
        assert_eq!(r.disclosure[3], vec![Some(Decimal::from_int(43))]);
        assert_eq!(r.disclosure[4], vec![Some(Decimal::from_int(53))]);
        assert_eq!(r.disclosure[5], vec![None], "2019 has no fee amount");
        assert!(c.dropped.iter().any(|d| d.contains("其他对外管理服务事项")));
        assert!(c.dropped.iter().any(|d| d.contains("政府集中采购") && d.contains("采购总金额 72元")));
        assert!(c.dropped.iter().any(|d| d.contains("「规章」本年新公开数量 2")));
        // 规章 2 + 规范性文件 2 + 行政许可 2 + 其他对外管理服务事项 3 + 处罚 2 + 强制 2 + 收费 2 + 采购 2
        assert_eq!(c.dropped.len(), 17, "every unused non-blank 2019 cell is listed");
        // Table 三: rows 0–19 same place; （六） → （六）3.其他; （七）, 四 shift by two.
        assert_eq!(r.applications[19], [Some(19); 7]);
        assert_eq!(r.applications[22], [Some(20); 7]);
        assert_eq!(r.applications[20], [None; 7]);
        assert_eq!(r.applications[23], [Some(21); 7]);
        assert_eq!(r.applications[24], [Some(22); 7]);
        assert_eq!(c.notes.len(), 1);
        assert_eq!(r.reviews, old.reviews);
        assert_eq!(r.overview, old.overview);
    }

    #[test]
    fn zero_other_handling_becomes_zero_in_every_sub_row() {
        let mut old = Report::new(TemplateId::V2019, 2022, "某局");
        old.applications[20] = [Some(0); 7];
        let c = to_2021(&old);
        for row in 20..=22 {
            assert_eq!(c.report.applications[row], [Some(0); 7]);
        }
        assert!(c.notes.is_empty() && c.dropped.is_empty());
    }

    #[test]
    fn a_2021_report_is_unchanged() {
        let r = Report::new(TemplateId::V2021, 2024, "某局");
        assert_eq!(to_2021(&r).report, r);
    }
}
