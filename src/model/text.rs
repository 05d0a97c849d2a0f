//! Small text helpers shared by the checker and the UI.

/// The ASCII character a full-width form (U+FF01–U+FF5E: ０ Ａ ａ ＠ ．…) stands for.
fn ascii_form(c: char) -> Option<char> {
    ('\u{FF01}'..='\u{FF5E}').contains(&c).then(|| char::from_u32(c as u32 - 0xFEE0)).flatten()
}

/// Full-width digits ０–９ (what a Chinese IME often types) become ASCII 0–9;
/// full-width ．－＋ become ASCII too, so “１２．５” parses as a number.
pub fn ascii_digits(s: &str) -> String {
    s.chars().map(|c| ascii_form(c).filter(|a| a.is_ascii_digit() || matches!(a, '.' | '-' | '+')).unwrap_or(c)).collect()
}

/// [`ascii_digits`] and full-width Latin letters and ＠＿ as ASCII: what a
/// phone number, postcode or e-mail address typed with a Chinese IME holds
/// (「０５７１－８８８８６０００」「ｑｓ＠ｑｉｎｇｓｈａｎ．ｇｏｖ．ｃｎ」). Chinese
/// punctuation (，；：（）) stays as written.
pub fn ascii_forms(s: &str) -> String {
    s.chars()
        .map(|c| ascii_form(c).filter(|a| a.is_ascii_alphanumeric() || matches!(a, '.' | '-' | '+' | '@' | '_')).unwrap_or(c))
        .collect()
}

/// Characters a copy can carry that nobody sees: zero-width spaces and joiners,
/// direction marks, embeddings, overrides and isolates, the soft hyphen, the
/// byte-order mark, variation selectors and tags (no bundled face draws them),
/// control characters and noncharacters (no file format may hold them). Every
/// export leaves them out ([`exported`]); S14 names them.
pub fn is_hidden_mark(c: char) -> bool {
    c.is_control()
        || is_noncharacter(c)
        // Unicode's Default_Ignorable_Code_Point (fillers, joiners, selectors, tags …)
        // and the interlinear annotation marks.
        || matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}'..='\u{1160}' | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFFB}' | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}')
}

/// U+FDD0–U+FDEF and the last two code points of every plane (U+FFFE, U+1FFFE …).
fn is_noncharacter(c: char) -> bool {
    let n = c as u32;
    (0xFDD0..=0xFDEF).contains(&n) || n & 0xFFFE == 0xFFFE
}

/// What every export (PDF, Word, web page) writes for `c`: a tab is a space, as
/// is a line break left inside a line (the writers split paragraphs at line breaks
/// first); a hidden mark ([`is_hidden_mark`]) is left out.
pub fn exported(c: char) -> Option<char> {
    match c {
        '\t' | '\n' | '\r' | '\u{2028}' | '\u{2029}' => Some(' '),
        c if is_hidden_mark(c) => None,
        c => Some(c),
    }
}

/// `text` as an export writes it (see [`exported`]).
pub fn export_text(text: &str) -> String {
    text.chars().filter_map(exported).collect()
}

/// Whether an export leaves `c` out: what S14 points out, no more and no less.
pub fn is_dropped(c: char) -> bool {
    exported(c).is_none()
}

/// A character named for a message: a visible one quoted, 「字」; an invisible
/// one by its code point and what it is, 「U+200B 零宽空格」, never itself (a raw
/// direction mark would turn the rest of a terminal line around).
pub fn char_name(c: char) -> String {
    let what = match c {
        '\t' => "制表符",
        '\n' | '\r' | '\u{2028}' | '\u{2029}' => "换行符",
        '\u{200B}' => "零宽空格",
        '\u{200C}' => "零宽非连接符",
        '\u{200D}' => "零宽连接符",
        '\u{2060}' => "零宽不换行符",
        '\u{200E}' => "从左到右标记",
        '\u{200F}' | '\u{061C}' => "从右到左标记",
        '\u{202A}' | '\u{202B}' | '\u{202C}' => "方向嵌入控制符",
        '\u{202D}' | '\u{202E}' => "方向覆盖控制符",
        '\u{2066}'..='\u{2069}' => "方向隔离控制符",
        '\u{00AD}' => "软连字符",
        '\u{FEFF}' => "字节顺序标记",
        '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}' => "变体选择符",
        '\u{E0000}'..='\u{E007F}' => "标签字符",
        c if is_noncharacter(c) => "非字符",
        c if c.is_control() => "控制字符",
        c if is_hidden_mark(c) => "不可见字符",
        c if c.is_whitespace() && c != ' ' && c != '\u{3000}' => "空白字符",
        c => return format!("「{c}」"),
    };
    format!("「U+{:04X} {what}」", c as u32)
}

/// The most entries a message lists before it sums up the rest.
pub const LISTED: usize = 10;

/// `entries` joined by 「、」; past [`LISTED`] of them, the first few and
/// 「等共 M {unit}」 (「个」, 「处」 …), so that a long list stays one short line.
pub fn summarized(entries: impl IntoIterator<Item = String>, unit: &str) -> String {
    let mut shown = Vec::new();
    let mut total = 0;
    for e in entries {
        if total < LISTED {
            shown.push(e);
        }
        total += 1;
    }
    let list = shown.join("、");
    if total > LISTED { format!("{list}等共 {total} {unit}") } else { list }
}

/// A date as 公文 writes it: “2024年1月16日” (full year, no zero padding).
/// Accepts 2024-01-16, 2024/1/16, 2024.1.16, 2024年01月16日 and full-width
/// digits; anything else is returned as typed.
pub fn official_date(s: &str) -> String {
    let t = ascii_digits(s.trim());
    let parts: Vec<&str> = t.split(['-', '/', '.', '年', '月', '日']).filter(|p| !p.is_empty()).collect();
    let numbers: Option<Vec<u32>> = parts.iter().map(|p| p.parse().ok()).collect();
    match numbers.as_deref() {
        Some(&[y, m, d]) if (1990..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d) => {
            format!("{y}年{m}月{d}日")
        }
        _ => s.trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_forms_read_as_ascii_chinese_punctuation_stays() {
        assert_eq!(ascii_digits("１２．５－＋ａ＠"), "12.5-+ａ＠");
        assert_eq!(ascii_forms("０５７１－８８８８６０００"), "0571-88886000");
        assert_eq!(ascii_forms("ｑｓ＿ｊ＠ｑｉｎｇｓｈａｎ．ｇｏｖ．ＣＮ"), "qs_j@qingshan.gov.CN");
        assert_eq!(ascii_forms("（电话，；：）"), "（电话，；：）");
    }

    #[test]
    fn full_width_digits_become_ascii() {
        assert_eq!(ascii_digits("１２３４５６７８９０"), "1234567890");
        assert_eq!(ascii_digits("－１２．５"), "-12.5");
        assert_eq!(ascii_digits("二〇二四年"), "二〇二四年");
    }

    #[test]
    fn dates_are_written_the_official_way() {
        for input in ["2024-01-16", "2024/1/16", "2024.01.16", "2024年01月16日", "２０２４年１月１６日", " 2024年1月16日 "]
        {
            assert_eq!(official_date(input), "2024年1月16日", "{input}");
        }
        assert_eq!(official_date("二〇二四年一月"), "二〇二四年一月");
        assert_eq!(official_date("2024-13-01"), "2024-13-01");
    }

    #[test]
    fn export_drops_exactly_the_hidden_marks() {
        let kept = ['字', 'a', ' ', '\u{3000}', '\u{301}', '\u{E000}', '😀', '𠀀', '\u{10FFFD}'];
        assert!(kept.iter().all(|&c| exported(c) == Some(c)), "visible characters stay");
        for c in ['\t', '\n', '\r', '\u{2028}'] {
            assert_eq!(exported(c), Some(' '), "{c:?} is a space inside a line");
        }
        let dropped = "\0\u{B}\u{C}\u{1B}\u{1F}\u{7F}\u{85}\u{9F}\u{AD}\u{200B}\u{200D}\u{202E}\u{2066}\u{FEFF}\u{FE0F}\u{FDD0}\u{FFFE}\u{FFFF}\u{1FFFE}\u{10FFFF}\u{E0041}";
        for c in dropped.chars() {
            assert!(is_dropped(c) && is_hidden_mark(c), "U+{:04X}", c as u32);
        }
        assert_eq!(export_text("甲\u{200B}乙\t丙\u{0}"), "甲乙 丙");
    }

    #[test]
    fn characters_are_named_visibly() {
        assert_eq!(char_name('字'), "「字」");
        assert_eq!(char_name('\u{200B}'), "「U+200B 零宽空格」");
        assert_eq!(char_name('\u{202E}'), "「U+202E 方向覆盖控制符」");
        assert_eq!(char_name('\u{AD}'), "「U+00AD 软连字符」");
        assert_eq!(char_name('\u{7}'), "「U+0007 控制字符」");
        assert_eq!(char_name('\u{1FFFE}'), "「U+1FFFE 非字符」");
        // Every character export drops is named by its code point, never raw.
        for c in (0..=0x10FFFF).filter_map(char::from_u32).filter(|&c| is_dropped(c)) {
            assert!(char_name(c).starts_with("「U+"), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn long_lists_are_summed_up() {
        let few = summarized(["「甲」".to_string(), "「乙」".to_string()], "个");
        assert_eq!(few, "「甲」、「乙」");
        let many = summarized((0..20_000).map(|i| format!("「{i}」")), "处");
        assert!(many.starts_with("「0」、「1」") && many.ends_with("「9」等共 20000 处"), "{many}");
    }
}
