//! The 落款 at the end of part 六: one or more unit lines (a joint report has a
//! unit per line; a long unit may be wrapped over two), then a date line, which
//! may be missing.

/// Longest unit line taken (a long agency's name is 30-odd characters).
const MAX_UNIT_CHARS: usize = 40;
/// A joint report signs with a few units, one per line.
const MAX_UNIT_LINES: usize = 4;
/// What the name of a unit ends with (局, 办公室, 街道办事处, 中心 …).
const UNIT_ENDINGS: &str = "局办室委府院会心所处队站部厅馆道镇乡区司行团社署盟联";

/// A date wrapped by a word processor spans at most this many lines
/// (「2025年1月」「15」「日」).
const MAX_DATE_LINES: usize = 3;
/// Table debris after the 落款's date: at most this many short lines.
const MAX_DEBRIS_LINES: usize = 3;
/// The longest line taken as table debris (「总计」「12」「1,250」).
const MAX_DEBRIS_CHARS: usize = 6;

/// Part 六 with its 落款 split off.
#[derive(Debug, PartialEq)]
pub struct Split {
    /// The rest of 六.
    pub text: String,
    /// A line per unit (「青山县市场监督管理局\n青山县司法局」).
    pub unit: String,
    pub date: String,
    /// The line ending what is left of 六 when it looks like a unit or a date
    /// that was not read as the 落款: for review, never silently part of 六.
    pub doubt: Option<String>,
    /// Short lines after the 落款's date (「总计」「12」: table cells a PDF
    /// draws last, in the order text copied from it keeps): not the report's
    /// text, listed for review.
    pub debris: Option<String>,
}

/// Splits the 落款 off the end of part 六. Lines that together make the
/// report's `agency` are one unit wrapped by the page; a date wrapped over
/// lines (「2025年12月31」「日」) is joined.
pub fn split(text: &str, agency: &str) -> Split {
    let one_line: (String, String);
    let mut lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let agency = compact(agency);
    // 「临江县司法局　　2025年1月15日」: the unit and the date on one line.
    if let Some(parts) = lines.last().and_then(|l| unit_and_date(l, &agency)) {
        one_line = parts;
        lines.pop();
        lines.extend([one_line.0.as_str(), one_line.1.as_str()]);
    }
    let mut debris = None;
    // After the dated 落款: a 附注 「（此件公开发布）」 (GB/T 9704 §7.3.6) or the
    // attachments 「附件：1.…」 — no part of 六, listed.
    if let Some(i) = (1..lines.len()).find(|&i| after_signature(lines[i]) && !split_date(&lines[..i]).1.is_empty()) {
        debris = Some(lines[i..].iter().map(|l| compact(l)).collect::<Vec<_>>().join(" "));
        lines.truncate(i);
    }
    if debris.is_none()
        && let Some(k) = (1..=MAX_DEBRIS_LINES.min(lines.len().saturating_sub(1))).find(|&k| {
            let (rest, tail) = lines.split_at(lines.len() - k);
            // After the 落款: its date, or (undated) the report's own agency.
            let signed =
                !split_date(rest).1.is_empty() || rest.last().is_some_and(|l| !agency.is_empty() && compact(l) == agency);
            tail.iter().all(|l| is_debris(l)) && signed
        })
    {
        debris = Some(lines[lines.len() - k..].iter().map(|l| compact(l)).collect::<Vec<_>>().join(" "));
        lines.truncate(lines.len() - k);
    }
    let (body, date) = split_date(&lines);
    // Unit lines from the bottom up: a line that names a unit, or the first
    // half of the agency's name wrapped onto the line below.
    let mut first = body.len();
    while first > 0 && body.len() - first < MAX_UNIT_LINES {
        let joins = |a: Option<&&str>, b: Option<&&str>| match (a, b) {
            (Some(a), Some(b)) => !agency.is_empty() && agency.contains(&(compact(a) + &compact(b))),
            _ => false,
        };
        let here = &body[first - 1];
        let wrapped = joins(Some(here), body.get(first)) || (first >= 2 && joins(body.get(first - 2), Some(here)));
        // Right above a date any unit-like line is the unit, as is the agency's name.
        let signs = (!date.is_empty() && first == body.len()) || compact(here) == agency;
        if !unit_like(here) || !(ends_like_unit(here) || wrapped || signs) {
            break;
        }
        first -= 1;
    }
    // Something of part 六 stays before the 落款 (a 六 of one unit-like line is
    // text), unless 六 is left empty: every line surely names a unit over a
    // date, or, undated, the lines are the report's own agency (no 六 says only
    // that). Undated, any other lone unit-like line is 六's text and a doubt.
    // (A unit is whole here: the agency's name wrapped by the page is joined.)
    let whole = join_wrapped(body, &agency);
    let empty_six = if date.is_empty() {
        !agency.is_empty() && whole == [agency.as_str()]
    } else {
        whole.iter().all(|u| ends_like_unit(u) || *u == agency)
    };
    if first == 0 && !empty_six {
        first = body.len().min(1);
    }
    let units = join_wrapped(&body[first..], &agency);
    // Left ending 六: a date, a unit, or a line of words right above the units
    // read (the first half of a long unit the page wrapped, not the agency's).
    let above_units = |l: &str| first < body.len() && !l.chars().any(|c| c.is_ascii_digit());
    let doubt = body[..first].last().filter(|l| looks_like_date(l) || (unit_like(l) && (ends_like_unit(l) || above_units(l))));
    Split { text: body[..first].join("\n"), unit: units.join("\n"), date, doubt: doubt.map(|l| compact(l)), debris }
}

/// The date ending the lines, joined when wrapped over up to `MAX_DATE_LINES`
/// lines: (the lines before it, the date without whitespace).
fn split_date<'a, 'b>(lines: &'a [&'b str]) -> (&'a [&'b str], String) {
    for k in 1..=MAX_DATE_LINES.min(lines.len()) {
        let (rest, tail) = lines.split_at(lines.len() - k);
        let joined: String = tail.iter().map(|l| compact(l)).collect();
        if is_date(&joined) {
            return (rest, joined);
        }
    }
    (lines, String::new())
}

/// A short line with a year in it and a date's marks (年, 月, 日 or 「2025.1.15」):
/// what a 落款's date may look like when it is not read as one.
fn looks_like_date(line: &str) -> bool {
    let c = compact(line);
    let digits: Vec<char> = c.chars().filter(char::is_ascii_digit).collect();
    let year = c.contains("二〇") || c.contains("二零") || (digits.len() >= 4 && matches!(digits[..2], ['1', '9'] | ['2', '0']));
    c.chars().count() <= 20
        && year
        && (c.contains(['年', '月', '日']) || c.contains(['.', '-', '/', '．', '－', '／']))
        && !c.contains(['。', '，', '；', '：'])
}

/// A line that follows a 落款 but is none of it: a 附注 in brackets or the
/// attachments' heading.
fn after_signature(line: &str) -> bool {
    let c = compact(line);
    (c.starts_with(['（', '(']) && c.ends_with(['）', ')']) && c.chars().count() <= 20) || c.starts_with("附件")
}

/// A short line without sentence punctuation that is no date: a table's
/// number or label, not a sentence of 六.
fn is_debris(line: &str) -> bool {
    let c = compact(line);
    (1..=MAX_DEBRIS_CHARS).contains(&c.chars().count())
        && !c.contains(['。', '，', '；', '：', ',', ';', ':', '！', '？', '、'])
        && !looks_like_date(&c)
}

fn is_date(l: &str) -> bool {
    let c = compact(l);
    c.chars().count() <= 14
        && c.ends_with('日')
        && c.contains('年')
        && c.contains('月')
        && c.chars().next().is_some_and(|d| d.is_ascii_digit() || d == '二')
}

/// Without whitespace, full-width digits as ASCII (「２０２５年」 is a date too).
fn compact(s: &str) -> String {
    crate::model::text::ascii_digits(&s.chars().filter(|c| !c.is_whitespace()).collect::<String>())
}

/// A line that may be a unit's name: short, no sentence punctuation, not a list item.
fn unit_like(line: &str) -> bool {
    let n = compact(line).chars().count();
    let list_item = line.starts_with(['（', '(', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'])
        || line.chars().nth(1).is_some_and(|c| c == '、' || c == '.');
    (2..=MAX_UNIT_CHARS).contains(&n) && !list_item && !line.contains(['。', '，', '；', '：', ',', ';', ':', '！', '？'])
}

fn ends_like_unit(line: &str) -> bool {
    line.trim_end_matches(['）', ')']).chars().last().is_some_and(|c| UNIT_ENDINGS.contains(c))
}

/// A line that is a unit's name followed by a date (the 落款 on one line):
/// the unit as it ends like one or is the `agency`, and the date.
fn unit_and_date(line: &str, agency: &str) -> Option<(String, String)> {
    let c = compact(line);
    let starts = c.char_indices().filter(|&(i, ch)| i > 0 && (ch.is_ascii_digit() || ch == '二'));
    let (unit, date) = starts.map(|(i, _)| c.split_at(i)).find(|(_, d)| is_date(d))?;
    let unit = unit.trim_end_matches(['　', ' ']);
    (unit_like(unit) && (ends_like_unit(unit) || unit == agency)).then(|| (unit.to_string(), date.to_string()))
}

/// What a unit line may carry that is no part of its name: where the seal goes.
const SEAL: [&str; 4] = ["盖章", "公章", "印章", "章"];

/// The unit line without a seal note at its end, in either brackets.
fn without_seal(line: &str) -> &str {
    for seal in SEAL {
        for (open, close) in [('（', '）'), ('(', ')')] {
            if let Some(rest) = line.strip_suffix(close).and_then(|l| l.strip_suffix(seal)).and_then(|l| l.strip_suffix(open)) {
                return rest;
            }
        }
    }
    line
}

/// Adjacent lines whose concatenation is (part of) the agency's name are one unit.
fn join_wrapped(lines: &[&str], agency: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in lines {
        let line = compact(line);
        let line = without_seal(&line).to_string();
        // 「青山县市场监督管理局　青山县发展和改革局」: two units on one line, the
        // agency's first, the other of the same place (not 「…城东分局」, a part of it).
        let place: String = agency.chars().take(3).collect();
        let second = |o: &&str| !agency.is_empty() && o.starts_with(&place) && unit_like(o) && ends_like_unit(o);
        if let Some(other) = line.strip_prefix(agency).filter(second) {
            out.extend([agency.to_string(), other.to_string()]);
            continue;
        }
        match out.last_mut() {
            Some(last) if !agency.is_empty() && *last != agency && agency.contains(&format!("{last}{line}")) => {
                last.push_str(&line);
            }
            _ => out.push(line),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::split;

    fn s(text: &str, agency: &str) -> (String, String, String) {
        let s = split(text, agency);
        (s.text, s.unit, s.date)
    }

    #[test]
    fn a_date_wrapped_over_lines_is_joined() {
        // LibreOffice wrapping nianbao's Word 落款: 「日」 alone on the last line.
        for text in ["无。\n某局\n2025年12月31\n日", "无。\n某局\n2025年\n12月31日", "无。\n某局\n2025年12月\n31\n日"]
        {
            let got = split(text, "某局");
            assert_eq!((got.text.as_str(), got.unit.as_str(), got.date.as_str()), ("无。", "某局", "2025年12月31日"), "{text}");
            assert_eq!(got.doubt, None);
        }
    }

    #[test]
    fn an_unread_unit_or_date_at_the_end_is_a_doubt_not_silently_text() {
        // Dates in forms not read as the 落款's date, and a unit that cannot be told from 六's text.
        for (text, doubt) in [
            ("无。\n青山县人民政府办公室\n2025.1.15", "2025.1.15"),
            ("无。\n青山县人民政府办公室\n2025年1月15", "2025年1月15"),
            ("青山县人民政府办公室", "青山县人民政府办公室"),
            ("无。\n一\n2025-01-15", "2025-01-15"),
            // A long unit wrapped by the page, which is not the report's agency.
            (
                "无。\n中共青山县委青山县人民政府信访局青山县人民政府人民\n来访接待中心\n2025年12月31日",
                "中共青山县委青山县人民政府信访局青山县人民政府人民",
            ),
        ] {
            assert_eq!(split(text, "").doubt.as_deref(), Some(doubt), "{text}");
        }
        // 六 left empty: the 落款 is every line, one unit or several.
        let (text, unit, date) =
            s("青山县市场监督管理局城东分局执法大队第一中队\n青山县司法局\n2023年6月6日", "青山县市场监督管理局");
        assert_eq!(
            (text.as_str(), unit.as_str(), date.as_str()),
            ("", "青山县市场监督管理局城东分局执法大队第一中队\n青山县司法局", "2023年6月6日")
        );
        // The agency's name wrapped by the page (its first line ends like a unit, its second does not).
        let odd = "中共青山县委青山县人民政府信访局青山县人民政府人民来访";
        let (text, unit, _) = s("中共青山县委青山县人民政府\n信访局青山县人民政府人民来访\n青山县司法局\n2023年5月18日", odd);
        assert_eq!((text.as_str(), unit.as_str()), ("", format!("{odd}\n青山县司法局").as_str()));
        let (text, unit, _) = s("青山县人民政府办公室\n2025年1月15日", "青山县人民政府办公室");
        assert_eq!((text.as_str(), unit.as_str()), ("", "青山县人民政府办公室"));
        // Undated, the report's own agency alone (wrapped or not) is its 落款; another unit is a doubt.
        let long = "中共青山县委青山县人民政府信访局青山县人民政府人民来访接待中心";
        for (text, agency) in [
            ("青山县人民政府办公室", "青山县人民政府办公室"),
            ("中共青山县委青山县人民政府信访局\n青山县人民政府人民来访接待中心", long),
        ] {
            let got = split(text, agency);
            assert_eq!((got.text.as_str(), got.unit.as_str(), got.doubt), ("", agency, None), "{text}");
        }
        assert_eq!(split("青山县司法局", "青山县人民政府办公室").doubt.as_deref(), Some("青山县司法局"));
        // Sentences and a read 落款 leave no doubt.
        assert_eq!(split("本年度收取信息处理费120元。\n2025年共收到申请5件。", "").doubt, None);
        assert_eq!(split("无。\n青山县人民政府办公室\n2025年1月15日", "").doubt, None);
        assert_eq!(split("本机关未收取信息处理费。", "").doubt, None);
    }

    #[test]
    fn the_signature_comes_off_the_end() {
        let (t, u, d) = s("无。\n威海市文登区人民政府办公室\n2023 年 1 月 16 日", "");
        assert_eq!((t.as_str(), u.as_str(), d.as_str()), ("无。", "威海市文登区人民政府办公室", "2023年1月16日"));
        assert_eq!(s("本机关未收取信息处理费。", "").1, "");
        assert_eq!(s("本机关未收取信息处理费。\n无", "").0, "本机关未收取信息处理费。\n无", "not a unit");
    }

    #[test]
    fn joint_wrapped_long_and_undated_units() {
        let joint = s("其他事项：无。\n青山县市场监督管理局\n青山县司法局\n2025年1月20日", "青山县市场监督管理局");
        assert_eq!((joint.0.as_str(), joint.1.as_str()), ("其他事项：无。", "青山县市场监督管理局\n青山县司法局"));
        let long = "中共青山县委青山县人民政府信访局青山县人民政府人民来访接待中心";
        let wrapped = s("无。\n中共青山县委青山县人民政府信访局\n青山县人民政府人民来访接待中心\n2025年1月20日", long);
        assert_eq!((wrapped.0.as_str(), wrapped.1.as_str()), ("无。", long));
        let odd = s(
            "无。\n中共青山县委青山县人民政府\n信访局青山县人民政府人民来访\n2025年1月20日",
            "中共青山县委青山县人民政府信访局青山县人民政府人民来访",
        );
        assert_eq!(odd.1, "中共青山县委青山县人民政府信访局青山县人民政府人民来访", "wrapped after a unit-like ending too");
        let one_line = s(&format!("无。\n{long}\n2025年1月20日"), "");
        assert_eq!(one_line.1, long, "a 32-character unit on one line");
        let odd_end = "中共青山县委青山县人民政府信访局青山县人民政府人民来访";
        assert_eq!(s(&format!("无。\n{odd_end}\n2025年1月20日"), "").1, odd_end, "above the date, whatever it ends with");
        let undated = s("本年度收取信息处理费35.5元。\n青山县人民政府办公室", "青山县人民政府办公室");
        assert_eq!(undated, ("本年度收取信息处理费35.5元。".into(), "青山县人民政府办公室".into(), String::new()));
    }

    #[test]
    fn a_signature_on_one_line_and_a_seal_note_are_read() {
        for text in [
            "无。\n临江县司法局　　2025年1月15日",
            "无。\n临江县司法局2025年1月15日",
            "无。\n临江县司法局（盖章）\n2025年1月15日",
        ] {
            let got = split(text, "");
            assert_eq!(
                (got.text.as_str(), got.unit.as_str(), got.date.as_str()),
                ("无。", "临江县司法局", "2025年1月15日"),
                "{text}"
            );
        }
        assert_eq!(s("无。\n某某中心(印章)\n二〇二五年一月十八日", "").1, "某某中心");
        // A sentence ending with a date stays 六's text.
        assert_eq!(s("本制度自2025年1月15日", "").0, "本制度自2025年1月15日");
    }

    #[test]
    fn a_note_or_attachments_after_the_signature_are_listed_and_two_units_on_a_line_are_two() {
        for (tail, listed) in [("（此件公开发布）", "（此件公开发布）"), ("附件：1.信息公开统计表", "附件：1.信息公开统计表")]
        {
            let got = split(&format!("无。\n青山县市场监督管理局\n2025年1月20日\n{tail}"), "青山县市场监督管理局");
            assert_eq!(
                (got.text.as_str(), got.unit.as_str(), got.date.as_str()),
                ("无。", "青山县市场监督管理局", "2025年1月20日")
            );
            assert_eq!(got.debris.as_deref(), Some(listed));
        }
        let got = split("无。\n青山县市场监督管理局　青山县发展和改革局\n2025年1月20日", "青山县市场监督管理局");
        assert_eq!(got.unit, "青山县市场监督管理局\n青山县发展和改革局");
    }

    #[test]
    fn a_full_width_date_is_a_date() {
        let got = split("无。\n某局\n２０２５年１月２０日", "某局");
        assert_eq!((got.text.as_str(), got.unit.as_str(), got.date.as_str()), ("无。", "某局", "2025年1月20日"));
    }

    #[test]
    fn table_debris_after_the_date_is_listed_not_left_in_part_six() {
        // Undated, after the report's own agency (六 empty, a PDF's last table cell copied after it).
        let got = split("临江县卫生健康局\n7件", "临江县卫生健康局");
        assert_eq!((got.text.as_str(), got.unit.as_str(), got.debris.as_deref()), ("", "临江县卫生健康局", Some("7件")));
        // Text copied from a PDF whose table cells are drawn after the 落款.
        for (text, debris) in [("无。\n某局\n2025年1月8日\n总计\n12", "总计 12"), ("无。\n某局\n二〇二五年一月十五日\n8", "8")]
        {
            let got = split(text, "某局");
            assert_eq!((got.text.as_str(), got.unit.as_str()), ("无。", "某局"), "{text}");
            assert!(!got.date.is_empty(), "{text}");
            assert_eq!(got.debris.as_deref(), Some(debris));
        }
        // Neither date nor the agency's name before them: the lines are 六's, as before.
        assert_eq!(split("无。\n某局\n总计\n12", "").debris, None);
        assert_eq!(split("无。\n某局\n总计\n12", "某局").debris.as_deref(), Some("总计 12"));
        assert_eq!(split("无。\n某局\n2025年1月8日", "某局").debris, None);
    }
}
