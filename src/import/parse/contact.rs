//! The 前言's contact sentence: 负责科室, phone, address, postcode, e-mail.

use crate::import::Review;
use crate::model::Report;

/// The labels of the contact sentence's values: a value ends where the next
/// label starts (contact lines without punctuation between them).
pub(super) const LABELS: [&str; 16] = [
    "联系地址",
    "通信地址",
    "通讯地址",
    "地址",
    "联系电话",
    "电话",
    "传真",
    "邮政编码",
    "邮编",
    "电子邮箱",
    "电子信箱",
    "邮箱",
    "E-mail",
    "Email",
    "联系人",
    "网址",
];

/// What ends a value in the sentence.
const ENDS: [char; 7] = ['，', '。', '；', ';', ',', '、', '\n'];

/// The longest value taken.
const MAX_VALUE_CHARS: usize = 60;

/// The contact text with its line breaks taken out: a page's or a copy's
/// wrapping may fall inside a label (「地\n址」) or a value (「0576-\n83321234」).
/// A break between two ASCII letters or digits stays as a space (two numbers
/// 「0571-88881234\n0571-88885678」 stay two). With where each break was (the
/// index of the character after it).
fn unwrapped(text: &str) -> (Vec<char>, Vec<usize>) {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut breaks = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if c != '\n' {
            out.push(c);
            continue;
        }
        let alnum = |c: Option<&char>| c.is_some_and(char::is_ascii_alphanumeric);
        if alnum(out.last()) && alnum(chars.get(i + 1)) {
            out.push(' ');
        }
        breaks.push(out.len());
    }
    (out, breaks)
}

/// Phone, address, postcode, e-mail and 负责科室 from the 前言's last sentence.
/// A value the text's wrapping may have cut is listed in `review`.
pub(super) fn read(text: &str, r: &mut Report, review: &mut Vec<Review>) {
    let (chars, breaks) = unwrapped(&without_justification_spaces(text));
    let text: String = chars.iter().collect();
    let starts_label = |k: usize| LABELS.iter().any(|l| chars[k..].iter().take(l.chars().count()).copied().eq(l.chars()));
    let mut cut: Vec<String> = Vec::new();
    let mut after = |keys: &[&str]| -> Option<String> {
        let (before, _) = keys.iter().filter_map(|k| text.split_once(k).map(|(b, _)| (b, k))).min_by_key(|(b, _)| b.len())?;
        let label = keys.iter().filter(|k| text[before.len()..].starts_with(**k)).max_by_key(|k| k.len())?;
        let mut i = before.chars().count() + label.chars().count();
        while i < chars.len() && matches!(chars[i], ':' | '：' | '/' | '传' | '真' | ' ') {
            i += 1;
        }
        let start = i;
        while i < chars.len() && !ENDS.contains(&chars[i]) && !(i > start && starts_label(i)) {
            i += 1;
        }
        let value = |end: usize| -> String {
            let v: String = chars[start..end].iter().collect();
            without_closing_bracket(v.trim()).to_string()
        };
        // A value over a line break is whole when it ends as a value does (at
        // a mark or the next label), within the longest value; else only what
        // comes before the break is taken, and listed.
        let first_break = breaks.iter().copied().find(|&b| b > start && b < i);
        let ended = i < chars.len() && i - start <= MAX_VALUE_CHARS;
        if let Some(b) = first_break.filter(|_| !ended) {
            let v = value(b);
            if !v.is_empty() {
                cut.push(format!("「{label}」「{v}」"));
            }
            return (!v.is_empty()).then_some(v);
        }
        let v = value(i);
        (!v.is_empty() && v.chars().count() <= MAX_VALUE_CHARS).then_some(v)
    };
    if let Some(p) = after(&["电话"]) {
        let phone: String =
            p.chars().take_while(|c| c.is_ascii_digit() || matches!(c, '-' | '－' | '（' | '）' | '(' | ')' | ' ')).collect();
        // A group of digits the next words run on from (「0571-88881234 2024年」) is not the phone's.
        let phone = match phone.trim_end().rsplit_once(' ') {
            Some((head, _))
                if phone.ends_with(|c: char| c.is_ascii_digit())
                    && p.chars().nth(phone.chars().count()).is_some_and(|c| !c.is_whitespace()) =>
            {
                head.to_string()
            }
            _ => phone,
        };
        r.contact.phone = without_closing_bracket(phone.trim()).to_string();
    }
    r.contact.address = after(&["联系地址", "地址", "通信地址", "通讯地址"]).unwrap_or_default();
    if let Some(p) = after(&["邮编", "邮政编码"]) {
        r.contact.postcode = p.chars().take_while(char::is_ascii_digit).collect();
    }
    // A phone number ending in 「-」 or an open bracket, or too short to dial: cut.
    let phone = &r.contact.phone;
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    if !phone.is_empty() && (digits < 7 || phone.ends_with(['-', '－', '（', '('])) {
        cut.push(format!("「电话」「{phone}」"));
    }
    for value in cut {
        review.push(Review {
            place: "前言".into(),
            message: format!("前言中的{value}可能被换行截断，请对照原文核对并在「基本信息」中改正"),
        });
    }
    // 负责科室: 「请与某局办公室联系」 names the agency, then its office.
    let agency = r.agency.trim();
    if let Some((_, rest)) = text.rsplit_once("请与")
        && let Some((who, _)) = rest.split_once("联系")
        && let Some(office) = who.trim().strip_prefix(agency).filter(|_| !agency.is_empty())
        && office.chars().count() <= 20
        && !office.contains(['，', '。'])
    {
        r.contact.department = office.trim().to_string();
    }
    if let Some(at) = text.find('@') {
        let word = |c: &char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-');
        let left: String = text[..at].chars().rev().take_while(word).collect::<Vec<_>>().into_iter().rev().collect();
        let right: String = text[at + 1..].chars().take_while(word).collect();
        r.contact.email = format!("{left}@{}", right.trim_end_matches('.'));
    }
}

/// A value without the bracket closing the sentence around it: in
/// 「（电话：0517-87290606）」「（地址：临江县滨江路12号）」 it is not the value's.
fn without_closing_bracket(v: &str) -> &str {
    if v.contains(['（', '(']) { v } else { v.trim_end_matches(['）', ')']).trim_end() }
}

/// The text without the spaces a justified line spreads between characters
/// (LibreOffice's PDF: 「电 话 ： 0571- 88881234 ；」): a space stays only between
/// two ASCII letters or digits, where it may part two numbers
/// (「0571-88881234 0571-88885678」).
fn without_justification_spaces(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() && c != '\n' {
            let before = chars[..i].iter().rev().find(|c| !c.is_whitespace() || **c == '\n');
            let after = chars[i + 1..].iter().find(|c| !c.is_whitespace() || **c == '\n');
            let keeps = |c: Option<&char>| c.is_some_and(char::is_ascii_alphanumeric);
            if !(keeps(before) && keeps(after)) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TemplateId;

    fn contact(text: &str) -> crate::model::report::Contact {
        let mut r = Report::new(TemplateId::V2021, 2024, "青山县人民政府办公室");
        read(text, &mut r, &mut Vec::new());
        r.contact
    }

    #[test]
    fn spaces_from_justification_inside_labels_and_numbers_are_read_through() {
        let c = contact(
            "请与青山县人民政府办公室办公室联系（地 址 ： 青山县人民路 1 号 ； 邮 编 ： 311300 ； 电 话 ： 0571- 88881234 ； 电 子 邮 箱 ： qs@qingshan.gov.cn ）。",
        );
        assert_eq!(c.phone, "0571-88881234");
        assert_eq!((c.address.as_str(), c.postcode.as_str()), ("青山县人民路1号", "311300"));
        assert_eq!(c.email, "qs@qingshan.gov.cn");
        assert_eq!(c.department, "办公室");
        assert_eq!(contact("电\u{3000}话：0571 －\u{a0}88881234。").phone, "0571－88881234");
        // Two numbers stay two: the space between them is kept.
        assert_eq!(contact("电话：0571-88881234 0571-88885678。").phone, "0571-88881234 0571-88885678");
        // A line wrapped inside the address (a web page printed to PDF), the bracket closing the sentence.
        let c = contact("请与青山县人民政府办公室联系（地址：临江县滨 江路12号；电话：0576-83321234）。");
        assert_eq!((c.address.as_str(), c.phone.as_str()), ("临江县滨江路12号", "0576-83321234"));
        assert_eq!(contact("联系（地址：临江县滨江路12号）。").address, "临江县滨江路12号");
        assert_eq!(contact("地址：滨江路（东段）12号。").address, "滨江路（东段）12号");
    }

    #[test]
    fn a_value_or_label_broken_by_a_line_is_joined_or_listed() {
        let read = |text: &str| {
            let mut r = Report::new(TemplateId::V2021, 2024, "临江县卫生健康局");
            let mut review = Vec::new();
            super::read(text, &mut r, &mut review);
            (r.contact, review)
        };
        // Web pages printed by a browser, text copied from a PDF, a <br> after the label.
        let (c, review) = read(
            "请与临江县卫生健康局办公室联系（地\n址：临江县\n滨江路47号；邮编：318000；电话：0576-\n83321234；电子邮箱：\nlj47@163.com）。",
        );
        assert_eq!((c.address.as_str(), c.phone.as_str()), ("临江县滨江路47号", "0576-83321234"));
        assert_eq!((c.email.as_str(), c.department.as_str()), ("lj47@163.com", "办公室"));
        assert!(review.is_empty(), "{review:?}");
        assert_eq!(read("请与临江县卫生\n健康局办公室联系（电话：0576-8332\n5678；").0.phone, "0576-8332 5678");
        assert_eq!(read("电话：\n(0576)83320011；").0.phone, "(0576)83320011");
        // Contact lines without marks between them: each value ends at the next label.
        let (c, review) = read("联系电话：0576-83321234\n地址：临江县滨江路47号\n邮编：318000");
        assert_eq!((c.phone.as_str(), c.address.as_str(), c.postcode.as_str()), ("0576-83321234", "临江县滨江路47号", "318000"));
        assert!(review.is_empty(), "{review:?}");
        assert_eq!(read("电话：0571-88881234\n2024年，本机关…").0.phone, "0571-88881234");
        // What may be cut is listed, never silently short.
        let (c, review) = read("电话：0576-");
        assert_eq!(c.phone, "0576-");
        assert!(review.iter().any(|r| r.message.contains("0576-")), "{review:?}");
        let long = "一".repeat(70);
        let (c, review) = read(&format!("地址：临江县\n{long}"));
        assert_eq!(c.address, "临江县");
        assert!(review.iter().any(|r| r.message.contains("临江县")), "{review:?}");
    }
}
