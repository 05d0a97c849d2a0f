//! Rules about the format and about numbers that are possible but unlikely:
//! S9 (format version), S3 (规章 row), S4 (2019 publication counts), S13 (fee unit),
//! S15 (implausibly large 表三 counts).

use super::{CellRef, Field, Findings, Location};
use crate::model::decimal::Decimal;
use crate::model::report::Report;
use crate::model::template::{ColumnRole, DisclosureItem, TemplateId};

/// A 表三 count this large (ten million applications in one cell) is implausible
/// for one agency's year: flagged by S15, and the widest count the PDF's number
/// columns are sized for.
pub const PLAUSIBLE_COUNT_LIMIT: i64 = 10_000_000;

pub(super) fn check(r: &Report, out: &mut Findings) {
    format_version(r, out);
    implausible_counts(r, out);
    let tpl = r.template.get();
    let cell = |role: ColumnRole, cells: &[Option<Decimal>], cols: &[crate::model::template::DisclosureColumn]| {
        cols.iter().position(|c| c.role == role).and_then(|j| cells[j].map(|v| (j, v)))
    };
    for (i, ((block, row), cells)) in tpl.disclosure_rows().zip(&r.disclosure).enumerate() {
        // S3: only bodies with rule-making power publish 规章.
        if row.item == DisclosureItem::Rules
            && cells.iter().flatten().any(|v| *v != Decimal::ZERO)
            && !r.agency.contains("人民政府")
        {
            out.hint(
                "S3",
                Location::cell(CellRef::disclosure(i, 0)),
                "表二「规章」行有非零数字：只有省级和设区的市、自治州人民政府有规章制定权，政府部门和县、乡两级一般应填 0，请核实".into(),
            );
        }
        // S4: 本年新公开数量 cannot exceed 对外公开总数量.
        if let (Some((j, published)), Some((_, total))) =
            (cell(ColumnRole::Published, cells, block.columns), cell(ColumnRole::PublishedTotal, cells, block.columns))
            && published > total
        {
            out.warning(
                "S4",
                Location::cell(CellRef::disclosure(i, j)),
                format!("表二「{}」行：本年新公开数量 {published} 大于对外公开总数量 {total}，请核实", row.label),
            );
        }
        // S13: a fee in 万元 this large was probably typed in 元.
        if let Some((j, fee)) = cell(ColumnRole::FeeAmount, cells, block.columns)
            && fee >= Decimal::from_int(FEE_WAN_YUAN_LIMIT)
        {
            out.hint(
                "S13",
                Location::cell(CellRef::disclosure(i, j)),
                format!(
                    "表二「{}」本年收费金额 {fee} 万元（即 {} 亿元）很大，请确认单位是万元而不是元",
                    row.label,
                    fee.approx() / 10_000.0
                ),
            );
        }
    }
}

/// S15: every 表三 cell of `PLAUSIBLE_COUNT_LIMIT` or more, as one finding.
fn implausible_counts(r: &Report, out: &mut Findings) {
    let cells: Vec<CellRef> = r
        .applications
        .iter()
        .enumerate()
        .flat_map(|(i, row)| row.iter().enumerate().map(move |(j, v)| (i, j, v)))
        .filter(|(_, _, v)| v.is_some_and(|v| v >= PLAUSIBLE_COUNT_LIMIT))
        .map(|(i, j, _)| CellRef::applications(i, j))
        .collect();
    if !cells.is_empty() {
        let n = cells.len();
        out.hint(
            "S15",
            Location::Cells(cells),
            format!("表三有 {n} 格的数字达到一千万件以上，一个机关一年难以收到这么多申请，请核实是否多输了数字"),
        );
    }
}

/// 100 亿元, in 万元.
const FEE_WAN_YUAN_LIMIT: i64 = 1_000_000;

/// The first report year of the 2021 format.
pub const FIRST_2021_YEAR: i32 = 2021;

/// S9: the format must fit the year.
fn format_version(r: &Report, out: &mut Findings) {
    let at = Location::Field(Field::Template);
    match r.template {
        TemplateId::V2019 if r.year >= FIRST_2021_YEAR => out.warning(
            "S9",
            at,
            format!(
                "{}年度报告使用的是已过时的2019年试行格式（{}）。自2021年度起应使用{}印发的格式，可在「基本信息」中转换为2021年格式",
                r.year,
                TemplateId::V2019.notice(),
                TemplateId::V2021.notice()
            ),
        ),
        TemplateId::V2021 if r.year < FIRST_2021_YEAR => out.hint(
            "S9",
            at,
            format!("{}年度报告通常使用2019年试行格式；2021年格式（{}）自2021年度起使用", r.year, TemplateId::V2021.notice()),
        ),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::model::check::{Severity, check};
    use crate::model::decimal::Decimal;
    use crate::model::report::Report;
    use crate::model::template::TemplateId;

    fn find(r: &Report, rule: &str) -> Vec<(Severity, String)> {
        check(r, None).into_iter().filter(|f| f.rule == rule).map(|f| (f.severity, f.message)).collect()
    }

    #[test]
    fn s9_outdated_format_names_the_2021_notice() {
        let r = Report::new(TemplateId::V2019, 2023, "某局");
        let s9 = find(&r, "S9");
        assert_eq!(s9.len(), 1);
        assert_eq!(s9[0].0, Severity::Warning);
        assert!(s9[0].1.contains("国办公开办函〔2021〕30号"));
        assert!(find(&Report::new(TemplateId::V2019, 2020, "某局"), "S9").is_empty());
        assert!(find(&Report::new(TemplateId::V2021, 2023, "某局"), "S9").is_empty());
        assert_eq!(find(&Report::new(TemplateId::V2021, 2020, "某局"), "S9")[0].0, Severity::Hint);
    }

    #[test]
    fn s15_counts_of_ten_million_are_one_finding() {
        let mut r = Report::new(TemplateId::V2021, 2024, "某局");
        r.applications[0][0] = Some(super::PLAUSIBLE_COUNT_LIMIT - 1);
        assert!(find(&r, "S15").is_empty());
        r.applications[0][0] = Some(super::PLAUSIBLE_COUNT_LIMIT);
        r.applications[3][2] = Some(123_456_789);
        let s15 = find(&r, "S15");
        assert_eq!(s15.len(), 1, "{s15:?}");
        assert!(s15[0].1.contains("2 格"), "{}", s15[0].1);
    }

    #[test]
    fn s3_rules_only_for_governments() {
        let mut r = Report::new(TemplateId::V2021, 2024, "某县统计局");
        r.disclosure[0] = vec![Some(Decimal::from_int(1)), Some(Decimal::ZERO), Some(Decimal::from_int(1))];
        assert_eq!(find(&r, "S3").len(), 1);
        r.agency = "某市人民政府".into();
        assert!(find(&r, "S3").is_empty());
        r.agency = "某县统计局".into();
        r.disclosure[0] = vec![Some(Decimal::ZERO); 3];
        assert!(find(&r, "S3").is_empty());
    }

    #[test]
    fn s4_published_not_above_total() {
        let mut r = Report::new(TemplateId::V2019, 2020, "某局");
        r.disclosure[1] = vec![Some(Decimal::from_int(3)), Some(Decimal::from_int(5)), Some(Decimal::from_int(4))];
        assert_eq!(find(&r, "S4")[0].1, "表二「规范性文件」行：本年新公开数量 5 大于对外公开总数量 4，请核实");
        r.disclosure[1][2] = Some(Decimal::from_int(5));
        assert!(find(&r, "S4").is_empty());
    }

    #[test]
    fn s13_fee_probably_in_yuan() {
        let mut r = Report::new(TemplateId::V2021, 2024, "某局");
        r.disclosure[5][0] = Some("7730.28".parse().unwrap());
        assert!(find(&r, "S13").is_empty());
        r.disclosure[5][0] = Some("77302800".parse().unwrap());
        assert!(find(&r, "S13")[0].1.contains("请确认单位是万元而不是元"));
    }
}
