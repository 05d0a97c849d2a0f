//! Small text helpers shared by the checker and the UI.

use super::decimal::Decimal;

/// Full-width digits ０–９ (what a Chinese IME often types) become ASCII 0–9;
/// full-width ．－＋ become ASCII too, so “１２．５” parses as a number.
pub fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            '－' => '-',
            '＋' => '+',
            _ => c,
        })
        .collect()
}

/// Every amount written as “N元” or “N万元” in the text, in 元.
/// Expects ASCII digits (see [`ascii_digits`]); thousands separators are allowed.
pub fn amounts_in_yuan(text: &str) -> Vec<Decimal> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.' || chars[i] == ',') {
            i += 1;
        }
        let number: String = chars[start..i].iter().filter(|c| **c != ',').collect();
        let mut j = i;
        while j < chars.len() && chars[j].is_whitespace() {
            j += 1;
        }
        let factor = match (chars.get(j), chars.get(j + 1)) {
            (Some('元'), _) => Some(1),
            (Some('万'), Some('元')) => Some(10_000),
            _ => None,
        };
        if let (Some(factor), Ok(d)) = (factor, number.trim_end_matches('.').parse::<Decimal>())
            && let Some(v) = d.checked_mul(factor)
        {
            out.push(v);
        }
    }
    out
}

/// Characters a copy can carry that nobody sees: zero-width spaces and joiners,
/// direction marks and isolates, the byte-order mark, variation selectors and
/// tags (no bundled face draws them), control characters.
pub fn is_hidden_mark(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}'
            | '\u{FE00}'..='\u{FE0F}' | '\u{E0000}'..='\u{E007F}' | '\u{E0100}'..='\u{E01EF}')
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
    fn finds_amounts_in_yuan() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(amounts_in_yuan("收取信息处理费 3940 元，另0.5万元"), vec![d("3940"), d("5000")]);
        assert_eq!(amounts_in_yuan("收费1,200元。"), vec![d("1200")]);
        assert_eq!(amounts_in_yuan("2024年共3件"), Vec::<Decimal>::new());
    }
}
