//! S5's tests: real reports' wording, both ways.

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
    for (row, cells) in [(0, vec![0, 0, 0]), (1, vec![3, 0, 8]), (2, vec![9487]), (3, vec![2776]), (4, vec![84]), (5, vec![7545])]
    {
        r.disclosure[row] = cells.into_iter().map(|n| Some(Decimal::from_int(n))).collect();
    }
    fill_totals(&mut r);
    r
}

/// 青山县 2024 (examples/qingshan-2024.json): 29 new, 3 carried in, 29 answered
/// (予以公开 14, 部分公开 4, 不予公开 2, 无法提供 8, 不予处理 1), 3 carried over.
fn qingshan() -> Report {
    let mut r = Report::new(TemplateId::V2021, 2024, "青山县市场监督管理局");
    r.applications.iter_mut().for_each(|row| *row = [Some(0); 7]);
    for (row, n) in [(0, 29), (1, 3), (2, 14), (3, 4), (4, 2), (12, 8), (15, 1), (24, 3)] {
        r.applications[row][0] = Some(n);
    }
    r.reviews = [1, 1, 0, 0, 2, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0].map(Some);
    r.disclosure[0] = [0, 0, 0].map(|n| Some(Decimal::from_int(n))).to_vec();
    r.disclosure[1] = [3, 1, 12].map(|n| Some(Decimal::from_int(n))).to_vec();
    fill_totals(&mut r);
    r
}

#[test]
fn a_document_named_earlier_in_the_sentence_and_made_by_制定() {
    let mut r = qingshan();
    let mut s5_of = |text: &str| {
        r.overview.sections[2].body = text.into();
        s5(&r).into_iter().map(|f| f.message).collect::<Vec<_>>()
    };
    let found = s5_of("对本局行政规范性文件开展清理，废止2件，现行有效10件。");
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].contains("写「废止2件」，而表二「行政规范性文件」行「本年废止件数」为 1。"), "{found:?}");
    assert!(found[1].contains("写「现行有效10件」，而表二「行政规范性文件」行「现行有效件数」为 12。"), "{found:?}");
    let found = s5_of("全年制定规章1件，制定行政规范性文件5件。");
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].contains("表二「规章」行「本年制发件数」为 0"), "{found:?}");
    for text in [
        "对本局行政规范性文件开展清理，废止1件，现行有效12件。",
        "全年制定行政规范性文件3件，规章制度5件。",
        // The count names another thing: not the document named before.
        "印发行政规范性文件3件，制定工作方案5件。",
        "制发行政规范性文件3件，清理各类文件50件，废止8件。",
    ] {
        assert!(s5_of(text).is_empty(), "{text}: {:?}", s5_of(text));
    }
}

/// The S5 messages for `text` as 总体情况（二）依申请公开.
fn s5_in(text: &str) -> Vec<String> {
    let mut r = qingshan();
    r.overview.sections[1].body = text.into();
    s5(&r).into_iter().map(|f| f.message).collect()
}

#[test]
fn parts_by_channel_period_or_place_are_not_the_total() {
    for text in [
        "全年收到政府信息公开申请29件。从申请渠道看，通过网络平台收到18件，通过信函收到11件。",
        "全年收到政府信息公开申请29件，12月份收到8件。",
        "全年收到政府信息公开申请29件，上半年收到12件，下半年收到17件。",
        "全年收到政府信息公开申请29件，其中通过邮寄方式收到17件，当面提交5件，第四季度受理9件。",
        "2024年1月至12月共收到政府信息公开申请32件。",
        // Parts with no such word that add up to the table's count, or to the stated one.
        "全年收到政府信息公开申请29件，局机关收到12件，基层所收到17件。",
    ] {
        assert!(s5_in(text).is_empty(), "{text}: {:?}", s5_in(text));
    }
    let found = s5_in("全年收到政府信息公开申请35件。局机关收到12件，基层所收到23件。");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("「全年收到政府信息公开申请35件」"));
    let found = s5_in("全年收到政府信息公开申请35件，局机关收到12件，基层所收到23件。");
    assert_eq!(found.len(), 1, "{found:?}");
    // A count is not a part of itself: 35 and 0 do not add up to the 35 stated.
    let found = s5_in("全年收到政府信息公开申请35件，办理0件。");
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].contains("「全年收到政府信息公开申请35件」"));
    // Parts that do not add up are each quoted.
    assert_eq!(s5_in("局机关收到政府信息公开申请12件，基层所收到19件。").len(), 2);
}

#[test]
fn a_pair_joined_by_a_list_mark_is_read_item_by_item() {
    let text = "全年共受理政府信息公开申请32件，其中新收29件、上年结转3件；答复29件。";
    assert!(s5_in(text).is_empty(), "{:?}", s5_in(text));
    let found = s5_in(&text.replace("结转3件", "结转4件"));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("「其中新收29件、上年结转4件」，而表三「二、上年结转政府信息公开申请数量」总计为 3。"));
}

#[test]
fn carried_to_next_year_in_its_several_wordings() {
    for text in [
        "全年新收申请29件，剩余3件结转至下一年度办理。",
        "全年受理政府信息公开申请32件，按期答复29件，剩余3件结转至2025年办理。",
        "全年新收申请29件，3件转入下年度办理。",
    ] {
        assert!(s5_in(text).is_empty(), "{text}: {:?}", s5_in(text));
    }
    let found = s5_in("全年新收申请29件，剩余5件结转至2025年办理。");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("而表三「四、结转下年度继续办理」总计为 3。"), "{found:?}");
}

#[test]
fn applications_of_another_kind_are_not_compared() {
    for text in [
        "全年收到政府信息公开申请29件，答复29件。全年受理行政许可申请1520件。",
        "全年受理政务服务事项申请125件，收到政府信息公开申请29件。",
        "全年办理企业登记申请300件，审批申请45件。",
    ] {
        assert!(s5_in(text).is_empty(), "{text}: {:?}", s5_in(text));
    }
    assert_eq!(s5_in("全年累计收到依申请公开事项35件。").len(), 1);
    assert_eq!(s5_in("全年收到申请35件，均已办结。").len(), 1);
    // Plain 申请 outside the 依申请公开 sub-part may be any kind.
    let mut r = qingshan();
    r.overview.sections[4].body = "全年收到申请35件。".into();
    assert!(s5(&r).is_empty());
}

#[test]
fn ranges_approximations_and_subsets_are_not_compared() {
    for text in [
        "全年收到政府信息公开申请29件，每月收到2至5件。",
        "全年收到政府信息公开申请约30件。",
        "全年收到政府信息公开申请近30件，30件左右已办结。",
        "全年收到政府信息公开申请30多件。",
        "全年新收申请29件，另有3件延期至2025年答复。",
        "全年收到政府信息公开申请29件，办结29件，办结率100%；依申请公开答复被纠错0件。",
        "全年收到政府信息公开申请29件，按期答复28件，延期答复1件。",
        "全年受理政府信息公开申请32件，办结29件，尚有3件正在办理中。",
        // Another year's count.
        "2024年收到政府信息公开申请29件，2023年收到24件。",
    ] {
        assert!(s5_in(text).is_empty(), "{text}: {:?}", s5_in(text));
    }
    assert_eq!(s5_in("全年收到政府信息公开申请30件。").len(), 1);
    assert_eq!(s5_in("全年收到政府信息公开申请29件，答复35件。").len(), 1);
    assert_eq!(s5_in("2024年收到政府信息公开申请35件，2023年收到24件。").len(), 1);
    assert_eq!(s5_in("2023年结转的政府信息公开申请4件已全部办结。").len(), 1, "上年结转 is 3");
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
        "全年办理行政复议案件134件，行政诉讼案件57件。集中公开现行有效行政规范性文件393件，本年度制发的规范性文件3件。".into();
    let found = s5(&r);
    let messages: Vec<&str> = found.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(found.len(), 3, "{messages:?}");
    assert!(messages[0].contains("「全年办理行政复议案件134件」，而表四「行政复议」总计 2。"), "{}", messages[0]);
    assert!(messages[1].contains("「行政诉讼案件57件」，而表四「未经复议直接起诉」总计 1、「复议后起诉」总计 3，合计 4。"));
    assert!(messages[2].contains("「集中公开现行有效行政规范性文件393件」，而表二「行政规范性文件」行「现行有效件数」为 8。"));
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
    r.overview.lead = "收到人大代表建议12件。申请量同比增长30件。本年备案规范性文件20件。行政复议结果维持1件。第3件申请已答复。\
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

#[test]
fn a_cell_an_import_could_not_read_is_not_compared() {
    use crate::model::check::CellRef;
    use crate::model::unread::Unread;
    let unread = || Unread { reason: "数字连在一起".into(), ..Default::default() };
    // 新收 read as 30 by the table, 29 in the text: a contradiction...
    let mut r = qingshan();
    r.applications[0][6] = Some(30);
    r.overview.sections[1].body = "全年新收政府信息公开申请29件。".into();
    assert_eq!(s5(&r).len(), 1);
    // ...unless a cell of that row could not be read: its total is unknown, not 30.
    r.mark_unread(CellRef::applications(0, 2), unread());
    assert!(s5(&r).is_empty(), "{:?}", s5(&r));
    // The same for table 四 and table 二.
    let mut r = qingshan();
    r.overview.sections[1].body = "全年发生政府信息公开行政复议案件5件。".into();
    assert_eq!(s5(&r).len(), 1);
    r.mark_unread(CellRef::reviews(4), unread());
    assert!(s5(&r).is_empty(), "{:?}", s5(&r));
    let mut r = qingshan();
    r.overview.sections[2].body = "现行有效行政规范性文件20件。".into();
    assert_eq!(s5(&r).len(), 1);
    r.mark_unread(CellRef::disclosure(1, 2), unread());
    assert!(s5(&r).is_empty(), "{:?}", s5(&r));
}
