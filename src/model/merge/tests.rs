use super::*;

fn source(name: &str, agency: &str, year: i32, template: TemplateId) -> Source {
    Source { name: name.into(), report: Report::new(template, year, agency) }
}

#[test]
fn cells_sum_with_blanks_and_exact_decimals() {
    let mut a = source("a.json", "甲局", 2024, TemplateId::V2021);
    let mut b = source("b.json", "乙镇", 2024, TemplateId::V2021);
    let c = source("c.json", "丙办", 2024, TemplateId::V2021);
    a.report.applications[0][0] = Some(3);
    b.report.applications[0][0] = Some(2);
    a.report.applications[2][1] = Some(0);
    b.report.reviews[0] = Some(1);
    a.report.disclosure[5][0] = Some("0.1".parse().unwrap());
    b.report.disclosure[5][0] = Some("0.2".parse().unwrap());
    a.report.processing_fee = Some("3940".parse().unwrap());
    let m = merge(&[a, b, c]).unwrap();
    let r = &m.report;
    assert_eq!(r.applications[0][0], Some(5), "3 + 2");
    assert_eq!(r.applications[2][1], Some(0), "0 + blank + blank = 0");
    assert_eq!(r.applications[3][3], None, "blank everywhere stays blank");
    assert_eq!(r.reviews[0], Some(1), "blank + 1 = 1");
    assert_eq!(r.disclosure[5][0].unwrap().to_string(), "0.3", "exact: not 0.30000000000000004");
    assert_eq!(r.processing_fee, None, "乙镇 and 丙办 state no fee: the sum is not known");
    assert_eq!((r.year, r.template, r.agency.as_str()), (2024, TemplateId::V2021, ""));
    assert!(r.preamble.is_empty() && r.overview.sections.iter().all(|s| s.body.is_empty()), "text parts start empty");
}

#[test]
fn a_source_without_a_fee_leaves_the_summed_fee_unknown() {
    let fees = |a: Option<&str>, b: Option<&str>| {
        let mut x = source("a.json", "甲局", 2024, TemplateId::V2021);
        let mut y = source("b.html", "", 2024, TemplateId::V2021);
        x.report.processing_fee = a.map(|f| f.parse().unwrap());
        y.report.processing_fee = b.map(|f| f.parse().unwrap());
        let m = merge(&[x, y]).unwrap();
        (m.report.processing_fee.map(|f| f.to_string()), m.sources_without_fee().join("、"))
    };
    assert_eq!(fees(Some("10"), Some("20.5")), (Some("30.5".into()), String::new()));
    // 「约100元」 imported is no fee: 0 + unknown is not 0.
    assert_eq!(fees(Some("0"), None), (None, "b.html".into()));
    assert_eq!(fees(None, Some("0")), (None, "甲局".into()));
}

#[test]
fn a_summed_cell_knows_its_sources() {
    let mut a = source("a.json", "甲局", 2024, TemplateId::V2021);
    let mut b = source("b.json", "", 2024, TemplateId::V2021);
    a.report.applications[0][0] = Some(3);
    b.report.applications[0][0] = Some(2);
    let m = merge(&[a, b]).unwrap();
    let cell = CellRef::applications(0, 0);
    assert_eq!(m.provenance.of(&cell), &[(0, "3".to_string()), (1, "2".to_string())]);
    assert_eq!(m.describe(&cell), "甲局 3；b.json 2", "a source without an agency goes by its file name");
    assert!(m.provenance.of(&CellRef::applications(1, 0)).is_empty());
}

#[test]
fn each_source_is_checked() {
    let mut a = source("a.json", "甲局", 2024, TemplateId::V2021);
    a.report.applications[0][0] = Some(3); // new but never handled: H1, H3
    let b = source("b.json", "乙镇", 2024, TemplateId::V2021);
    let m = merge(&[a, b]).unwrap();
    assert!(m.has_errors());
    assert!(m.sources[0].errors.iter().any(|f| f.rule == "H1"));
    assert!(m.sources[1].errors.is_empty());
    assert_eq!(m.sources[0].new, Figure::Read(None), "the 总计 column was left blank");
}

#[test]
fn a_cell_with_an_unread_part_is_unread() {
    let mut a = source("a.json", "甲局", 2024, TemplateId::V2021);
    let mut b = source("b.json", "乙镇", 2024, TemplateId::V2021);
    let mut c = source("c.json", "丙办", 2024, TemplateId::V2021);
    a.report.applications[0][0] = Some(3);
    let unread = |candidates: &[&str]| Unread {
        reason: "数字连在一起".into(),
        candidates: candidates.iter().map(|c| c.to_string()).collect(),
        source: "第 5 行".into(),
        text: "12".into(),
    };
    b.report.mark_unread(CellRef::applications(0, 0), unread(&["1", "12"]));
    b.report.mark_unread(CellRef::reviews(0), unread(&[]));
    c.report.mark_unread(CellRef::reviews(0), unread(&["2"]));
    c.report.mark_unread(CellRef::disclosure(5, 0), unread(&["0.5"]));
    let m = merge(&[a, b, c]).unwrap();
    let r = &m.report;
    assert_eq!(r.applications[0][0], None, "3 + unread is not 3");
    let u = r.unread_at(CellRef::applications(0, 0)).expect("unread");
    assert!(u.reason.contains("「乙镇」"), "{}", u.reason);
    assert_eq!(u.candidates, vec!["4", "15"], "3 + each reading");
    let u = r.unread_at(CellRef::reviews(0)).expect("unread");
    assert!(u.reason.contains("「乙镇」、「丙办」"), "{}", u.reason);
    assert!(r.unread_at(CellRef::disclosure(5, 0)).is_some());
    assert_eq!(r.unread.len(), 3);
    assert_eq!(m.sources_with_unread(), 2);
}

#[test]
fn mismatched_files_are_refused_with_reasons() {
    let sources = [
        source("a.json", "甲局", 2024, TemplateId::V2021),
        source("b.json", "乙镇", 2024, TemplateId::V2021),
        source("c.json", "丙办", 2023, TemplateId::V2021),
        source("d.json", "丁所", 2024, TemplateId::V2019),
    ];
    let Err(MergeError::Mismatch(lines)) = merge(&sources) else { panic!() };
    assert_eq!(
        lines,
        vec![
            "「c.json」（丙办）是2023年度的，其他年报是2024年度".to_string(),
            "「d.json」（丁所）用的是2019年试行格式，其他年报用的是2021年格式（现行）".to_string(),
        ]
    );
    assert_eq!(merge(&[]).err(), Some(MergeError::NoSources));
}

#[test]
fn one_agency_and_year_is_merged_once() {
    let a = source("a.json", "甲局", 2024, TemplateId::V2021);
    let again = source("a-副本.json", " 甲局 ", 2024, TemplateId::V2021);
    let Err(MergeError::Mismatch(lines)) = merge(&[a, source("b.json", "乙镇", 2024, TemplateId::V2021), again]) else {
        panic!()
    };
    assert_eq!(lines, vec!["「a.json」和「a-副本.json」都是甲局2024年度的年报：同一单位只能汇总一份（同一个文件也不能给两次）"]);
    // Spaces and invisible marks do not make another agency.
    let zwsp = source("c.json", "甲\u{200B}局", 2024, TemplateId::V2021);
    let nbsp = source("d.json", "甲\u{00A0}局\u{FEFF}", 2024, TemplateId::V2021);
    for twin in [zwsp, nbsp] {
        assert!(merge(&[source("a.json", "甲局", 2024, TemplateId::V2021), twin]).is_err());
    }
    // Without names to compare, sources are not refused: the files are told apart by the caller.
    assert!(merge(&[source("x.json", "", 2024, TemplateId::V2021), source("y.json", "", 2024, TemplateId::V2021)]).is_ok());
}

#[test]
fn purchase_amounts_in_different_units_are_refused() {
    let mut a = source("a.json", "甲局", 2020, TemplateId::V2019);
    let mut b = source("b.json", "乙镇", 2020, TemplateId::V2019);
    a.report.disclosure[7][1] = Some(Decimal::from_int(251000));
    b.report.disclosure[7][1] = Some(Decimal::from_int(25));
    b.report.procurement_unit = "万元".into();
    let Err(MergeError::Mismatch(lines)) = merge(&[a, b]) else { panic!() };
    assert!(lines[0].contains("采购总金额单位是「万元」"));
}

#[test]
fn a_figure_from_an_unread_cell_is_unread_not_blank() {
    let mut a = source("a.json", "甲局", 2024, TemplateId::V2021);
    let b = source("b.json", "乙镇", 2024, TemplateId::V2021);
    a.report.reviews[9] = Some(2);
    a.report.mark_unread(CellRef::reviews(4), Unread::default());
    a.report.mark_unread(CellRef::reviews(14), Unread::default());
    let m = merge(&[a, b]).unwrap();
    assert_eq!(m.sources[0].reviews, Figure::Unread);
    assert_eq!(m.sources[0].lawsuits, Figure::Unread, "2 plus an unread cell is not 2");
    assert_eq!(m.sources[1].reviews, Figure::Read(None), "left blank by its source");
}
