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
    fn finds_amounts_in_yuan() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(amounts_in_yuan("收取信息处理费 3940 元，另0.5万元"), vec![d("3940"), d("5000")]);
        assert_eq!(amounts_in_yuan("收费1,200元。"), vec![d("1200")]);
        assert_eq!(amounts_in_yuan("2024年共3件"), Vec::<Decimal>::new());
    }
}
