//! S8: years in the text that do not match the report year — the classic sign
//! of a report copied from last year and not fully updated.
//!
//! The rule (documented in README.md):
//! - A 统计期限 “YYYY年1月1日（起）至（YYYY年）12月31日” must name the report year.
//! - Any other “YYYY年” earlier than the report year is reported, unless the
//!   context shows a deliberate reference to the past: inside 《》 (a document
//!   title), after 较/比/与/自/从/于/至/截至/和/及/、/-/— (comparisons, ranges,
//!   starting points), or followed by 以来/起/底/末/前/以前/之前/相比/同期/12月31日.
//! - The report year and later years are fine (plans for next year are normal).

use super::{Field, Findings, Location};
use crate::model::report::Report;
use crate::model::text::ascii_digits;

pub(super) fn check(r: &Report, out: &mut Findings) {
    for (field, text) in r.texts() {
        // As printed: invisible marks (a zero-width space inside 「2019年」) are not there.
        let chars: Vec<char> =
            ascii_digits(&crate::model::text::export_text(text)).chars().filter(|c| !c.is_whitespace()).collect();
        let hits = find_years(&chars);
        let mut stale: Vec<&Hit> = Vec::new();
        let mut consumed = vec![false; hits.len()];
        for (k, hit) in hits.iter().enumerate() {
            if consumed[k] {
                continue;
            }
            if let Some((end_hit, period)) = statistical_period(&chars, &hits, k) {
                consumed[k] = true;
                if let Some(e) = end_hit {
                    consumed[e] = true;
                }
                let years_in_period = [Some(hit.year), end_hit.map(|e| hits[e].year)];
                if years_in_period.into_iter().flatten().any(|y| y != r.year) {
                    out.warning(
                        "S8",
                        Location::Field(Field::Text(field)),
                        format!("{}中的统计期限写的是「{period}」，与报告年度{}年不符", field.label(r), r.year),
                    );
                }
                continue;
            }
            if hit.year < r.year && !deliberate_reference(&chars, hit) {
                stale.push(hit);
            }
        }
        if let Some(first) = stale.first() {
            let more = if stale.len() > 1 { format!("等{}处", stale.len()) } else { String::new() };
            out.warning(
                "S8",
                Location::Field(Field::Text(field)),
                format!(
                    "{}中出现往年年份「{}」{more}（…{}…），本报告是{}年度的；如是沿用往年文字请改正，确属引用往年情况可忽略",
                    field.label(r),
                    first.year,
                    context(&chars, first),
                    r.year
                ),
            );
        }
    }
}

/// “YYYY年” in the text: `start` is the first digit, `end` is just after 年 (char indices).
struct Hit {
    year: i32,
    start: usize,
    end: usize,
}

const YEAR_RANGE: std::ops::RangeInclusive<i32> = 1990..=2100;

fn find_years(chars: &[char]) -> Vec<Hit> {
    let mut hits = Vec::new();
    let mut i = 0;
    while i + 4 < chars.len() {
        let is_year = chars[i..i + 4].iter().all(char::is_ascii_digit)
            && chars[i + 4] == '年'
            && (i == 0 || !chars[i - 1].is_ascii_digit());
        if is_year {
            let year: i32 = chars[i..i + 4].iter().collect::<String>().parse().unwrap_or(0);
            if YEAR_RANGE.contains(&year) {
                hits.push(Hit { year, start: i, end: i + 5 });
            }
            i += 5;
        } else {
            i += 1;
        }
    }
    hits
}

fn starts_with(chars: &[char], at: usize, s: &str) -> bool {
    (at..).zip(s.chars()).all(|(k, c)| chars.get(k) == Some(&c))
}

/// If hit `k` opens a 统计期限, returns the hit that closes it (if the end
/// date repeats the year) and the period's text.
fn statistical_period(chars: &[char], hits: &[Hit], k: usize) -> Option<(Option<usize>, String)> {
    let hit = &hits[k];
    if !starts_with(chars, hit.end, "1月1日") {
        return None;
    }
    let mut at = hit.end + "1月1日".chars().count();
    if chars.get(at) == Some(&'起') {
        at += 1;
    }
    if !matches!(chars.get(at), Some('至' | '到')) {
        return None;
    }
    at += 1;
    let end_hit = hits.iter().position(|h| h.start == at);
    if let Some(e) = end_hit {
        at = hits[e].end;
    }
    if !starts_with(chars, at, "12月31日") {
        return None;
    }
    at += "12月31日".chars().count();
    Some((end_hit, chars[hit.start..at].iter().collect()))
}

const BEFORE: [char; 14] = ['较', '比', '与', '自', '从', '于', '至', '截', '和', '及', '、', '-', '—', '~'];
const AFTER: [&str; 9] = ["以来", "起", "底", "末", "前", "之前", "相比", "同期", "12月31日"];

fn deliberate_reference(chars: &[char], hit: &Hit) -> bool {
    let open_titles = chars[..hit.start].iter().fold(0i32, |depth, c| match c {
        '《' => depth + 1,
        '》' => (depth - 1).max(0),
        _ => depth,
    });
    if open_titles > 0 {
        return true;
    }
    if hit.start > 0 && BEFORE.contains(&chars[hit.start - 1]) {
        return true;
    }
    let after = if chars.get(hit.end) == Some(&'度') { hit.end + 1 } else { hit.end };
    AFTER.iter().any(|s| starts_with(chars, after, s))
}

/// A few characters either side of the hit, for the message.
fn context(chars: &[char], hit: &Hit) -> String {
    let from = hit.start.saturating_sub(6);
    let to = (hit.end + 8).min(chars.len());
    chars[from..to].iter().collect()
}

#[cfg(test)]
mod tests {
    use crate::model::check::check;
    use crate::model::report::Report;
    use crate::model::template::TemplateId;

    fn s8(year: i32, body: &str) -> Vec<String> {
        let mut r = Report::new(TemplateId::V2021, year, "某局");
        r.overview.sections[0].body = body.into();
        check(&r, None).into_iter().filter(|f| f.rule == "S8").map(|f| f.message).collect()
    }

    #[test]
    fn last_years_text_left_in_is_found() {
        let m = s8(2024, "2023年，我局坚持以人民为中心。2023年度共主动公开信息22条。");
        assert_eq!(m.len(), 1, "one finding per field");
        assert!(m[0].starts_with("总体情况（一）主动公开中出现往年年份「2023」等2处"), "{}", m[0]);
        assert!(m[0].contains("本报告是2024年度的"));
    }

    #[test]
    fn invisible_marks_inside_a_year_do_not_hide_it() {
        // As printed they read 「2023年」: found as the printed text is.
        for text in ["2023\u{200B}年，我局坚持以人民为中心。", "20\u{00AD}23年，我局坚持以人民为中心。"]
        {
            assert_eq!(s8(2024, text).len(), 1, "{text:?}");
        }
    }

    #[test]
    fn the_report_year_and_later_years_are_fine() {
        assert!(s8(2024, "2024年，我局……2025年将进一步加强。").is_empty());
        assert!(s8(2024, "２０２４年，我局……").is_empty());
        assert!(s8(2024, "2024 年，我局……").is_empty());
    }

    #[test]
    fn deliberate_references_to_the_past_are_fine() {
        for text in [
            "较2023年增长12%。",
            "与2023年相比有所增加。",
            "自2019年起建立制度。",
            "2023年以来持续推进。",
            "2023年底结转的3件申请已办结。",
            "2023年12月31日前收到的申请。",
            "认真落实《2023年政务公开工作要点》。",
            "2021—2023年连续三年。",
            "截至2023年底。",
        ] {
            assert!(s8(2024, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn statistical_period_must_name_the_report_year() {
        let mut r = Report::new(TemplateId::V2021, 2024, "某局");
        r.preamble = "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。".into();
        let m: Vec<_> = check(&r, None).into_iter().filter(|f| f.rule == "S8").map(|f| f.message).collect();
        assert_eq!(m, vec!["前言中的统计期限写的是「2023年1月1日起至2023年12月31日」，与报告年度2024年不符".to_string()]);
        r.preamble = "统计期限为2024年1月1日至12月31日。".into();
        assert!(check(&r, None).iter().all(|f| f.rule != "S8"));
        r.preamble = "统计期限为2024年1月1日至2025年12月31日。".into();
        assert_eq!(check(&r, None).iter().filter(|f| f.rule == "S8").count(), 1);
    }

    #[test]
    fn numbers_that_are_not_years_are_ignored() {
        assert!(s8(2024, "共受理12023年").is_empty());
        assert!(s8(2024, "编号0533年").is_empty());
    }
}
