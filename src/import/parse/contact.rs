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

/// What names the postcode.
const POSTCODE_LABELS: [&str; 2] = ["邮编", "邮政编码"];

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
/// ends before it. With a `list` kind, a mark followed by another value of
/// that kind goes on to it (「0576-83325678，13857600123」「a@b.cn；c@d.cn」).
fn clause_end(chars: &[char], start: usize, starts_label: &dyn Fn(usize) -> bool, list: Option<List>) -> usize {
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
            let another = list.is_some_and(|l| depth == 0 && l.another(c, &next)) && !starts_label(i + 1 + spaces);
            if !another {
                break;
            }
        }
        i += 1;
    }
    if depth > 0 { outer } else { i }
}

/// The values written as a list under one label: several phones, e-mails or postcodes.
#[derive(Clone, Copy)]
enum List {
    Phones,
    Emails,
    Postcodes,
}

impl List {
    /// Whether `mark` followed by `next` goes on to another value of the list.
    fn another(self, mark: char, next: &str) -> bool {
        let marks_item = values::PHONE_LIST.contains(&mark) || (!matches!(self, List::Phones) && matches!(mark, '；' | ';'));
        marks_item
            && match self {
                List::Phones => another_number(next),
                List::Emails => {
                    let len =
                        next.chars().take_while(|c| c.is_ascii_alphanumeric() || ".-_+@".contains(*c)).map(char::len_utf8).sum();
                    values::email(&next[..len]).is_some() && ends_item(&next[len..])
                }
                List::Postcodes => {
                    let len = next.chars().take_while(char::is_ascii_digit).count();
                    len == 6 && ends_item(&next[len..])
                }
            }
    }
}

/// Whether the text after an item ends it: nothing, a mark, a closing bracket or the next label.
fn ends_item(rest: &str) -> bool {
    let rest = rest.trim_start();
    rest.is_empty()
        || rest.starts_with(|c: char| c == '。' || ENDS.contains(&c) || values::CLOSE.contains(&c))
        || LABELS.iter().any(|l| rest.starts_with(l))
}

/// Whether the text starts with a number standing as an item of its own
/// (「13857600123；」「6001）」「13857600123（值班）；」), not one the next
/// words run on from (「2024年」).
fn another_number(next: &str) -> bool {
    let p = values::phone(next);
    let rest = &next[p.len()..];
    p.starts_with(|c: char| c.is_ascii_digit() || values::OPEN.contains(&c)) && ends_item(&rest[values::aside_len(rest)..])
}

/// Phone, address, postcode, e-mail and 负责科室 from the 前言's last sentence.
/// A value the text's wrapping may have cut, or that does not look like what
/// its label names, is listed in `review`, quoting the text.
pub(super) fn read(text: &str, r: &mut Report, review: &mut Vec<Review>) {
    // Full-width digits, letters, 「－」「＠」「．」 (a Chinese IME's) read as ASCII.
    let (chars, breaks) = unwrapped(&without_justification_spaces(&crate::model::text::ascii_forms(text)));
    let text: String = chars.iter().collect();
    let starts_label = |k: usize| LABELS.iter().any(|l| chars[k..].iter().take(l.chars().count()).copied().eq(l.chars()));
    let mut listed: Vec<String> = Vec::new();
    let mut find = |keys: &[&str], list: Option<List>, from: usize| -> Option<Found> {
        let (before, _) =
            keys.iter().filter_map(|k| text[from..].split_once(k).map(|(b, _)| (b, k))).min_by_key(|(b, _)| b.len())?;
        let before = &text[..from + before.len()];
        let label = keys.iter().filter(|k| text[before.len()..].starts_with(**k)).max_by_key(|k| k.len())?.to_string();
        let mut start = before.chars().count() + label.chars().count();
        while start < chars.len() && matches!(chars[start], ':' | '：' | '/' | '传' | '真' | ' ') {
            start += 1;
        }
        let end = clause_end(&chars, start, &starts_label, list);
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
        let Some(f) = find(&PHONE_LABELS, Some(List::Phones), from) else { break };
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
    while let Some(f) = find(&PHONE_LABELS, Some(List::Phones), from).filter(|_| more_phones.len() < 5) {
        from = f.next;
        let p = values::phone(&f.value);
        if values::phone_fault(&p).is_none() {
            more_phones.push(p);
        }
    }
    let address = find(&["联系地址", "地址", "通信地址", "通讯地址"], None, 0);
    // Every labelled postcode: the report holds one, a further different one is listed.
    let mut postcodes = Vec::new();
    let mut from = 0;
    while let Some(f) = find(&POSTCODE_LABELS, Some(List::Postcodes), from).filter(|_| postcodes.len() < 5) {
        from = f.next;
        postcodes.push(f);
    }
    let email = find(&["电子邮箱", "电子信箱", "邮箱", "E-mail", "Email"], Some(List::Emails), 0);
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
    let mut more_postcodes = Vec::new();
    for (i, f) in postcodes.iter().enumerate().filter(|(_, f)| f.value.contains(|c: char| c.is_ascii_digit())) {
        match values::postcode(&f.value) {
            Some(p) if r.contact.postcode.is_empty() => r.contact.postcode = p,
            Some(p) => more_postcodes.push(p),
            None if i == 0 => fault(&f.label, &f.value, "不是 6 位数字的邮政编码"),
            None => more_postcodes.push(f.value.clone()),
        }
        more_postcodes.extend(values::further_postcodes(&f.value));
    }
    // Several e-mails under the label are kept as written, joined by 「、」.
    let labelled = email.as_ref().map(|f| values::emails(&f.value).join("、")).filter(|e| !e.is_empty());
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
    let mut seen = vec![r.contact.postcode.clone()];
    for p in more_postcodes {
        if !seen.contains(&p) {
            let taken = if r.contact.postcode.is_empty() {
                String::new()
            } else {
                format!("（读入的邮编是「{}」）", r.contact.postcode)
            };
            listed.push(format!("前言中另写有邮编「{p}」，未读入{taken}，请对照原文在「基本信息」中核对"));
            seen.push(p);
        }
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
mod tests;
