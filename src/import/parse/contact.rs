//! The 前言's contact sentence: 负责科室, phone, address, postcode, e-mail.

use crate::model::Report;

/// Phone, address, postcode, e-mail and 负责科室 from the 前言's last sentence.
pub(super) fn read(text: &str, r: &mut Report) {
    let text = &without_justification_spaces(text);
    let after = |keys: &[&str]| -> Option<String> {
        let (_, rest) = keys.iter().filter_map(|k| text.split_once(k)).min_by_key(|(b, _)| b.len())?;
        let rest = rest.trim_start_matches([':', '：', '/', '传', '真', ' ']);
        let v: String = rest.chars().take_while(|c| !matches!(c, '，' | '。' | '；' | ';' | ',' | '\n' | '、')).collect();
        let v = without_closing_bracket(v.trim());
        (!v.is_empty() && v.chars().count() <= 60).then_some(v.to_string())
    };
    if let Some(p) = after(&["电话"]) {
        let phone: String =
            p.chars().take_while(|c| c.is_ascii_digit() || matches!(c, '-' | '－' | '（' | '）' | '(' | ')' | ' ')).collect();
        r.contact.phone = without_closing_bracket(phone.trim()).to_string();
    }
    r.contact.address = after(&["联系地址", "地址", "通信地址", "通讯地址"]).unwrap_or_default();
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
    if let Some(p) = after(&["邮编", "邮政编码"]) {
        r.contact.postcode = p.chars().take_while(char::is_ascii_digit).collect();
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
        read(text, &mut r);
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
}
