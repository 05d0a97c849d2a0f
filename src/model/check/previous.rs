//! Rules against last year's report: S1 carry-over, S2 continuity, S10 内容雷同.

use super::similarity::similarity;
use super::{CellRef, Findings, Location, compact, show};
use crate::model::convert::to_2021;
use crate::model::decimal::Decimal;
use crate::model::report::{Report, TextField};
use crate::model::template::{APPLICANT_COLUMNS, ColumnRole, RowRole, TemplateId};

pub(super) fn check(r: &Report, prev: &Report, out: &mut Findings) {
    carry_over(r, prev, out);
    continuity(r, prev, out);
    identical_text(r, prev, out);
    identical_numbers(r, prev, out);
}

/// S1: this year's 二、上年结转 = last year's 四、结转下年度继续办理, column by column.
fn carry_over(r: &Report, prev: &Report, out: &mut Findings) {
    let row = r.template.get().application_row(RowRole::CarriedIn);
    let prev_row = prev.template.get().application_row(RowRole::CarriedOut);
    let mut cells = Vec::new();
    let mut parts = Vec::new();
    let mut unknown = Vec::new();
    for (col, name) in APPLICANT_COLUMNS.iter().enumerate() {
        let (now, before) = (r.applications[row][col], prev.applications[prev_row][col]);
        // Last year's cell was not read (imported): unknown, not blank.
        if prev.unread_at(CellRef::applications(prev_row, col)).is_some() {
            unknown.push((CellRef::applications(row, col), *name));
            continue;
        }
        if now.unwrap_or(0) != before.unwrap_or(0) || (now.is_none() && before.is_some()) {
            cells.push(CellRef::applications(row, col));
            parts.push(format!("{name} 本年填 {}、上年结转下年度 {}", show(now), show(before)));
        }
    }
    if !unknown.is_empty() {
        let names: Vec<&str> = unknown.iter().map(|(_, n)| *n).collect();
        out.hint(
            "S1",
            Location::Cells(unknown.iter().map(|(c, _)| *c).collect()),
            format!("无法核对：{}年报告的「四、结转下年度继续办理」{}列未能读取，S1 的核对要用到它", prev.year, names.join("、")),
        );
    }
    if !cells.is_empty() {
        out.warning(
            "S1",
            Location::Cells(cells),
            format!(
                "表三「二、上年结转政府信息公开申请数量」与{}年报告的「四、结转下年度继续办理」不一致：{}。如统计口径有变化请在报告中说明",
                prev.year,
                parts.join("；")
            ),
        );
    }
}

/// S2: counts that continue from last year's table 二.
fn continuity(r: &Report, prev: &Report, out: &mut Findings) {
    let tpl = r.template.get();
    let get = |rep: &Report, item, role| {
        rep.template.get().disclosure_cell(item, role).and_then(|(i, j)| rep.disclosure[i][j].map(|v| (i, j, v)))
    };
    let zero_if_blank = |rep: &Report, item, role| get(rep, item, role).map_or(Decimal::ZERO, |(_, _, v)| v);
    for (_, row) in tpl.disclosure_rows() {
        let item = row.item;
        match (r.template, prev.template) {
            (TemplateId::V2021, TemplateId::V2021) => {
                // 现行有效(本年) = 现行有效(上年) + 本年制发 − 本年废止
                let (Some((i, j, now)), Some((_, _, before))) =
                    (get(r, item, ColumnRole::InForce), get(prev, item, ColumnRole::InForce))
                else {
                    continue;
                };
                let issued = zero_if_blank(r, item, ColumnRole::Issued);
                let repealed = zero_if_blank(r, item, ColumnRole::Repealed);
                let expected = before.checked_add(issued).and_then(|v| v.checked_sub(repealed));
                if expected.is_some_and(|e| e != now) {
                    out.warning(
                        "S2",
                        Location::cell(CellRef::disclosure(i, j)),
                        format!(
                            "表二「{}」行：现行有效件数 {now}，但上年现行有效 {before} + 本年制发 {issued} − 本年废止 {repealed} = {}。如经过清理或重新统计可忽略",
                            row.label,
                            expected.unwrap_or_default()
                        ),
                    );
                }
            }
            (TemplateId::V2019, TemplateId::V2019) => {
                // 上一年项目数量(本年) = 上一年项目数量(上年) + 本年增/减(上年)
                let (Some((i, j, now)), Some((_, _, before))) =
                    (get(r, item, ColumnRole::PreviousItems), get(prev, item, ColumnRole::PreviousItems))
                else {
                    continue;
                };
                let change = zero_if_blank(prev, item, ColumnRole::Change);
                let expected = before.checked_add(change);
                if expected.is_some_and(|e| e != now) {
                    out.warning(
                        "S2",
                        Location::cell(CellRef::disclosure(i, j)),
                        format!(
                            "表二「{}」行：上一年项目数量 {now}，但{}年报告的上一年项目数量 {before} + 本年增/减 {change} = {}",
                            row.label,
                            prev.year,
                            expected.unwrap_or_default()
                        ),
                    );
                }
            }
            _ => {}
        }
    }
}

/// Texts shorter than this (after removing spaces) may repeat: “无。”, a title.
const MIN_COMPARED_CHARS: usize = 50;
/// Texts at least this alike are called copies.
const COPY_SIMILARITY: f64 = 0.9;

/// S10 (text): a paragraph that is last year's again (the generated standard
/// 前言 excepted).
fn identical_text(r: &Report, prev: &Report, out: &mut Findings) {
    let before: Vec<(TextField, &str)> = prev.texts();
    let standard = crate::model::preamble::standard_preamble(r);
    for (field, text) in r.texts() {
        if matches!(field, TextField::OverviewTitle(_) | TextField::ProblemTitle(_)) {
            continue;
        }
        // The standard 前言 (生成前言) is the same every year by design.
        if field == TextField::Preamble && text.trim() == standard.trim() {
            continue;
        }
        let Some((_, old)) = before.iter().find(|(f, _)| *f == field) else { continue };
        if compact(text).chars().count() < MIN_COMPARED_CHARS || compact(old).chars().count() < MIN_COMPARED_CHARS {
            continue;
        }
        let s = similarity(text, old);
        if s >= COPY_SIMILARITY {
            out.warning(
                "S10",
                Location::Field(super::Field::Text(field)),
                format!(
                    "{}与{}年报告几乎相同（相似度 {:.0}%）。年度报告应反映本年实际工作，内容雷同是通报批评的常见问题",
                    field.label(r),
                    prev.year,
                    s * 100.0
                ),
            );
        }
    }
}

/// S10 (numbers): tables 三 and 四 exactly as last year, and not all zero.
fn identical_numbers(r: &Report, prev: &Report, out: &mut Findings) {
    let converted;
    let prev = match (r.template, prev.template) {
        (a, b) if a == b => prev,
        (TemplateId::V2021, TemplateId::V2019) => {
            converted = to_2021(prev).report;
            &converted
        }
        _ => return,
    };
    let any_nonzero = r.applications.iter().flatten().chain(&r.reviews).any(|c| c.is_some_and(|n| n != 0));
    if any_nonzero && r.applications == prev.applications && r.reviews == prev.reviews {
        out.warning(
            "S10",
            Location::cell(CellRef::applications(0, 0)),
            format!("表三、表四的数字与{}年报告完全相同，请核实是否已更新为本年数据", prev.year),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::model::check::{CellRef, Location, check};
    use crate::model::decimal::Decimal;
    use crate::model::report::Report;
    use crate::model::template::TemplateId;

    fn with_prev(r: &Report, prev: &Report, rule: &str) -> Vec<crate::model::check::Finding> {
        check(r, Some(prev)).into_iter().filter(|f| f.rule == rule).collect()
    }

    #[test]
    fn s1_carry_over_matches_last_years_carry_forward() {
        for (t_now, t_prev) in [(TemplateId::V2021, TemplateId::V2021), (TemplateId::V2021, TemplateId::V2019)] {
            let mut prev = Report::new(t_prev, 2023, "某局");
            let last = prev.applications.len() - 1;
            prev.applications[last] = [Some(2), Some(1), Some(0), Some(0), Some(0), Some(0), Some(3)];
            let mut r = Report::new(t_now, 2024, "某局");
            r.applications[1] = prev.applications[last];
            assert!(with_prev(&r, &prev, "S1").is_empty());
            r.applications[1][0] = Some(1);
            r.applications[1][6] = None;
            let s1 = with_prev(&r, &prev, "S1");
            assert_eq!(s1.len(), 1);
            assert!(
                s1[0].message.contains("自然人 本年填 1、上年结转下年度 2；总计 本年填 空白、上年结转下年度 3"),
                "{}",
                s1[0].message
            );
            assert_eq!(s1[0].location, Location::Cells(vec![CellRef::applications(1, 0), CellRef::applications(1, 6)]));
        }
        // Without last year's report there is no S1.
        let r = Report::new(TemplateId::V2021, 2024, "某局");
        assert!(check(&r, None).iter().all(|f| f.rule != "S1"));
    }

    #[test]
    fn s1_cannot_check_a_cell_last_year_left_unread() {
        let mut prev = Report::new(TemplateId::V2021, 2023, "某局");
        let last = prev.applications.len() - 1;
        prev.applications[last] = [Some(2), Some(1), Some(0), Some(0), Some(0), Some(0), Some(3)];
        prev.mark_unread(CellRef::applications(last, 6), crate::model::unread::Unread::default());
        let mut r = Report::new(TemplateId::V2021, 2024, "某局");
        r.applications[1] = [Some(2), Some(1), Some(0), Some(0), Some(0), Some(0), Some(3)];
        let s1 = with_prev(&r, &prev, "S1");
        assert_eq!(s1.len(), 1, "{s1:?}");
        assert!(s1[0].message.starts_with("无法核对") && s1[0].message.contains("总计"), "{}", s1[0].message);
        assert!(!s1[0].message.contains("空白"), "{}", s1[0].message);
        assert_eq!(s1[0].severity, crate::model::check::Severity::Hint);
    }

    #[test]
    fn s2_in_force_continues() {
        let d = Decimal::from_int;
        let mut prev = Report::new(TemplateId::V2021, 2023, "某局");
        prev.disclosure[1] = vec![Some(d(3)), Some(d(0)), Some(d(20))];
        let mut r = Report::new(TemplateId::V2021, 2024, "某局");
        r.disclosure[1] = vec![Some(d(4)), Some(d(1)), Some(d(23))];
        assert!(with_prev(&r, &prev, "S2").is_empty());
        r.disclosure[1][2] = Some(d(25));
        let s2 = with_prev(&r, &prev, "S2");
        assert_eq!(s2.len(), 1);
        assert!(
            s2[0]
                .message
                .starts_with("表二「行政规范性文件」行：现行有效件数 25，但上年现行有效 20 + 本年制发 4 − 本年废止 1 = 23")
        );
    }

    #[test]
    fn s2_2019_item_counts_continue() {
        let d = Decimal::from_int;
        let mut prev = Report::new(TemplateId::V2019, 2019, "某局");
        prev.disclosure[2] = vec![Some(d(10)), Some(d(-2)), Some(d(100))];
        let mut r = Report::new(TemplateId::V2019, 2020, "某局");
        r.disclosure[2] = vec![Some(d(8)), Some(d(0)), Some(d(90))];
        assert!(with_prev(&r, &prev, "S2").is_empty());
        r.disclosure[2][0] = Some(d(10));
        assert_eq!(
            with_prev(&r, &prev, "S2")[0].message,
            "表二「行政许可」行：上一年项目数量 10，但2019年报告的上一年项目数量 10 + 本年增/减 -2 = 8"
        );
    }

    #[test]
    fn s10_copied_text_and_numbers() {
        let body = "我局坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，\
                    通过政府门户网站、政务新媒体等渠道主动公开政府信息22条，进一步提升政务公开质量。";
        let mut prev = Report::new(TemplateId::V2021, 2023, "某局");
        prev.overview.sections[0].body = format!("2023年，{body}");
        prev.applications[0] = [Some(3), Some(0), Some(0), Some(0), Some(0), Some(0), Some(3)];
        let mut r = prev.clone();
        r.year = 2024;
        r.overview.sections[0].body = format!("2024年，{body}");
        let s10 = with_prev(&r, &prev, "S10");
        assert_eq!(s10.len(), 2, "text and numbers");
        assert!(s10[0].message.starts_with("总体情况（一）主动公开与2023年报告几乎相同（相似度 100%）"));
        assert!(s10[1].message.starts_with("表三、表四的数字与2023年报告完全相同"));

        r.overview.sections[0].body =
            "本年度重点推进财政预决算公开和重大项目信息公开，新增政策解读专栏，开展两次政务公开培训，群众满意度明显提升。".into();
        r.applications[0] = [Some(4), Some(0), Some(0), Some(0), Some(0), Some(0), Some(4)];
        assert!(with_prev(&r, &prev, "S10").is_empty());
    }

    #[test]
    fn s10_all_zero_tables_may_repeat() {
        let mut prev = Report::new(TemplateId::V2021, 2023, "某局");
        prev.applications.iter_mut().for_each(|row| *row = [Some(0); 7]);
        let mut r = prev.clone();
        r.year = 2024;
        assert!(with_prev(&r, &prev, "S10").is_empty(), "a township with no applications two years running is normal");
    }

    #[test]
    fn s10_spares_the_standard_preamble_but_not_a_copied_one() {
        use crate::model::preamble::standard_preamble;
        let mut prev = Report::new(TemplateId::V2021, 2023, "某县市场监督管理局");
        prev.contact.address = "某县人民路1号".into();
        prev.preamble = standard_preamble(&prev);
        let mut r = prev.clone();
        r.year = 2024;
        r.preamble = standard_preamble(&r);
        assert!(with_prev(&r, &prev, "S10").is_empty(), "生成前言 gives the same text every year");
        r.preamble = prev.preamble.clone(); // last year's, statistics period and all
        assert_eq!(with_prev(&r, &prev, "S10").len(), 1);
    }
}
