//! 从上年报告新建: this year's report started from last year's.
//!
//! What carries: agency, contact details and the text parts (as a draft to
//! rewrite: every mention of last year is highlighted, and S10 warns while a
//! part is still last year's); table 三 「二、上年结转」 = last year's
//! 「四、结转下年度继续办理」; in a 2019-format report, 「上一年项目数量」 =
//! last year's 上一年项目数量 + 本年增/减. The 2021 「现行有效件数」 is not
//! carried — it is this year's fact — but last year's figure is offered as a hint.
//! The new report remembers last year's file so S1, S2 and S10 keep checking.

use std::path::Path;

use super::check::CellRef;
use super::convert::to_2021;
use super::decimal::Decimal;
use super::preamble::standard_preamble;
use super::report::Report;
use super::template::{ColumnRole, DisclosureItem, RowRole, TemplateId};
use super::unread::Unread;

/// A new report for the year after `prev`, in `template`; `prev_path` is remembered.
pub fn next_year(prev: &Report, prev_path: Option<&Path>, template: TemplateId) -> Report {
    let mut r = Report::new(template, prev.year + 1, &prev.agency);
    r.contact = prev.contact.clone();
    r.signature.unit = prev.signature.unit.clone();
    r.overview = prev.overview.clone();
    r.problems = prev.problems.clone();
    r.other_matters = prev.other_matters.clone();
    r.procurement_unit = prev.procurement_unit.clone();
    // The preamble is regenerated when it was the standard one; a custom one is
    // carried like the other text, to be reviewed.
    r.preamble = if prev.preamble.trim().is_empty() || prev.preamble == standard_preamble(prev) {
        standard_preamble(&r)
    } else {
        prev.preamble.clone()
    };
    r.previous = prev_path.map(Path::to_path_buf);

    let carried_in = r.template.get().application_row(RowRole::CarriedIn);
    let carried_out = prev.template.get().application_row(RowRole::CarriedOut);
    r.applications[carried_in] = prev.applications[carried_out];
    for col in 0..r.applications[carried_in].len() {
        carry_unread(prev, CellRef::applications(carried_out, col), &mut r, CellRef::applications(carried_in, col));
    }

    if template == TemplateId::V2019 && prev.template == TemplateId::V2019 {
        for (i, (block, row)) in template.get().disclosure_rows().enumerate() {
            let Some(j) = block.columns.iter().position(|c| c.role == ColumnRole::PreviousItems) else { continue };
            let before = disclosure_value(prev, row.item, ColumnRole::PreviousItems);
            let change = disclosure_value(prev, row.item, ColumnRole::Change);
            if let Some(before) = before {
                r.disclosure[i][j] = before.checked_add(change.unwrap_or_default());
            }
            // A carried sum with an unread part is unread too.
            for role in [ColumnRole::PreviousItems, ColumnRole::Change] {
                if let Some((pi, pj)) = prev.template.get().disclosure_cell(row.item, role) {
                    carry_unread(prev, CellRef::disclosure(pi, pj), &mut r, CellRef::disclosure(i, j));
                }
            }
        }
    }
    r
}

/// A cell carried from last year's `from` stays 未能读取 in this year's `to`
/// when last year's was (a blank would read as 0 to the checker): with last
/// year's candidates and a reason that says where it came from.
fn carry_unread(prev: &Report, from: CellRef, r: &mut Report, to: CellRef) {
    let Some(u) = prev.unread_at(from) else { return };
    if r.unread_at(to).is_some() {
        return;
    }
    let unread = Unread {
        reason: format!("从{}年报告结转而来，该格在上年报告中未能读取（{}）", prev.year, u.reason),
        candidates: u.candidates.clone(),
        source: if u.source.is_empty() {
            format!("{}年报告", prev.year)
        } else {
            format!("{}年报告{}", prev.year, u.source)
        },
        text: u.text.clone(),
    };
    r.mark_unread(to, unread);
}

fn disclosure_value(r: &Report, item: DisclosureItem, role: ColumnRole) -> Option<Decimal> {
    r.template.get().disclosure_cell(item, role).and_then(|(i, j)| r.disclosure[i][j])
}

/// Last year's 现行有效件数 for a row of this year's table 二 (a hint, not a value).
pub fn in_force_hint(prev: &Report, item: DisclosureItem) -> Option<Decimal> {
    let prev = if prev.template == TemplateId::V2021 { prev.clone() } else { to_2021(prev).report };
    disclosure_value(&prev, item, ColumnRole::InForce)
}

/// Every occurrence of “YYYY” for last year in `text` (char ranges), for highlighting.
pub fn last_year_mentions(text: &str, last_year: i32) -> Vec<std::ops::Range<usize>> {
    let needle: Vec<char> = last_year.to_string().chars().collect();
    let chars: Vec<char> = super::text::ascii_digits(text).chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + needle.len() <= chars.len() {
        let boundary_before = i == 0 || !chars[i - 1].is_ascii_digit();
        let boundary_after = chars.get(i + needle.len()).is_none_or(|c| !c.is_ascii_digit());
        if chars[i..i + needle.len()] == needle[..] && boundary_before && boundary_after {
            out.push(i..i + needle.len());
            i += needle.len();
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::check::check;

    fn d(n: i64) -> Option<Decimal> {
        Some(Decimal::from_int(n))
    }

    fn last_year(template: TemplateId) -> Report {
        let mut prev = Report::new(template, 2023, "某县统计局");
        prev.contact.phone = "0533-1234567".into();
        prev.contact.department = "办公室".into();
        prev.signature.unit = "某县统计局".into();
        prev.signature.date = "2024年1月16日".into();
        prev.overview.sections[0].body = "2023年，我局主动公开政府信息22条。".into();
        prev.problems[1].body = "2024年将加强培训。".into();
        prev.preamble = standard_preamble(&prev);
        let last = prev.applications.len() - 1;
        prev.applications[last] = [Some(2), Some(1), Some(0), Some(0), Some(0), Some(0), Some(3)];
        prev
    }

    #[test]
    fn carries_from_a_2021_report() {
        let prev = last_year(TemplateId::V2021);
        let mut prev = prev;
        prev.disclosure[1] = vec![d(3), d(1), d(12)];
        let r = next_year(&prev, Some(Path::new("/报告/2023.json")), TemplateId::V2021);
        assert_eq!((r.year, r.template, r.agency.as_str()), (2024, TemplateId::V2021, "某县统计局"));
        assert_eq!(r.contact, prev.contact);
        assert_eq!(r.signature.unit, "某县统计局");
        assert_eq!(r.signature.date, "", "this year's date is not last year's");
        assert_eq!(r.applications[1], [Some(2), Some(1), Some(0), Some(0), Some(0), Some(0), Some(3)], "二、上年结转");
        assert!(r.applications.iter().enumerate().all(|(i, row)| i == 1 || row.iter().all(Option::is_none)), "nothing else");
        assert_eq!(r.disclosure[1], vec![None, None, None], "现行有效件数 is this year's fact");
        assert_eq!(in_force_hint(&prev, DisclosureItem::NormativeDocuments), d(12));
        assert_eq!(r.overview.sections[0].body, prev.overview.sections[0].body, "text carried as a draft");
        assert!(r.preamble.contains("2024年1月1日起至2024年12月31日"), "the standard preamble is regenerated");
        assert_eq!(r.previous.as_deref(), Some(Path::new("/报告/2023.json")));
        // With last year's report, S1 holds and S10 flags the copied text.
        let findings = check(&r, Some(&prev));
        assert!(findings.iter().all(|f| f.rule != "S1"));
        assert!(findings.iter().any(|f| f.rule == "S8"), "the stale 2023 in the copied text");
    }

    #[test]
    fn carries_from_a_2019_report() {
        let mut prev = last_year(TemplateId::V2019);
        prev.disclosure[2] = vec![d(10), d(-2), d(100)]; // 行政许可
        prev.disclosure[6] = vec![d(5), d(1)]; // 行政事业性收费
        let r = next_year(&prev, None, TemplateId::V2021);
        assert_eq!(r.template, TemplateId::V2021);
        assert_eq!(r.applications[1], prev.applications[22], "2019 四 is its last row too");
        assert!(r.disclosure.iter().flatten().all(Option::is_none), "2021 has no 上一年项目数量");
        // A 2019 report continued in 2019 format carries 上一年项目数量 + 本年增/减.
        let r = next_year(&prev, None, TemplateId::V2019);
        assert_eq!(r.disclosure[2], vec![d(8), None, None]);
        assert_eq!(r.disclosure[6], vec![d(6), None]);
        assert_eq!(r.disclosure[0], vec![None, None, None], "(一) has no such column");
        assert!(check(&r, Some(&prev)).iter().all(|f| f.rule != "S2"));
    }

    #[test]
    fn an_unread_cell_is_carried_unread() {
        let mut prev = last_year(TemplateId::V2021);
        let last = prev.applications.len() - 1;
        let unread = Unread {
            reason: "数字连在一起".into(),
            candidates: vec!["3".into(), "30".into()],
            source: "第 57 行".into(),
            text: "30".into(),
        };
        prev.mark_unread(CellRef::applications(last, 6), unread);
        let r = next_year(&prev, None, TemplateId::V2021);
        assert_eq!(r.applications[1][6], None);
        let carried = r.unread_at(CellRef::applications(1, 6)).expect("still unread, not a blank");
        assert_eq!(carried.candidates, vec!["3", "30"]);
        assert!(carried.reason.contains("2023年报告") && carried.reason.contains("数字连在一起"), "{}", carried.reason);
        let findings = check(&r, Some(&prev));
        assert!(findings.iter().all(|f| f.rule != "H3" || f.severity != crate::model::check::Severity::Error), "{findings:?}");
        assert!(findings.iter().any(|f| f.rule == "H3" && f.message.starts_with("无法核对")), "{findings:?}");
        // 2019 → 2019: 上一年项目数量 with an unread part is unread.
        let mut prev = last_year(TemplateId::V2019);
        prev.disclosure[2] = vec![d(10), d(-2), d(100)];
        prev.mark_unread(CellRef::disclosure(2, 1), Unread::default());
        let r = next_year(&prev, None, TemplateId::V2019);
        assert!(r.unread_at(CellRef::disclosure(2, 0)).is_some());
        assert_eq!(r.disclosure[2][0], None);
    }

    #[test]
    fn a_custom_preamble_is_carried_for_review() {
        let mut prev = last_year(TemplateId::V2021);
        prev.preamble = "根据《条例》，特向社会公布2023年度本局信息公开情况。".into();
        let r = next_year(&prev, None, TemplateId::V2021);
        assert_eq!(r.preamble, prev.preamble);
        assert_eq!(last_year_mentions(&r.preamble, 2023), vec![13..17]);
    }

    #[test]
    fn last_year_is_found_whole() {
        assert_eq!(last_year_mentions("2023年、２０２３年，12023年，20234", 2023), vec![0..4, 6..10]);
        assert!(last_year_mentions("2024年", 2023).is_empty());
    }
}
