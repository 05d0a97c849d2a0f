//! The 前言's contact sentence: 负责科室, phone, address, postcode, e-mail.

use crate::import::Review;
use crate::model::Report;

mod values;

/// The labels of the contact sentence's values: a value ends where the next
/// label starts (contact lines without punctuation between them).
pub(super) const LABELS: [&str; 17] = [
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
    "联系方式",
    "网址",
];

/// What names the phone: 「联系电话」「咨询电话」「电话/传真」, 「联系方式：0576-…」.
const PHONE_LABELS: [&str; 2] = ["电话", "联系方式"];
/// How many phone labels are looked at for the first value that tries to be a number.
const MAX_PHONE_LABELS: usize = 8;

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

/// A labelled value as the text has it, up to the end of its clause.
struct Found {
    label: String,
    value: String,
    /// Over a line break and not ended as a value ends: what precedes the break.
    cut: bool,
    /// Where the text after the value starts (a byte offset).
    next: usize,
}

/// Where the value starting at `start` ends: at a mark ending a clause, the
/// next label, or a closing bracket it did not open (the sentence's); a mark
/// inside a bracket the value opened does not end it. A bracket left open, or
/// holding the next label (「88号（邮政编码311300）」), is an aside: the value
/// ends before it. With `numbers`, a list mark followed by another phone
/// number goes on to that number (「0576-83325678，13857600123」).
fn clause_end(chars: &[char], start: usize, starts_label: &dyn Fn(usize) -> bool, numbers: bool) -> usize {
    let (mut depth, mut outer, mut i) = (0usize, start, start);
    while i < chars.len() {
        let c = chars[i];
        if i > start && starts_label(i) {
            return if depth > 0 { outer } else { i };
        }
        if values::OPEN.contains(&c) {
            if depth == 0 {
                outer = i;
            }
            depth += 1;
        } else if values::CLOSE.contains(&c) {
            if depth == 0 {
                break;
            }
            depth -= 1;
        } else if matches!(c, '。' | '\n') || (depth == 0 && ENDS.contains(&c)) {
            let next: Vec<char> = chars[i + 1..].iter().take(MAX_VALUE_CHARS).copied().collect();
            let spaces = next.iter().take_while(|c| **c == ' ').count();
            let next: String = next[spaces..].iter().collect();
            let another = numbers
                && depth == 0
                && values::PHONE_LIST.contains(&c)
                && !starts_label(i + 1 + spaces)
                && another_number(&next);
            if !another {
                break;
            }
        }
        i += 1;
    }
    if depth > 0 { outer } else { i }
}

/// Whether the text starts with a number standing as an item of its own
/// (「13857600123；」「6001）」), not one the next words run on from (「2024年」).
fn another_number(next: &str) -> bool {
    let p = values::phone(next);
    let rest = next[p.len()..].trim_start();
    p.starts_with(|c: char| c.is_ascii_digit() || values::OPEN.contains(&c))
        && (rest.is_empty()
            || rest.starts_with(|c: char| c == '。' || ENDS.contains(&c) || values::CLOSE.contains(&c))
            || LABELS.iter().any(|l| rest.starts_with(l)))
}

/// Phone, address, postcode, e-mail and 负责科室 from the 前言's last sentence.
/// A value the text's wrapping may have cut, or that does not look like what
/// its label names, is listed in `review`, quoting the text.
pub(super) fn read(text: &str, r: &mut Report, review: &mut Vec<Review>) {
    let (chars, breaks) = unwrapped(&without_justification_spaces(text));
    let chars: Vec<char> = chars.into_iter().map(values::at_sign).collect();
    let text: String = chars.iter().collect();
    let starts_label = |k: usize| LABELS.iter().any(|l| chars[k..].iter().take(l.chars().count()).copied().eq(l.chars()));
    let mut listed: Vec<String> = Vec::new();
    let mut find = |keys: &[&str], numbers: bool, from: usize| -> Option<Found> {
        let (before, _) =
            keys.iter().filter_map(|k| text[from..].split_once(k).map(|(b, _)| (b, k))).min_by_key(|(b, _)| b.len())?;
        let before = &text[..from + before.len()];
        let label = keys.iter().filter(|k| text[before.len()..].starts_with(**k)).max_by_key(|k| k.len())?.to_string();
        let mut start = before.chars().count() + label.chars().count();
        while start < chars.len() && matches!(chars[start], ':' | '：' | '/' | '传' | '真' | ' ') {
            start += 1;
        }
        let end = clause_end(&chars, start, &starts_label, numbers);
        let value = |end: usize| -> String { values::balanced(chars[start..end].iter().collect::<String>().trim()).to_string() };
        // A value over a line break is whole when it ends as a value does (at
        // a mark or the next label), within the longest value; else only what
        // comes before the break is taken, and listed.
        let first_break = breaks.iter().copied().find(|&b| b > start && b < end);
        let ended = end < chars.len() && end - start <= MAX_VALUE_CHARS;
        if let Some(b) = first_break.filter(|_| !ended) {
            return Some(Found { value: value(b), label, cut: true, next: text.len() });
        }
        let v = value(end);
        if v.chars().count() > MAX_VALUE_CHARS {
            let head: String = v.chars().take(20).collect();
            listed.push(format!(
                "前言中「{label}」后的文字「{head}…」超过 {MAX_VALUE_CHARS} 字，未读入，请对照原文在「基本信息」中填写"
            ));
            return None;
        }
        let next = chars[..end].iter().map(|c| c.len_utf8()).sum();
        Some(Found { value: v, label, cut: false, next })
    };
    // The first phone label followed by what tries to be a number: 「电话咨询」
    // 「以下联系方式：」 in prose are no values.
    let tries = |f: &Found| f.value.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '+' | '（' | '('));
    let mut phone = None;
    let mut from = 0;
    for _ in 0..MAX_PHONE_LABELS {
        let Some(f) = find(&PHONE_LABELS, true, from) else { break };
        from = f.next;
        if tries(&f) {
            phone = Some(f);
            break;
        }
    }
    // Numbers under a further 「电话」 label (「联系电话：…；办公电话：…」): the
    // report holds one phone, so they are listed, never silently dropped.
    let mut more_phones = Vec::new();
    let mut from = phone.as_ref().map_or(text.len(), |f| f.next);
    while let Some(f) = find(&PHONE_LABELS, true, from).filter(|_| more_phones.len() < 5) {
        from = f.next;
        let p = values::phone(&f.value);
        if values::phone_fault(&p).is_none() {
            more_phones.push(p);
        }
    }
    let address = find(&["联系地址", "地址", "通信地址", "通讯地址"], false, 0);
    let postcode = find(&["邮编", "邮政编码"], false, 0);
    let email = find(&["电子邮箱", "电子信箱", "邮箱", "E-mail", "Email"], false, 0);
    // A value that is not what its label names: not taken, quoted for review.
    let mut fault = |label: &str, value: &str, why: &str| {
        listed.push(format!("前言中「{label}」后的「{value}」{why}，未读入，请对照原文在「基本信息」中填写"));
    };
    let mut cut: Vec<String> = Vec::new();
    // Only a value that tries to be one is listed: 「电话咨询」「邮箱等方式」 in prose are no values.
    if let Some(f) = phone {
        let p = values::phone(&f.value);
        match values::phone_fault(&p) {
            Some(_) if f.cut && !p.is_empty() => cut.push(format!("「{}」「{p}」", f.label)),
            Some(why) => fault(&f.label, if p.is_empty() { &f.value } else { &p }, why),
            None => {
                if f.cut {
                    cut.push(format!("「{}」「{p}」", f.label));
                }
                r.contact.phone = p;
            }
        }
    }
    if let Some(f) = address.filter(|f| !f.value.is_empty()) {
        if f.cut {
            cut.push(format!("「{}」「{}」", f.label, f.value));
        }
        r.contact.address = f.value;
    }
    if let Some(f) = postcode.filter(|f| f.value.contains(|c: char| c.is_ascii_digit())) {
        match values::postcode(&f.value) {
            Some(p) => r.contact.postcode = p,
            None => fault(&f.label, &f.value, "不是 6 位数字的邮政编码"),
        }
    }
    let labelled = email.as_ref().and_then(|f| values::email(&f.value));
    match (labelled.or_else(|| values::email(&text)), email) {
        (Some(e), _) => r.contact.email = e,
        (None, Some(f)) if f.value.contains(|c: char| c.is_ascii_alphanumeric()) => {
            fault(&f.label, &f.value, "不像电子邮箱地址（名称@域名）")
        }
        (None, _) => {
            if let Some(at) = chars.iter().position(|&c| c == '@') {
                let around: String = chars[at.saturating_sub(12)..(at + 13).min(chars.len())].iter().collect();
                listed
                    .push(format!("前言中「{around}」里的「@」不像电子邮箱地址的一部分，未读入，请对照原文在「基本信息」中填写"));
            }
        }
    }
    for p in more_phones.into_iter().filter(|p| *p != r.contact.phone) {
        let taken =
            if r.contact.phone.is_empty() { String::new() } else { format!("（读入的电话是「{}」）", r.contact.phone) };
        listed.push(format!("前言中另写有电话「{p}」，未读入{taken}，请对照原文在「基本信息」中核对"));
    }
    for value in cut {
        listed.push(format!("前言中的{value}可能被换行截断，请对照原文核对并在「基本信息」中改正"));
    }
    review.extend(listed.into_iter().map(|message| Review { place: "前言".into(), message }));
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
        // 「联系方式」 names the phone when a number follows; in prose it does not hide the real one.
        let (c, review) = read("邮编：318000；联系方式：0576-83329999；电子邮箱：a@b.cn");
        assert_eq!((c.phone.as_str(), c.email.as_str()), ("0576-83329999", "a@b.cn"));
        assert!(review.is_empty(), "{review:?}");
        assert_eq!(read("可通过以下联系方式咨询：电话：0576-83321234。").0.phone, "0576-83321234");
        // What may be cut is listed, never silently short.
        // A phone too short to dial is not taken, and listed quoting it.
        let (c, review) = read("电话：0576-");
        assert_eq!(c.phone, "");
        assert!(review.iter().any(|r| r.message.contains("0576-")), "{review:?}");
        let long = "一".repeat(70);
        let (c, review) = read(&format!("地址：临江县\n{long}"));
        assert_eq!(c.address, "临江县");
        assert!(review.iter().any(|r| r.message.contains("临江县")), "{review:?}");
    }

    /// Each value whole to the end of its clause, brackets balanced, and a
    /// value not looking like what its label names listed, never taken.
    #[test]
    fn values_are_taken_whole_balanced_and_checked() {
        let read = |text: &str| {
            let mut r = Report::new(TemplateId::V2021, 2024, "青山县市场监督管理局");
            let mut review = Vec::new();
            super::read(text, &mut r, &mut review);
            (r.contact, review)
        };
        let taken = |text: &str| {
            let (c, review) = read(text);
            assert!(review.is_empty(), "{text}: {review:?}");
            c
        };
        let ask = "请与青山县市场监督管理局办公室联系";
        // Extensions and several numbers as written.
        assert_eq!(taken(&format!("{ask}（地址：青山县人民路88号；电话：0571-88886000转8012）。")).phone, "0571-88886000转8012");
        assert_eq!(taken(&format!("{ask}（电话：0571-88886000、0571-88886001）。")).phone, "0571-88886000、0571-88886001");
        let c = taken(&format!(
            "{ask}（地址：临江县滨江路42号；邮编：318000；电话：0576-83325678，13857600123；电子邮箱：lj42@163.com）。"
        ));
        assert_eq!((c.phone.as_str(), c.email.as_str()), ("0576-83325678，13857600123", "lj42@163.com"));
        assert_eq!(taken("电话：0571-88886000，2024年本机关").phone, "0571-88886000");
        // Brackets: an area code kept whole, an aside left out (a postcode in it read as the postcode).
        assert_eq!(taken(&format!("{ask}（联系电话：（0571）88886000）。")).phone, "（0571）88886000");
        assert_eq!(taken(&format!("{ask}（电话：0571-88886000（工作日9:00-17:00））。")).phone, "0571-88886000");
        let c = taken(&format!("{ask}（地址：青山县人民路88号（邮政编码311300））。"));
        assert_eq!((c.address.as_str(), c.postcode.as_str()), ("青山县人民路88号", "311300"));
        assert_eq!(taken("地址：青山县人民路88号（行政中心，3号楼）；").address, "青山县人民路88号（行政中心，3号楼）");
        // A full-width 「＠」.
        assert_eq!(taken(&format!("{ask}（电子邮箱：qssjj＠qingshan.gov.cn）。")).email, "qssjj@qingshan.gov.cn");
        // Not what the label names: not taken, listed quoting the text.
        for (text, quoted) in [
            ("（电子邮箱：qssjj#qingshan.gov.cn（请将#换成@））。", "qssjj#qingshan.gov.cn"),
            ("（邮编：3113000）。", "3113000"),
            ("（电话：0571）。", "0571"),
            ("（电话：0571-88886000、6001）。", "6001"),
        ] {
            let (c, review) = read(&format!("{ask}{text}"));
            assert_eq!((c.email.as_str(), c.postcode.as_str(), c.phone.as_str()), ("", "", ""), "{text}");
            assert!(review.iter().any(|r| r.message.contains(quoted) && r.message.contains("未读入")), "{text}: {review:?}");
        }
        // A further labelled phone is listed, not dropped.
        let (c, review) = read(&format!("{ask}（联系人：张三，联系电话：13912345678；办公电话：0571-88886000）。"));
        assert_eq!(c.phone, "13912345678");
        assert!(review.iter().any(|r| r.message.contains("0571-88886000")), "{review:?}");
        // Prose naming a label is no value.
        let (c, review) = read("可通过电话、电子邮箱等方式咨询，邮编和地址见网站。");
        assert_eq!((c.phone.as_str(), c.email.as_str(), c.postcode.as_str()), ("", "", ""));
        assert!(review.is_empty(), "{review:?}");
        let (c, review) = read("如有疑问请联系（请将#换成@）。");
        assert_eq!(c.email, "");
        assert!(review.iter().any(|r| r.message.contains("请将#换成@")), "{review:?}");
    }
}
