//! What each contact value must look like: a phone number (or several, with
//! extensions), a 6-digit postcode, an e-mail address, brackets balanced. A
//! value that does not look so is not taken; the caller lists it.

/// Opening and closing brackets.
pub(super) const OPEN: [char; 2] = ['（', '('];
pub(super) const CLOSE: [char; 2] = ['）', ')'];

/// What parts several phone numbers written in one value
/// (「0576-83325678，13857600123」「0571-88886000、0571-88886001」).
pub(super) const PHONE_LIST: [char; 5] = ['、', '，', ',', '/', '或'];

/// The digits a phone number has at least (a local number without its area code).
const PHONE_DIGITS: usize = 7;

/// A character a phone number may hold, besides brackets around an area
/// code and an extension's 「转」/「分机」.
fn phone_char(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '-' | '－' | '—' | '–' | ' ' | '+' | '.' | '转')
}

/// The bracket opening at `chars[0]` up to its closing one: `(length, aside)`,
/// an aside when it holds more than a number (「（值班）」「（工作日9:00-17:00）」,
/// not an area code 「（0571）」); none when it is not closed.
fn bracket(chars: &[char]) -> Option<(usize, bool)> {
    if !chars.first().is_some_and(|c| OPEN.contains(c)) {
        return None;
    }
    let mut depth = 0usize;
    for (i, c) in chars.iter().enumerate() {
        if OPEN.contains(c) {
            depth += 1;
        } else if CLOSE.contains(c) {
            depth -= 1;
            if depth == 0 {
                return Some((i + 1, !chars[1..i].iter().all(|&c| phone_char(c))));
            }
        }
    }
    None
}

/// The length in bytes of an aside in brackets the text starts with
/// (spaces before it included), 0 when there is none.
pub(super) fn aside_len(text: &str) -> usize {
    let spaces = text.len() - text.trim_start_matches(' ').len();
    let chars: Vec<char> = text[spaces..].chars().collect();
    match bracket(&chars) {
        Some((n, true)) => spaces + chars[..n].iter().map(|c| c.len_utf8()).sum::<usize>(),
        _ => 0,
    }
}

/// The text without its asides in brackets (an area code's brackets kept).
fn without_asides(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        match bracket(&chars[i..]) {
            Some((n, true)) => i += n,
            _ => {
                out.push(chars[i]);
                i += 1;
            }
        }
    }
    out
}

/// The text cut before a bracket it opens and does not close, and before a
/// closing bracket it never opened: an aside 「（工作日9:00-17:00）」 the
/// value stopped inside, or the bracket closing the sentence around it.
pub(super) fn balanced(v: &str) -> &str {
    let mut depth = 0usize;
    let mut outer = None;
    for (i, c) in v.char_indices() {
        if OPEN.contains(&c) {
            if depth == 0 {
                outer = Some(i);
            }
            depth += 1;
        } else if CLOSE.contains(&c) {
            if depth == 0 {
                return v[..i].trim_end();
            }
            depth -= 1;
        }
    }
    match outer.filter(|_| depth > 0) {
        Some(i) => v[..i].trim_end(),
        None => v,
    }
}

/// The phone numbers at the start of a value as written, with their
/// extensions (「转8012」「分机8012」) and the marks between them. An aside
/// after a number (「（值班）」) is kept when another number follows it
/// (「0571-88886000（办公室）、13857600123」), else left out with the words
/// after the numbers.
pub(super) fn phone(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    let mut end = 0;
    while end < chars.len() {
        let c = chars[end];
        if phone_char(c) || (PHONE_LIST.contains(&c) && end > 0) {
            end += 1;
        } else if chars[end..].starts_with(&['分', '机']) {
            end += 2;
        } else if let Some((n, aside)) = OPEN.contains(&c).then(|| bracket(&chars[end..])).flatten() {
            let after: String = chars[end + n..].iter().collect();
            let after = after.trim_start_matches(' ');
            let another = after
                .strip_prefix(PHONE_LIST)
                .is_some_and(|rest| rest.trim_start().starts_with(|c: char| c.is_ascii_digit() || OPEN.contains(&c)));
            if aside && !another {
                break;
            }
            end += n;
        } else {
            break;
        }
    }
    let mut phone: String = chars[..end].iter().collect();
    // A group of digits the next words run on from (「0571-88881234 2024年」) is not the phone's.
    if phone.ends_with(|c: char| c.is_ascii_digit()) && chars.get(end).is_some_and(|c| !c.is_whitespace()) {
        if let Some((head, _)) = phone.rsplit_once(' ') {
            phone = head.to_string();
        }
    }
    balanced(phone.trim()).trim_end_matches(|c: char| matches!(c, ' ' | '.') || PHONE_LIST.contains(&c)).to_string()
}

/// Why a phone value is not a phone number: each number of it needs
/// `PHONE_DIGITS` digits and ends with a digit.
pub(super) fn phone_fault(phone: &str) -> Option<&'static str> {
    if phone.is_empty() {
        return Some("不是电话号码");
    }
    let short = without_asides(phone).split(PHONE_LIST).any(|n| {
        let n = n.trim();
        n.chars().filter(char::is_ascii_digit).count() < PHONE_DIGITS
            || !n.ends_with(|c: char| c.is_ascii_digit() || CLOSE.contains(&c))
    });
    short.then_some("不像完整的电话号码")
}

/// The postcode: six digits (spaces between them allowed), else none.
pub(super) fn postcode(value: &str) -> Option<String> {
    let digits: String = value.chars().take_while(|c| c.is_ascii_digit() || *c == ' ').filter(char::is_ascii_digit).collect();
    (digits.len() == 6).then_some(digits)
}

/// The postcodes written after the first in a value (「311300、311301」):
/// each further group of six digits.
pub(super) fn further_postcodes(value: &str) -> Vec<String> {
    let groups = value.split(|c: char| !c.is_ascii_digit() && c != ' ');
    groups.skip(1).filter_map(postcode).collect()
}

/// The first of the text's [`emails`].
pub(super) fn email(text: &str) -> Option<String> {
    emails(text).into_iter().next()
}

/// The e-mail addresses in the text, each once, in order: a local part,
/// 「@」, and a domain of at least two dotted parts, its last letters.
pub(super) fn emails(text: &str) -> Vec<String> {
    let chars: Vec<char> = crate::model::text::ascii_forms(text).chars().collect();
    let word = |c: &char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '+');
    let mut found: Vec<String> = Vec::new();
    let each = chars.iter().enumerate().filter(|(_, c)| **c == '@').filter_map(|(at, _)| {
        let left: String = chars[..at].iter().rev().take_while(|c| word(c)).collect::<Vec<_>>().into_iter().rev().collect();
        let right: String = chars[at + 1..].iter().take_while(|c| word(c)).collect();
        let right = right.trim_end_matches(['.', '-']);
        let left = left.trim_start_matches('.');
        let parts: Vec<&str> = right.split('.').collect();
        let domain = parts.len() >= 2 && parts.iter().all(|p| !p.is_empty() && !p.starts_with('-'));
        let alpha_top = parts.last().is_some_and(|p| p.chars().all(|c| c.is_ascii_alphabetic()));
        (!left.is_empty() && domain && alpha_top).then(|| format!("{left}@{right}"))
    });
    for e in each {
        if !found.contains(&e) {
            found.push(e);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_are_taken_whole_with_extensions_and_second_numbers() {
        assert_eq!(phone("0571-88886000转8012"), "0571-88886000转8012");
        assert_eq!(phone("0571-88886000分机8012"), "0571-88886000分机8012");
        assert_eq!(phone("0576-83325678，13857600123"), "0576-83325678，13857600123");
        assert_eq!(phone("0571-88886000、0571-88886001"), "0571-88886000、0571-88886001");
        assert_eq!(phone("（0571）88886000"), "（0571）88886000");
        assert_eq!(phone("0571-88886000（工作日9:00-17:00）"), "0571-88886000");
        assert_eq!(phone("0571-88881234 2024年"), "0571-88881234");
        assert_eq!(phone("0571-88881234 0571-88885678"), "0571-88881234 0571-88885678");
        assert_eq!(phone_fault("0571-88886000转8012"), None);
        assert_eq!(phone_fault("0576-83325678，13857600123"), None);
        assert_eq!(phone_fault("(0517)87290606"), None);
        assert!(phone_fault("0576-").is_some());
        assert!(phone_fault("0571").is_some());
        assert!(phone_fault("0571-88886000、6001").is_some());
        assert!(phone_fault("").is_some());
    }

    #[test]
    fn brackets_are_balanced_or_cut_before() {
        assert_eq!(balanced("青山县人民路88号（"), "青山县人民路88号");
        assert_eq!(balanced("滨江路（东段）12号"), "滨江路（东段）12号");
        assert_eq!(balanced("88886000）"), "88886000");
        assert_eq!(balanced("88号（邮政编码311300"), "88号");
    }

    #[test]
    fn postcodes_have_six_digits() {
        assert_eq!(postcode("311300"), Some("311300".into()));
        assert_eq!(postcode("311300）"), Some("311300".into()));
        assert_eq!(postcode("3113000"), None);
        assert_eq!(postcode("31130"), None);
        assert_eq!(postcode("311 300"), Some("311300".into()));
    }

    #[test]
    fn emails_need_a_local_part_and_a_dotted_domain() {
        assert_eq!(email("qssjj＠qingshan.gov.cn"), Some("qssjj@qingshan.gov.cn".into()));
        assert_eq!(email("qs@qingshan.gov.cn）。"), Some("qs@qingshan.gov.cn".into()));
        assert_eq!(email("qssjj#qingshan.gov.cn（请将#换成@）"), None);
        assert_eq!(email("qssjj@qingshan"), None);
        assert_eq!(email("lj42@163.com"), Some("lj42@163.com".into()));
    }
}
