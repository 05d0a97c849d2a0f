//! S6: part 六 must state the 信息处理费 collected, consistently with table 三.

use super::{CellRef, Field, Findings, Location, compact};
use crate::model::decimal::Decimal;
use crate::model::money::amounts_in_yuan;
use crate::model::report::{Report, TextField};
use crate::model::template::{APPLICANT_TOTAL, UNPAID_FEE_ITEM};
use crate::model::text::ascii_digits;

pub(super) fn check(r: &Report, out: &mut Findings) {
    let text = ascii_digits(&r.other_matters);
    let part6 = Location::Field(Field::Text(TextField::OtherMatters));
    match r.processing_fee {
        None => out.warning(
            "S6",
            Location::Field(Field::ProcessingFee),
            "未填写本年收取的信息处理费金额（元）。第六部分须报告信息处理费收取情况，未收取的请填 0".into(),
        ),
        Some(fee) if fee > Decimal::ZERO && !text.contains("信息处理费") => out.warning(
            "S6",
            part6.clone(),
            format!("本年收取信息处理费 {fee} 元，但第六部分没有说明。请按《政府信息公开信息处理费管理办法》写明收费情况"),
        ),
        Some(fee) => {
            let stated: Vec<Decimal> = text
                .split(['。', '；', '\n'])
                .filter(|sentence| sentence.contains("信息处理费"))
                .flat_map(amounts_in_yuan)
                .collect();
            if !stated.is_empty() && !stated.contains(&fee) {
                let shown: Vec<String> = stated.iter().map(|d| format!("{d} 元")).collect();
                out.warning(
                    "S6",
                    part6.clone(),
                    format!("第六部分写的信息处理费是 {}，与填写的本年收费金额 {fee} 元不一致", shown.join("、")),
                );
            }
        }
    }

    if compact(&text).is_empty() {
        return; // S7 already asks for part 六.
    }
    let tpl = r.template.get();
    let unpaid = tpl.applications.iter().position(|row| row.item == Some(UNPAID_FEE_ITEM));
    if let Some(row) = unpaid
        && let Some(n) = r.applications[row][APPLICANT_TOTAL].filter(|n| *n > 0)
        && !text.contains('费')
    {
        out.warning(
            "S6",
            Location::Cells(vec![CellRef::applications(row, APPLICANT_TOTAL)]),
            format!("表三（六）2. 有 {n} 件申请因逾期未缴费不再处理，说明本年发出过收费通知，第六部分应说明信息处理费收取情况"),
        );
    } else if !text.contains('费') {
        out.warning("S6", part6, "第六部分没有说明信息处理费收取情况（未收取的可写“本年度未收取信息处理费”）".into());
    }
}

#[cfg(test)]
mod tests {
    use crate::model::check::check;
    use crate::model::decimal::Decimal;
    use crate::model::report::Report;
    use crate::model::template::TemplateId;

    fn s6(r: &Report) -> Vec<String> {
        check(r, None).into_iter().filter(|f| f.rule == "S6").map(|f| f.message).collect()
    }

    fn report(fee: Option<i64>, text: &str) -> Report {
        let mut r = Report::new(TemplateId::V2021, 2024, "某局");
        r.processing_fee = fee.map(Decimal::from_int);
        r.other_matters = text.into();
        r
    }

    #[test]
    fn fee_must_be_given() {
        assert!(s6(&report(None, "无。"))[0].starts_with("未填写本年收取的信息处理费金额"));
        assert!(s6(&report(Some(0), "本年度未收取信息处理费。")).is_empty());
    }

    #[test]
    fn a_fee_collected_must_be_stated() {
        assert!(s6(&report(Some(3940), "无。"))[0].starts_with("本年收取信息处理费 3940 元，但第六部分没有说明"));
        assert!(s6(&report(Some(3940), "全年收取政府信息公开信息处理费 3940 元。")).is_empty());
        // Full-width digits and 万元 are read too.
        assert!(s6(&report(Some(3940), "全年收取信息处理费３９４０元。")).is_empty());
        assert!(s6(&report(Some(3940), "全年收取信息处理费0.394万元。")).is_empty());
    }

    #[test]
    fn stated_amount_must_match() {
        let m = s6(&report(Some(3940), "2024年，全年收取政府信息公开信息处理费 3490 元。"));
        assert_eq!(m, vec!["第六部分写的信息处理费是 3490 元，与填写的本年收费金额 3940 元不一致".to_string()]);
    }

    #[test]
    fn silence_about_fees_is_warned() {
        assert!(s6(&report(Some(0), "（一）人大代表建议办理情况……"))[0].starts_with("第六部分没有说明信息处理费收取情况"));
        assert!(s6(&report(Some(0), "本单位依申请提供政府信息，不收取任何费用。")).is_empty());
    }

    #[test]
    fn unpaid_fee_applications_need_a_fee_statement() {
        let mut r = report(Some(0), "（一）人大代表建议办理情况……");
        r.applications[21][6] = Some(2);
        let m = s6(&r);
        assert_eq!(m.len(), 1);
        assert!(m[0].starts_with("表三（六）2. 有 2 件申请因逾期未缴费不再处理"));
    }
}
