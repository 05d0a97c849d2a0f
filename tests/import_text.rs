//! Importing text: the seed and the real crawler texts against tables read by a person.

use std::path::Path;

use nianbao::import::{Imported, import_file, import_text};
use nianbao::model::check::CellRef;
use nianbao::model::{Report, TemplateId, file};

/// The seed and the real reports, kept in the repository (copied from `../shared/`).
fn shared(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// Every cell of tables 三 and 四 equal to the reference, or unread with the
/// reference value among its candidates. Returns how many were unread.
fn matches_reference(imported: &Imported, reference: &Report) -> usize {
    let r = &imported.report;
    let mut unread = 0;
    let mut wrong = Vec::new();
    let mut compare = |cell: CellRef, got: Option<i64>, want: Option<i64>| match r.unread_at(cell) {
        Some(u) => {
            unread += 1;
            let want = want.map_or("空白".to_string(), |v| v.to_string());
            if !u.candidates.contains(&want) {
                wrong.push(format!("{cell:?}: unread {u:?}, reference {want}"));
            }
        }
        None if got != want => wrong.push(format!("{cell:?}: read {got:?}, reference {want:?}")),
        None => {}
    };
    for (i, row) in reference.applications.iter().enumerate() {
        for (j, want) in row.iter().enumerate() {
            compare(CellRef::applications(i, j), r.applications[i][j], *want);
        }
    }
    for (j, want) in reference.reviews.iter().enumerate() {
        compare(CellRef::reviews(j), r.reviews[j], *want);
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    unread
}

#[test]
fn the_seed_imports_as_the_example() {
    let imported = import_file(&shared("seed/000_c4fa03421b1ee046.txt")).unwrap();
    let want = file::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/zhoucun-2023.json")).unwrap();
    let got = &imported.report;
    assert_eq!(got.template, TemplateId::V2019);
    assert_eq!(got.year, 2023);
    assert!(got.unread.is_empty(), "{:?}", imported.review_lines());
    assert_eq!(got.applications, want.applications);
    assert_eq!(got.reviews, want.reviews);
    assert_eq!(got.disclosure, want.disclosure);
    assert_eq!(got.preamble, want.preamble);
    assert_eq!(got.overview, want.overview);
    assert_eq!(got.problems, want.problems);
    assert_eq!(got.other_matters, want.other_matters);
    assert_eq!(got.processing_fee, want.processing_fee);
    assert_eq!(got.contact.phone, want.contact.phone);
    // The copied page lost 「周村」 from the first line of the title.
    assert_eq!(got.agency, "区投资促进中心");
    // The page states no unit for 采购总金额: none is invented (a 「元」 made
    // `merge` refuse it beside reports in 万元).
    assert_eq!(got.procurement_unit, "");
}

/// A report cut after any of its lines — ending at a part's heading with
/// nothing after it, in the middle of a table, after the 落款 — imports or is
/// refused with a message; it never ends the program.
#[test]
fn a_report_cut_after_any_line_never_panics() {
    let text = std::fs::read_to_string(shared("seed/000_c4fa03421b1ee046.txt")).unwrap();
    let ends: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
    for &end in &ends {
        let cut = &text[..end];
        let outcome = std::panic::catch_unwind(|| import_text(cut).map(|_| ()));
        assert!(outcome.is_ok(), "import panicked on the text cut after {:?}", cut.lines().last());
        // The same with the heading's line followed only by blank lines.
        let padded = format!("{cut}\n\n\u{3000}\n");
        assert!(std::panic::catch_unwind(|| import_text(&padded).map(|_| ())).is_ok(), "{:?}", cut.lines().last());
    }
}

#[test]
fn the_total_row_may_say_heji() {
    let seed = std::fs::read_to_string(shared("seed/000_c4fa03421b1ee046.txt")).unwrap();
    let heji = seed.replace("\t（七）总计", "\t（七）合计");
    assert_ne!(heji, seed);
    let imported = nianbao::import::import_text(&heji).unwrap();
    let want = file::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/zhoucun-2023.json")).unwrap();
    assert!(imported.report.unread.is_empty(), "{:?}", imported.review_lines());
    assert_eq!(imported.report.applications, want.applications);
}

#[test]
fn the_procurement_unit_is_the_one_the_source_states() {
    let seed = std::fs::read_to_string(shared("seed/000_c4fa03421b1ee046.txt")).unwrap();
    assert!(seed.contains("\t采购总金额\n"));
    let in_header = seed.replace("\t采购总金额\n", "\t采购总金额（单位：万元）\n");
    assert_eq!(nianbao::import::import_text(&in_header).unwrap().report.procurement_unit, "万元");
    assert!(seed.contains("\t政府集中采购\n\t0\n\t0\n"));
    let after_amount = seed.replace("\t政府集中采购\n\t0\n\t0\n", "\t政府集中采购\n\t0\n\t0元\n");
    let imported = nianbao::import::import_text(&after_amount).unwrap();
    assert_eq!(imported.report.procurement_unit, "元");
}

#[test]
fn crawler_texts_match_the_reference_tables_or_stay_unread() {
    for (name, year, agency) in [
        ("pingtan-2019", 2019, "平潭综合实验区"),
        ("pingtan-2021", 2021, "平潭综合实验区"),
        ("pingtan-2022", 2022, "平潭综合实验区"),
    ] {
        let imported = import_file(&shared(&format!("real-reports/{name}.txt"))).unwrap();
        let reference = file::load(&shared(&format!("real-reports/{name}.json"))).unwrap();
        assert_eq!(imported.report.template, reference.template, "{name}");
        assert_eq!((imported.report.year, imported.report.agency.as_str()), (year, agency), "{name}");
        let unread = matches_reference(&imported, &reference);
        eprintln!("{name}: {unread} cells unread; review:\n{}", imported.review_lines().join("\n"));
    }
}

/// 平潭综合实验区公安局 2022: its crawler text runs each row's seven digits
/// together. A row of zeros (「0000000」) reads whole: no number starts with 0,
/// so the digits themselves force seven cells. A row like 「1000001」 reads as
/// well as one number and blank cells (a blank cell leaves nothing in such
/// text): its cells are unread, each with the value as I read the table among
/// its readings.
#[test]
fn the_police_bureau_reads_whole_and_as_printed() {
    let imported = import_file(&shared("real-reports/pingtan-gonganju-2022.txt")).unwrap();
    let r = &imported.report;
    let d = |v: &[i64]| v.iter().map(|n| Some(nianbao::model::Decimal::from_int(*n))).collect::<Vec<_>>();
    let row = |n: i64| [n, 0, 0, 0, 0, 0, n];
    let mut want = vec![row(0); 25];
    want[0] = row(1); // 一、本年新收
    want[1] = row(1); // 二、上年结转
    want[3] = row(1); // （二）部分公开
    want[20] = row(1); // （六）1. 逾期不补正
    want[23] = row(2); // （七）总计
    let mut unread = 0;
    for (i, row) in want.iter().enumerate() {
        for (j, want) in row.iter().enumerate() {
            match r.unread_at(CellRef::applications(i, j)) {
                Some(u) => {
                    assert!(row[0] != 0, "a row of zeros is certain: {u:?}");
                    assert!(u.candidates.contains(&want.to_string()), "{i} {j}: {u:?}");
                    unread += 1;
                }
                None => assert_eq!(r.applications[i][j], Some(*want), "{i} {j}"),
            }
        }
    }
    assert_eq!(unread, 5 * 7, "{:?}", imported.review_lines());
    // 「417」 for three cells: 4, 1, 7 or 41, 7 and a blank cell (and so on).
    assert_eq!(r.disclosure[0], d(&[0, 0, 0]));
    for (j, want) in ["4", "1", "7"].into_iter().enumerate() {
        assert!(r.unread_at(CellRef::disclosure(1, j)).is_some_and(|u| u.candidates.contains(&want.to_string())));
    }
    assert_eq!(r.disclosure[2..], [d(&[0]), d(&[157]), d(&[0]), d(&[0])]);
    assert_eq!(r.unread.len(), 5 * 7 + 3);
    assert_eq!(r.reviews, [Some(0); 15]);
    assert_eq!(r.processing_fee, Some(nianbao::model::Decimal::from_int(0)));
    assert_eq!(r.other_matters, "2022年，无收取信息处理费情况。");
    assert_eq!(r.overview.sections[0].title, "突出重点，落实公开责任");
    assert!(r.preamble.starts_with("根据《中华人民共和国政府信息公开条例》"));
}

/// The article of pingtan-2024.html as a browser copies it: its cells hold
/// paragraphs, so each cell comes on lines of its own, a tab line between cells.
#[test]
fn a_page_copied_from_a_browser_reads_as_the_page_itself() {
    let page = import_file(&shared("real-reports/pingtan-2024.html")).unwrap().report;
    let copied = import_file(&shared("real-reports/pingtan-2024-copied.txt")).unwrap();
    assert!(copied.report.unread.is_empty(), "{:?}", copied.review_lines().iter().take(3).collect::<Vec<_>>());
    let r = &copied.report;
    assert_eq!((&r.disclosure, &r.applications, &r.reviews), (&page.disclosure, &page.applications, &page.reviews));
}

#[test]
fn pasted_text_in_spreadsheet_cells_with_dashes_notes_and_separators() {
    let text = "某县统计局2024年度政府信息公开工作年度报告\n一、总体情况\n正文。\n二、主动公开政府信息情况\n\
        第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t/\t—\t无\n规范性文件\t22（其中修订16件）\t0\t1,234\n\
        行政许可\t１２\n行政处罚\t3\n行政强制\t0\n行政事业性收费\t7730.28\n";
    let imported = nianbao::import::import_text(text).unwrap();
    let r = &imported.report;
    assert_eq!((r.year, r.agency.as_str(), r.template), (2024, "某县统计局", TemplateId::V2021));
    let n = |v: &str| Some(v.parse::<nianbao::model::Decimal>().unwrap());
    assert_eq!(
        r.disclosure,
        vec![
            vec![None, None, None],
            vec![n("22"), n("0"), n("1234")],
            vec![n("12")],
            vec![n("3")],
            vec![n("0")],
            vec![n("7730.28")]
        ]
    );
    let lines = imported.review_lines().join("\n");
    assert!(lines.contains("原文为「/」，按空白读入") && lines.contains("其中修订16件"), "{lines}");
    // Tables 三 and 四 are not in the text: their cells are unread, not blank.
    assert_eq!(r.unread.len(), 25 * 7 + 15);
}

#[test]
fn a_huge_text_is_read_with_bounded_work() {
    let mut text = std::fs::read_to_string(shared("real-reports/pingtan-2021.txt")).unwrap();
    let per_char = |text: &str| imported_work(text) / text.chars().count() as u64;
    let one = per_char(&text);
    text.push_str(&"无关的文字，没有任何标签。".repeat(40_000));
    let big = per_char(&text);
    // Each label is looked for in a window or once over the text: the work grows
    // with the text's length, not with its square.
    assert!(one < 100 && big < 100, "{one} and {big} cells per character");
    assert!(nianbao::import::import_text(&"一".repeat(2_100_000)).is_err(), "refused before any search");
}

fn imported_work(text: &str) -> u64 {
    nianbao::import::import_text(text).unwrap().work
}

#[test]
fn a_subtotal_column_is_read_and_left_out() {
    let mut text = String::from(
        "某县某局2024年度政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n\t申请人情况\n\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t小计\t总计\n",
    );
    text.push_str("一、本年新收政府信息公开申请数量\t5\t1\t0\t0\t0\t1\t2\t7\n");
    let imported = nianbao::import::import_text(&text).unwrap();
    assert_eq!(imported.report.applications[0], [Some(5), Some(1), Some(0), Some(0), Some(0), Some(1), Some(7)]);
    assert!(imported.review_lines().iter().any(|l| l.contains("小计")));
}

/// Headers printed in another order than the template: each number goes to the
/// column its header names (any source kind: they all read through this text).
#[test]
fn columns_follow_their_headers_not_their_position() {
    let outcomes = "结果维持\t结果纠正\t其他结果\t尚未审结\t总计";
    let text = format!(
        "某县某局2024年度政府信息公开工作年度报告\n二、主动公开政府信息情况\n\t第二十条第（一）项\n\t信息内容\t本年废止件数\t本年制发件数\t现行有效件数\n\t规章\t1\t2\t3\n\t行政规范性文件\t4\t5\t6\n\
         三、收到和处理政府信息公开申请情况\n\t申请人情况\n\t总计\t法人或其他组织\t自然人\n\t科研机构\t商业企业\t社会公益组织\t法律服务机构\t其他\n\
         一、本年新收政府信息公开申请数量\t9\t2\t1\t0\t0\t0\t6\n\
         四、政府信息公开行政复议、行政诉讼情况\n\t行政诉讼\t行政复议\n\t未经复议直接起诉\t复议后起诉\t{outcomes}\n\t{outcomes}\t{outcomes}\n\
         \t1\t0\t0\t0\t1\t2\t0\t0\t0\t2\t3\t1\t0\t0\t4\n"
    );
    let r = nianbao::import::import_text(&text).unwrap().report;
    let d = |i: usize, j: usize| r.disclosure[i][j].map(|v| v.to_string());
    assert_eq!([d(0, 0), d(0, 1), d(1, 0)], [Some("2".into()), Some("1".into()), Some("5".into())]);
    assert_eq!(r.applications[0], [Some(6), Some(1), Some(2), Some(0), Some(0), Some(0), Some(9)]);
    let want = [3, 1, 0, 0, 4, 1, 0, 0, 0, 1, 2, 0, 0, 0, 2].map(Some);
    assert_eq!(r.reviews, want);
    // Two swapped labels that are not one block, the group's other labels not
    // shown: none of the group's cells is certain; unread, with the row's numbers.
    let apart = text.replace("\t科研机构\t商业企业\t社会公益组织\t法律服务机构\t其他", "\t其他\t科研机构");
    let r = nianbao::import::import_text(&apart).unwrap().report;
    for col in 1..6 {
        let unread = r.unread_at(CellRef::applications(0, col)).expect("unread");
        assert!(unread.candidates.contains(&"1".to_string()) && unread.candidates.contains(&"9".to_string()), "{unread:?}");
    }
    assert_eq!((r.applications[0][0], r.applications[0][6]), (Some(6), Some(9)));
}

/// A row label printed twice with different numbers: neither place wins
/// silently; the same numbers twice (a row repeated after a page's repeated
/// header) read once. Tables 二 and 三, a copy next to its row or further on.
#[test]
fn a_row_printed_twice_with_different_numbers_is_unread() {
    let header = "\t申请人情况\n\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n";
    let text = format!(
        "某县某局2024年度政府信息公开工作年度报告\n二、主动公开政府信息情况\n\t第二十条第（一）项\n\t信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n\
         \t规章\t1\t2\t3\n\t行政规范性文件\t4\t5\t6\n\t第二十条第（五）项\n\t信息内容\t本年处理决定数量\n\t行政许可\t7\n\t规章\t9\t9\t9\n\
         三、收到和处理政府信息公开申请情况\n{header}\
         一、本年新收政府信息公开申请数量\t9\t2\t1\t0\t0\t0\t12\n\
         二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n\
         三、本年度办理结果\n（一）予以公开\t5\t1\t0\t0\t0\t0\t6\n\
         （二）部分公开（区分处理的，只计这一情形，不计其他情形）\t900\t901\t902\t903\t904\t905\t906\n\
         （二）部分公开（区分处理的，只计这一情形，不计其他情形）\t1\t0\t0\t0\t0\t0\t1\n\
         {header}（一）予以公开\t5\t1\t0\t0\t0\t0\t6\n\
         （三）不予公开\n1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0\n\
         （七）总计\t6\t1\t0\t0\t0\t0\t7\n（七）总计\t8\t1\t0\t0\t0\t0\t9\n"
    );
    let imported = nianbao::import::import_text(&text).unwrap();
    let r = &imported.report;
    // 表三 (二): both readings, in both orders of the cells' places.
    for j in 0..7 {
        let u = r.unread_at(CellRef::applications(3, j)).expect("the repeated row is unread");
        assert!(u.reason.contains("出现两次"), "{}", u.reason);
        assert_eq!(u.candidates.len(), 2, "{:?}", u.candidates);
        assert!(u.candidates.contains(&format!("{}", 900 + j)), "{:?}", u.candidates);
        assert_eq!(r.applications[3][j], None);
    }
    // A label whose key characters follow a bracket: 「（七）总计」.
    assert_eq!(r.unread_at(CellRef::applications(23, 0)).map(|u| u.candidates.clone()), Some(vec!["6".into(), "8".into()]));
    // 表二 规章: a copy after another block, with other numbers.
    let u = r.unread_at(CellRef::disclosure(0, 0)).expect("规章 printed twice");
    assert_eq!(u.candidates, ["1", "9"]);
    // The same row twice, after a repeated header: read once; the headers repeat freely.
    assert_eq!(r.applications[2], [Some(5), Some(1), Some(0), Some(0), Some(0), Some(0), Some(6)]);
    assert!(r.unread_at(CellRef::applications(2, 0)).is_none());
    assert_eq!(r.disclosure[1][0].map(|v| v.to_string()), Some("4".into()));
    let lines = imported.review_lines().join("\n");
    assert!(lines.contains("表三「（二）部分公开") && lines.contains("这一行出现两次"), "{lines}");
}

/// 本年收费金额 is in 万元: an amount the source states in 元, after the
/// number or in the column's header, is never read 10,000 times too large.
#[test]
fn a_fee_stated_in_yuan_is_moved_to_wan_yuan_or_unread() {
    let fee = |header: &str, cell: &str| {
        let text = format!(
            "某县某局2024年度政府信息公开工作年度报告\n二、主动公开政府信息情况\n\t第二十条第（八）项\n\t信息内容\t{header}\n\t行政事业性收费\t{cell}\n三、收到和处理政府信息公开申请情况\n"
        );
        let imported = nianbao::import::import_text(&text).unwrap();
        let unread = imported.report.unread_at(CellRef::disclosure(5, 0)).is_some();
        (imported.report.disclosure[5][0].map(|v| v.to_string()), unread)
    };
    assert_eq!(fee("本年收费金额（单位：万元）", "125000元"), (Some("12.5".into()), false));
    assert_eq!(fee("本年收费金额（单位：元）", "125000"), (Some("12.5".into()), false));
    assert_eq!(fee("本年收费金额（单位：万元）", "12.5万元"), (Some("12.5".into()), false));
    assert_eq!(fee("本年收费金额（单位：万元）", "12.5"), (Some("12.5".into()), false));
    assert_eq!(fee("本年收费金额（单位：万元）", "125000.5元"), (None, true), "five decimals: unread, not rounded");
}

/// Table 三's header where the official one is not: a 「小计」 column beside
/// 自然人, a header printed again mid-table in another order (which of the two
/// the rows below follow is not certain: the columns they disagree on are
/// unread from there on), a header printed only below the rows.
#[test]
fn table_three_headers_anywhere_place_its_columns() {
    let top = "\t申请人情况\n\t自然人\t法人或其他组织\t总计\n\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\n";
    let swapped = top.replace("商业企业\t科研机构", "科研机构\t商业企业");
    let rows = |a: &str, b: &str| {
        format!(
            "一、本年新收政府信息公开申请数量\t{a}\n二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n{b}三、本年度办理结果\n\t（一）予以公开\t{a}\n"
        )
    };
    let page = |table: String| {
        format!(
            "某县某局2024年度政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n{table}四、政府信息公开行政复议、行政诉讼情况\n"
        )
    };
    let want = [Some(1), Some(2), Some(3), Some(0), Some(0), Some(0), Some(6)];
    // Mid-table: rows after the second header are unread where the headers disagree.
    let mid = page(format!("{top}{}", rows("1\t2\t3\t0\t0\t0\t6", &swapped)).replacen(
        "（一）予以公开\t1\t2\t3",
        "（一）予以公开\t1\t3\t2",
        1,
    ));
    let imported = nianbao::import::import_text(&mid).unwrap();
    let r = &imported.report;
    assert_eq!(r.applications[0], want);
    assert_eq!((r.applications[2][0], r.applications[2][3], r.applications[2][6]), (Some(1), Some(0), Some(6)));
    let unread: Vec<(usize, usize)> = r.unread.iter().map(|u| (u.cell.row, u.cell.col)).collect();
    assert!(unread.contains(&(2, 1)) && unread.contains(&(2, 2)), "{unread:?}");
    // Below the rows only.
    let bottom = page(format!("{}{swapped}", rows("1\t3\t2\t0\t0\t0\t6", "")));
    let r = nianbao::import::import_text(&bottom).unwrap().report;
    assert_eq!((r.applications[0], r.applications[2]), (want, want));
    // 小计 beside 自然人.
    let sub = top.replace("自然人\t法人", "自然人\t小计\t法人");
    let r = nianbao::import::import_text(&page(format!("{sub}{}", rows("1\t5\t2\t3\t0\t0\t0\t6", "")))).unwrap().report;
    assert_eq!((r.applications[0], r.applications[2]), (want, want));
}

/// A report's text with the given 前言 contact sentence and the end of part 六.
fn report_with(contact: &str, end_of_six: &str) -> String {
    format!(
        "青山县人民政府办公室\n2024年政府信息公开工作年度报告\n本报告由青山县人民政府办公室编制。如有疑问，请与青山县人民政府办公室办公室联系（{contact}）。\n一、总体情况\n无。\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n本年度收取信息处理费共计120元。\n{end_of_six}\n"
    )
}

/// LibreOffice wrapping the 落款's date, or a 落款 the reader does not take:
/// never silently part of 六.
#[test]
fn a_wrapped_or_unread_signature_is_read_or_listed() {
    let wrapped = nianbao::import::import_text(&report_with("", "青山县人民政府办公室\n2025年1月15\n日")).unwrap();
    let r = &wrapped.report;
    assert_eq!((r.signature.unit.as_str(), r.signature.date.as_str()), ("青山县人民政府办公室", "2025年1月15日"));
    assert_eq!(r.other_matters, "本年度收取信息处理费共计120元。");
    let odd = nianbao::import::import_text(&report_with("", "青山县人民政府办公室\n2025.1.15")).unwrap();
    assert!(odd.review_lines().iter().any(|l| l.contains("「2025.1.15」像是落款")), "{:?}", odd.review_lines());
}

/// LibreOffice's justification spreads the 前言's contact sentence with spaces.
#[test]
fn a_contact_spread_by_justification_is_read() {
    let spread = report_with("邮 编 ： 311300 ； 电 话 ： 0571- 88881234 ； 电 子 邮 箱 ： qs@qingshan.gov.cn", "");
    let c = nianbao::import::import_text(&spread).unwrap().report.contact;
    assert_eq!((c.phone.as_str(), c.postcode.as_str(), c.email.as_str()), ("0571-88881234", "311300", "qs@qingshan.gov.cn"));
}

/// A note in a 表四 cell (「9（注1）」「9 注1」「9备注」「9（含1件）」) is read
/// as in tables 二 and 三: the value taken, the note listed, its digit no cell.
#[test]
fn a_note_in_a_table_four_cell_keeps_the_row() {
    let outcomes = "结果维持\t结果纠正\t其他结果\t尚未审结\t总计";
    for note in ["（注）", "（注1）", " 注1", "备注", "（含1件）"] {
        let text = format!(
            "某县某局2024年度政府信息公开工作年度报告\n二、主动公开政府信息情况\n\t第二十条第（一）项\n\t信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n\t规章\t1\t2\t3\n四、政府信息公开行政复议、行政诉讼情况\n\t行政复议\t行政诉讼\n\
             \t{outcomes}\t未经复议直接起诉\t复议后起诉\n\t{outcomes}\t{outcomes}\n\
             \t9{note}\t2\t0\t0\t11\t4\t6\t4\t2\t16\t2\t2\t4\t12\t20\n"
        );
        let imported = nianbao::import::import_text(&text).unwrap();
        let want = [9, 2, 0, 0, 11, 4, 6, 4, 2, 16, 2, 2, 4, 12, 20].map(Some);
        assert_eq!(imported.report.reviews, want, "{note}");
        assert!((0..15).all(|j| imported.report.unread_at(CellRef::reviews(j)).is_none()), "{note}");
        assert!(imported.review_lines().join("\n").contains(note.trim()), "{note}");
    }
}
