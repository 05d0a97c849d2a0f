//! What the report's publication asks beyond the format:
//! - S19 (提示): a 落款 date that is no calendar date (2025年2月30日), or dated after the deadline of 条例 第四十九条 — 3月31日 of the
//!   following year for a 县级以上地方人民政府's own report (the agency's name ends
//!   in 人民政府 and it is not a 乡、镇 or 街道), 1月31日 for everyone else
//!   (部门, 管委会, 乡镇, 街道); a date may be written in Chinese numerals (二〇二五年二月三日);
//! - S20 (警告, only when the user sets a cap): 总体情况 longer than the cap some
//!   provinces set (武威 2025: 1000 字).

use super::{Field, Findings, Location, Options};
use crate::model::report::{Report, TextField};
use crate::model::text::ascii_digits;

/// The cap some provinces set on 总体情况 (武威 2025): what the setting offers first.
pub const OVERVIEW_LIMIT: usize = 1000;

pub(super) fn check(r: &Report, options: &Options, out: &mut Findings) {
    deadline(r, out);
    if let Some(limit) = options.overview_limit {
        let length = r.overview.chars();
        if length > limit {
            out.warning(
                "S20",
                Location::Field(Field::Text(TextField::OverviewLead)),
                format!("总体情况共 {length} 字，超过了设定的 {limit} 字上限（多 {} 字），请精简", length - limit),
            );
        }
    }
}

/// Whether the agency reports as a 县级以上地方人民政府 (by 3月31日) rather than
/// as a department, 管委会, 乡镇 or 街道 (by 1月31日).
fn is_county_or_higher_government(agency: &str) -> bool {
    let name: String = agency.chars().filter(|c| !c.is_whitespace()).collect();
    name.strip_suffix("人民政府")
        .is_some_and(|place| !place.is_empty() && !place.ends_with(['乡', '镇']) && !place.contains("街道"))
}

fn deadline(r: &Report, out: &mut Findings) {
    let Some((year, month, day)) = date(&r.signature.date) else { return };
    if !is_calendar_date(year, month, day) {
        out.hint(
            "S19",
            Location::Field(Field::SignatureDate),
            format!("落款日期「{}」不是有效的日期，请核对", r.signature.date.trim()),
        );
        return;
    }
    let government = is_county_or_higher_government(&r.agency);
    let (last_month, who) = if government {
        (3, "县级以上地方人民政府的本级年度报告")
    } else {
        (1, "政府部门（含乡镇、街道、管委会）的年度报告")
    };
    let due = (r.year + 1, last_month, 31);
    if (year, month, day) > due {
        out.hint(
            "S19",
            Location::Field(Field::SignatureDate),
            format!(
                "落款日期 {year}年{month}月{day}日 晚于《中华人民共和国政府信息公开条例》第四十九条规定的期限：\
                 {who}应在 {}年{last_month}月31日前公布（编制单位「{}」）",
                r.year + 1,
                r.agency.trim()
            ),
        );
    }
}

/// Whether (`year`, `month`, `day`) is a day of the Gregorian calendar (not 2月30日).
fn is_calendar_date(year: i32, month: u32, day: u32) -> bool {
    let month = u8::try_from(month).ok().and_then(|m| time::Month::try_from(m).ok());
    let day = u8::try_from(day).ok();
    matches!((month, day), (Some(m), Some(d)) if time::Date::from_calendar_date(year, m, d).is_ok())
}

/// “2025年1月20日”, “2025-01-20”, “2025/1/20”, “二〇二五年一月二十日” as (year, month, day).
fn date(text: &str) -> Option<(i32, u32, u32)> {
    let digits = ascii_digits(&han_numbers(text));
    let parts: Vec<&str> = digits.split(|c: char| !c.is_ascii_digit()).filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        [y, m, d] => Some((y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)),
        _ => None,
    }
}

/// Chinese numerals written as digits: 「二〇二五」 → 2025 (digit by digit), 「二十」
/// → 20, 「三十一」 → 31, 「十二」 → 12.
fn han_numbers(text: &str) -> String {
    const DIGITS: &str = "〇一二三四五六七八九";
    let digit = |c: char| match c {
        '零' | '○' | 'О' | 'o' => Some(0),
        c => DIGITS.chars().position(|d| d == c).map(|d| d as u32),
    };
    let mut out = String::new();
    let mut run: Vec<char> = Vec::new();
    let flush = |run: &mut Vec<char>, out: &mut String| {
        if let Some(ten) = run.iter().position(|c| *c == '十') {
            let tens = if ten == 0 { 1 } else { run[..ten].iter().filter_map(|c| digit(*c)).sum() };
            let ones: u32 = run[ten + 1..].iter().filter_map(|c| digit(*c)).sum();
            out.push_str(&(tens * 10 + ones).to_string());
        } else {
            out.extend(run.iter().filter_map(|c| digit(*c)).map(|d| char::from(b'0' + d as u8)));
        }
        run.clear();
    };
    for c in text.chars() {
        if c == '十' || digit(c).is_some() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use crate::model::check::{Finding, Options, check, check_with};
    use crate::model::report::Report;
    use crate::model::template::TemplateId;

    fn s19(agency: &str, date: &str) -> Vec<Finding> {
        let mut r = Report::new(TemplateId::V2021, 2022, agency);
        r.signature.unit = agency.into();
        r.signature.date = date.into();
        check(&r, None).into_iter().filter(|f| f.rule == "S19").collect()
    }

    #[test]
    fn a_date_that_is_no_calendar_date_is_pointed_out() {
        for date in ["2023年2月30日", "2023年13月20日", "2023年1月0日", "2023年2月29日"] {
            let found = s19("某县统计局", date);
            assert_eq!(found.len(), 1, "{date}");
            assert!(found[0].message.contains("不是有效的日期"), "{}", found[0].message);
        }
        assert!(s19("某县统计局", "2024年2月29日").iter().all(|f| !f.message.contains("不是有效")));
        assert!(s19("某县统计局", "2023年1月31日").is_empty());
    }

    #[test]
    fn departments_by_the_end_of_january() {
        // 文登区政府办 2022 signed 2023年1月16日: in time.
        assert!(s19("威海市文登区人民政府办公室", "2023 年 1 月 16 日").is_empty());
        let found = s19("威海市文登区人民政府办公室", "2023年2月3日");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "落款日期 2023年2月3日 晚于《中华人民共和国政府信息公开条例》第四十九条规定的期限：\
             政府部门（含乡镇、街道、管委会）的年度报告应在 2023年1月31日前公布（编制单位「威海市文登区人民政府办公室」）"
        );
        for agency in ["某某县某某镇人民政府", "某某县某某乡人民政府", "平潭综合实验区管理委员会", "某某区某某街道办事处"]
        {
            assert_eq!(s19(agency, "2023-02-01").len(), 1, "{agency}");
        }
    }

    #[test]
    fn governments_by_the_end_of_march() {
        assert!(s19("淮安市洪泽区人民政府", "2023年3月31日").is_empty());
        assert!(s19("淮安市洪泽区人民政府", "2023/2/20").is_empty());
        assert!(
            s19("淮安市洪泽区人民政府", "2023年4月1日")[0]
                .message
                .contains("县级以上地方人民政府的本级年度报告应在 2023年3月31日前公布")
        );
        assert!(s19("淮安市洪泽区人民政府", "").is_empty(), "no 落款, nothing to say");
    }

    #[test]
    fn dates_in_chinese_numerals() {
        assert_eq!(super::han_numbers("二〇二五年二月三日"), "2025年2月3日");
        assert_eq!(super::han_numbers("二○二五年十二月三十一日"), "2025年12月31日");
        assert_eq!(super::han_numbers("二〇二三年一月二十日"), "2023年1月20日");
        let found = s19("青山县市场监督管理局", "二〇二三年二月三日");
        assert_eq!(found.len(), 1);
        assert!(found[0].message.starts_with("落款日期 2023年2月3日 晚于"), "{}", found[0].message);
        assert!(s19("青山县市场监督管理局", "二〇二三年一月二十日").is_empty());
        assert!(s19("淮安市洪泽区人民政府", "二〇二三年三月三十一日").is_empty());
    }

    #[test]
    fn overview_cap_only_when_set() {
        let mut r = Report::new(TemplateId::V2021, 2024, "某局");
        r.overview.lead = "字".repeat(600);
        r.overview.sections[0].body = "公 开".repeat(200); // 400 characters; spaces do not count
        let s20 =
            |limit| check_with(&r, None, &Options { overview_limit: limit }).into_iter().filter(|f| f.rule == "S20").count();
        assert_eq!(s20(None), 0);
        assert_eq!(s20(Some(1029)), 0, "600 + 400 + the five sub-titles' 4 + 5 + 6 + 10 + 4 characters");
        let found = check_with(&r, None, &Options { overview_limit: Some(1000) });
        let s20: Vec<_> = found.iter().filter(|f| f.rule == "S20").collect();
        assert_eq!(s20.len(), 1);
        assert_eq!(s20[0].message, "总体情况共 1029 字，超过了设定的 1000 字上限（多 29 字），请精简");
        assert_eq!(s20[0].severity, crate::model::Severity::Warning);
    }
}
